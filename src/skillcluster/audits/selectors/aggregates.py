"""Cluster figures of the skills audit, aggregated in SQL (never Python loops over rows).

Lines are the firm report's (`gaps.py`): each assigned person × each skill their roles require, at the
highest level and importance asked; the held level is the person's `SkillLevel` (0 when never rated).
A figure is shown only where at least `MIN_FIRMS` firms and `MIN_PEOPLE` people stand behind it: the floor
is applied here, in the selector, so no template or API client can show a suppressed cell.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection

from skillcluster.audits.models import CategoryOverride, Role, RoleAssignment, RoleRequirement, SkillLevel
from skillcluster.taxonomy.domain.categories import HEADLINE, Category, CrossJobArea
from skillcluster.taxonomy.models import Skill, SkillCategory, SkillCrossJobArea
from skillcluster.tenancy.domain import codes
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS, MIN_PEOPLE
from skillcluster.tenancy.models import Cluster, Firm, Membership

_LINES = """
WITH lines AS (
  SELECT a.membership_id AS mid, q.skill_id AS skill_id, MAX(q.level) AS required, MAX(q.importance) AS importance
  FROM {assignment} a
  JOIN {role} r ON r.id = a.role_id
  JOIN {firm} f ON f.id = r.firm_id
  JOIN {requirement} q ON q.role_id = a.role_id
  WHERE f.cluster_id = %s
  GROUP BY a.membership_id, q.skill_id
), scored AS (
  SELECT m.firm_id, m.person_id, l.skill_id, l.required, l.importance, COALESCE(s.level, 0) AS held
  FROM lines l
  JOIN {membership} m ON m.id = l.mid
  LEFT JOIN {level} s ON s.person_id = m.person_id AND s.skill_id = l.skill_id AND s.firm_id = m.firm_id
)
"""
_SUMS = """COUNT(*) AS n, SUM(CASE WHEN sc.held >= sc.required THEN 1 ELSE 0 END) AS met,
  SUM(CASE WHEN sc.held < sc.required THEN (sc.required - sc.held) * sc.importance ELSE 0 END) AS wg,
  SUM(sc.required * sc.importance) AS mwg"""
# The ESCO mapping's categories, replaced by the cluster's own for the skills it has overrides for.
_CATEGORIES = """, cats AS (
  SELECT skill_id, category FROM {category}
  WHERE skill_id NOT IN (SELECT skill_id FROM {override} WHERE cluster_id = %s)
  UNION ALL SELECT skill_id, category FROM {override} WHERE cluster_id = %s
)"""
# Two levels: per firm first (distinct people within a firm), then per cell, so the k-floor counts firms
# exactly; a person who works in two firms counts once in each.
_BY_SECTOR = (
    _LINES  # noqa: S608 -- only table names from model meta are formatted in; values are parameters
    + _CATEGORIES
    + ", per_firm AS (SELECT sc.firm_id, COALESCE(c.category, 'other') AS category,"
    + " COUNT(DISTINCT sc.person_id) AS people, "
    + _SUMS
    + """ FROM scored sc LEFT JOIN cats c ON c.skill_id = sc.skill_id
GROUP BY sc.firm_id, COALESCE(c.category, 'other'))
SELECT SUBSTR(f.nace_code, 1, 2), pf.category, COUNT(*), SUM(pf.people), SUM(pf.n), SUM(pf.met), SUM(pf.wg),
  SUM(pf.mwg)
FROM per_firm pf JOIN {firm} f ON f.id = pf.firm_id
GROUP BY SUBSTR(f.nace_code, 1, 2), pf.category"""
)
# Cross-job lines by ESCO transversal area: the same, over the skills that have an area (no "other").
_BY_AREA = (
    _LINES  # noqa: S608 -- as above
    + ", per_firm AS (SELECT sc.firm_id, c.area AS area, COUNT(DISTINCT sc.person_id) AS people, "
    + _SUMS
    + """ FROM scored sc JOIN {area} c ON c.skill_id = sc.skill_id GROUP BY sc.firm_id, c.area)
SELECT SUBSTR(f.nace_code, 1, 2), pf.area, COUNT(*), SUM(pf.people), SUM(pf.n), SUM(pf.met), SUM(pf.wg),
  SUM(pf.mwg)
FROM per_firm pf JOIN {firm} f ON f.id = pf.firm_id
GROUP BY SUBSTR(f.nace_code, 1, 2), pf.area"""
)
_BY_SKILL = (
    _LINES  # noqa: S608 -- as above
    + ", per_firm AS (SELECT sc.firm_id, sc.skill_id,"
    + " COUNT(DISTINCT CASE WHEN sc.held < sc.required THEN sc.person_id END) AS short, "
    + _SUMS
    + """ FROM scored sc GROUP BY sc.firm_id, sc.skill_id)
