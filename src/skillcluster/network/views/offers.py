"""A firm's mentoring page: the person's mentorships, the skills they could mentor others of the cluster in and
their offers; for the owner, the offers waiting for the firm's agreement and what the firm's logged learning
consisted of. Works without JavaScript: forms post and redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from skillcluster.network.domain.mentors import LANGUAGES, MENTOR_LEVEL
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import MentorOffer
from skillcluster.network.selectors import log as log_selectors
from skillcluster.network.selectors import offers as selectors
from skillcluster.network.selectors.matching import cluster_matching
from skillcluster.network.services import mentorships as mentorship_services
from skillcluster.network.services import offers as services
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.domain.disclosure import MIN_STAFF
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import flash_errors, posted_int


@login_required
def mentoring(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.OFFER)
    owner = access.has(NetworkPerm.AGREE)
    context = {
        "firm": firm, "access": access, "mentorable": selectors.mentorable(firm, request.user),
        "offers": selectors.live_offers(firm) if owner else [], "here": "mentoring",
        "mentorships": log_selectors.mentorships_of(request.user), "circles": log_selectors.circles_of(request.user),
        "balance": log_selectors.firm_balance(firm) if owner else None, "min_staff": MIN_STAFF,
        "perceived": log_selectors.perceived(firm) if owner else None,
        "languages": LANGUAGES, "mentor_level": MENTOR_LEVEL,
    }  # fmt: skip
    return render(request, "network/mentoring.html", context)


@login_required
@require_POST
def offer(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.OFFER)
    skill = Skill.objects.filter(pk=posted_int(request.POST.get("skill"))).first()
    if skill is None:
        raise Http404("No such skill")
    try:
        capacity = posted_int(request.POST.get("capacity"))
        services.check_offer_create(access=access, firm=firm, person=request.user, skill=skill, capacity=capacity,
                                    languages=request.POST.getlist("languages"),
                                    availability=request.POST.get("availability", ""))  # fmt: skip
        messages.success(request, gettext("You offer to mentor in “%(skill)s”.") % {"skill": label_text(skill)})
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("network_firm", firm.pk)


@login_required
@require_POST
def agree(request: PersonRequest, firm_id: int, offer_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.AGREE)
    found = MentorOffer.objects.filter(firm=firm, pk=offer_id).first()
    if found is None:
        raise Http404("No such offer")
    try:
        services.check_offer_agree(access=access, offer=found, actor=request.user)
        messages.success(
            request,
            gettext("%(name)s may mentor in “%(skill)s”.")
            % {"name": found.person.full_name, "skill": label_text(found.skill)},
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("network_firm", firm.pk)


@login_required
@require_POST
def withdraw(request: PersonRequest, firm_id: int, offer_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.OFFER)
    found = MentorOffer.objects.filter(firm=firm, pk=offer_id).first()
    if found is None or (found.person_id != request.user.pk and not access.has(NetworkPerm.AGREE)):
        raise Http404("No such offer")
    services.offer_withdraw(offer=found)
    messages.success(
        request, gettext("The offer to mentor in “%(skill)s” is withdrawn.") % {"skill": label_text(found.skill)}
    )
    return redirect("network_firm", firm.pk)


@login_required
@require_POST
def ask(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=NetworkPerm.OFFER)
    try:
        made = mentorship_services.check_ask_for_mentor(access=access, found=cluster_matching(firm.cluster),
                                                        person=request.user)  # fmt: skip
    except ValidationError as error:
        flash_errors(request, error)
    else:
        names = "; ".join(
            gettext("%(name)s (%(firm)s) in “%(skill)s”") % {"name": m.mentor.full_name, "firm": m.mentor_firm,
                                                            "skill": m.skill}
            for m in made
        )  # fmt: skip
        messages.success(request, ngettext("Proposed: %(names)s. Your mentor is asked to accept.",
                                           "Proposed: %(names)s. Your mentors are asked to accept.",
                                           len(made)) % {"names": names})  # fmt: skip
    return redirect("network_firm", firm.pk)
