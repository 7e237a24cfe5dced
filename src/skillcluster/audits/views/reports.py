"""A firm's skills matrix, gap report and exports, and the cluster's k-floored aggregate."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from skillcluster.audits.domain import charts
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.models import AuditStep
from skillcluster.audits.selectors import aggregates, exports, reports
from skillcluster.audits.views.common import ATTRIBUTION, page
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.permissions import TenancyPerm
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user
from skillcluster.tenancy.services.audit_log import audit_record


@login_required
def matrix(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    return render(request, "audits/matrix.html", page(firm, access, matrix=reports.firm_matrix(firm)))


@login_required
def report(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    gap = reports.gap_report(firm)
    categories = reports.rows_percent(gap.by_category)
    context = page(
        firm, access, report=gap, chart=charts.category_bars(categories), categories=categories,
        pbi_percent=None if gap.production_bias is None else round(100 * gap.production_bias),
        people=reports.rows_percent(gap.by_person), role_rows=reports.rows_percent(gap.by_role),
        areas=reports.rows_percent(gap.by_area), other_percent=reports.share_percent(gap.other_share),
        specific_held=reports.share_percent(gap.job_specificity.held),
        specific_required=reports.share_percent(gap.job_specificity.required),
    )  # fmt: skip
    return render(request, "audits/report.html", context)


@login_required
def export(request: PersonRequest, firm_id: int, what: str, fmt: str) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=AuditPerm.VIEW_REPORT)
    try:
        body, content_type, name = exports.firm_export(firm, what, fmt)
    except ValueError:
        raise Http404("No such export") from None
    audit_record("audit.exported", actor=request.user, firm=firm, subject=name)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def cluster(request: PersonRequest, cluster_id: int) -> HttpResponse:
    found, access = cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_VIEW_AGGREGATES)
    aggregate, needs = aggregates.cluster_figures_cached(found)
    context = {
        "cluster": found, "access": access, "aggregate": aggregate,
        "needs": needs, "min_firms": disclosure.MIN_FIRMS,
        "min_people": disclosure.MIN_PEOPLE, "attribution": ATTRIBUTION, "audit_step": AuditStep,
    }  # fmt: skip
    return render(request, "audits/cluster.html", context)
