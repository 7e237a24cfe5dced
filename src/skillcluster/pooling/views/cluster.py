"""The cluster's pooled services: the catalogue, a service with its sessions, the demand against the catalogue,
and the cohort plan (form, explain, confirm). Every page works without JavaScript: forms post and redirect."""

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from skillcluster.audits.selectors.aggregates import cluster_figures_cached
from skillcluster.diagnostics.domain.recommendations import load_rules
from skillcluster.diagnostics.selectors.firm_report import activity_demand
from skillcluster.pooling.domain.permissions import PoolingPerm
from skillcluster.pooling.forms import ServiceForm, SessionForm, cents
from skillcluster.pooling.models import SIZE_CLASSES, CohortPlan, PlanStatus, SeatRequest, Session
from skillcluster.pooling.selectors import catalogue
from skillcluster.pooling.selectors.costs import cluster_spend
from skillcluster.pooling.services import catalogue as offer
from skillcluster.pooling.services import cohorts
from skillcluster.pooling.services.attendance import attendance_record, fit_rate
from skillcluster.pooling.tasks import form_cohorts
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors import lookup
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Membership
from skillcluster.tenancy.selectors import cluster_get_for_user
from skillcluster.web import apply_errors, flash_errors, posted_int, posted_ints

# The EU size classes as the pages name them (the codes are SIZE_CLASSES).
SIZE_NAMES = {"micro": _("Micro"), "small": _("Small"), "medium": _("Medium"), "large": _("Large")}


@login_required
def overview(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.VIEW_CATALOGUE)
    mine = Membership.objects.filter(person=request.user, firm__cluster=cluster).order_by("pk").first()
    my_seats = list(catalogue.my_seats(cluster, request.user))
    context = {"cluster": cluster, "access": access, "services": catalogue.services(cluster),
               "my_firm_id": mine.firm_id if mine else None, "my_seats": my_seats,
               "asked": {seat.service_id for seat in my_seats}}  # fmt: skip
    return render(request, "pooling/catalogue.html", context)


