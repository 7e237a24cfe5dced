"""Reads of pooled services for the pages: the catalogue with seats taken, the offers that match a firm's
gaps, a firm's requests, a cohort plan as people read it, and the cluster's demand against the catalogue."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.selectors.aggregates import ClusterNeed, cluster_figures_cached
from skillcluster.intelligence.domain.demand import weight as market_weight
from skillcluster.intelligence.selectors.demand import skill_demand
from skillcluster.intelligence.selectors.ranking import RankedNeed, cluster_needs
from skillcluster.pooling.domain import needs as need_rules
from skillcluster.pooling.domain.cohorts import Reason
from skillcluster.pooling.domain.fit import FitFigure, fit_figure
from skillcluster.pooling.domain.wording import conflict_text, reason_text
from skillcluster.pooling.models import Attendance, CohortPlan, RequestStatus, SeatRequest, Service, Session
from skillcluster.pooling.selectors.problem import live_sessions, service_needs
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.tenancy.domain.disclosure import MIN_PEOPLE
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person


def services(cluster: Cluster) -> QuerySet[Service]:
    """The cluster's live services with their skills and sessions (seats booked counted on each session)."""
    sessions = Session.all_objects.annotate(
        booked=Count("seats", filter=Q(seats__status=RequestStatus.BOOKED))
    ).prefetch_related("meetings")
    return (
        Service.all_objects.filter(cluster=cluster, archived_at__isnull=True)
        .prefetch_related("skills", Prefetch("sessions", queryset=sessions))
        .annotate(asking=Count("requests", filter=Q(requests__status=RequestStatus.OPEN), distinct=True))
    )


def service_get(cluster: Cluster, service_id: int) -> Service | None:
    return services(cluster).filter(pk=service_id).first()


@dataclass
class Offer:
    service: Service
    helps: list[tuple[Person, int]]  # people whose roles ask for what it teaches, with the need it covers
    others: list[tuple[Person, int]]  # the rest of the firm, short of it though no role asks for it
    market: float = 1.0  # the market weight of what it teaches (its most asked skill in the region's ads)

    @property
    def need(self) -> int:
        return sum(weight for _, weight in self.helps)


def firm_offers(firm: Firm) -> list[Offer]:
    """Every live service with the firm's people it would help (need above 0), most needed first as weighed
    by the region's job ads (market intelligence's weight of its most asked skill)."""
    people = {m.person_id: m.person for m in Membership.objects.filter(firm=firm).select_related("person")}
    offers = list(services(firm.cluster))
    asked = set(firm_requests(firm).values_list("person_id", "service_id"))
    needs = service_needs(firm, list(people.values()), offers)
    helps: dict[int, list[tuple[Person, int]]] = defaultdict(list)
    others: dict[int, list[tuple[Person, int]]] = defaultdict(list)
    for (person_id, service_id), covered in needs.items():
        weight = need_rules.request_weight(covered)
        if (person_id, service_id) in asked or weight == 0:
            continue
        group = helps if need_rules.role_gap(covered) > 0 else others
        group[service_id].append((people[person_id], weight))
    demand = skill_demand(firm.cluster_id)
    found = [
        Offer(s, _ranked(helps[s.pk]), _ranked(others[s.pk]),
              max((market_weight(demand[k.pk].share) for k in s.skills.all() if k.pk in demand), default=1.0))
        for s in offers
    ]  # fmt: skip
    return sorted(found, key=lambda o: (-o.need * o.market, -o.need, o.service.title))


def _ranked(people: list[tuple[Person, int]]) -> list[tuple[Person, int]]:
    return sorted(people, key=lambda h: (-h[1], h[0].full_name))


def firm_requests(firm: Firm) -> QuerySet[SeatRequest]:
    return (
        SeatRequest.objects.filter(firm=firm)
        .exclude(status=RequestStatus.CANCELLED)
        .select_related("person", "service", "session")
        .order_by("service__title", "person__full_name")
    )


def request_reason(request: SeatRequest, names: Mapping[int, str]) -> str:
    """The last plan's word on a request without a seat, sessions named from ``names`` (`session_names`)."""
    return _words(request.reason, names) if request.reason else ""


def session_names(cluster_id: int) -> dict[int, str]:
    sessions = Session.all_objects.filter(service__cluster_id=cluster_id).select_related("service")
    return {s.pk: str(s) for s in sessions}


def _words(data: Mapping[str, object], names: Mapping[int, str]) -> str:
    return reason_text(Reason.from_json(data), name_of=lambda pk: names.get(int(pk), gettext("a session")))


@dataclass
class PlanRow:
    request: SeatRequest
    weight: int
    reason: str


@dataclass
class PlanView:
    plan: CohortPlan
    seated: list[tuple[Session, list[PlanRow]]]
    waiting: list[PlanRow]

    @property
    def seated_share(self) -> int | None:
        return None if not self.plan.need else round(100 * self.plan.objective / self.plan.need)

    @property
    def gain_over_greedy(self) -> int:
        return self.plan.objective - self.plan.greedy_objective

    @property
    def conflicts(self) -> list[str]:
        """The rules booked seats break, kept on the plan in English, in the page's language."""
        return [conflict_text(c) for c in self.plan.conflicts]


