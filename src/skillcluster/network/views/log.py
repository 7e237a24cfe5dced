"""A person's learning log in a firm: add an entry, see the balance of what the log consisted of, and turn
entries naming a skill into an accreditation claim. Works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.forms import EntryForm
from skillcluster.network.models import LogEntry, Mentorship, MentorshipStatus
from skillcluster.network.selectors import log as selectors
from skillcluster.network.services import log as services
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import apply_errors, flash_errors, posted_int, posted_ints


def _form(firm: Firm, person: Person, data: object = None) -> EntryForm:
    return EntryForm(
        data,
        mentorships=Mentorship.all_objects.filter(mentee=person, status=MentorshipStatus.ACTIVE).select_related(
            "mentor", "mentee", "skill"),
        circles=selectors.circles_of(person),
        placements=selectors.placements_of(person),
        skills=selectors.loggable_skills(firm, person),
    )  # fmt: skip


@login_required
def learning_log(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    form = _form(firm, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_entry_add(
                access=access, firm=firm, person=request.user, kind=data["kind"], component=data["component"],
                happened_on=data["happened_on"], minutes=data["minutes"], practised=data["practised"],
                reflection=data["reflection"], skills=list(data["skills"]), mentorship=data.get("mentorship"),
                circle=data.get("circle"), placement=data.get("placement"), confirmer_name=data["confirmer_name"],
                confirmer_email=data["confirmer_email"], confirmer_relation=data["confirmer_relation"],
            )  # fmt: skip
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, gettext("Logged."))
            return redirect("network_log", firm.pk)
    entries = selectors.person_log(firm, request.user)
    context = {
        "firm": firm, "access": access, "form": form, "entries": entries,
        "claimable": selectors.claimable(entries), "balance": selectors.balance(entries),
        "levels": range(1, 5),
    }  # fmt: skip
    return render(request, "network/log.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def claim_from_log(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    skill = Skill.objects.filter(pk=posted_int(request.POST.get("skill"))).first()
    if skill is None:
        raise Http404("No such skill")
    entries = list(selectors.person_log(firm, request.user).filter(pk__in=posted_ints(request.POST.getlist("entries"))))
    try:
        claim = services.check_claim_from_log(
            access=access,
            firm=firm,
            person=request.user,
            entries=entries,
            skill=skill,
            level=posted_int(request.POST.get("level")) or 0,
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("network_log", firm.pk)
    asked = claim.statement_requests.count()
    evidence = ngettext("%(count)d entry", "%(count)d entries", len(entries)) % {"count": len(entries)}
    if asked:
        text = ngettext(
            "Claim started with %(evidence)s as evidence and %(count)d statement request sent. Check it and submit "
            "it for assessment.",
            "Claim started with %(evidence)s as evidence and %(count)d statement requests sent. Check it and submit "
            "it for assessment.",
            asked,
        ) % {"evidence": evidence, "count": asked}
    else:
        text = gettext("Claim started with %(evidence)s as evidence. Check it and submit it for assessment.") % {
            "evidence": evidence
        }
    messages.success(request, text)
    return redirect("claim_detail", claim.pk)


@login_required
@require_POST
def entry_delete(request: PersonRequest, firm_id: int, entry_id: int) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.LOG)
    entry = LogEntry.all_objects.filter(firm=firm, person=request.user, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry")
    try:
        services.entry_delete(entry=entry)
        messages.success(request, gettext("The entry is deleted."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("network_log", firm.pk)
