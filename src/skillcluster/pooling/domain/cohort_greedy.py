"""The greedy baseline of cohort formation (pure): the way a network office would do it by hand.

Booked seats first; then every micro-firm that asked gets its best request seated (the fairness floor);
then all requests by weight, highest first, each into the fullest session that still takes it. Sessions left
below their minimum are cancelled and their people tried elsewhere, until nothing moves; a last pass seats
whoever still fits. The plan holds every rule of `cohorts.py`; it is the yardstick the exact solver is
measured against, and the fallback when the solver runs out of time.
"""

from __future__ import annotations

from collections import defaultdict

from skillcluster.pooling.domain.cohorts import (
    Index,
    Key,
    Problem,
    Request,
    Session,
    firm_cost_bound,
    firm_pays_at_most,
    within_budget,
)


class Plan:
    """Seats being placed, with the running totals the rules need."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.seats: dict[Key, Key] = {}
        self.taken: dict[Key, list[Key]] = defaultdict(list)
        self.of_person: dict[Key, list[Key]] = defaultdict(list)
        self.of_firm: dict[Key, list[Key]] = defaultdict(list)
        self.closed: set[Key] = set()
        self.micro_asking = set(index.micro_firms_asking())
        self.micro_waiting = set(self.micro_asking)

    def blockers(
        self, request: Request, session: Session, *, building: bool = False
    ) -> list[tuple[str, dict[str, Key]]]:
        """The rules seating ``request`` in ``session`` would break now, as (code, figures). While
        ``building``, a session below its minimum is not a blocker (it may still fill)."""
        found: list[tuple[str, dict[str, Key]]] = []
        taken = self.taken[session.id]
        if session.id in self.closed or (not building and len(taken) + 1 < session.seats_min):
            found.append(("not_running", {"minimum": session.seats_min}))
        if len(taken) >= session.seats_max:
            weights = [self.index.request[r].weight for r in taken]
            higher = sum(w > request.weight for w in weights)
            found.append(("full", {"seated": len(taken), "higher": higher}))
        for other in self.of_person[request.person]:
            if (other, session.id) in self.index.clash:
                found.append(("clash", {"other": other}))
                break
        found += self._firm_blockers(request, session)
        return found

    def _firm_blockers(self, request: Request, session: Session) -> list[tuple[str, dict[str, Key]]]:
        found: list[tuple[str, dict[str, Key]]] = []
        terms = self.index.firm[request.firm]
        held = self.of_firm[request.firm]
        if terms.seat_cap is not None and len(held) >= terms.seat_cap:
            found.append(("firm_cap", {"cap": terms.seat_cap}))
        with_seat = firm_cost_bound(self.index, request.firm, [*held, session.id])
        if not within_budget(terms, *with_seat):
            spent = firm_pays_at_most(terms, *firm_cost_bound(self.index, request.firm, held))
            seat = firm_pays_at_most(terms, *with_seat) - spent
            found.append(("over_budget", {"left_cents": (terms.budget_cents or 0) - spent, "seat_cents": seat}))
        firms_in = {self.index.request[r].firm for r in self.taken[session.id]}
        if self.index.rivals[request.firm] & firms_in:
            found.append(("competitor", {}))
        waiting = self.micro_waiting - {request.firm}
        if len(held) >= 2 and waiting:
            found.append(("fairness", {"waiting": len(waiting)}))
        return found

    def place(self, request: Request, session: Session) -> None:
        self.seats[request.id] = session.id
        self.taken[session.id].append(request.id)
        self.of_person[request.person].append(session.id)
        self.of_firm[request.firm].append(session.id)
        self.micro_waiting.discard(request.firm)

    def remove(self, request: Request) -> None:
        session = self.seats.pop(request.id)
        self.taken[session].remove(request.id)
        self.of_person[request.person].remove(session)
        self.of_firm[request.firm].remove(session)
        if not self.of_firm[request.firm] and request.firm in self.micro_asking:
            self.micro_waiting.add(request.firm)

    def try_seat(self, request: Request, *, building: bool) -> bool:
        """Seat ``request`` in the fullest session that takes it (then the first listed); whether it was."""
        options = [s for s in self.index.candidates[request.id] if not self.blockers(request, s, building=building)]
        if not options:
            return False
        self.place(request, max(options, key=lambda s: len(self.taken[s.id])))
        return True


def solve_greedy(problem: Problem) -> dict[Key, Key]:
    """A valid plan by the greedy rule of the module docstring (deterministic: ties go to input order)."""
    index = Index(problem)
    plan = Plan(index)
    for request in problem.requests:
        if request.booked is not None:
            plan.place(request, index.session[request.booked])
    by_weight = sorted((r for r in problem.requests if r.booked is None), key=lambda r: -r.weight)
    firsts = {r.firm: r for r in reversed(by_weight) if r.firm in plan.micro_waiting}
    for request in sorted(firsts.values(), key=lambda r: -r.weight):
        plan.try_seat(request, building=True)
    for request in by_weight:
        if request.id not in plan.seats:
            plan.try_seat(request, building=True)
    _repair(plan, by_weight)
    for request in by_weight:  # the last pass: whoever still fits a running session
        if request.id not in plan.seats:
            plan.try_seat(request, building=False)
    return dict(plan.seats)


def _repair(plan: Plan, order: list[Request]) -> None:
    """Until nothing moves: cancel sessions below their minimum and try their people elsewhere; take back
    third seats (lowest weight first) while a micro-firm that asked holds none, as a cancellation may leave
    one seatless. Ends: each round closes a session or empties the waiting micro-firms' way for good."""
    index = plan.index
    while True:
        short = [s for s in index.problem.sessions if 0 < len(plan.taken[s.id]) < s.seats_min]
        short = [s for s in short if not any(index.request[r].booked is not None for r in plan.taken[s.id])]
        if short:
            moved = []
            for session in short:
                plan.closed.add(session.id)
                moved += [index.request[r] for r in plan.taken[session.id]]
            for request in moved:
                plan.remove(request)
            for request in order:
                if request in moved:
                    plan.try_seat(request, building=True)
            continue
        over = [r for r in order if r.id in plan.seats and len(plan.of_firm[r.firm]) > 2]
        if not plan.micro_waiting or not over:
            return
        for request in sorted(over, key=lambda r: r.weight):
            if len(plan.of_firm[request.firm]) > 2:
                plan.remove(request)
