"""Skills-matrix import pages: upload, row-by-row problems, confirmation of uncertain skill links.

The uploaded bytes wait in the session between the upload and the confirmation, so nothing is written
before the person confirms; the apply step parses the same bytes again and writes all or nothing.
"""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.matrix_import import MAX_BYTES, ImportRefused
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.forms import ImportForm
from skillcluster.audits.services import imports
from skillcluster.audits.views.common import page
from skillcluster.taxonomy.selectors import lookup
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import body_at_most


def _key(firm_id: int) -> str:
    return f"audits_import_{firm_id}"


@login_required
@require_http_methods(["GET", "POST"])
@body_at_most(MAX_BYTES + 64 * 1024, gettext_lazy("The file"))
def upload(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = page(firm, access, form=form, recorded_as=_recorded_as(access))
    if request.method != "POST" or not form.is_valid():
        return render(request, "audits/import.html", context, status=400 if form.errors else 200)
    data = form.cleaned_data["file"].read(MAX_BYTES + 1)
    try:
        plan = imports.matrix_import_check(firm=firm, access=access, data=data)
    except ImportRefused as refused:
        return render(request, "audits/import.html", context | {"problems": refused.problems}, status=400)
    if plan.to_confirm:
        request.session[_key(firm_id)] = base64.b64encode(data).decode()
        labels = lookup.skill_labels(link.skill_uri for link in plan.to_confirm)
        links = [(link, labels.get(link.skill_uri, link.skill_uri)) for link in plan.to_confirm]
        summary = {"people": len({c.person for c in plan.cells}), "skills": len({c.skill_uri for c in plan.cells})}
        return render(request, "audits/import_confirm.html", context | {"plan": plan, "links": links} | summary)
    return _apply(request, firm, access, data, ())


@login_required
@require_POST
def confirm(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    stored = request.session.get(_key(firm_id))
    if not stored:
        messages.error(request, gettext("That import has expired: upload the file again."))
        return redirect("audits_import", firm_id=firm_id)
    return _apply(request, firm, access, base64.b64decode(stored), request.POST.getlist("confirm"))


def _recorded_as(access: Access) -> str:
    """How imported levels are recorded, in words: they are someone's judgement, not a fact about a person."""
    try:
        source = imports.import_source(access)
    except ImportRefused:
        return ""
    if source is Source.MANAGER:
        return gettext("manager ratings by you (your own row, if any, as a self rating)")
    return gettext("assessor ratings by you (your own row, if any, as a self rating)")


def _apply(
    request: PersonRequest, firm: Firm, access: Access, data: bytes, confirmed: list[str] | tuple[()]
) -> HttpResponse:
    try:
        added = imports.matrix_import_apply(
            firm=firm, access=access, rater=request.user, data=data, confirmed=confirmed
        )
    except ImportRefused as refused:
        context = page(firm, access, form=ImportForm(), problems=refused.problems, recorded_as=_recorded_as(access))
        return render(request, "audits/import.html", context, status=400)
    request.session.pop(_key(firm.pk), None)
    # Translators: English says "ratings" whatever the count.
    imported = ngettext("Imported %(n)s ratings, recorded as %(how)s.",
                        "Imported %(n)s ratings, recorded as %(how)s.", added)  # fmt: skip
    messages.success(request, imported % {"n": added, "how": _recorded_as(access)})
    return redirect("audits_matrix", firm_id=firm.pk)
