"""Cohort formation: which requested seats of the cluster's pooled courses go to whom (pure: no Django).

The problem (every rule here has an exact-value test):

* A **request** asks one seat in one service for one person of one firm. Its **weight** is the weighted need
  the course would cover (`needs.request_weight`); the person accepts sessions in their ``languages``. A
  request may already hold a booked seat (``booked``): every plan keeps it.
* A **session** is one run of a service: it runs with ``seats_min``..``seats_max`` people or not at all; it
  meets at ``meetings`` (time intervals); ``seat_cents`` is the most one seat can cost before co-funding (the
  price over ``seats_min``, rounded up) and ``cofunding_percent`` the public share by EU size class.
* A **firm** has a seat cap, a budget (what it pays itself, after co-funding), its size class, the de minimis
  room it has left, whether it is a micro-firm, and the firms it will not share a room with.

A plan (``seats``: request → session) must hold:

1. a request gets at most one seat, in a session of its service, in one of the person's languages, and
   only if it has a need (weight above 0) or the seat is already booked;
2. a session holds seats_min..seats_max people, or none (it does not run);
3. a person sits in at most one of any sessions whose meetings overlap;
4. a firm holds at most its ``seat_cap`` seats, and the most it could pay stays within its ``budget_cents``
   both ways co-funding can end (at the rate, or at the de minimis cap);
5. no session holds two firms that declared each other competitors (either side's declaration counts);
6. **fairness floor**: no firm holds a third seat unless every micro-firm that asked holds one. A micro-firm
   *asked* when one of its requests could be seated on its own (some session of its service in its language
   whose seat fits its budget); one that could not is told why and does not hold the others back.

The objective is the weight seated. `cohort_solver.form` finds the optimum (HiGHS) and compares it with the
greedy baseline of `cohort_greedy`; `explain` says why each request got its seat or not.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias

from skillcluster.words import gettext_noop

Key: TypeAlias = int | str
Seats: TypeAlias = Mapping[Key, Key]  # request id → session id


@dataclass(frozen=True)
class Request:
    id: Key
    person: Key
    firm: Key
    service: Key
    weight: int
    languages: frozenset[str] = frozenset({"en"})
    booked: Key | None = None  # the session of a seat already booked: every plan keeps it


@dataclass(frozen=True)
class Session:
    id: Key
    service: Key
    seats_min: int
    seats_max: int
    meetings: tuple[tuple[datetime, datetime], ...]
    language: str = "en"
    seat_cents: int = 0
    cofunding_percent: Mapping[str, int] = field(default_factory=dict)  # size class → public share, 0-100

    def clashes(self, other: Session) -> bool:
        """Whether any meeting of the two overlaps (touching ends do not)."""
        return any(a < d and c < b for a, b in self.meetings for c, d in other.meetings)

    def firm_seat_cents(self, size_class: str) -> int:
        """The most one seat can cost a firm of ``size_class`` after co-funding at the rate."""
        percent = self.cofunding_percent.get(size_class, 0)
        return math.ceil(self.seat_cents * (100 - percent) / 100)


@dataclass(frozen=True)
class FirmTerms:
    id: Key
    size_class: str = "micro"
    seat_cap: int | None = None
    budget_cents: int | None = None  # None: no budget set
    de_minimis_left_cents: int | None = None  # None: no cap on public co-funding
    competitors: frozenset[Key] = frozenset()

    @property
    def is_micro(self) -> bool:
        return self.size_class == "micro"


@dataclass(frozen=True)
class Problem:
    requests: tuple[Request, ...]
    sessions: tuple[Session, ...]
    firms: tuple[FirmTerms, ...]

    def __post_init__(self) -> None:
        for kind, items in (("request", self.requests), ("session", self.sessions), ("firm", self.firms)):
            ids = [item.id for item in items]
            if len(ids) != len(set(ids)):
                raise ValueError(f"two {kind}s share an id")
        firms = {f.id for f in self.firms}
        asked = [(r.person, r.service) for r in self.requests]
        if len(asked) != len(set(asked)):
            raise ValueError("a person asks for a service once")
        for request in self.requests:
            if request.firm not in firms:
                raise ValueError(f"request {request.id}: firm {request.firm} has no terms")
            if request.weight < 0:
                raise ValueError(f"request {request.id}: a weight is never negative")
        for session in self.sessions:
            if not 1 <= session.seats_min <= session.seats_max:
                raise ValueError(f"session {session.id}: seats must satisfy 1 <= minimum <= maximum")


@dataclass(frozen=True)
class Reason:
    """Why a request got a seat or not: a code the page words, the session it is about, and the figures."""

    code: str  # seated, booked, no_need, no_session, no_language, over_budget_alone, or a session blocker
    session: Key | None = None
    figures: Mapping[str, Key] = field(default_factory=dict)  # counts, cents, or the id of another session
    also: tuple[Reason, ...] = ()  # further blockers of the same session

    def as_json(self) -> dict[str, object]:
        """As a plan stores it (a JSON field), and `from_json` reads it back."""
        return {"code": self.code, "session": self.session, "figures": dict(self.figures),
                "also": [also.as_json() for also in self.also]}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Reason:
        figures, also = data.get("figures") or {}, data.get("also") or []
        session = data.get("session")
        return cls(
            str(data.get("code", "")), session if isinstance(session, int | str) else None,
            dict(figures) if isinstance(figures, dict) else {},
            tuple(cls.from_json(a) for a in also if isinstance(a, dict)) if isinstance(also, list) else (),
        )  # fmt: skip


# Blockers of one session for one request, in the order they are told: the person's and the firm's own
# limits first (a full session is no news when the firm's cap is reached anyway), the session's last.
BLOCKERS = ("clash", "firm_cap", "over_budget", "competitor", "fairness", "not_running", "full")


class Index:
    """The problem looked up the ways the rules need it; built once per solve."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.request = {r.id: r for r in problem.requests}
        self.session = {s.id: s for s in problem.sessions}
        self.firm = {f.id: f for f in problem.firms}
        self.sessions_of: dict[Key, list[Session]] = defaultdict(list)
        for session in problem.sessions:
            self.sessions_of[session.service].append(session)
        self.candidates = {r.id: self._candidates(r) for r in problem.requests}
        self.rivals = self._rivals()
        self.clash = self._clashes()

    def _candidates(self, request: Request) -> list[Session]:
        """Sessions that could take ``request``: its service, a language of the person, a seat that fits the
        firm's budget on its own (for a booked seat: that session only)."""
        if request.booked is not None:
            return [self.session[request.booked]]
        if request.weight == 0:
            return []
        terms = self.firm[request.firm]
        return [
            s
            for s in self.sessions_of[request.service]
            if s.language in request.languages and seat_fits_alone(s, terms)
        ]

    def _rivals(self) -> dict[Key, set[Key]]:
        rivals: dict[Key, set[Key]] = defaultdict(set)
        for terms in self.problem.firms:
            for other in terms.competitors:
                if other in self.firm and other != terms.id:
                    rivals[terms.id].add(other)
                    rivals[other].add(terms.id)
        return rivals

    def _clashes(self) -> set[tuple[Key, Key]]:
        sessions = self.problem.sessions
        found = set()
        for i, first in enumerate(sessions):
            for second in sessions[i + 1 :]:
                if first.clashes(second):
                    found |= {(first.id, second.id), (second.id, first.id)}
        return found

    def micro_firms_asking(self) -> list[Key]:
        """Micro-firms with a request that some session could take on its own (rule 6)."""
        asking = {r.firm for r in self.problem.requests if self.candidates[r.id] and self.firm[r.firm].is_micro}
        return [f.id for f in self.problem.firms if f.id in asking]


