"""Form the cohorts of a cluster (a proposed plan, kept with its reasons) and confirm a plan (its seats are
booked). Confirming checks that nothing the plan rests on changed since it was formed; if anything did, the
manager forms the cohorts again rather than booking a plan that no longer holds."""

import hashlib
import json
import re
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from skillcluster.pooling.domain.cohort_solver import TIME_LIMIT_S, form
from skillcluster.pooling.domain.explanations import explain
from skillcluster.pooling.models import CohortPlan, PlanStatus, RequestStatus, SeatRequest, Session, SessionStatus
from skillcluster.pooling.selectors.problem import cluster_problem
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.services.audit_log import audit_record


def _named(message: str) -> str:
    """A conflict in the words of the page: the firm, person or session named, not numbered."""

    def name(match: re.Match[str]) -> str:
        kind, pk = match[1], int(match[2])
        if kind == "firm":
            found = Firm.all_objects.filter(pk=pk).values_list("legal_name", flat=True).first()
        elif kind == "person":
            found = Person.objects.filter(pk=pk).values_list("full_name", flat=True).first()
        else:
            session = Session.all_objects.select_related("service").filter(pk=pk).first()
            found = str(session) if session else None
        return found or match[0]

    return re.sub(r"\b(firm|person|session) (\d+)", name, message)


def _fingerprint(cluster: Cluster) -> str:
    """What a plan rests on: every live request's state and seat."""
    rows = SeatRequest.all_objects.filter(service__cluster=cluster).exclude(status=RequestStatus.CANCELLED)
    state = sorted(rows.values_list("pk", "status", "session_id"))
    return hashlib.sha256(json.dumps(state).encode()).hexdigest()


FORMING_FOR_AT_MOST = timedelta(minutes=10)  # a plan still "forming" after this lost its worker: start anew


def cohort_form_start(*, cluster: Cluster, actor: Person, now: datetime | None = None) -> CohortPlan:
    """A plan to be formed (status ``forming``), for `cohort_form_run` to fill, in the background on the pages.
    Refused when nobody asked for a seat, or while another plan of the cluster is being formed."""
    now = now or timezone.now()
    live = SeatRequest.all_objects.filter(service__cluster=cluster).filter(
        Q(status=RequestStatus.OPEN) | Q(status=RequestStatus.BOOKED, session__starts_at__gt=now)
    )
    if not live.exists():
        raise ValidationError(gettext("No seat was asked for yet: firms ask for seats from the catalogue first."))
    with transaction.atomic():
        list(Cluster.all_objects.select_for_update().filter(pk=cluster.pk).values_list("pk"))
        forming = CohortPlan.all_objects.filter(cluster=cluster, status=PlanStatus.FORMING)
        forming.filter(formed_at__lte=now - FORMING_FOR_AT_MOST).update(
            status=PlanStatus.FAILED,
            error=gettext_noop("No worker finished it within ten minutes: form the cohorts again."),
        )
        busy = forming.filter(formed_at__gt=now - FORMING_FOR_AT_MOST).first()
        if busy is not None:
            since = timezone.localtime(busy.formed_at)
            raise ValidationError(
                gettext("The cohorts are being formed already (since %(time)s).") % {"time": f"{since:%H:%M}"}
            )
        return CohortPlan.all_objects.create(cluster=cluster, formed_by=actor, status=PlanStatus.FORMING,
                                             formed_at=now)  # fmt: skip


def cohort_form_run(*, plan: CohortPlan, time_limit_s: float = TIME_LIMIT_S) -> CohortPlan:
    """Assign every open request of the plan's cluster to a session, keeping booked seats: the plan becomes a
    proposal (``draft``), or ``failed`` with the reason when there is nothing left to form."""
    cluster = plan.cluster
    # What the plan rests on, read before the problem: a change while the solver runs makes it stale, never wrong.
    fingerprint = _fingerprint(cluster)
    problem = cluster_problem(cluster.pk)
    if not problem.requests:
        # Kept on the plan in English; the page and the API read it in their language.
        plan.status = PlanStatus.FAILED
        plan.error = gettext_noop("Nobody is waiting for a seat, and no seat is booked ahead.")
        plan.save(update_fields=["status", "error"])
        return plan
    outcome = form(problem, time_limit_s=time_limit_s)
    reasons = explain(problem, outcome.seats)
    with transaction.atomic():
        CohortPlan.all_objects.filter(cluster=cluster, status=PlanStatus.DRAFT).update(status=PlanStatus.DISCARDED)
        plan.status, plan.solver_status, plan.objective = PlanStatus.DRAFT, outcome.status, outcome.objective
        plan.greedy_objective, plan.need = outcome.greedy_objective, sum(r.weight for r in problem.requests)
        plan.bound, plan.solve_ms = outcome.bound, round(outcome.solve_s * 1000)
        plan.seats = {str(r): s for r, s in outcome.seats.items()}
        plan.reasons = {str(r): reason.as_json() for r, reason in reasons.items()}
        plan.weights = {str(r.id): r.weight for r in problem.requests}
        plan.conflicts, plan.fingerprint = [_named(c) for c in outcome.conflicts], fingerprint
        plan.save()
    return plan


def cohort_form(*, cluster: Cluster, actor: Person, time_limit_s: float = TIME_LIMIT_S) -> CohortPlan:
    """Start and run at once (the API, the demo seed); the pages queue the run instead (`tasks.py`)."""
    plan = cohort_form_run(plan=cohort_form_start(cluster=cluster, actor=actor), time_limit_s=time_limit_s)
    if plan.status == PlanStatus.FAILED:
        raise ValidationError(gettext(plan.error))
    return plan


def cohort_confirm(*, plan: CohortPlan, actor: Person) -> CohortPlan:
    """Book the plan's seats and confirm the sessions that run; the others' requests keep waiting, with the
    plan's reason. Refused when the plan is not the current proposal, breaks a rule, or the requests changed."""
    with transaction.atomic():
        locked = CohortPlan.all_objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.DRAFT:
            raise ValidationError(gettext("This plan is no longer the current proposal: form the cohorts again."))
        if locked.conflicts:
            raise ValidationError(gettext("Booked seats break a rule (listed on the plan): relax it, then form again."))
        session_ids = sorted(set(locked.seats.values()))
        list(Session.all_objects.select_for_update().filter(pk__in=session_ids).order_by("pk").values_list("pk"))
        if _fingerprint(locked.cluster) != locked.fingerprint:
            raise ValidationError(
                gettext("Seats were asked for, booked or cancelled since this plan was formed: form again.")
            )
        now = timezone.now()
        for request in SeatRequest.all_objects.filter(pk__in=[int(r) for r in locked.reasons]):
            seat = locked.seats.get(str(request.pk))
            if request.status == RequestStatus.OPEN and seat is not None:
                request.session_id, request.status, request.booked_at, request.reason = seat, "booked", now, {}
            elif request.status == RequestStatus.OPEN:
                request.reason = locked.reasons[str(request.pk)]
            request.save(update_fields=["session", "status", "booked_at", "reason"])
        Session.all_objects.filter(pk__in=session_ids).update(status=SessionStatus.CONFIRMED)
        locked.status, locked.confirmed_at = PlanStatus.CONFIRMED, now
        locked.save(update_fields=["status", "confirmed_at"])
        audit_record("pooling.cohorts_confirmed", actor=actor, cluster=locked.cluster, subject=f"plan {locked.pk}")
    return locked
