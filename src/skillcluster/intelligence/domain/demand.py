"""Market demand figures (pure): shares of ads with their intervals, the change in a skill's share between two
years with an interval (so three more ads are not called a trend), and training needs re-ranked by demand.

* A share is part / n ads, with its 95 % Wilson interval.
* The change of a share between the year before and the last year is p1 - p2 with Newcombe's hybrid score
  interval (method 10, built from the two Wilson intervals; Newcombe 1998). It is *rising* when the whole
  interval is above zero, *falling* when it is below, *steady* otherwise.
* A need's market weight is 1 + MARKET_WEIGHT × the skill's share of the region's ads in the last year: a skill
  asked in a quarter of the ads doubles its need's priority; one no ad asks for keeps it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from skillcluster.diagnostics.domain.benchmarks import wilson_interval
from skillcluster.words import gettext, ngettext

MARKET_WEIGHT = 4


@dataclass(frozen=True)
class Share:
    part: int
    n: int

    @property
    def value(self) -> float:
        return self.part / self.n if self.n else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.value)

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.part, self.n) if self.n else (0.0, 1.0)


@dataclass(frozen=True)
class Change:
    now: Share
    before: Share
    low: float  # of the difference in share, in 0..1 units
    high: float

    @property
    def points(self) -> int:
        return round(100 * (self.now.value - self.before.value))

    @property
    def direction(self) -> str:
        return "rising" if self.low > 0 else "falling" if self.high < 0 else "steady"


def change(now: Share, before: Share) -> Change:
    """Newcombe's interval for now - before (both with n > 0; an empty year gives the widest interval)."""
    if not now.n or not before.n:
        return Change(now, before, -1.0, 1.0)
    p1, p2 = now.value, before.value
    (l1, u1), (l2, u2) = now.interval, before.interval
    low = p1 - p2 - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = p1 - p2 + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return Change(now, before, low, high)


def weight(share: Share) -> float:
    return 1 + MARKET_WEIGHT * share.value


def reason(label: str, share: Share, trend: Change | None, supply: str) -> str:
    """Why a need ranks where it does: "e-commerce systems: in 18 % of regional ads (n = 240), +6 points in a
    year; 9 of your 12 people below the required level" (``supply`` is the part after the semicolon), in the
    active language."""
    values: dict[str, str | int] = {"label": label, "percent": share.percent, "n": share.n, "supply": supply}
    if trend is not None and trend.direction != "steady" and share.n:
        values["points"] = f"{trend.points:+d}"
        message = gettext("%(label)s: in %(percent)s %% of regional ads (n = %(n)s), %(points)s points in a year; "
                          "%(supply)s")  # fmt: skip
    elif share.n:
        message = gettext("%(label)s: in %(percent)s %% of regional ads (n = %(n)s); %(supply)s")
    else:  # no ad in the last year: no trend to tell either (an empty year's change is never rising or falling)
        message = gettext("%(label)s: in no regional ad yet; %(supply)s")
    return message % values


def firm_supply(short: int, asked: int) -> str:
    message = ngettext("%(short)s of your %(asked)s person below the required level",
                       "%(short)s of your %(asked)s people below the required level", asked)  # fmt: skip
    return message % {"short": short, "asked": asked}


def cluster_supply(short: int, firms: int) -> str:
    """Always several people in several firms: a cluster's need is shown only above the anonymity floor."""
    return gettext("%(short)s people in %(firms)s firms below the required level") % {"short": short, "firms": firms}
