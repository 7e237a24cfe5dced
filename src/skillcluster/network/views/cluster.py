"""The cluster's learning-network pages: for the manager, the matching's proposed pairs with a reason for each,
the needs left without a mentor and why, and the mentorships under way; for the manager and the auditor, the
knowledge-flow map between firms."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from skillcluster.network.domain import matching, wording
from skillcluster.network.domain.matching import Key
from skillcluster.network.domain.mentors import MENTOR_LEVEL
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import Mentorship
from skillcluster.network.selectors.flows import MAP_HEIGHT, MAP_WIDTH, cross_firm_credentials, flow_map, scarce_skills
from skillcluster.network.selectors.log import cluster_balance
from skillcluster.network.selectors.matching import cluster_matching, proposals
from skillcluster.network.services import mentorships as services
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS, MIN_PEOPLE
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import flash_errors


@login_required
def matching_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=NetworkPerm.MATCH)
    found = cluster_matching(cluster)
    outcome = matching.match(found.problem)
    rows = [
        (p, wording.reason_text(p.reason, skill=label_text(p.skill),
                                mentor=f"{p.offer.person.full_name} ({p.offer.firm})" if p.offer else ""))
        for p in proposals(found, outcome)
    ]  # fmt: skip
    matched = [(p, text) for p, text in rows if p.reason.code == "matched"]
    unmatched = Counter(text for p, text in rows if p.reason.code != "matched")
    context = {
        "cluster": cluster, "access": access, "outcome": outcome, "matched": matched,
        "unmatched": unmatched.most_common(), "needs": len(rows),
        "offers": len(found.offers), "places": sum(m.capacity for m in found.problem.mentors),
        "mentorships": Mentorship.all_objects.filter(cluster=cluster).select_related(
            "mentor", "mentee", "mentor_firm", "mentee_firm", "skill")[:200],
    }  # fmt: skip
    return render(request, "network/matching.html", context)


@login_required
@require_POST
def propose(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=NetworkPerm.MATCH)
    found = cluster_matching(cluster)
    outcome = matching.match(found.problem)
    chosen = set(request.POST.getlist("needs"))
    pairs: dict[Key, Key] = {need: mentor for need, mentor in outcome.pairs.items() if str(need) in chosen}
    if not pairs:
        messages.error(
            request, gettext("Tick at least one pair to propose (the plan may have changed: it is shown afresh).")
        )
        return redirect("network_cluster", cluster.pk)
    try:
        made = services.check_propose(access=access, found=found, pairs=pairs,
                                      actor=request.user)  # fmt: skip
    except ValidationError as error:
        flash_errors(request, error)
    else:
        skipped = len(chosen) - len(made)
        text = ngettext(
            "%(count)d pair proposed; mentees and mentors are asked to accept.",
            "%(count)d pairs proposed; mentees and mentors are asked to accept.",
            len(made),
        ) % {"count": len(made)}
        if skipped:
            text += " " + ngettext(
                "%(count)d ticked pair changed meanwhile and waits for your next look.",
                "%(count)d ticked pairs changed meanwhile and wait for your next look.",
                skipped,
            ) % {"count": skipped}
        messages.success(request, text)
    return redirect("network_cluster", cluster.pk)


@login_required
def flows_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=NetworkPerm.FLOWS)
    found = flow_map(cluster)
    context = {
        "cluster": cluster, "access": access, "map": found, "width": MAP_WIDTH, "height": MAP_HEIGHT,
        "density": round(100 * found.density), "reach": round(100 * found.reach),
        "linked": len(found.nodes), "firm_count": found.firms,
        "credentials": cross_firm_credentials(cluster), "scarce": scarce_skills(cluster),
        "mentor_level": MENTOR_LEVEL, "min_people": MIN_PEOPLE, "balance": cluster_balance(cluster.pk),
        "min_firms": MIN_FIRMS,
    }  # fmt: skip
    return render(request, "network/flows.html", context)
