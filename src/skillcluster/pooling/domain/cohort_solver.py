"""Cohort formation as an exact optimisation (pure): a mixed-integer programme solved by HiGHS.

Variables: ``x[r,s]`` = request r sits in session s (for the sessions `Index.candidates` allows),
``y[s]`` = session s runs, ``t`` = some firm holds a third seat, ``w[f,s]`` = firm f is in session s (only
for firms with declared competitors). Rows, numbered as the rules of `cohorts.py`:

1. Σ_s x[r,s] ≤ 1; a booked seat fixes x[r,s] = 1.
2. seats_min·y[s] ≤ Σ_r x[r,s] ≤ seats_max·y[s].
3. x[r,s] + x[r',s'] ≤ 1 for two requests of one person and sessions that clash.
4. Σ x over the firm ≤ seat_cap; Σ firm_seat_cents·x ≤ budget; Σ seat_cents·x ≤ budget + de minimis left.
5. x[r,s] ≤ w[f,s]; w[f,s] + w[g,s] ≤ 1 for competitors f, g.
6. Σ x over firm f ≤ 2 + (n_f - 2)·t for firms with more than two requests; Σ x over micro-firm m ≥ t for
   each micro-firm that asked.

Objective: maximise Σ weight·x. The greedy plan is the baseline; the solver's plan is kept only when it
holds every rule (checked again by `cohorts.violations`) and is at least as good.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import highspy
import numpy as np

from skillcluster.pooling.domain.cohort_greedy import solve_greedy
from skillcluster.pooling.domain.cohorts import Index, Key, Problem, broken, objective, violations
from skillcluster.pooling.domain.wording import conflict
from skillcluster.solvers import silent_highs

TIME_LIMIT_S = 10.0
INF = highspy.kHighsInf


@dataclass(frozen=True)
class Outcome:
    seats: dict[Key, Key]
    status: str  # "optimal"; "time limit" (the solver's best, not proven); "greedy" (the baseline kept)
    objective: int
    greedy_objective: int
    solve_s: float
    conflicts: tuple[str, ...] = ()  # when booked seats alone break a rule: what to relax
    bound: float | None = None  # no plan can seat more weight than this (the solver's proof)

    @property
    def gap(self) -> float | None:
        """How far the plan may be from the best possible, as a share of the bound (0 when proven optimal)."""
        if self.status == "optimal":
            return 0.0
        return None if not self.bound else max(0.0, (self.bound - self.objective) / self.bound)


class _Model:
    """Columns and rows gathered in plain lists, handed to HiGHS in one call each."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []

    def column(self, cost: float = 0.0) -> int:
        self.cost.append(cost)
        self.lower.append(0.0)
        self.upper.append(1.0)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lower: float = -INF, upper: float = INF) -> None:
        self.starts.append(len(self.index))
        self.index += [column for column, _ in terms]
        self.value += [value for _, value in terms]
        self.row_lower.append(lower)
        self.row_upper.append(upper)


def form(problem: Problem, *, time_limit_s: float = TIME_LIMIT_S) -> Outcome:
    """The best plan found within ``time_limit_s``: the proven optimum, or the better of the solver's best
    and the greedy plan. Booked seats that break a rule on their own come back as ``conflicts``."""
    started = time.perf_counter()
    conflicts = booked_conflicts(problem)
    greedy = solve_greedy(problem)
    greedy_value = objective(problem, greedy)
    if conflicts:
        return Outcome(greedy, "greedy", greedy_value, greedy_value, time.perf_counter() - started, conflicts)
    seats, proven, bound = _solve(problem, Index(problem), time_limit_s)
    elapsed = time.perf_counter() - started
    if seats is None or violations(problem, seats) or objective(problem, seats) < greedy_value:
        return Outcome(greedy, "greedy", greedy_value, greedy_value, elapsed, bound=bound)
    status = "optimal" if proven else "time limit"
    return Outcome(seats, status, objective(problem, seats), greedy_value, elapsed, bound=bound)


def booked_conflicts(problem: Problem) -> tuple[str, ...]:
    """The rules the booked seats break by themselves, each with what to relax (`wording.RELAX`; a booked
    session still below its minimum is no conflict: it may fill), in the checker's English words."""
    booked = {r.id: r.booked for r in problem.requests if r.booked is not None}
    return tuple(conflict(code, figures) for code, figures in broken(problem, booked) if code != "size")


def _solve(problem: Problem, index: Index, time_limit_s: float) -> tuple[dict[Key, Key] | None, bool, float | None]:
    # No start solution is handed to HiGHS: 1.16 maps one into its presolved space with a wrong objective and
    # may then report it as optimal (found by the brute-force property test); the greedy plan stays the floor.
    model = _Model()
    x = {(r.id, s.id): model.column(float(r.weight)) for r in problem.requests for s in index.candidates[r.id]}
    if not x:
        return {}, True, 0.0
    for r in problem.requests:
        if r.booked is not None:
            model.lower[x[(r.id, r.booked)]] = 1.0
    _seat_rows(model, problem, index, x)
    _firm_rows(model, problem, index, x)
    _fairness_rows(model, problem, index, x)
    _competitor_rows(model, problem, index, x)
    solution, proven, bound = _run(model, time_limit_s)
    if solution is None:
        return None, False, bound
    return {r: s for (r, s), column in x.items() if solution[column] > 0.5}, proven, bound


