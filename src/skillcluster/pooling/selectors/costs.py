"""What the booked seats cost whom: each session's price split over its firms and co-funded (`domain/costs.py`),
sessions in date order so the de minimis room is used up in the order the firms spend it."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from skillcluster.pooling.domain.costs import SessionBill, Share, bills
from skillcluster.pooling.models import SIZE_CLASSES, FirmTerms, RequestStatus, SeatRequest, Session
from skillcluster.tenancy.models import Cluster, Firm


@dataclass(frozen=True)
class FirmBill:
    session: Session
    share: Share


def _bills(sessions: Iterable[Session]) -> list[tuple[Session, SessionBill, dict[int, str]]]:
    """The bill of each session (with seats), and each firm's size class."""
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.pk))
    seats: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    size: dict[int, str] = {}
    rows = SeatRequest.all_objects.filter(session__in=ordered, status=RequestStatus.BOOKED)
    for session_id, firm_id, size_class in rows.values_list("session_id", "firm_id", "firm__size_class"):
        seats[session_id][firm_id] += 1
        size[firm_id] = size_class
    rooms = dict(FirmTerms.all_objects.filter(firm_id__in=size).values_list("firm_id", "de_minimis_room_cents"))
    sessions_with_seats = [s for s in ordered if seats[s.pk]]
    found = bills(
        [(s.pk, s.price_cents, dict(seats[s.pk]), {f: s.service.percent_for(size[f]) for f in seats[s.pk]})
         for s in sessions_with_seats],
        {f: rooms.get(f) for f in size},
    )  # fmt: skip
    return [(s, bill, size) for s, bill in zip(sessions_with_seats, found, strict=True)]


def firm_bills(firm: Firm) -> list[FirmBill]:
    """The firm's share of every session it holds seats in, in date order."""
    sessions = Session.all_objects.filter(seats__firm=firm, seats__status=RequestStatus.BOOKED).distinct()
    found = []
    for session, bill, _ in _bills(sessions.select_related("service")):
        found += [FirmBill(session, share) for share in bill.shares if share.firm == firm.pk]
    return found


@dataclass(frozen=True)
class SpendRow:
    label: str
    seats: int
    gross_cents: int
    public_cents: int

    @property
    def firm_cents(self) -> int:
        return self.gross_cents - self.public_cents


def cluster_spend(cluster: Cluster) -> tuple[list[SpendRow], list[SpendRow]]:
    """Seats, price and co-funding of every booked seat: per firm, and per EU size class."""
    sessions = Session.all_objects.filter(service__cluster=cluster, seats__status=RequestStatus.BOOKED).distinct()
    per_firm: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_size: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    sizes: dict[int, str] = {}
    for _, bill, size in _bills(sessions.select_related("service")):
        sizes |= size
        for share in bill.shares:
            for row in (per_firm[int(share.firm)], per_size[size[int(share.firm)]]):
                row[0] += share.seats
                row[1] += share.gross_cents
                row[2] += share.public_cents
    names = dict(Firm.all_objects.filter(pk__in=per_firm).values_list("pk", "legal_name"))
    firms = sorted((SpendRow(names[f], *v) for f, v in per_firm.items()), key=lambda r: (-r.gross_cents, r.label))
    return firms, [SpendRow(size, *per_size[size]) for size in SIZE_CLASSES if size in per_size]
