"""The guided audit: where the firm stands, its roles and their required skills, who holds which role.

Thin: tenancy's `firm_get_for_user` decides 404/403 with an `AuditPerm`, services write, templates render.
Every page works without JavaScript (forms post and redirect back; skill search is a GET form).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.forms import IMPORTANCE_CHOICES, REQUIRED_CHOICES, RoleCreateForm
from skillcluster.audits.models import Role, RoleRequirement
from skillcluster.audits.selectors import records
from skillcluster.audits.selectors.progress import audit_progress
from skillcluster.audits.services import campaigns, roles
from skillcluster.audits.views.common import page, whole_number
from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.selectors import lookup
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import flash_errors


@login_required
def overview(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id)
    context = page(firm, access, progress=audit_progress(firm), campaign=records.campaign_current(firm))
    return render(request, "audits/overview.html", context)


@login_required
@require_POST
def campaign(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    current = campaigns.campaign_start(firm=firm, started_by=request.user)
    step = request.POST.get("step", "")
    if step:
        try:
            campaigns.campaign_step_done(campaign=current, step=step)
        except ValidationError as error:
            flash_errors(request, error)
    return redirect("audits_firm", firm_id=firm_id)


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    form = RoleCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        occupation = Occupation.objects.filter(pk=form.cleaned_data["occupation"]).first()
        try:
            role = roles.role_create(
                firm=firm, title=form.cleaned_data["title"], occupation=occupation,
                include_optional=form.cleaned_data["include_optional"],
            )  # fmt: skip
        except ValidationError as error:
            flash_errors(request, error)
        else:
            count = role.requirements.count()
            # Translators: English says "skills" whatever the count.
            created = ngettext("Role '%(role)s' created with %(n)s skills.",
                               "Role '%(role)s' created with %(n)s skills.", count)  # fmt: skip
            messages.success(request, created % {"role": role.title, "n": count})
            return redirect("audits_role", firm_id=firm_id, role_id=role.pk)
    title = request.GET.get("title", "").strip()
    context = page(
        firm, access, roles=records.role_list(firm), title=title, form=form,
        proposals=lookup.occupation_proposals(title) if title else [],
    )  # fmt: skip
    return render(request, "audits/roles.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def role_detail(request: PersonRequest, firm_id: int, role_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    role = records.role_get(firm, role_id)
    requirements = list(records.requirement_list(role))
    posted = request.method == "POST" and request.POST.get("action") == "save"
    errors: list[str] = []
    to_remove: list[RoleRequirement] = []
    if request.method == "POST" and not posted:
        try:
            _requirement_add(request, role)
        except ValidationError as error:
            flash_errors(request, error)
        return redirect("audits_role", firm_id=firm_id, role_id=role_id)
    if posted:
        removing = {whole_number(v, "remove") for v in request.POST.getlist("remove")}
        to_remove = [r for r in requirements if r.pk in removing]
        if not to_remove or request.POST.get("confirm") == "yes":  # a removal is confirmed on a second click
            try:
                changed, removed = roles.requirements_edit(role=role, levels=_posted_levels(request), remove=removing)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _saved_message(changed, removed))
                return redirect("audits_role", firm_id=firm_id, role_id=role_id)
    query = request.GET.get("q", "").strip()
    context = page(
        firm, access, role=role, rows=_requirement_rows(requirements, request.POST if posted else None),
        confirm_remove=to_remove if posted and not errors else [], errors=errors, query=query,
        found=lookup.skill_search(query), level_choices=REQUIRED_CHOICES, importance_choices=IMPORTANCE_CHOICES,
    )  # fmt: skip
    return render(request, "audits/role.html", context, status=400 if errors else 200)


def _posted_levels(request: PersonRequest) -> dict[int, tuple[int, int]]:
    ids = [key.removeprefix("level_") for key in request.POST if key.startswith("level_")]
    return {
        whole_number(pk, "requirement"): (
            whole_number(request.POST.get(f"level_{pk}"), "level"),
            whole_number(request.POST.get(f"importance_{pk}"), "importance"),
        )
        for pk in ids
    }


def _requirement_rows(requirements: list[RoleRequirement], data: QueryDict | None) -> list[dict[str, object]]:
    """Each requirement with the values to show: as saved, or as just posted (kept while confirming)."""
    removing = set(data.getlist("remove")) if data is not None else set()
    return [
        {
            "req": r,
            "level": data.get(f"level_{r.pk}", str(r.level)) if data is not None else str(r.level),
            "importance": data.get(f"importance_{r.pk}", str(r.importance)) if data is not None else str(r.importance),
            "remove": str(r.pk) in removing,
        }
        for r in requirements
    ]


def _saved_message(changed: int, removed: list[str]) -> str:
    if removed:
        return ngettext(
            "Saved: %(n)s skill changed; removed: %(removed)s.",
            "Saved: %(n)s skills changed; removed: %(removed)s.",
            changed,
        ) % {"n": changed, "removed": ", ".join(removed)}
    return ngettext("Saved: %(n)s skill changed.", "Saved: %(n)s skills changed.", changed) % {"n": changed}


def _requirement_add(request: PersonRequest, role: Role) -> None:
    skill = Skill.objects.filter(pk=whole_number(request.POST.get("skill"), "skill")).first()
    if skill is None:
        raise ValidationError({"skill": gettext("No such skill.")})
    level = whole_number(request.POST.get("level"), "level")
    importance = whole_number(request.POST.get("importance"), "importance")
    roles.requirement_add(role=role, skill=skill, level=level, importance=importance)
    messages.success(request, gettext("Added '%(skill)s'.") % {"skill": label_text(skill)})


@login_required
@require_POST
def role_delete(request: PersonRequest, firm_id: int, role_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    role = records.role_get(firm, role_id)
    if request.POST.get("confirm") != "yes":
        refused = gettext("Tick “delete ‘%(role)s’ and its skills” to delete the role; nothing was changed.")
        messages.error(request, refused % {"role": role.title})
        return redirect("audits_role", firm_id=firm_id, role_id=role_id)
    roles.role_delete(role=role)
    messages.success(request, gettext("Role '%(role)s' deleted.") % {"role": role.title})
    return redirect("audits_roles", firm_id=firm_id)


@login_required
@require_http_methods(["GET", "POST"])
def assign(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.RUN)
    members = list(records.member_list(firm))
    if request.method == "POST":
        try:
            with transaction.atomic():
                for member in members:
                    ids = [whole_number(v, "roles") for v in request.POST.getlist(f"roles_{member.pk}")]
                    roles.assignments_set(firm=firm, membership=member, role_ids=ids)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, gettext("Roles assigned."))
            return redirect("audits_assign", firm_id=firm_id)
    assigned = records.assignment_map(firm)
    rows = [(m, assigned.get(m.pk, set())) for m in members]
    return render(request, "audits/assign.html", page(firm, access, rows=rows, roles=records.role_list(firm)))
