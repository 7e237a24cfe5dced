"""One mentorship, for its mentee and its mentor only: the goal, who the other is, the answer to a proposal,
the sessions the mentee logged. Nothing of either firm's audit is shown here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from skillcluster.network.domain import log as log_rules
from skillcluster.network.domain import wording
from skillcluster.network.domain.matching import PairReason
from skillcluster.network.models import MentorshipStatus
from skillcluster.network.selectors import log as selectors
from skillcluster.network.services import mentorships as services
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.http import PersonRequest
from skillcluster.web import flash_errors


@login_required
def mentorship(request: PersonRequest, mentorship_id: int) -> HttpResponse:
    found = selectors.mentorship_get(request.user, mentorship_id)
    side = "mentee" if found.mentee_id == request.user.pk else "mentor"
    reason = dict(found.reason)
    why = wording.reason_text(
        PairReason(str(reason.pop("code", "matched")), found.offer_id, reason),
        mentor=f"{found.mentor.full_name} ({found.mentor_firm})", skill=label_text(found.skill),
    )  # fmt: skip
    entries = selectors.mentorship_log(found)
    context = {
        "m": found, "side": side, "why": why, "entries": entries,
        "total": log_rules.hours(sum(e.minutes for e in entries)), "answered": getattr(found, f"{side}_accepted_at"),
        "proposed": found.status == MentorshipStatus.PROPOSED, "active": found.status == MentorshipStatus.ACTIVE,
    }  # fmt: skip
    return render(request, "network/mentorship.html", context)


@login_required
@require_POST
def answer(request: PersonRequest, mentorship_id: int) -> HttpResponse:
    found = selectors.mentorship_get(request.user, mentorship_id)
    accept = request.POST.get("answer") == "accept"
    try:
        done = services.check_answer(mentorship=found, person=request.user, accept=accept)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if done.status == MentorshipStatus.ACTIVE:
            messages.success(request, gettext("Agreed by both of you: the mentoring starts. Log each session."))
        elif accept:
            messages.success(request, gettext("Accepted; waiting for the other side's answer."))
        else:
            messages.success(request, gettext("Declined. The next proposal will pair you with someone else."))
    return redirect("network_mentorship", found.pk)


@login_required
@require_POST
def end(request: PersonRequest, mentorship_id: int) -> HttpResponse:
    found = selectors.mentorship_get(request.user, mentorship_id)
    try:
        services.check_end(mentorship=found, person=request.user)
        messages.success(request, gettext("The mentorship is ended; its log stays."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("network_mentorship", found.pk)