@login_required
def service_new(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    query = request.GET.get("q", "").strip()
    _, needs = cluster_figures_cached(cluster)  # the cluster's training needs come first among the choices
    asked = request.POST.getlist("skills") + request.GET.getlist("skill")  # ids, or URIs from the demand page
    picked = posted_ints(asked)
    picked += list(Skill.objects.filter(uri__in=[v for v in asked if not posted_int(v)]).values_list("pk", flat=True))
    choices = list(Skill.objects.filter(pk__in=picked)) + [
        s for s in Skill.objects.filter(uri__in=[need.skill_uri for need in needs]) if s.pk not in picked
    ]
    choices += [s for s in (lookup.skill_search(query) if query else []) if s not in choices]
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service = offer.service_create(cluster=cluster, actor=request.user, data=offer.ServiceIn(
                data["title"], data["provider_name"], list(Skill.objects.filter(pk__in=picked)),
                target_level=data["target_level"], kind=data["kind"], description=data["description"],
                provider_kind=data["provider_kind"],
                cofunding_percent={size: data[size] for size in SIZE_CLASSES},
                in_kind_cents=cents(data["in_kind"]) or 0,
            ))  # fmt: skip
            messages.success(
                request, gettext("“%(title)s” is in the catalogue: add its sessions.") % {"title": service.title}
            )
            return redirect("pooling_service", cluster.pk, service.pk)
        except ValidationError as error:
            apply_errors(form, error)
    context = {"cluster": cluster, "access": access, "form": form, "choices": choices, "picked": set(picked),
               "query": query}  # fmt: skip
    return render(request, "pooling/service_new.html", context, status=400 if form.errors else 200)


@login_required
def service(request: PersonRequest, cluster_id: int, service_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.VIEW_CATALOGUE)
    found = catalogue.service_get(cluster, service_id)
    if found is None:
        raise Http404("No such service")
    form = SessionForm(request.POST or None)
    if request.method == "POST":
        if not access.has(PoolingPerm.MANAGE):
            return HttpResponse(gettext("Only the cluster manager adds sessions."), status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                offer.session_add(service=found, actor=request.user, data=offer.SessionIn(
                    data["label"], data["meetings"], data["seats_min"], data["seats_max"], cents(data["price"]) or 0,
                    data["language"], data["location"],
                ))  # fmt: skip
                messages.success(request, gettext("Session added: firms can ask for seats in it now."))
                return redirect("pooling_service", cluster.pk, found.pk)
            except ValidationError as error:
                apply_errors(form, error)
    cofunding = [(SIZE_NAMES[size], found.percent_for(size)) for size in SIZE_CLASSES]
    context = {"cluster": cluster, "access": access, "service": found, "form": form, "cofunding": cofunding}
    return render(request, "pooling/service.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def service_archive(request: PersonRequest, cluster_id: int, service_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    found = catalogue.service_get(cluster, service_id)
    if found is None:
        raise Http404("No such service")
    if request.POST.get("confirm") != "yes":
        messages.error(request, gettext("Tick the box to confirm: the service leaves the catalogue."))
        return redirect("pooling_service", cluster.pk, found.pk)
    try:
        offer.service_archive(service=found)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("pooling_service", cluster.pk, found.pk)
    messages.success(
        request, gettext("“%(title)s” left the catalogue; firms still asking see why.") % {"title": found.title}
    )
    return redirect("pooling_cluster", cluster.pk)


@login_required
@require_POST
def session_cancel(request: PersonRequest, cluster_id: int, session_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    session = Session.all_objects.select_related("service").filter(pk=session_id, service__cluster=cluster).first()
    if session is None:
        raise Http404("No such session")
    if request.POST.get("confirm") != "yes":
        messages.error(request, gettext("Tick the box to confirm: booked people go back to waiting."))
    else:
        offer.session_cancel(session=session, actor=request.user)
        messages.success(
            request, gettext("%(session)s is cancelled; its people wait for the next cohorts.") % {"session": session}
        )
    return redirect("pooling_service", cluster.pk, session.service_id)


@login_required
def demand(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    recommended = activity_demand(cluster.pk)
    labels = load_rules(language=get_language()).activities
    context = {"cluster": cluster, "access": access, "rows": catalogue.demand(cluster),
               "services": catalogue.services(cluster), "min_firms": disclosure.MIN_FIRMS,
               "min_people": disclosure.MIN_PEOPLE, "recommended": recommended,
               "activities": sorted(((labels.get(a, a), n) for a, n in recommended.recommended.items()),
                                    key=lambda item: -item[1]) if recommended else []}  # fmt: skip
    return render(request, "pooling/demand.html", context)


@login_required
def plan(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    plans = CohortPlan.all_objects.filter(cluster=cluster)
    latest = plans.filter(status__in=[PlanStatus.DRAFT, PlanStatus.CONFIRMED]).first()
    working = plans.filter(status__in=[PlanStatus.FORMING, PlanStatus.FAILED]).first()
    if working is not None and latest is not None and working.formed_at < latest.formed_at:
        working = None  # an older run: the plan shown supersedes it
    stale = working is not None and working.formed_at <= timezone.now() - cohorts.FORMING_FOR_AT_MOST
    by_firm, by_size = cluster_spend(cluster)
    # A failure is kept on the plan in English (`services/cohorts.py` marks its words): read in the page's language.
    error = gettext(working.error) if working is not None and working.error else ""
    context = {"cluster": cluster, "access": access, "view": catalogue.plan_view(latest) if latest else None,
               "working": working, "stale": stale, "working_error": error,
               "delivered": catalogue.delivered(cluster), "by_firm": by_firm,
               "by_size": [replace(row, label=str(SIZE_NAMES[row.label])) for row in by_size],
               "fit": catalogue.fit_by_provider(cluster),
               "min_people": disclosure.MIN_PEOPLE}  # fmt: skip
    return render(request, "pooling/plan.html", context)


@login_required
@require_POST
def plan_form(request: PersonRequest, cluster_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    try:
        plan = cohorts.cohort_form_start(cluster=cluster, actor=request.user)
        transaction.on_commit(lambda: form_cohorts.enqueue(plan.pk))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(reverse("pooling_plan", args=[cluster.pk]) + "#plan")


@login_required
@require_POST
def plan_confirm(request: PersonRequest, cluster_id: int, plan_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    found = CohortPlan.all_objects.filter(cluster=cluster, pk=plan_id).first()
    if found is None:
        raise Http404("No such plan")
    try:
        cohorts.cohort_confirm(plan=found, actor=request.user)
        messages.success(request, gettext("Cohorts confirmed: the seats are booked and the firms see them."))
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(reverse("pooling_plan", args=[cluster.pk]) + "#plan")


@login_required
def attendance(request: PersonRequest, cluster_id: int, session_id: int) -> HttpResponse:
    cluster, access = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    session = Session.all_objects.select_related("service").filter(pk=session_id, service__cluster=cluster).first()
    if session is None:
        raise Http404("No such session")
    if request.method == "POST":
        present = posted_ints(request.POST.getlist("present"))
        try:
            recorded = attendance_record(session=session, actor=request.user, present=present)
            came = sum(1 for row in recorded if row.attended)
            saved = ngettext(
                "Attendance saved: %(came)s of %(seats)s came. Their managers are asked to confirm the levels the "
                "course teaches.",
                "Attendance saved: %(came)s of %(seats)s came. Their managers are asked to confirm the levels the "
                "course teaches.",
                len(recorded),
            )
            messages.success(request, saved % {"came": came, "seats": len(recorded)})
            return redirect("pooling_attendance", cluster.pk, session.pk)
        except ValidationError as error:
            flash_errors(request, error)
    seats = catalogue.session_seats(session)
    context = {"cluster": cluster, "access": access, "session": session, "seats": seats,
               "started": session.starts_at <= timezone.now()}  # fmt: skip
    return render(request, "pooling/attendance.html", context)


@login_required
@require_POST
def fit(request: PersonRequest, cluster_id: int, seat_id: int) -> HttpResponse:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.VIEW_CATALOGUE)
    seat = SeatRequest.all_objects.filter(pk=seat_id, person=request.user, service__cluster=cluster).first()
    if seat is None:
        raise Http404("No such seat")
    try:
        fit_rate(seat=seat, person=request.user, fit=posted_int(request.POST.get("fit")),
                 comment=request.POST.get("comment", ""))  # fmt: skip
        messages.success(
            request, gettext("Thank you: the cluster sees how well each provider's courses fit, never who said what.")
        )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(reverse("pooling_cluster", args=[cluster.pk]) + "#mine")
