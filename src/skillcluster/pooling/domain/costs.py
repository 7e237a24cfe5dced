"""Who pays what for a pooled session, to the cent (pure). Exact-value tests in `tests/test_costs.py`.

* The session's **price** (cents) is split over the firms by seats: each firm's quota is price × seats /
  all seats; every firm gets the quota rounded down, and the cents left over go one each to the largest
  remainders (ties: the firm listed first). The gross shares sum to the price exactly.
* **Public co-funding** of a firm's gross share = gross × the service's percent for the firm's EU size
  class, rounded down to the cent (public money never rounds up), and never more than the de minimis room
  the firm has left; the room is used up session by session, in the order given.
* The firm pays the rest. So for every session: Σ (public + firm) = price, to the cent.
* A seat's **bound**: the most one seat can cost before co-funding, price over the minimum seats rounded
  up; no share can exceed seats × bound (the quota is at most price × seats / minimum).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

Key: TypeAlias = int | str
F = TypeVar("F", int, str)  # a firm's id (or name, in tests): one kind per call


@dataclass(frozen=True)
class Share:
    firm: Key
    seats: int
    gross_cents: int
    public_cents: int

    @property
    def firm_cents(self) -> int:
        return self.gross_cents - self.public_cents


@dataclass(frozen=True)
class SessionBill:
    session: Key
    price_cents: int
    shares: tuple[Share, ...]


def seat_bound_cents(price_cents: int, seats_min: int) -> int:
    return math.ceil(price_cents / seats_min)


def split_price(price_cents: int, seats: Mapping[F, int]) -> dict[F, int]:
    """Gross share per firm by the largest-remainder rule; sums to ``price_cents`` exactly."""
    if price_cents < 0 or any(n <= 0 for n in seats.values()):
        raise ValueError("a price is never negative and every firm listed holds at least one seat")
    total = sum(seats.values())
    if total == 0:
        return {}
    base = {firm: price_cents * n // total for firm, n in seats.items()}
    left = price_cents - sum(base.values())
    order = sorted(seats, key=lambda firm: -(price_cents * seats[firm] % total))  # stable: ties keep order
    for firm in order[:left]:
        base[firm] += 1
    return base


def cofunding_cents(gross_cents: int, percent: int, room_cents: int | None) -> int:
    """The public part of a gross share: the percent rounded down, within the de minimis room left."""
    if not 0 <= percent <= 100:
        raise ValueError(f"a co-funding share is 0-100 %, got {percent}")
    public = gross_cents * percent // 100
    return public if room_cents is None else max(0, min(public, room_cents))


def bills(
    sessions: Sequence[tuple[Key, int, Mapping[F, int], Mapping[F, int]]],
    room_cents: Mapping[F, int | None],
) -> list[SessionBill]:
    """The bill of each session, in order: ``(session, price, seats per firm, co-funding percent per firm)``;
    ``room_cents`` is each firm's de minimis room before the first (None: no cap)."""
    room = dict(room_cents)
    found = []
    for session, price, seats, percent in sessions:
        shares = []
        for firm, gross in split_price(price, seats).items():
            public = cofunding_cents(gross, percent.get(firm, 0), room.get(firm))
            if room.get(firm) is not None:
                room[firm] = (room[firm] or 0) - public
            shares.append(Share(firm, seats[firm], gross, public))
        found.append(SessionBill(session, price, tuple(shares)))
    return found
