"""Pooled-services endpoints: the catalogue, a firm's seats (ask, book, give back), and the cohort plan, through
the same helpers and services as the pages."""

from collections.abc import Mapping
from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import Field

from skillcluster.pooling.domain.permissions import PoolingPerm
from skillcluster.pooling.models import SIZE_CLASSES, CohortPlan, PlanStatus, SeatRequest, Service, Session
from skillcluster.pooling.selectors import catalogue
from skillcluster.pooling.services import bookings, cohorts
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Membership
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user

router = Router(tags=["pooling"])


class MeetingOut(Schema):
    starts_at: datetime
    ends_at: datetime


class SessionOut(Schema):
    id: int
    label: str
    language: str
    location: str
    seats_min: int
    seats_max: int
    seats_booked: int
    price_cents: int
    status: str
    meetings: list[MeetingOut]


class ServiceOut(Schema):
    id: int
    title: str
    kind: str
    provider: str
    target_level: int
    skill_uris: list[str]
    cofunding_percent: dict[str, int]
    sessions: list[SessionOut]


class SeatOut(Schema):
    id: int
    person_id: int
    person: str
    service_id: int
    status: str
    session_id: int | None
    reason: str


class SeatIn(Schema):
    person_id: int = Field(ge=1, le=2**63 - 1)
    service_id: int = Field(ge=1, le=2**63 - 1)
    languages: list[str] = Field(default_factory=list, max_length=5)


class BookIn(Schema):
    session_id: int = Field(ge=1, le=2**63 - 1)


class PlanOut(Schema):
    id: int
    status: str
    solver_status: str
    objective: int
    greedy_objective: int
    need: int
    solve_ms: int
    seats: dict[str, int]
    reasons: dict[str, dict[str, object]]


def _service_out(service: Service) -> dict[str, object]:
    return {
        "id": service.pk, "title": service.title, "kind": service.kind, "provider": service.provider_name,
        "target_level": service.target_level, "skill_uris": [s.uri for s in service.skills.all()],
        "cofunding_percent": {size: service.percent_for(size) for size in SIZE_CLASSES},
        "sessions": [
            {"id": s.pk, "label": s.label, "language": s.language, "location": s.location,
             "seats_min": s.seats_min, "seats_max": s.seats_max, "seats_booked": getattr(s, "booked", 0),
             "price_cents": s.price_cents, "status": s.status,
             "meetings": [{"starts_at": m.starts_at, "ends_at": m.ends_at} for m in s.meetings.all()]}
            for s in service.sessions.all()
        ],
    }  # fmt: skip


def _seat_out(seat: SeatRequest, names: Mapping[int, str]) -> dict[str, object]:
    return {"id": seat.pk, "person_id": seat.person_id, "person": seat.person.full_name,
            "service_id": seat.service_id, "status": seat.status, "session_id": seat.session_id,
            "reason": catalogue.request_reason(seat, names)}  # fmt: skip


@router.get("/clusters/{cluster_id}/pooling/services", response=list[ServiceOut])
def service_list(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.VIEW_CATALOGUE)
    return [_service_out(s) for s in catalogue.services(cluster)]


@router.get("/firms/{firm_id}/pooling/seats", response=list[SeatOut])
def seat_list(request: PersonRequest, firm_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.VIEW_BOOKINGS)
    names = catalogue.session_names(firm.cluster_id)
    return [_seat_out(s, names) for s in catalogue.firm_requests(firm)]


@router.post("/firms/{firm_id}/pooling/seats", response={201: SeatOut})
def seat_ask(request: PersonRequest, firm_id: int, payload: SeatIn) -> object:
    firm, access = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.ASK_FOR_SELF)
    member = Membership.objects.filter(firm=firm, person_id=payload.person_id).select_related("person").first()
    service = Service.all_objects.filter(pk=payload.service_id, cluster=firm.cluster).first()
    if member is None or service is None:
        raise Http404("No such person in this firm, or no such service in its cluster")
    seat = bookings.check_seat_ask(access=access, firm=firm, person=member.person, service=service,
                                   actor=request.user, languages=payload.languages)  # fmt: skip
    return Status(201, _seat_out(seat, {}))


@router.post("/firms/{firm_id}/pooling/seats/{seat_id}/book", response=SeatOut)
def seat_book(request: PersonRequest, firm_id: int, seat_id: int, payload: BookIn) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.BOOK)
    seat = SeatRequest.objects.filter(firm=firm, pk=seat_id).first()
    session = Session.all_objects.filter(pk=payload.session_id, service__cluster=firm.cluster).first()
    if seat is None or session is None:
        raise Http404("No such seat request or session")
    booked = bookings.check_seat_book(request=seat, session=session, actor=request.user)
    return _seat_out(booked, {})


@router.delete("/firms/{firm_id}/pooling/seats/{seat_id}", response={204: None})
def seat_cancel(request: PersonRequest, firm_id: int, seat_id: int) -> object:
    firm, _ = firm_get_for_user(request.user, firm_id, perm=PoolingPerm.BOOK)
    seat = SeatRequest.objects.filter(firm=firm, pk=seat_id).first()
    if seat is None:
        raise Http404("No such seat request")
    bookings.seat_cancel(request=seat)
    return Status(204, None)


@router.post("/clusters/{cluster_id}/pooling/plans", response={201: PlanOut})
def plan_form(request: PersonRequest, cluster_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    return Status(201, cohorts.cohort_form(cluster=cluster, actor=request.user))


@router.post("/clusters/{cluster_id}/pooling/plans/{plan_id}/confirm", response=PlanOut)
def plan_confirm(request: PersonRequest, cluster_id: int, plan_id: int) -> object:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=PoolingPerm.MANAGE)
    plan = CohortPlan.all_objects.filter(cluster=cluster, pk=plan_id).exclude(status=PlanStatus.DISCARDED).first()
    if plan is None:
        raise Http404("No such plan")
    return cohorts.cohort_confirm(plan=plan, actor=request.user)
