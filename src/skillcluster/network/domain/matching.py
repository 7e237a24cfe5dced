"""Mentor matching across firms (pure: no Django): which mentor takes which mentee's skill gap.

The problem (exact-value tests in `tests/test_matching.py`):

* A **need** is one person's gap in one skill: ``gap`` levels short of ``target``, of ``importance`` 1-3, held
  at ``current``; ``single_holder`` when the skill is held by one person only in the firm (the bus factor).
* A **mentor** offers skills at their levels, mentors at most ``capacity`` needs at once, speaks
  ``languages``, works in ``firm`` (in ``region``, a NUTS code).
* A pair is **allowed** when the mentor holds the skill at the need's target or above and above the
  mentee's current level, they share a language, they work in different firms, neither firm declared the
  other a competitor, and neither of them declined this pairing before (declines feed the next proposal).
* Its **weight** = gap × importance × (2 for a single-holder skill, else 1) × 10 + nearness, nearness being
  3 in the same NUTS-3 region, 2 in the same NUTS-2, 1 in the same country, 0 otherwise: need first, then the
  nearer mentor.

A plan gives each need at most one mentor and each mentor at most ``capacity`` needs; the objective is the
weight matched. Every constraint matrix here is that of a bipartite b-matching (totally unimodular), so the
linear programme's optimum is whole: HiGHS solves it as an LP, the result is checked to be whole, and the
greedy baseline (heaviest pair first) is the yardstick.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

import highspy
import numpy as np

from skillcluster.solvers import silent_highs
from skillcluster.words import gettext, pgettext

Key: TypeAlias = int | str


@dataclass(frozen=True)
class Need:
    id: Key
    person: Key
    firm: Key
    skill: Key
    current: int
    target: int
    importance: int = 2
    single_holder: bool = False
    languages: frozenset[str] = frozenset({"it"})
    region: str = ""

    @property
    def gap(self) -> int:
        return max(0, self.target - self.current)


@dataclass(frozen=True)
class Mentor:
    id: Key
    firm: Key
    skills: Mapping[Key, int]  # skill → level held
    capacity: int = 1
    languages: frozenset[str] = frozenset({"it"})
    region: str = ""


@dataclass(frozen=True)
class Problem:
    needs: tuple[Need, ...]
    mentors: tuple[Mentor, ...]
    competitors: frozenset[frozenset[Key]] = frozenset()  # pairs of firms, either side's declaration
    declined: frozenset[tuple[Key, Key]] = frozenset()  # (need, mentor) pairs a mentee or mentor turned down

    def __post_init__(self) -> None:
        for kind, items in (("need", self.needs), ("mentor", self.mentors)):
            if len({item.id for item in items}) != len(items):
                raise ValueError(f"two {kind}s share an id")
        if any(m.capacity < 0 for m in self.mentors):
            raise ValueError("a mentor's capacity is never negative")


def nearness(a: str, b: str) -> int:
    """3 same NUTS-3 region, 2 same NUTS-2, 1 same country, 0 otherwise (or unknown)."""
    if not a or not b:
        return 0
    for length, score in ((5, 3), (4, 2), (2, 1)):
        if len(a) >= length and len(b) >= length and a[:length] == b[:length]:
            return score
    return 0


def refusal(problem: Problem, need: Need, mentor: Mentor) -> str | None:
    """Why ``mentor`` may not take ``need`` (a code the page words), or None when the pair is allowed."""
    level = mentor.skills.get(need.skill)
    if level is None:
        return "no_skill"
    if level < need.target or level <= need.current:
        return "level"
    if not need.languages & mentor.languages:
        return "language"
    if need.firm == mentor.firm:
        return "same_firm"
    if frozenset({need.firm, mentor.firm}) in problem.competitors:
        return "competitor"
    if need.person == mentor.id:
        return "self"
    if (need.id, mentor.id) in problem.declined:
        return "declined"
    return None


def weight(need: Need, mentor: Mentor) -> int:
    return need.gap * need.importance * (2 if need.single_holder else 1) * 10 + nearness(need.region, mentor.region)


@dataclass(frozen=True)
class Outcome:
    pairs: dict[Key, Key]  # need id → mentor id
    status: str  # "optimal" or "greedy" (the solver failed or gave a fractional answer)
    objective: int
    greedy_objective: int
    solve_s: float
    allowed: dict[Key, list[Key]] = field(default_factory=dict)  # need id → mentors allowed for it


def allowed_pairs(problem: Problem) -> dict[Key, list[Key]]:
    by_skill: dict[Key, list[Mentor]] = defaultdict(list)
    for mentor in problem.mentors:
        for skill in mentor.skills:
            by_skill[skill].append(mentor)
    return {
        need.id: [m.id for m in by_skill[need.skill] if m.capacity > 0 and refusal(problem, need, m) is None]
        for need in problem.needs
        if need.gap > 0
    }


def objective(problem: Problem, pairs: Mapping[Key, Key]) -> int:
    needs = {n.id: n for n in problem.needs}
    mentors = {m.id: m for m in problem.mentors}
    return sum(weight(needs[n], mentors[m]) for n, m in pairs.items())


def violations(problem: Problem, pairs: Mapping[Key, Key]) -> list[str]:
    """Every rule ``pairs`` breaks, in words; empty when the plan is valid."""
    needs = {n.id: n for n in problem.needs}
    mentors = {m.id: m for m in problem.mentors}
    found = []
    load: dict[Key, int] = defaultdict(int)
    for need_id, mentor_id in pairs.items():
        load[mentor_id] += 1
        why = refusal(problem, needs[need_id], mentors[mentor_id])
        if why is not None or needs[need_id].gap == 0:
            found.append(gettext("need %(need)s with mentor %(mentor)s: %(rule)s")
                         % {"need": need_id, "mentor": mentor_id, "rule": _rule(why)})  # fmt: skip
    found += [gettext("mentor %(mentor)s takes %(taken)d over a capacity of %(capacity)d")
              % {"mentor": m, "taken": n, "capacity": mentors[m].capacity}
              for m, n in load.items() if n > mentors[m].capacity]  # fmt: skip
    return found


def _rule(code: str | None) -> str:
    """The rule a pair breaks, in a word or two (the code itself in English)."""
    words = {
        "no_skill": pgettext("rule a mentoring pair breaks", "no_skill"),
        "level": pgettext("rule a mentoring pair breaks", "level"),
        "language": pgettext("rule a mentoring pair breaks", "language"),
        "same_firm": pgettext("rule a mentoring pair breaks", "same_firm"),
        "competitor": pgettext("rule a mentoring pair breaks", "competitor"),
        "self": pgettext("rule a mentoring pair breaks", "self"),
        "declined": pgettext("rule a mentoring pair breaks", "declined"),
        None: pgettext("rule a mentoring pair breaks", "no gap"),
    }
    return words.get(code, code or "")


def solve_greedy(problem: Problem) -> dict[Key, Key]:
    """Heaviest allowed pair first (ties: input order), while the mentor has room."""
    needs = {n.id: n for n in problem.needs}
    mentors = {m.id: m for m in problem.mentors}
    candidates = sorted(
        ((weight(needs[n], mentors[m]), i, n, m) for i, (n, ms) in enumerate(allowed_pairs(problem).items())
         for m in ms),
        key=lambda c: (-c[0], c[1]),
    )  # fmt: skip
    room = {m.id: m.capacity for m in problem.mentors}
    pairs: dict[Key, Key] = {}
    for _, _, need_id, mentor_id in candidates:
        if need_id not in pairs and room[mentor_id] > 0:
            pairs[need_id] = mentor_id
            room[mentor_id] -= 1
    return pairs


def match(problem: Problem) -> Outcome:
    """The maximum-weight plan (HiGHS, as an LP: the b-matching polytope has whole corners), or the greedy plan
    when the solver fails or its answer is not whole."""
    started = time.perf_counter()
    allowed = allowed_pairs(problem)
    greedy = solve_greedy(problem)
    greedy_value = objective(problem, greedy)
    pairs = _lp(problem, allowed)
    elapsed = time.perf_counter() - started
    if pairs is None or violations(problem, pairs) or objective(problem, pairs) < greedy_value:
        return Outcome(greedy, "greedy", greedy_value, greedy_value, elapsed, allowed)
    return Outcome(pairs, "optimal", objective(problem, pairs), greedy_value, elapsed, allowed)


def _lp(problem: Problem, allowed: Mapping[Key, list[Key]]) -> dict[Key, Key] | None:
    needs = {n.id: n for n in problem.needs}
    mentors = {m.id: m for m in problem.mentors}
    columns = [(n, m) for n, ms in allowed.items() for m in ms]
    if not columns:
        return {}
    cost = np.array([float(weight(needs[n], mentors[m])) for n, m in columns])
    rows: dict[tuple[str, Key], list[int]] = defaultdict(list)
    for index, (n, m) in enumerate(columns):
        rows[("need", n)].append(index)
        rows[("mentor", m)].append(index)
    upper = [1.0 if kind == "need" else float(mentors[key].capacity) for kind, key in rows]
    starts: list[int] = []
    indices: list[int] = []
    for members in rows.values():
        starts.append(len(indices))
        indices += members
    solver = silent_highs()
    solver.addCols(len(columns), cost, np.zeros(len(columns)), np.ones(len(columns)), 0,
                   np.array([], dtype=np.int32), np.array([], dtype=np.int32), np.array([]))  # fmt: skip
    solver.addRows(len(rows), np.full(len(rows), -highspy.kHighsInf), np.array(upper), len(indices),
                   np.array(starts, dtype=np.int32), np.array(indices, dtype=np.int32),
                   np.ones(len(indices)))  # fmt: skip
    solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
    solver.run()
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    values = solver.getSolution().col_value
    if any(0.001 < v < 0.999 for v in values):
        return None  # not whole: never expected on this polytope, and then the greedy plan stands
    return {columns[i][0]: columns[i][1] for i, v in enumerate(values) if v > 0.5}


@dataclass(frozen=True)
class PairReason:
    """Why a need has its mentor or none: a code the page words, the mentor, and the figures."""

    code: str  # matched; no_gap; or, unmatched: full, then the commonest refusal of `refusal` (no_skill ...)
    mentor: Key | None = None
    figures: Mapping[str, int] = field(default_factory=dict)


def explain(problem: Problem, pairs: Mapping[Key, Key]) -> dict[Key, PairReason]:
    """A reason for every need under ``pairs``. Matched: the mentor's level, nearness and room left after.
    Unmatched with an allowed mentor: ``full`` (the first allowed mentor, and how many of their mentees weigh as
    much or more). Otherwise the rule that refused the most mentors holding the skill (``no_skill`` when none
    holds it)."""
    mentors = {m.id: m for m in problem.mentors}
    needs = {n.id: n for n in problem.needs}
    load: dict[Key, int] = defaultdict(int)
    for mentor_id in pairs.values():
        load[mentor_id] += 1
    allowed = allowed_pairs(problem)
    found = {}
    for need in problem.needs:
        if need.id in pairs:
            mentor = mentors[pairs[need.id]]
            found[need.id] = PairReason("matched", mentor.id, {
                "level": mentor.skills[need.skill], "nearness": nearness(need.region, mentor.region),
                "room_left": mentor.capacity - load[mentor.id],
            })  # fmt: skip
        elif need.gap == 0:
            found[need.id] = PairReason("no_gap")
        elif allowed.get(need.id):
            mentor = mentors[allowed[need.id][0]]
            mine = weight(need, mentor)
            higher = sum(1 for n, m in pairs.items() if m == mentor.id and weight(needs[n], mentor) >= mine)
            found[need.id] = PairReason("full", mentor.id, {"capacity": mentor.capacity, "higher": higher})
        else:
            refusals = [refusal(problem, need, m) for m in problem.mentors if need.skill in m.skills]
            counted = [r for r in refusals if r is not None] or ["no_skill"]
            code = max(dict.fromkeys(counted), key=counted.count)
            found[need.id] = PairReason(code, figures={"mentors": len(refusals)})
    return found
