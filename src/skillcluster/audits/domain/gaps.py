"""Gap analysis of a skills audit (pure: no Django). Every figure here has an exact-value test.

Definitions (the contract the firm report, the cluster aggregate and the pooling work rely on):

* **Requirement**: a role asks for ``skill_uri`` at ``level`` (1-4) with ``importance`` 1 (useful),
  2 (important) or 3 (critical).
* **A person's requirements** are the union over the roles assigned to them; a skill asked by several of
  their roles counts once, at the highest level and the highest importance asked.
* **Current level**: ``levels[(person_id, skill_uri)]`` from ``levels.current_levels``; an unrated skill is
  not held (level 0). A requirement is **met** when current ≥ required.
* **Gap** of a line = max(0, required - current) (0-4); **weighted gap** = gap * importance (0-12).
* **Coverage** = met lines / all lines (``None`` when nothing is required); **gap share** = weighted gap /
  (Σ required * importance), i.e. 0 when every requirement is met, 1 when nothing required is held.
* **Person** figures use the person's merged lines; **role** figures use each assigned person's lines for
  that role's own requirements; **firm** figures use all merged lines of the firm's people. A role with
  nobody assigned contributes no line (a vacancy is not a skills gap of anyone).
* **Categories**: a skill may belong to several; its line counts *in full* in each of them, so the category
  figures do not sum to the firm figure. A skill with no category counts under ``other``.
* **Production-bias index** (PBI), range -1..+1, ``None`` when undefined::

      PBI = P_held / (P_held + MX_held) - P_req / (P_req + MX_req)

  P = summed levels of production skills, MX = summed levels of marketing or transversal (cross-job)
  skills. *held*: every current level of the firm's people (also skills no role asks for); *req*: the
  required level of every person's merged lines. A skill in both poles adds to both. Reading: +0.30 means
  production takes 30 points more of the production-vs-marketing/cross-job mass in what people hold than in
  what their roles ask; 0 means holdings mirror requirements; negative means the firm leans the other way.
* **Cross-job areas**: a cross-job line also counts, in full, in each ESCO transversal group (thinking,
  self-management, social and communication, life skills ...) its skill sits under; lines without an area
  are left out of that breakdown.
* **"Other"** is never a headline figure: `other_skills` lists what it holds (skill, weighted gap, people
  short), worst first, so it can be explained.
* **Job-specificity** (JS), range 0..1, ``None`` when undefined: the share of level mass in skills ESCO marks
  occupation- or sector-specific, against those reusable across jobs (cross-sector, transversal); skills
  without a reuse level are left out. *held*: every current level of the firm's people; *required*: the
  required level of every line. Independent of the categories: it is the seed's production-based versus
  cross-job contrast read from ESCO's reuse level alone.
* **Single-holder skill**: a required skill held at the threshold by exactly one of the firm's people. The
  threshold is the lowest level any of the firm's roles asks for it, or ``min_level`` when given.
* **Rater agreement**: quadratic-weighted Cohen's kappa between the latest self and the latest manager
  rating of each (person, skill) that has both; ``None`` with no pairs or when it is undefined (both raters
  used one and the same level throughout). Weights are squared distances on the 0-4 scale itself; sklearn's
  ``cohen_kappa_score(weights="quadratic")`` agrees only with ``labels=[0, 1, 2, 3, 4]`` (without them it
  weighs by rank among the levels seen).
* **Training-needs priority** = Σ weighted gaps over all lines with a gap, across people and firms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

from skillcluster.audits.domain.levels import PersonId, Rating, RoleId, Source, latest_by_source
from skillcluster.taxonomy.domain.categories import Category
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL

FirmId: TypeAlias = int | str
# Annotate callers' dicts as ``Levels``: Mapping keys are invariant, so dict[tuple[str, str], int] won't pass.
Levels: TypeAlias = Mapping[tuple[PersonId, str], int]
SkillCategories: TypeAlias = Mapping[str, Iterable[Category]]

MIN_IMPORTANCE = 1
MAX_IMPORTANCE = 3


MARKETING_POLE = frozenset({Category.MARKETING, Category.TRANSVERSAL})


@dataclass(frozen=True)
class Requirement:
    role_id: RoleId
    skill_uri: str
    level: int
    importance: int

    def __post_init__(self) -> None:
        if not 1 <= self.level <= MAX_LEVEL:
            raise ValueError(f"required level must be 1-{MAX_LEVEL}, got {self.level!r}")
        if not MIN_IMPORTANCE <= self.importance <= MAX_IMPORTANCE:
            raise ValueError(f"importance must be {MIN_IMPORTANCE}-{MAX_IMPORTANCE}, got {self.importance!r}")


@dataclass(frozen=True)
class Assignment:
    person_id: PersonId
    role_id: RoleId


@dataclass(frozen=True)
class GapLine:
    """One person * one required skill."""

    person_id: PersonId
    skill_uri: str
    required: int
    importance: int
    current: int | None  # None: never rated (counts as 0)

    @property
    def held(self) -> int:
        return self.current or 0

    @property
    def met(self) -> bool:
        return self.held >= self.required

    @property
    def gap(self) -> int:
        return max(0, self.required - self.held)

    @property
    def weighted_gap(self) -> int:
        return self.gap * self.importance


@dataclass(frozen=True)
class GapSummary:
    lines: int
    met: int
    gap: int
    weighted_gap: int
    max_weighted_gap: int  # Σ required * importance: the weighted gap if nothing were held

    @property
    def coverage(self) -> float | None:
        return None if self.lines == 0 else self.met / self.lines

    @property
    def gap_share(self) -> float | None:
        return None if self.max_weighted_gap == 0 else self.weighted_gap / self.max_weighted_gap


@dataclass(frozen=True)
class SingleHolder:
    skill_uri: str
    person_id: PersonId
    level: int
    threshold: int


@dataclass(frozen=True)
class Agreement:
    pairs: int
    kappa: float | None
    exact_share: float | None  # share of pairs with the same level
    mean_self_minus_manager: float | None  # > 0: people rate themselves higher than managers do


@dataclass(frozen=True)
class TrainingNeed:
    skill_uri: str
    people: tuple[PersonId, ...]
    firms: tuple[FirmId, ...]
    priority: int  # Σ weighted gaps
    total_gap: int  # Σ unweighted gaps


def _sort_key(value: PersonId | FirmId) -> tuple[int, int, str]:
    # Ids may be ints (database keys) or strings (e-mails); numbers first, each in natural order.
    return (0, value, "") if isinstance(value, int) else (1, 0, value)


def merged_requirements(role_ids: Iterable[RoleId], requirements: Iterable[Requirement]) -> dict[str, tuple[int, int]]:
    """``skill_uri → (level, importance)`` over several roles: the highest of each."""
    wanted = set(role_ids)
    merged: dict[str, tuple[int, int]] = {}
    for req in requirements:
        if req.role_id in wanted:
            level, importance = merged.get(req.skill_uri, (0, 0))
            merged[req.skill_uri] = (max(level, req.level), max(importance, req.importance))
    return merged


def _roles_by_person(assignments: Iterable[Assignment]) -> dict[PersonId, set[RoleId]]:
    roles: dict[PersonId, set[RoleId]] = defaultdict(set)
    for assignment in assignments:
        roles[assignment.person_id].add(assignment.role_id)
    return roles


def gap_lines(requirements: Sequence[Requirement], assignments: Iterable[Assignment], levels: Levels) -> list[GapLine]:
    """Merged lines of every assigned person, sorted by person then skill."""
    lines = []
    for person, roles in _roles_by_person(assignments).items():
        for skill, (level, importance) in merged_requirements(roles, requirements).items():
            lines.append(GapLine(person, skill, level, importance, levels.get((person, skill))))
    return sorted(lines, key=lambda line: (_sort_key(line.person_id), line.skill_uri))


def role_gap_lines(
    role_id: RoleId, requirements: Sequence[Requirement], assignments: Iterable[Assignment], levels: Levels
) -> list[GapLine]:
    """Lines of the people assigned to ``role_id`` against that role's requirements only."""
    people = sorted({a.person_id for a in assignments if a.role_id == role_id}, key=_sort_key)
    reqs = merged_requirements([role_id], requirements)
    return [
        GapLine(person, skill, level, importance, levels.get((person, skill)))
        for person in people
        for skill, (level, importance) in sorted(reqs.items())
    ]


