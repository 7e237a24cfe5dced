"""Rating people's skills (self, manager, assessor) and a person's skills profile.

The firm is fetched with no action asked (`perm=None`): whoever holds any permission on it reaches the
rating form (an assessor of the cluster included), and `domain.permissions.rating_refusal` decides.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods

from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import AuditPerm, may_rate_others, rating_refusal
from skillcluster.audits.forms import LEVEL_CHOICES
from skillcluster.audits.selectors import proposals as proposal_records
from skillcluster.audits.selectors import records, reports
from skillcluster.audits.services import proposals, ratings
from skillcluster.audits.views.common import page, whole_number
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors import lookup
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import flash_errors


def _rate_source(access: Access, about_self: bool, asked: str | None) -> Source:
    if asked in {s.value for s in Source}:
        return Source(asked)
    if about_self:
        return Source.SELF
    return Source.MANAGER if access.has(AuditPerm.RATE_MANAGER) else Source.ASSESSOR


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: PersonRequest, firm_id: int, person_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=None)
    member = records.member_get(firm, person_id)
    about_self = member.person_id == request.user.pk
    source = _rate_source(access, about_self, request.POST.get("source") or request.GET.get("source"))
    if not about_self and not may_rate_others(access):
        raise PermissionDenied("You may rate your own skills only.")
    if request.method == "GET" and rating_refusal(access, source, about_self=about_self):
        source = _rate_source(access, about_self, None)  # never offer a form that will refuse to save
    if request.method == "POST":
        added = _save_ratings(request, firm, access, member.person, source)
        if added is not None:
            messages.success(request, _saved(added, source))
            sees_profile = about_self or access.has(AuditPerm.VIEW_REPORT)
            return redirect("audits_person" if sees_profile else "audits_rate", firm_id=firm_id, person_id=person_id)
    query = request.GET.get("q", "").strip()
    extra = [int(v) for v in request.GET.getlist("add") if v.isdigit()]
    context = page(
        firm, access, member=member, source=source.value, query=query, about_self=about_self,
        found=lookup.skill_search(query), rows=reports.rating_rows(firm, member.person, extra),
        level_choices=LEVEL_CHOICES, extra=extra,
    )  # fmt: skip
    return render(request, "audits/rate.html", context, status=400 if request.method == "POST" else 200)


def _saved(added: int, source: Source) -> str:
    if source is Source.SELF:
        text = ngettext("%(n)s rating(s) saved as self.", "%(n)s rating(s) saved as self.", added)
    elif source is Source.MANAGER:
        text = ngettext("%(n)s rating(s) saved as manager.", "%(n)s rating(s) saved as manager.", added)
    else:
        text = ngettext("%(n)s rating(s) saved as assessor.", "%(n)s rating(s) saved as assessor.", added)
    return text % {"n": added}


def _save_ratings(request: PersonRequest, firm: Firm, access: Access, person: Person, source: Source) -> int | None:
    """All ratings of the form in one transaction, or none (the messages say why)."""
    skill_ids = [int(k.split("_", 1)[1]) for k, v in request.POST.items() if k.startswith("level_") and v != ""]
    skills = Skill.objects.in_bulk(skill_ids)
    try:
        with transaction.atomic():
            for skill_id in skill_ids:
                if skill_id not in skills:
                    raise ValidationError({"skill": gettext("No skill with id %(id)s.") % {"id": skill_id}})
                ratings.check_rating_add(
                    access=access, rater=request.user, firm=firm, person=person, skill=skills[skill_id],
                    level=whole_number(request.POST[f"level_{skill_id}"], "level"), source=source.value,
                    note=request.POST.get(f"note_{skill_id}", ""),
                    evidence_url=request.POST.get(f"evidence_{skill_id}", "").strip(),
                )  # fmt: skip
    except ValidationError as error:
        flash_errors(request, error)
        return None
    if not skill_ids:
        messages.error(request, gettext("Choose a level for at least one skill."))
        return None
    return len(skill_ids)


@login_required
def person(request: PersonRequest, firm_id: int, person_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id)
    member = records.member_get(firm, person_id)
    if member.person_id != request.user.pk and not access.has(AuditPerm.VIEW_REPORT):
        raise PermissionDenied("You may see your own skills profile only.")
    pending = proposal_records.pending_proposals(firm, member.person)
    context = page(firm, access, member=member, profile=reports.person_profile(firm, member.person),
                   pending=pending, may_confirm=may_rate_others(access) and member.person_id != request.user.pk,
                   level_choices=LEVEL_CHOICES)  # fmt: skip
    return render(request, "audits/person.html", context)


@login_required
@require_http_methods(["POST"])
def proposal_decide(request: PersonRequest, firm_id: int, proposal_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=None)
    found = proposal_records.proposal_get(firm, proposal_id)
    if found is None or not may_rate_others(access):
        raise PermissionDenied("Only the person's manager or an assessor confirms a training result.")
    confirm = request.POST.get("decision") == "confirm"
    try:
        level = whole_number(request.POST.get("level"), "level") if confirm else None
        decided = proposals.check_proposal_decide(access=access, decider=request.user, proposal=found,
                                                  confirm=confirm, level=level)  # fmt: skip
        names = {"skill": label_text(decided.skill), "person": decided.person.full_name}
        done = (
            gettext("%(skill)s for %(person)s: confirmed.")
            if confirm
            else gettext("%(skill)s for %(person)s: declined.")
        )
        messages.success(request, done % names)
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("audits_person", firm_id=firm.pk, person_id=found.person_id)