def seat_fits_alone(session: Session, terms: FirmTerms) -> bool:
    """Whether one seat in ``session`` fits the firm's budget, both ways co-funding can end."""
    return within_budget(terms, session.firm_seat_cents(terms.size_class), session.seat_cents)


def firm_cost_bound(index: Index, firm: Key, sessions: list[Key]) -> tuple[int, int]:
    """(what the firm pays at most at the co-funding rate, the gross price) of seats in ``sessions``."""
    size = index.firm[firm].size_class
    at_rate = sum(index.session[s].firm_seat_cents(size) for s in sessions)
    return at_rate, sum(index.session[s].seat_cents for s in sessions)


def firm_pays_at_most(terms: FirmTerms, at_rate: int, gross: int) -> int:
    """What the firm pays at most for seats whose bounds are ``at_rate`` (after co-funding at the rate) and
    ``gross`` (before): the rate's remainder, or all above the de minimis room, whichever is more."""
    capped = gross - terms.de_minimis_left_cents if terms.de_minimis_left_cents is not None else 0
    return max(at_rate, capped)


def within_budget(terms: FirmTerms, at_rate: int, gross: int) -> bool:
    return terms.budget_cents is None or firm_pays_at_most(terms, at_rate, gross) <= terms.budget_cents


def objective(problem: Problem, seats: Seats) -> int:
    weights = {r.id: r.weight for r in problem.requests}
    return sum(weights[r] for r in seats)