def summarize(lines: Iterable[GapLine]) -> GapSummary:
    rows = list(lines)
    return GapSummary(
        lines=len(rows),
        met=sum(1 for line in rows if line.met),
        gap=sum(line.gap for line in rows),
        weighted_gap=sum(line.weighted_gap for line in rows),
        max_weighted_gap=sum(line.required * line.importance for line in rows),
    )


def gaps_by_person(lines: Iterable[GapLine]) -> dict[PersonId, GapSummary]:
    grouped: dict[PersonId, list[GapLine]] = defaultdict(list)
    for line in lines:
        grouped[line.person_id].append(line)
    return {person: summarize(rows) for person, rows in grouped.items()}


def gaps_by_role(
    requirements: Sequence[Requirement], assignments: Sequence[Assignment], levels: Levels
) -> dict[RoleId, GapSummary]:
    role_ids = {req.role_id for req in requirements} | {a.role_id for a in assignments}
    return {role: summarize(role_gap_lines(role, requirements, assignments, levels)) for role in role_ids}


def categories_of(skill_uri: str, categories: SkillCategories) -> frozenset[Category]:
    found = frozenset(categories.get(skill_uri, ()))
    return found or frozenset({Category.OTHER})


def gaps_by_category(lines: Iterable[GapLine], categories: SkillCategories) -> dict[Category, GapSummary]:
    """Summary per category, every category present (empty ones too); multi-category lines count in each."""
    grouped: dict[Category, list[GapLine]] = {category: [] for category in Category}
    for line in lines:
        for category in categories_of(line.skill_uri, categories):
            grouped[category].append(line)
    return {category: summarize(rows) for category, rows in grouped.items()}


