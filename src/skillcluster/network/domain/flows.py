"""The cluster's knowledge flows between firms (pure: no Django): who learns from whom, firm to firm, never
person to person; how dense the network is and how far it reaches, quarter by quarter; where the district
depends on very few people for a skill.

A **flow** goes from the firm that teaches to the firm that learns: the mentor's firm to the mentee's, the
host's firm to a job-shadowing guest's, an expert's firm to the firm hosting their placement; a peer circle
is a flow both ways between every two member firms. **Density** is the share of the possible pairs of firms
linked by a flow either way; **reach** the share of firms in at least one flow.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TypeAlias

from skillcluster.words import gettext, ngettext

Key: TypeAlias = Hashable


@dataclass(frozen=True)
class Flow:
    teaches: Key
    learns: Key
    kind: str  # mentoring, shadowing, placement, circle
    on: dt.date


def circle_flows(members: Iterable[Key], kind: str, on: dt.date) -> list[Flow]:
    firms = sorted(set(members), key=repr)
    return [Flow(a, b, kind, on) for a, b in combinations(firms, 2)] + [
        Flow(b, a, kind, on) for a, b in combinations(firms, 2)
    ]


def edges(flows: Iterable[Flow]) -> Counter[tuple[Key, Key]]:
    """Flows counted per (teaching firm, learning firm), a firm never with itself."""
    return Counter((f.teaches, f.learns) for f in flows if f.teaches != f.learns)


def density(firms: int, flows: Iterable[Flow]) -> float:
    pairs = {frozenset(pair) for pair in edges(flows)}
    possible = firms * (firms - 1) // 2
    return len(pairs) / possible if possible else 0.0


def reach(firms: int, flows: Iterable[Flow]) -> float:
    linked = {firm for pair in edges(flows) for firm in pair}
    return len(linked) / firms if firms else 0.0


def quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@dataclass(frozen=True)
class Point:
    label: str  # "2026 Q3", the same in every language (the API's `quarter`)
    density: float
    reach: float
    flows: int

    @property
    def shown(self) -> str:
        """The quarter as a page shows it, in the reader's language ("T3 2026" in Italian)."""
        year, _, number = self.label.partition(" Q")
        return gettext("%(year)s Q%(quarter)s") % {"year": year, "quarter": number}


def over_time(firms: int, flows: Sequence[Flow], *, until: dt.date) -> list[Point]:
    """Density and reach of the flows started up to the end of each quarter, from the first flow's quarter
    to ``until``'s (a flow, once it happened, stays part of the network's history)."""
    if not flows:
        return []
    first, last = quarter(min(f.on for f in flows)), quarter(until)
    points = []
    year, q = first
    while (year, q) <= last:
        upto = [f for f in flows if quarter(f.on) <= (year, q)]
        points.append(Point(f"{year} Q{q}", density(firms, upto), reach(firms, upto), len(upto)))
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return points


def band(count: int, floor: int) -> str:
    """A count of exchanges between two firms as published: exact from ``floor`` up, else a band."""
    if count >= floor:
        return str(count)
    return ngettext("fewer than %(floor)d", "fewer than %(floor)d", floor) % {"floor": floor}


@dataclass(frozen=True)
class Node:
    firm: Key
    x: float
    y: float
    degree: int
    label_x: float = 0.0  # the label sits outside the circle, anchored away from the centre
    label_y: float = 0.0
    anchor: str = "middle"


def layout(
    firms: Sequence[Key], flows: Iterable[Flow], *, width: int = 520, height: int = 400, margin: int = 110
) -> list[Node]:
    """The firms in a flow placed on a circle, most linked first (clockwise from the top), for the map; the
    labels take ``margin`` on the left and right, and a line's height above and below."""
    degree: dict[Key, int] = defaultdict(int)
    for a, b in {frozenset(p) for p in edges(flows)}:
        degree[a] += 1
        degree[b] += 1
    linked = sorted((f for f in firms if degree[f]), key=lambda f: (-degree[f], repr(f)))
    radius, cx, cy = min(width / 2 - margin, height / 2 - 24), width / 2, height / 2
    nodes = []
    for i, firm in enumerate(linked):
        sin, cos = math.sin(2 * math.pi * i / len(linked)), math.cos(2 * math.pi * i / len(linked))
        anchor = "start" if sin > 0.2 else "end" if sin < -0.2 else "middle"
        x, y = cx + radius * sin, cy - radius * cos
        label_x, label_y = cx + (radius + 14) * sin, cy - (radius + 14) * cos + 4
        nodes.append(Node(firm, round(x, 1), round(y, 1), degree[firm], round(label_x, 1), round(label_y, 1), anchor))
    return nodes


@dataclass(frozen=True)
class Scarce:
    skill: Key
    holders: int  # people in the district at the level
    level: int
    needed_by: int  # people whose roles ask for it at that level or more


def scarce_skills(
    holders: dict[Key, int], needed: dict[Key, int], *, at_most: int = 2, level: int = 4, limit: int = 15
) -> list[Scarce]:
    """Skills the district's roles ask for whose holders at ``level`` number ``at_most`` or fewer: the
    cluster-level bus factor, most needed first."""
    found = [Scarce(skill, holders.get(skill, 0), level, n) for skill, n in needed.items()
             if holders.get(skill, 0) <= at_most]  # fmt: skip
    return sorted(found, key=lambda s: (-s.needed_by, s.holders, repr(s.skill)))[:limit]
