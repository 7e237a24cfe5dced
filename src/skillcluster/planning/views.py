"""A firm's learning plan page: the plan's items with their status, its balance planned and done beside the
diagnostic's perceived balance and the notes on it, the suggestions to take in; a firm in crisis mode sees one
next step and a two-minute monthly check-in instead. Works without JavaScript."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from skillcluster.diagnostics.selectors.firm_report import FirmReport
from skillcluster.planning import selectors, services
from skillcluster.planning.domain import export as export_rules
from skillcluster.planning.domain.permissions import PlanningPerm
from skillcluster.planning.models import COMPONENT_CHOICES, KIND_CHOICES, PlanItem
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Firm, Person
from skillcluster.tenancy.navigation import activity_offers
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user
from skillcluster.web import flash_errors, posted_int, posted_ints

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(firm: Firm) -> FirmReport | None:
    offers = activity_offers(firm)  # an action the cluster offers nothing of now is passed over, as on the report
    return selectors.latest_report(firm, frozenset(a for a, offer in offers.items() if offer is None))


@login_required
def plan_page(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    plan = services.plan_current(firm=firm, actor=request.user)
    report = _report(firm)
    crisis = selectors.in_crisis(report) and request.GET.get("full") != "1"
    context = {
        "firm": firm, "access": access, "view": selectors.plan_view(plan, report), "report": report,
        "suggestions": selectors.suggestions(firm, plan, report), "crisis": crisis,
        "step": selectors.next_step(report, firm) if crisis else None, "check_ins": selectors.check_ins(firm)[:6],
        "components": COMPONENT_CHOICES, "kinds": KIND_CHOICES,
        "people": Person.objects.filter(memberships__firm=firm).order_by("full_name"),
    }  # fmt: skip
    return render(request, "planning/plan.html", context)


@login_required
@require_POST
def item_add(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    plan = services.plan_current(firm=firm, actor=request.user)
    post = request.POST
    report = _report(firm) if post.get("suggestion") else None
    try:
        if post.get("suggestion"):  # taken from the suggestions, as they stand now
            found = {f"{s.source}|{s.source_ref}": s for s in selectors.suggestions(firm, plan, report)}
            chosen = found.get(post["suggestion"])
            if chosen is None:
                raise ValidationError(gettext("That suggestion is in the plan already, or no longer stands."))
            due = min(plan.ends_on, plan.starts_on.replace(day=1) + (plan.ends_on - plan.starts_on) / 2)
            services.check_item_add(access=access, plan=plan, title=chosen.title, component=chosen.component,
                                    kind=chosen.kind, hours=chosen.hours, due_on=due, skills=chosen.skills,
                                    source=chosen.source, source_ref=chosen.source_ref)  # fmt: skip
        else:
            try:
                due_on: dt.date | None = dt.date.fromisoformat(post.get("due_on", ""))
            except ValueError:
                due_on = None
            people = list(Person.objects.filter(pk__in=posted_ints(post.getlist("people"))))
            services.check_item_add(
                access=access, plan=plan, title=post.get("title", ""), component=post.get("component", ""),
                kind=post.get("kind", "other"), hours=post.get("hours", ""), due_on=due_on, people=people,
                cost_cents=100 * posted_int(post.get("cost")), funding_cents=100 * posted_int(post.get("funding")),
            )  # fmt: skip
        messages.success(request, gettext("Added to the plan."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("planning_firm", firm.pk)


@login_required
@require_POST
def item_status(request: PersonRequest, firm_id: int, item_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    item = PlanItem.objects.filter(plan__firm=firm, pk=item_id).first()
    if item is None:
        raise Http404("No such item")
    try:
        services.check_item_status(access=access, item=item, status=request.POST.get("status", ""))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("planning_firm", firm.pk)


@login_required
@require_POST
def check_in(request: PersonRequest, firm_id: int) -> HttpResponse:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    try:
        services.check_in(access=access, firm=firm, step=request.POST.get("step", ""),
                          answer=request.POST.get("answer", ""), obstacle=request.POST.get("obstacle", ""),
                          by=request.user)  # fmt: skip
        messages.success(request, gettext("Thank you: checked in for this month."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect("planning_firm", firm.pk)


@login_required
def cluster_page(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PlanningPerm.CLUSTER)
    context = {"cluster": cluster, "access": access, "figures": selectors.cluster_plans(cluster),
               "min_firms": MIN_FIRMS}  # fmt: skip
    return render(request, "planning/cluster.html", context)


@login_required
def export(request: PersonRequest, firm_id: int, fmt: str) -> HttpResponse:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PlanningPerm.KEEP)
    plan = services.plan_current(firm=firm, actor=request.user)
    view = selectors.plan_view(plan, _report(firm))
    rows = selectors.export_rows(plan)
    title = gettext("Learning plan of %(firm)s, %(start)s to %(end)s") % {
        "firm": firm.legal_name,
        "start": f"{plan.starts_on:%d/%m/%Y}",
        "end": f"{plan.ends_on:%d/%m/%Y}",
    }
    if fmt == "ics":
        data = export_rules.ics(rows, name=title, stamp=timezone.now())
        response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(export_rules.xlsx(rows, title=title), content_type=XLSX)
    elif fmt == "pdf":
        from weasyprint import HTML  # imported here: loading it costs time every other page does not need

        html = render_to_string("planning/plan_pdf.html", {"firm": firm, "view": view, "title": title})
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    else:
        raise Http404("No such format")
    response["Content-Disposition"] = f'attachment; filename="learning-plan-{firm.pk}.{fmt}"'
    return response