def gaps_by_area(lines: Iterable[GapLine], areas: Mapping[str, Iterable[str]]) -> dict[str, GapSummary]:
    """Summary per cross-job area present in ``areas`` (skill URI -> its areas); a line counts in each."""
    grouped: dict[str, list[GapLine]] = defaultdict(list)
    for line in lines:
        for area in areas.get(line.skill_uri, ()):
            grouped[area].append(line)
    return {area: summarize(rows) for area, rows in grouped.items()}


@dataclass(frozen=True)
class OtherSkill:
    skill_uri: str
    weighted_gap: int
    people_short: int
    lines: int


def other_skills(lines: Iterable[GapLine], categories: SkillCategories) -> list[OtherSkill]:
    """The skills of "other" lines, largest weighted gap first (then most lines, then URI)."""
    grouped: dict[str, list[GapLine]] = defaultdict(list)
    for line in lines:
        if categories_of(line.skill_uri, categories) == {Category.OTHER}:
            grouped[line.skill_uri].append(line)
    found = [
        OtherSkill(uri, sum(r.weighted_gap for r in rows), sum(1 for r in rows if r.gap), len(rows))
        for uri, rows in grouped.items()
    ]
    return sorted(found, key=lambda s: (-s.weighted_gap, -s.lines, s.skill_uri))


JOB_SPECIFIC = frozenset({"occupation-specific", "sector-specific"})
TRANSFERABLE = frozenset({"cross-sector", "transversal"})


@dataclass(frozen=True)
class JobSpecificity:
    held: float | None  # share of the people's level mass in job- or sector-specific skills
    required: float | None  # the same share in what their roles ask


def _specific_share(weighted: Iterable[tuple[str, int]], reuse: Mapping[str, str]) -> float | None:
    specific = transferable = 0
    for skill, level in weighted:
        kind = reuse.get(skill, "")
        specific += level if kind in JOB_SPECIFIC else 0
        transferable += level if kind in TRANSFERABLE else 0
    total = specific + transferable
    return None if total == 0 else specific / total


def job_specificity(lines: Sequence[GapLine], levels: Levels, reuse: Mapping[str, str]) -> JobSpecificity:
    """JS (module docstring): ``reuse`` maps skill URI -> ESCO reuse level."""
    return JobSpecificity(
        held=_specific_share(((skill, level) for (_, skill), level in levels.items()), reuse),
        required=_specific_share(((line.skill_uri, line.required) for line in lines), reuse),
    )


