"""The cluster's rows as the pure cohort problem (`domain/cohorts.py`): sessions with their meetings and
seat bound, firms with their terms and competitors, requests with their weights from the audit.

One home for the conversion, so the cohort plan and a direct booking apply the same rules to the same
figures.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet
from django.utils import timezone

from skillcluster.audits.selectors.needs import people_needs
from skillcluster.pooling.domain import cohorts, needs
from skillcluster.pooling.domain.costs import seat_bound_cents
from skillcluster.pooling.models import (
    LANGUAGES,
    SIZE_CLASSES,
    FirmTerms,
    RequestStatus,
    SeatRequest,
    Service,
    Session,
    SessionStatus,
)
from skillcluster.tenancy.models import Firm, FirmRelation, Person, RelationKind

ALL_LANGUAGES = frozenset(dict(LANGUAGES))


def as_session(session: Session) -> cohorts.Session:
    """``session`` with its meetings prefetched (or fetched here) and its service loaded."""
    service = session.service
    return cohorts.Session(
        session.pk, service.pk, session.seats_min, session.seats_max,
        tuple((m.starts_at, m.ends_at) for m in session.meetings.all()), session.language,
        seat_bound_cents(session.price_cents, session.seats_min),
        {size: service.percent_for(size) for size in SIZE_CLASSES},
    )  # fmt: skip


def as_terms(firms: Sequence[Firm]) -> dict[int, cohorts.FirmTerms]:
    ids = [f.pk for f in firms]
    terms = {t.firm_id: t for t in FirmTerms.all_objects.filter(firm_id__in=ids)}
    rivals: dict[int, set[int]] = defaultdict(set)
    relations = FirmRelation.all_objects.filter(kind=RelationKind.COMPETITOR).filter(
        Q(firm_id__in=ids) | Q(other_id__in=ids)
    )
    for firm_id, other_id in relations.values_list("firm_id", "other_id"):
        rivals[firm_id].add(other_id)
    found = {}
    for firm in firms:
        own = terms.get(firm.pk)
        found[firm.pk] = cohorts.FirmTerms(
            firm.pk, firm.size_class,
            seat_cap=own.seat_cap if own else None, budget_cents=own.budget_cents if own else None,
            de_minimis_left_cents=own.de_minimis_room_cents if own else None,
            competitors=frozenset(rivals[firm.pk]),
        )  # fmt: skip
    return found


def live_sessions(cluster_id: int) -> QuerySet[Session]:
    """Sessions people may still be seated in: ahead, not cancelled, of services still offered. (A firm's
    budget and cap are for the seats ahead: seats in sessions already held are spent.)"""
    return (
        Session.all_objects.filter(service__cluster_id=cluster_id, service__archived_at__isnull=True)
        .filter(starts_at__gt=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("service")
        .prefetch_related("meetings")
    )


def weighed(requests: Iterable[SeatRequest]) -> dict[int, list[needs.SkillNeed]]:
    """Per request: the need its course would cover for its person (`domain/needs.py`), from the audit."""
    rows = list(requests)
    taught: dict[int, list[int]] = defaultdict(list)
    services = {r.service_id for r in rows}
    for service_id, skill_id in Service.skills.through.objects.filter(service_id__in=services).values_list(
        "service_id", "skill_id"
    ):
        taught[service_id].append(skill_id)
    targets = dict(Service.all_objects.filter(pk__in=services).values_list("pk", "target_level"))
    skills = {s for found in taught.values() for s in found}
    required, held = people_needs({(r.firm_id, r.person_id) for r in rows}, skills)
    return {
        r.pk: needs.covered_needs(
            sorted(taught[r.service_id]), targets[r.service_id],
            required.get((r.firm_id, r.person_id), {}), held.get((r.firm_id, r.person_id), {}),
        )
        for r in rows
    }  # fmt: skip


def as_request(request: SeatRequest, weight: int) -> cohorts.Request:
    booked = request.session_id if request.status == RequestStatus.BOOKED else None
    languages = frozenset(request.languages) or ALL_LANGUAGES
    return cohorts.Request(
        request.pk, request.person_id, request.firm_id, request.service_id, weight, languages, booked
    )


def service_needs(
    firm: Firm, people: Sequence[Person], offered: Sequence[Service]
) -> dict[tuple[int, int], list[needs.SkillNeed]]:
    """(person id, service id) → the need each service would cover for each of the firm's ``people``."""
    probes = [SeatRequest(pk=i, firm=firm, person=p, service=s, firm_id=firm.pk, person_id=p.pk, service_id=s.pk)
              for i, (p, s) in enumerate((p, s) for s in offered for p in people)]  # fmt: skip
    found = weighed(probes)
    return {(probe.person_id, probe.service_id): found[probe.pk] for probe in probes}


def cluster_problem(cluster_id: int) -> cohorts.Problem:
    """Every open request and every booked seat of the cluster's live sessions, as one problem."""
    sessions = list(live_sessions(cluster_id))
    session_ids = {s.pk for s in sessions}
    requests = list(
        SeatRequest.all_objects.filter(service__cluster_id=cluster_id, service__archived_at__isnull=True)
        .filter(Q(status=RequestStatus.OPEN) | Q(status=RequestStatus.BOOKED, session_id__in=session_ids))
        .select_related("person", "firm", "service")
        .order_by("pk")
    )
    needs_of = weighed(requests)
    firms = list({r.firm_id: r.firm for r in requests}.values())
    return cohorts.Problem(
        tuple(as_request(r, needs.request_weight(needs_of[r.pk])) for r in requests),
        tuple(as_session(s) for s in sessions),
        tuple(as_terms(firms).values()),
    )
