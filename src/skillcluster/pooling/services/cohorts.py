"""Form the cohorts of a cluster (a proposed plan, kept with its reasons) and confirm a plan (its seats are
booked). Confirming checks that nothing the plan rests on changed since it was formed; if anything did, the
manager forms the cohorts again rather than booking a plan that no longer holds."""

import hashlib
import json
import re
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from skillcluster.pooling.domain.cohort_solver import TIME_LIMIT_S, form
from skillcluster.pooling.domain.cohorts import Reason
from skillcluster.pooling.domain.explanations import explain
from skillcluster.pooling.models import CohortPlan, PlanStatus, RequestStatus, SeatRequest, Session, SessionStatus
from skillcluster.pooling.selectors.problem import cluster_problem
from skillcluster.tenancy.models import Cluster, Firm, Person
from skillcluster.tenancy.services.audit_log import audit_record


def _reason_json(reason: Reason) -> dict[str, object]:
    found = asdict(reason)
    found["figures"] = dict(reason.figures)
    found["also"] = [_reason_json(also) for also in reason.also]
    return found


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


def cohort_form(*, cluster: Cluster, actor: Person, time_limit_s: float = TIME_LIMIT_S) -> CohortPlan:
    """Assign every open request of the cluster to a session, keeping booked seats; the plan is a proposal."""
    problem, _, _ = cluster_problem(cluster.pk)
    if not problem.requests:
        raise ValidationError("No seat was asked for yet: firms ask for seats from the catalogue first.")
    outcome = form(problem, time_limit_s=time_limit_s)
    reasons = explain(problem, outcome.seats)
    with transaction.atomic():
        CohortPlan.all_objects.filter(cluster=cluster, status=PlanStatus.DRAFT).update(status=PlanStatus.DISCARDED)
        plan = CohortPlan.all_objects.create(
            cluster=cluster, formed_by=actor, solver_status=outcome.status, objective=outcome.objective,
            greedy_objective=outcome.greedy_objective, need=sum(r.weight for r in problem.requests),
            bound=outcome.bound, solve_ms=round(outcome.solve_s * 1000),
            seats={str(r): s for r, s in outcome.seats.items()},
            reasons={str(r): _reason_json(reason) for r, reason in reasons.items()},
            weights={str(r.id): r.weight for r in problem.requests},
            conflicts=[_named(conflict) for conflict in outcome.conflicts],
            fingerprint=_fingerprint(cluster),
        )  # fmt: skip
    return plan


def cohort_confirm(*, plan: CohortPlan, actor: Person) -> CohortPlan:
    """Book the plan's seats and confirm the sessions that run; the others' requests keep waiting, with the
    plan's reason. Refused when the plan is not the current proposal, breaks a rule, or the requests changed."""
    with transaction.atomic():
        locked = CohortPlan.all_objects.select_for_update().get(pk=plan.pk)
        if locked.status != PlanStatus.DRAFT:
            raise ValidationError("This plan is no longer the current proposal: form the cohorts again.")
        if locked.conflicts:
            raise ValidationError("Booked seats break a rule (listed on the plan): relax it, then form again.")
        session_ids = sorted(set(locked.seats.values()))
        list(Session.all_objects.select_for_update().filter(pk__in=session_ids).order_by("pk").values_list("pk"))
        if _fingerprint(locked.cluster) != locked.fingerprint:
            raise ValidationError("Seats were asked for, booked or cancelled since this plan was formed: form again.")
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
