"""Writes of a firm's side of pooled services: its terms, asking for seats, booking and cancelling them.

Booking a seat directly (into a session that still has room) applies the rules of the cohort plan
(`domain/cohorts.py`) to the firm's seats plus the new one, under two row locks taken in one order (the
firm, then the session): two owners taking the last seat at once get one seat and one refusal, and two
bookings of one firm cannot both slip under its cap or budget. On SQLite the transaction takes the write
lock when it begins (``transaction_mode`` IMMEDIATE), which serialises the same way.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.pooling.domain import cohorts
from skillcluster.pooling.domain.cohort_greedy import Plan
from skillcluster.pooling.domain.permissions import PoolingPerm
from skillcluster.pooling.domain.wording import reason_text
from skillcluster.pooling.models import (
    LANGUAGES,
    FirmTerms,
    RequestStatus,
    SeatRequest,
    Service,
    Session,
    SessionStatus,
)
from skillcluster.pooling.selectors.problem import as_request, as_session, as_terms
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Membership, Person


def terms_set(
    *, firm: Firm, actor: Person, budget_cents: int | None, seat_cap: int | None, de_minimis_room_cents: int | None
) -> FirmTerms:
    for name, value in (("budget_cents", budget_cents), ("seat_cap", seat_cap),
                        ("de_minimis_room_cents", de_minimis_room_cents)):  # fmt: skip
        if value is not None and value < 0:
            raise ValidationError({name: gettext("Leave it empty for no limit, or give an amount of 0 or more.")})
    terms, _ = FirmTerms.all_objects.update_or_create(
        firm=firm,
        defaults={"budget_cents": budget_cents, "seat_cap": seat_cap, "de_minimis_room_cents": de_minimis_room_cents,
                  "updated_at": timezone.now(), "updated_by": actor},
    )  # fmt: skip
    return terms


def check_seat_ask(
    *, access: Access, firm: Firm, person: Person, service: Service, actor: Person, languages: Iterable[str] = ()
) -> SeatRequest:
    """Ask for a seat in ``service`` for ``person`` of ``firm``: the owner or manager for anyone of the firm,
    anyone for themselves. `ValidationError` names the field at fault."""
    allowed = access.has(PoolingPerm.BOOK) or (person.pk == actor.pk and access.has(PoolingPerm.ASK_FOR_SELF))
    if not allowed:
        raise ValidationError({"person": gettext("You may ask for a seat for yourself only.")})
    if not Membership.objects.filter(firm=firm, person=person).exists():
        raise ValidationError({"person": gettext("That person does not work in this firm.")})
    if service.cluster_id != firm.cluster_id or service.archived_at is not None:
        raise ValidationError({"service": gettext("That service is not offered in your cluster.")})
    wanted = sorted(set(languages))
    if any(code not in dict(LANGUAGES) for code in wanted):
        raise ValidationError(
            {"languages": gettext("Choose among: %(codes)s.") % {"codes": ", ".join(dict(LANGUAGES))}}
        )
    try:
        with transaction.atomic():
            request = SeatRequest.all_objects.create(
                firm=firm, person=person, service=service, requested_by=actor, languages=wanted
            )
    except IntegrityError:
        raise ValidationError(
            {
                "person": gettext("%(person)s already asked for '%(service)s'.")
                % {"person": person.full_name, "service": service.title}
            }
        ) from None
    return request


def check_seat_book(
    *, request: SeatRequest, session: Session, actor: Person, now: datetime | None = None
) -> SeatRequest:
    """Book ``request`` into ``session`` now, if every rule of the cohort plan holds with it; the refusal
    says which rule does not (`domain/explanations.py` words the same codes on the plan page)."""
    now = now or timezone.now()
    if session.service_id != request.service_id:
        raise ValidationError({"session": gettext("That session belongs to another service.")})
    with transaction.atomic():
        Firm.all_objects.select_for_update().filter(pk=request.firm_id).values_list("pk").first()
        locked = Session.all_objects.select_for_update().select_related("service").get(pk=session.pk)
        current = SeatRequest.all_objects.select_related("person").get(pk=request.pk)
        _check_bookable(current, locked, now)
        refusal = _refusal(current, locked)
        if refusal:
            raise ValidationError({"session": refusal})
        current.session, current.status, current.booked_at, current.reason = locked, RequestStatus.BOOKED, now, {}
        current.save(update_fields=["session", "status", "booked_at", "reason"])
    return current


def _check_bookable(request: SeatRequest, session: Session, now: datetime) -> None:
    if request.status != RequestStatus.OPEN:
        raise ValidationError({"session": gettext("This request already holds a seat or was cancelled.")})
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError({"session": gettext("That session was cancelled.")})
    if session.service.archived_at is not None:
        raise ValidationError({"session": gettext("That service was withdrawn from the catalogue.")})
    if session.starts_at <= now:
        raise ValidationError({"session": gettext("That session has already started; choose a later one.")})
    if session.language not in (request.languages or [session.language]):
        raise ValidationError({"session": gettext("That session is in a language the person did not choose.")})


def _refusal(request: SeatRequest, session: Session) -> str | None:
    """Why seating ``request`` in ``session`` breaks a rule, given the seats already booked; None when it fits.
    The fairness floor is a rule of the cohort plan, not of booking what is left afterwards: not checked here."""
    # Seats ahead only, as in the cohort plan: seats in sessions already held are spent.
    booked = SeatRequest.all_objects.filter(status=RequestStatus.BOOKED, session__starts_at__gt=timezone.now())
    mine = booked.filter(Q(firm_id=request.firm_id) | Q(person_id=request.person_id))
    related = set(mine.values_list("session_id", flat=True)) | {session.pk}
    rows = list(booked.filter(session_id__in=related).select_related("firm"))
    sessions = Session.all_objects.filter(pk__in=related).select_related("service").prefetch_related("meetings")
    firms = {r.firm_id: r.firm for r in rows} | {request.firm_id: request.firm}
    problem = cohorts.Problem(
        (*(as_request(r, 1) for r in rows), as_request(request, 1)),
        tuple(as_session(s) for s in sessions),
        tuple(as_terms(list(firms.values())).values()),
    )
    index = cohorts.Index(problem)
    plan = Plan(index)
    for row in rows:  # booked: the session is set (a check constraint)
        plan.place(index.request[row.pk], index.session[row.session_id or 0])
    found = plan.blockers(index.request[request.pk], index.session[session.pk], building=True)
    blockers = sorted((b for b in found if b[0] != "fairness"), key=lambda b: cohorts.BLOCKERS.index(b[0]))
    if not blockers:
        return None
    code, figures = blockers[0]
    return reason_text(
        cohorts.Reason(code, session.pk, figures), name_of=lambda pk: str(Session.all_objects.get(pk=pk))
    )


def seat_cancel(*, request: SeatRequest) -> SeatRequest:
    """Cancel a request or give a booked seat back (the seat frees at once for others)."""
    with transaction.atomic():
        current = SeatRequest.all_objects.select_for_update(of=("self",)).select_related("session").get(pk=request.pk)
        if current.status == RequestStatus.CANCELLED:
            return current
        if current.session is not None and current.session.starts_at <= timezone.now():
            raise ValidationError(
                {"session": gettext("That session has started: its seat can no longer be given back.")}
            )
        current.status = RequestStatus.CANCELLED
        current.save(update_fields=["status"])
    return current