def _seat_rows(model: _Model, problem: Problem, index: Index, x: dict[tuple[Key, Key], int]) -> None:
    by_request: dict[Key, list[int]] = defaultdict(list)
    by_session: dict[Key, list[int]] = defaultdict(list)
    by_person: dict[Key, list[tuple[Key, Key, int]]] = defaultdict(list)
    for (r, s), column in x.items():
        by_request[r].append(column)
        by_session[s].append(column)
        by_person[index.request[r].person].append((r, s, column))
    for columns in by_request.values():
        if len(columns) > 1:
            model.row([(c, 1.0) for c in columns], upper=1.0)
    for session in problem.sessions:
        if by_session[session.id]:
            y = model.column()
            terms = [(c, 1.0) for c in by_session[session.id]]
            model.row([*terms, (y, -float(session.seats_max))], upper=0.0)
            model.row([*terms, (y, -float(session.seats_min))], lower=0.0)
            for column in by_session[session.id]:  # implied by the row above, but tightens the relaxation a lot
                model.row([(column, 1.0), (y, -1.0)], upper=0.0)
    for options in by_person.values():
        for i, (r, s, column) in enumerate(options):
            for r2, s2, column2 in options[i + 1 :]:
                if r2 != r and (s, s2) in index.clash:
                    model.row([(column, 1.0), (column2, 1.0)], upper=1.0)


def _by_firm(index: Index, x: dict[tuple[Key, Key], int]) -> dict[Key, list[tuple[Key, int]]]:
    found: dict[Key, list[tuple[Key, int]]] = defaultdict(list)
    for (r, s), column in x.items():
        found[index.request[r].firm].append((s, column))
    return found


def _firm_rows(model: _Model, problem: Problem, index: Index, x: dict[tuple[Key, Key], int]) -> None:
    for firm, seats in _by_firm(index, x).items():
        terms = index.firm[firm]
        if terms.seat_cap is not None:
            model.row([(c, 1.0) for _, c in seats], upper=float(terms.seat_cap))
        if terms.budget_cents is not None:
            size = terms.size_class
            _share_row(model, [(c, index.session[s].firm_seat_cents(size)) for s, c in seats], terms.budget_cents)
            if terms.de_minimis_left_cents is not None:
                gross = [(c, index.session[s].seat_cents) for s, c in seats]
                _share_row(model, gross, terms.budget_cents + terms.de_minimis_left_cents)


def _share_row(model: _Model, terms: list[tuple[int, int]], limit: int) -> None:
    """Σ cents · x ≤ limit, written as shares of the limit: rows of euro cents beside rows of ones are badly
    scaled for HiGHS, and in shares the benchmark's hard clusters solve two to three times faster."""
    if limit <= 0:
        model.row([(c, 1.0) for c, cents in terms if cents > 0], upper=0.0)
        return
    model.row([(c, cents / limit) for c, cents in terms], upper=1.0)


def _fairness_rows(model: _Model, problem: Problem, index: Index, x: dict[tuple[Key, Key], int]) -> None:
    asking = index.micro_firms_asking()
    by_firm = _by_firm(index, x)
    requests_of: dict[Key, set[Key]] = defaultdict(set)
    for r, _ in x:
        requests_of[index.request[r].firm].add(r)
    many = {firm: len(found) for firm, found in requests_of.items() if len(found) > 2}
    if not asking or not many:
        return
    t = model.column()
    for firm, n in many.items():
        model.row([*((c, 1.0) for _, c in by_firm[firm]), (t, -float(n - 2))], upper=2.0)
    for firm in asking:
        model.row([*((c, 1.0) for _, c in by_firm[firm]), (t, -1.0)], lower=0.0)


def _competitor_rows(model: _Model, problem: Problem, index: Index, x: dict[tuple[Key, Key], int]) -> None:
    present: dict[tuple[Key, Key], int] = {}
    for (r, s), column in x.items():
        firm = index.request[r].firm
        if index.rivals[firm]:
            if (firm, s) not in present:
                present[(firm, s)] = model.column()
            model.row([(column, 1.0), (present[(firm, s)], -1.0)], upper=0.0)
    for (firm, s), column in present.items():
        for rival in index.rivals[firm]:
            if str(rival) > str(firm) and (rival, s) in present:
                model.row([(column, 1.0), (present[(rival, s)], 1.0)], upper=1.0)


def _run(model: _Model, time_limit_s: float) -> tuple[np.ndarray | None, bool, float | None]:
    solver = silent_highs()
    solver.setOptionValue("time_limit", float(time_limit_s))
    solver.setOptionValue("mip_abs_gap", 0.999)  # weights are whole numbers: a bound below best + 1 proves it
    n = len(model.cost)
    solver.addCols(
        n,
        np.array(model.cost),
        np.array(model.lower),
        np.array(model.upper),
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([]),
    )
    if model.starts:
        solver.addRows(
            len(model.starts),
            np.array(model.row_lower),
            np.array(model.row_upper),
            len(model.index),
            np.array(model.starts, dtype=np.int32),
            np.array(model.index, dtype=np.int32),
            np.array(model.value),
        )
    solver.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
    solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
    solver.run()
    info = solver.getInfo()
    bound = float(info.mip_dual_bound) if abs(info.mip_dual_bound) < INF else None
    if solver.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        return np.array(solver.getSolution().col_value), True, bound
    if info.primal_solution_status == 2:  # a feasible incumbent when the time ran out
        return np.array(solver.getSolution().col_value), False, bound
    return None, False, bound
