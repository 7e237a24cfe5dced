"""A firm's training needs re-ranked by what the regional market asks, with the reason for each."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.intelligence.selectors.briefings import latest_published
from skillcluster.intelligence.selectors.demand import skill_demand
from skillcluster.intelligence.selectors.ranking import firm_needs
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import firm_get_for_user


@login_required
def firm_page(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    needs = firm_needs(firm)
    rising = sorted((d for d in skill_demand(firm.cluster_id).values() if d.change.direction == "rising"),
                    key=lambda d: -d.change.low)[:8]  # fmt: skip
    context = {"firm": firm, "access": access, "needs": needs, "rising": rising,
               "briefing": latest_published(firm.cluster_id),
               "moved": sum(1 for i, n in enumerate(needs) if i < 10 and n.weighted != n.priority)}  # fmt: skip
    return render(request, "intelligence/firm.html", context)