# The rules a plan can break, in the checker's words (`violations`): English, each placeholder a noun and an id
# ("firm 12") that a page replaces by the name. Those booked seats can break on their own are read in a page's
# language (`wording.conflict_text`); the others only the solver meets.
BROKEN = {
    "service": "%(request)s sits in %(session)s of another service or language",
    "no_need": "%(request)s has no need for a seat",
    "lost_booking": "%(request)s lost its booked seat",
    "size": "%(session)s holds %(held)s outside %(low)s-%(high)s",
    # Translators: %(session)s, %(person)s, %(firm)s: a session's, person's or firm's name; competitors: firms
    # that declared each other rivals; %(waiting)s: a list of the micro-firms.
    "competitors": gettext_noop("%(session)s holds competitors"),
    "clash": gettext_noop("%(person)s sits in sessions at the same time"),
    "firm_cap": gettext_noop("%(firm)s holds %(held)s seats over its cap of %(cap)s"),
    "over_budget": gettext_noop("%(firm)s is over its budget"),
    "fairness": gettext_noop("a firm holds a third seat while micro-firms %(waiting)s asked and hold none"),
}


def violations(problem: Problem, seats: Seats) -> list[str]:
    """Every rule of the module docstring that ``seats`` breaks, in words; empty when the plan is valid."""
    return [BROKEN[code] % figures for code, figures in broken(problem, seats)]


def broken(problem: Problem, seats: Seats) -> list[tuple[str, dict[str, str]]]:
    """Every rule that ``seats`` breaks, as (code of `BROKEN`, its figures), in the order `violations` tells."""
    index = Index(problem)
    found: list[tuple[str, dict[str, str]]] = []
    taken: dict[Key, list[Key]] = defaultdict(list)
    for request_id, session_id in seats.items():
        request, session = index.request[request_id], index.session[session_id]
        taken[session_id].append(request_id)
        if session.service != request.service or session.language not in request.languages:
            found.append(("service", {"request": f"request {request_id}", "session": f"session {session_id}"}))
        if request.weight == 0 and request.booked is None:
            found.append(("no_need", {"request": f"request {request_id}"}))
    for request in problem.requests:
        if request.booked is not None and seats.get(request.id) != request.booked:
            found.append(("lost_booking", {"request": f"request {request.id}"}))
    for session_id, held in taken.items():
        session = index.session[session_id]
        if not session.seats_min <= len(held) <= session.seats_max:
            figures = {"held": str(len(held)), "low": str(session.seats_min), "high": str(session.seats_max)}
            found.append(("size", {"session": f"session {session_id}", **figures}))
        firms = {index.request[r].firm for r in held}
        if any(index.rivals[f] & firms for f in firms):
            found.append(("competitors", {"session": f"session {session_id}"}))
    found += _person_and_firm_violations(index, seats)
    return found


def _person_and_firm_violations(index: Index, seats: Seats) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    by_person: dict[Key, list[Key]] = defaultdict(list)
    by_firm: dict[Key, list[Key]] = defaultdict(list)
    for request_id, session_id in seats.items():
        by_person[index.request[request_id].person].append(session_id)
        by_firm[index.request[request_id].firm].append(session_id)
    for person, sessions in by_person.items():
        if any((a, b) in index.clash for i, a in enumerate(sessions) for b in sessions[i + 1 :]):
            found.append(("clash", {"person": f"person {person}"}))
    for firm, sessions in by_firm.items():
        terms = index.firm[firm]
        if terms.seat_cap is not None and len(sessions) > terms.seat_cap:
            found.append(("firm_cap", {"firm": f"firm {firm}", "held": str(len(sessions)), "cap": str(terms.seat_cap)}))
        if not within_budget(terms, *firm_cost_bound(index, firm, sessions)):
            found.append(("over_budget", {"firm": f"firm {firm}"}))
    if any(len(s) >= 3 for s in by_firm.values()):
        waiting = [f for f in index.micro_firms_asking() if f not in by_firm]
        if waiting:
            found.append(("fairness", {"waiting": str(waiting)}))
    return found