SELECT pf.skill_id, SUM(CASE WHEN pf.short > 0 THEN 1 ELSE 0 END), SUM(pf.short), SUM(pf.wg)
FROM per_firm pf GROUP BY pf.skill_id"""
)


def _sql(template: str) -> str:
    tables = {
        "assignment": RoleAssignment._meta.db_table,
        "requirement": RoleRequirement._meta.db_table,
        "membership": Membership._meta.db_table,
        "role": Role._meta.db_table,
        "firm": Firm._meta.db_table,
        "level": SkillLevel._meta.db_table,
        "category": SkillCategory._meta.db_table,
        "area": SkillCrossJobArea._meta.db_table,
        "override": CategoryOverride._meta.db_table,
    }
    return template.format(**tables)


@dataclass(frozen=True)
class Cell:
    division: str
    category: str
    firms: int
    people: int
    lines: int | None = None  # None: suppressed (fewer than MIN_FIRMS firms or MIN_PEOPLE people)
    coverage: float | None = None  # met / lines
    gap_share: float | None = None  # weighted gap / max weighted gap

    @property
    def shown(self) -> bool:
        return self.lines is not None

    @property
    def gap_percent(self) -> int | None:
        return None if self.gap_share is None else round(100 * self.gap_share)

    @property
    def coverage_percent(self) -> int | None:
        return None if self.coverage is None else round(100 * self.coverage)

    @property
    def gap_class(self) -> str:
        return f"g{min(4, (self.gap_percent or 0) // 10)}"


def _cell(division: str, category: str, row: tuple[int, ...]) -> Cell:
    # PostgreSQL returns SUM() of integers as Decimal, SQLite as int: one type for both.
    firms, people, lines, met, weighted, max_weighted = (int(value or 0) for value in row)
    if firms < MIN_FIRMS or people < MIN_PEOPLE:
        return Cell(division, category, firms, people)
    return Cell(
        division, category, firms, people, lines, met / lines, weighted / max_weighted if max_weighted else None
    )


@dataclass(frozen=True)
class ClusterAggregate:
    divisions: list[tuple[str, str]]  # (NACE division, title)
    categories: list[tuple[str, str]]  # (code, label) of the headline categories present ("other" never is)
    cells: dict[tuple[str, str], Cell]  # (division, category), "other" included
    areas: list[tuple[str, str]]  # (code, label) of the cross-job areas present
    area_cells: dict[tuple[str, str], Cell]  # (division, area)

    def grid(self) -> list[tuple[tuple[str, str], list[Cell | None]]]:
        return [(d, [self.cells.get((d[0], c)) for c, _ in self.categories]) for d in self.divisions]

    def area_grid(self) -> list[tuple[tuple[str, str], list[Cell | None]]]:
        return [(d, [self.area_cells.get((d[0], a)) for a, _ in self.areas]) for d in self.divisions]


def cluster_aggregate(cluster: Cluster) -> ClusterAggregate:
    """Category × NACE division: coverage and weighted gap share, suppressed below the k-floor."""
    SkillLevel.all_objects.refresh_lapsed()
    with connection.cursor() as cursor:
        cursor.execute(_sql(_BY_SECTOR), [cluster.pk] * 3)
        rows = cursor.fetchall()
        cursor.execute(_sql(_BY_AREA), [cluster.pk])
        area_rows = cursor.fetchall()
    cells = {(division, category): _cell(division, category, tuple(rest)) for division, category, *rest in rows}
    area_cells = {(division, area): _cell(division, area, tuple(rest)) for division, area, *rest in area_rows}
    divisions = sorted({d for d, _ in cells})
    return ClusterAggregate(
        divisions=[(d, codes.nace_title(d)) for d in divisions],
        categories=[(c.value, c.label) for c in HEADLINE if any(code == c for _, code in cells)],
        cells=cells,
        areas=[(a.value, a.label) for a in CrossJobArea if any(code == a for _, code in area_cells)],
        area_cells=area_cells,
    )


@dataclass(frozen=True)
class ClusterNeed:
    skill_uri: str
    label: str
    firms_short: int
    people_short: int
    priority: int  # Σ weighted gaps
    categories: tuple[str, ...] = ()  # the skill's categories ("other" when it fits none)

    @property
    def is_other(self) -> bool:
        return self.categories in ((), (Category.OTHER,))


def cluster_training_needs(cluster: Cluster, *, limit: int = 30) -> list[ClusterNeed]:
    """Skills with gaps across the cluster, highest priority first; only skills short for at least MIN_PEOPLE
    people in at least MIN_FIRMS firms (so the list can feed pooled training without exposing a firm)."""
    SkillLevel.all_objects.refresh_lapsed()
    with connection.cursor() as cursor:
        cursor.execute(_sql(_BY_SKILL), [cluster.pk])
        rows = [
            (uri, int(firms), int(people), int(priority))
            for uri, firms, people, priority in cursor.fetchall()
            if firms >= MIN_FIRMS and people >= MIN_PEOPLE
        ]
    rows.sort(key=lambda r: (-r[3], r[0]))
    skills = Skill.objects.in_bulk([r[0] for r in rows[:limit]])
    categories: dict[int, list[str]] = defaultdict(list)
    for skill_id, code in SkillCategory.objects.filter(skill_id__in=skills).values_list("skill_id", "category"):
        categories[skill_id].append(code)
    own: dict[int, list[str]] = defaultdict(list)
    for skill_id, code in CategoryOverride.all_objects.filter(cluster=cluster, skill_id__in=skills).values_list(
        "skill_id", "category"
    ):
        own[skill_id].append(code)
    categories |= own
    return [
        ClusterNeed(skills[r[0]].uri, skills[r[0]].preferred_label, r[1], r[2], r[3], tuple(categories[r[0]]))
        for r in rows[:limit]
    ]