def _pole_share(weighted: Iterable[tuple[str, int]], categories: SkillCategories) -> Fraction | None:
    production = marketing = 0
    for skill, level in weighted:
        found = categories_of(skill, categories)
        production += level if Category.PRODUCTION in found else 0
        marketing += level if found & MARKETING_POLE else 0
    total = production + marketing
    return None if total == 0 else Fraction(production, total)


def production_bias_index(lines: Sequence[GapLine], levels: Levels, categories: SkillCategories) -> float | None:
    """PBI (module docstring): ``levels`` are the current levels of the firm's people, ``lines`` their gap lines."""
    held = _pole_share(((skill, level) for (_, skill), level in levels.items()), categories)
    required = _pole_share(((line.skill_uri, line.required) for line in lines), categories)
    return None if held is None or required is None else float(held - required)


def single_holder_skills(
    requirements: Iterable[Requirement], levels: Levels, min_level: int | None = None
) -> list[SingleHolder]:
    """Required skills held at the threshold by exactly one person in ``levels``, sorted by skill."""
    thresholds: dict[str, int] = {}
    for req in requirements:
        thresholds[req.skill_uri] = min(thresholds.get(req.skill_uri, req.level), req.level)
    holders: dict[str, list[tuple[PersonId, int]]] = defaultdict(list)
    for (person, skill), level in levels.items():
        if skill in thresholds and level >= (min_level if min_level is not None else thresholds[skill]):
            holders[skill].append((person, level))
    return [
        SingleHolder(skill, found[0][0], found[0][1], min_level if min_level is not None else thresholds[skill])
        for skill, found in sorted(holders.items())
        if len(found) == 1
    ]


def quadratic_kappa(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Quadratic-weighted Cohen's kappa of two raters on the 0-4 scale; ``None`` when undefined.

    kappa = 1 - n·Σ w_ij O_ij / Σ w_ij r_i c_j with w_ij = (i - j)², computed exactly in integers
    (the usual (k-1)² normalisation of w cancels out).
    """
    if len(first) != len(second):
        raise ValueError("both raters must rate the same items")
    n = len(first)
    if n == 0:
        return None
    observed = sum((a - b) ** 2 for a, b in zip(first, second, strict=True))
    rows, cols = _counts(first), _counts(second)
    expected = sum(rows[i] * cols[j] * (i - j) ** 2 for i in rows for j in cols)
    return None if expected == 0 else float(1 - Fraction(n * observed, expected))


def _counts(values: Iterable[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for value in values:
        counts[value] += 1
    return counts


def rater_agreement(ratings: Iterable[Rating]) -> Agreement:
    """Self vs manager over (person, skill) pairs rated by both; the latest rating of each source."""
    rows = list(ratings)
    selfs, managers = latest_by_source(rows, Source.SELF), latest_by_source(rows, Source.MANAGER)
    keys = sorted(selfs.keys() & managers.keys(), key=lambda k: (_sort_key(k[0]), k[1]))
    first, second = [selfs[k] for k in keys], [managers[k] for k in keys]
    if not keys:
        return Agreement(pairs=0, kappa=None, exact_share=None, mean_self_minus_manager=None)
    return Agreement(
        pairs=len(keys),
        kappa=quadratic_kappa(first, second),
        exact_share=sum(a == b for a, b in zip(first, second, strict=True)) / len(keys),
        mean_self_minus_manager=(sum(first) - sum(second)) / len(keys),
    )


def training_needs(lines_by_firm: Mapping[FirmId, Iterable[GapLine]]) -> list[TrainingNeed]:
    """One need per skill with a gap somewhere; highest priority first, then by skill URI."""
    people: dict[str, set[PersonId]] = defaultdict(set)
    firms: dict[str, set[FirmId]] = defaultdict(set)
    priority: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for firm, lines in lines_by_firm.items():
        for line in (line for line in lines if line.gap > 0):
            people[line.skill_uri].add(line.person_id)
            firms[line.skill_uri].add(firm)
            priority[line.skill_uri] += line.weighted_gap
            total[line.skill_uri] += line.gap
    needs = [
        TrainingNeed(
            skill,
            tuple(sorted(people[skill], key=_sort_key)),
            tuple(sorted(firms[skill], key=_sort_key)),
            priority[skill],
            total[skill],
        )
        for skill in priority
    ]
    return sorted(needs, key=lambda need: (-need.priority, need.skill_uri))