def plan_view(plan: CohortPlan) -> PlanView:
    requests = {
        r.pk: r
        for r in SeatRequest.all_objects.filter(pk__in=[int(k) for k in plan.reasons]).select_related(
            "person", "firm", "service"
        )
    }
    sessions = {s.pk: s for s in Session.all_objects.filter(pk__in=set(plan.seats.values())).select_related("service")}
    names = {pk: str(s) for pk, s in sessions.items()} | session_names(plan.cluster_id)
    by_session: dict[int, list[PlanRow]] = defaultdict(list)
    waiting = []
    for key, data in plan.reasons.items():
        request = requests.get(int(key))
        if request is None:
            continue
        row = PlanRow(request, int(plan.weights.get(key, 0)), _words(data, names))
        if key in plan.seats:
            by_session[int(plan.seats[key])].append(row)
        else:
            waiting.append(row)
    seated = [(sessions[pk], sorted(rows, key=lambda r: -r.weight)) for pk, rows in by_session.items()]
    seated.sort(key=lambda item: (item[0].starts_at, item[0].pk))
    return PlanView(plan, seated, sorted(waiting, key=lambda r: -r.weight))


@dataclass
class DemandRow:
    need: ClusterNeed
    services: list[Service]
    market: RankedNeed | None = None  # the need weighed by the region's job ads (market intelligence)

    @property
    def category_labels(self) -> list[str]:
        return [Category(code).label for code in self.need.categories if code in {c.value for c in Category}]


def demand(cluster: Cluster) -> list[DemandRow]:
    """The cluster's training needs (k-floored by the audit) with the services that teach each skill, most
    needed first as weighed by the region's job ads."""
    _, needs = cluster_figures_cached(cluster)
    teaching: dict[str, list[Service]] = defaultdict(list)
    for service in services(cluster):
        for skill in service.skills.all():
            teaching[skill.uri].append(service)
    market = {ranked.uri: ranked for ranked in cluster_needs(cluster)}
    rows = [DemandRow(need, teaching.get(need.skill_uri, []), market.get(need.skill_uri)) for need in needs]
    return sorted(rows, key=lambda r: -(r.market.weighted if r.market else r.need.priority))


def fit_by_provider(cluster: Cluster) -> list[FitFigure]:
    """Attendees' fit answers per provider, floored at MIN_PEOPLE answers (`domain/fit.py`)."""
    scores: dict[str, list[int]] = defaultdict(list)
    rows = Attendance.all_objects.filter(seat__service__cluster=cluster, attended=True, fit__isnull=False)
    for provider, fit in rows.values_list("seat__service__provider_name", "fit"):
        scores[provider].append(fit or 0)  # never None: filtered above
    return [fit_figure(p, s, min_people=MIN_PEOPLE) for p, s in sorted(scores.items())]


def my_seats(cluster: Cluster, person: Person) -> QuerySet[SeatRequest]:
    """The person's own live seats in the cluster's services, with their attendance."""
    return (
        SeatRequest.all_objects.filter(person=person, service__cluster=cluster)
        .exclude(status=RequestStatus.CANCELLED)
        .select_related("service", "session", "attendance")
    )


def session_seats(session: Session) -> QuerySet[SeatRequest]:
    return (
        SeatRequest.all_objects.filter(session=session, status=RequestStatus.BOOKED)
        .select_related("person", "firm", "attendance")
        .order_by("firm__legal_name", "person__full_name")
    )


def open_offers(firm: Firm) -> list[Offer]:
    """Offers with a session still ahead that would cover a gap some role of the firm asks for."""
    ahead = bookable_sessions(firm.cluster_id)
    return [o for o in firm_offers(firm) if o.helps and ahead.get(o.service.pk)]


def bookable_sessions(cluster_id: int) -> dict[int, list[Session]]:
    """Per service: the sessions people may still be seated in (`problem.live_sessions`), in date order."""
    found: dict[int, list[Session]] = defaultdict(list)
    for session in live_sessions(cluster_id).order_by("starts_at", "pk"):
        found[session.service_id].append(session)
    return found


def firm_booked(firm: Firm) -> list[tuple[Session, list[SeatRequest]]]:
    """The firm's booked seats grouped by session, in date order (for the calendar and the summary)."""
    seats = (
        SeatRequest.objects.filter(firm=firm, status=RequestStatus.BOOKED)
        .select_related("person", "session__service")
        .prefetch_related("session__meetings")
        .order_by("session__starts_at", "person__full_name")
    )
    grouped: dict[int, tuple[Session, list[SeatRequest]]] = {}
    for seat in seats:
        if seat.session is not None:
            grouped.setdefault(seat.session.pk, (seat.session, []))[1].append(seat)
    return list(grouped.values())


@dataclass(frozen=True)
class Delivered:
    sessions_held: int
    seats_held: int
    attended: int
    seats_ahead: int


def delivered(cluster: Cluster) -> Delivered:
    """What the pooled services delivered: sessions with attendance recorded, and the seats still ahead."""
    held = Attendance.all_objects.filter(seat__service__cluster=cluster).aggregate(
        sessions=Count("seat__session", distinct=True), seats=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    ahead = SeatRequest.all_objects.filter(service__cluster=cluster, status=RequestStatus.BOOKED,
                                           session__starts_at__gt=timezone.now())  # fmt: skip
    return Delivered(held["sessions"], held["seats"], held["attended"], ahead.count())
