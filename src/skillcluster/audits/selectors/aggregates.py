"""Cluster figures of the skills audit, aggregated in SQL per firm, then summed over the firm contributions
each figure may show (`domain/publication.py`: a figure moves only when 5 or more firms changed it).

Lines are the firm report's (`gaps.py`): each assigned person × each skill their roles require, at the
highest level and importance asked; the held level is the person's `SkillLevel` (0 when never rated).
A figure is shown only where at least `MIN_FIRMS` firms and `MIN_PEOPLE` people stand behind it: the floor
is applied here, in the selector, so no template or API client can show a suppressed cell.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.utils import timezone

from skillcluster.audits.domain import publication
from skillcluster.audits.models import (
    CategoryOverride,
    Rating,
    RatingWithdrawal,
    Role,
    RoleAssignment,
    RoleRequirement,
    ShownFigure,
    SkillLevel,
)
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
# Per firm and cell (distinct people within a firm): the k-floor counts firms exactly, a person who works in
# two firms counts once in each, and each firm's contribution is what `domain/publication.py` compares.
_BY_SECTOR = (
    _LINES  # noqa: S608 -- only table names from model meta are formatted in; values are parameters
    + _CATEGORIES
    + ", per_firm AS (SELECT sc.firm_id, COALESCE(c.category, 'other') AS category,"
    + " COUNT(DISTINCT sc.person_id) AS people, "
    + _SUMS
    + """ FROM scored sc LEFT JOIN cats c ON c.skill_id = sc.skill_id
GROUP BY sc.firm_id, COALESCE(c.category, 'other'))
SELECT SUBSTR(f.nace_code, 1, 2), pf.category, pf.firm_id, pf.people, pf.n, pf.met, pf.wg, pf.mwg
FROM per_firm pf JOIN {firm} f ON f.id = pf.firm_id"""
)
# Cross-job lines by ESCO transversal area: the same, over the skills that have an area (no "other").
_BY_AREA = (
    _LINES  # noqa: S608 -- as above
    + ", per_firm AS (SELECT sc.firm_id, c.area AS area, COUNT(DISTINCT sc.person_id) AS people, "
    + _SUMS
    + """ FROM scored sc JOIN {area} c ON c.skill_id = sc.skill_id GROUP BY sc.firm_id, c.area)
SELECT SUBSTR(f.nace_code, 1, 2), pf.area, pf.firm_id, pf.people, pf.n, pf.met, pf.wg, pf.mwg
FROM per_firm pf JOIN {firm} f ON f.id = pf.firm_id"""
)
_BY_SKILL = (
    _LINES  # noqa: S608 -- as above
    + ", per_firm AS (SELECT sc.firm_id, sc.skill_id,"
    + " COUNT(DISTINCT CASE WHEN sc.held < sc.required THEN sc.person_id END) AS short, "
    + _SUMS
    + """ FROM scored sc GROUP BY sc.firm_id, sc.skill_id)
SELECT pf.skill_id, pf.firm_id, pf.short, pf.wg FROM per_firm pf"""
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


def _cell(division: str, category: str, contributions: publication.Contributions) -> Cell:
    # PostgreSQL returns SUM() of integers as Decimal, SQLite as int: stored as int for both.
    people, lines, met, weighted, max_weighted = (sum(c[i] for c in contributions.values()) for i in range(5))
    firms = len(contributions)
    if firms < MIN_FIRMS or people < MIN_PEOPLE:
        return Cell(division, category, firms, people)
    return Cell(
        division, category, firms, people, lines, met / lines, weighted / max_weighted if max_weighted else None
    )


def _cell_visible(contributions: publication.Contributions) -> bool:
    return len(contributions) >= MIN_FIRMS and sum(c[0] for c in contributions.values()) >= MIN_PEOPLE


def _need(contributions: publication.Contributions) -> tuple[int, int, int]:
    """Firms short of the skill, people short of it, and the summed weighted gap."""
    firms = sum(1 for short, _ in contributions.values() if short > 0)
    return firms, sum(c[0] for c in contributions.values()), sum(c[1] for c in contributions.values())


def _need_visible(contributions: publication.Contributions) -> bool:
    firms, people, _ = _need(contributions)
    return firms >= MIN_FIRMS and people >= MIN_PEOPLE


def _by_figure(rows: Iterable[Sequence[object]], prefix: str) -> dict[str, dict[str, list[int]]]:
    """``(part, part, firm, figures...)`` rows as each figure's firm contributions, keyed "prefix:part:part"."""
    figures: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for first, second, firm, *values in rows:
        figures[f"{prefix}:{first}:{second}"][str(firm)] = [int(str(v or 0)) for v in values]
    return figures


def shown_contributions(
    cluster: Cluster,
    current: dict[str, dict[str, list[int]]],
    prefix: str,
    visible: Callable[[publication.Contributions], bool],
) -> dict[str, publication.Contributions]:
    """Each figure's contributions as the publication rule lets them show now; stores those that moved."""
    stored = {f.key: f for f in ShownFigure.all_objects.filter(cluster=cluster, key__startswith=prefix + ":")}
    now = timezone.now()
    shown: dict[str, publication.Contributions] = {}
    created, updated = [], []
    for key in {*stored, *current}:
        before = stored.get(key)
        contributions = current.get(key, {})
        show, moved = publication.to_show(
            before.contributions if before else None, contributions, k=MIN_FIRMS, visible=visible
        )
        shown[key] = show
        if moved and before is None:
            created.append(ShownFigure(cluster=cluster, key=key, contributions=dict(show), shown_at=now))
        elif moved and before is not None:
            before.contributions, before.shown_at = dict(show), now
            updated.append(before)
    with transaction.atomic():
        ShownFigure.all_objects.bulk_create(created, ignore_conflicts=True)
        ShownFigure.all_objects.bulk_update(updated, ["contributions", "shown_at"])
    return {key: value for key, value in shown.items() if value}


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
    sectors = shown_contributions(cluster, _by_figure(rows, "sector"), "sector", _cell_visible)
    areas = shown_contributions(cluster, _by_figure(area_rows, "area"), "area", _cell_visible)
    cells = {(k.split(":")[1], k.split(":")[2]): _cell(k.split(":")[1], k.split(":")[2], c) for k, c in sectors.items()}
    area_cells = {
        (k.split(":")[1], k.split(":")[2]): _cell(k.split(":")[1], k.split(":")[2], c) for k, c in areas.items()
    }
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
        current = _by_figure(((skill, "", firm, short, wg) for skill, firm, short, wg in cursor.fetchall()), "need")
    rows = []
    for key, contributions in shown_contributions(cluster, current, "need", _need_visible).items():
        firms, people, priority = _need(contributions)
        if firms >= MIN_FIRMS and people >= MIN_PEOPLE:
            rows.append((int(key.split(":")[1]), firms, people, priority))
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


def _latest_rating(cluster: Cluster) -> int | None:
    """The id of the cluster's latest rating: one probe per firm on the (firm, id) index, never a count of the
    cluster's ratings (millions in a region). The id alone tells a change: ratings are append-only, and the only
    deletes that remove any (of a person or a firm, by cascade) remove memberships too, which the version counts."""
    latest = Rating.all_objects.filter(firm=OuterRef("pk")).order_by("-pk").values("pk")[:1]
    found: int | None = (
        Firm.all_objects.filter(cluster=cluster).annotate(latest=Subquery(latest)).aggregate(last=Max("latest"))["last"]
    )
    return found


CLUSTER_FIGURES_TTL = 120  # seconds: a rating lapsing with time is picked up within this


def cluster_figures_cached(cluster: Cluster) -> tuple[ClusterAggregate, list[ClusterNeed]]:
    """`cluster_aggregate` and `cluster_training_needs`, computed once per change of what they read (a rating,
    a withdrawal, a role's requirements, who holds which role, who works where) and kept in the shared cache."""
    version = (
        _latest_rating(cluster),
        RatingWithdrawal.all_objects.filter(rating__firm__cluster=cluster).aggregate(last=Max("pk")),
        RoleRequirement.all_objects.filter(role__firm__cluster=cluster).aggregate(
            n=Count("pk"), last=Max("pk"), levels=Sum("level"), weights=Sum("importance")
        ),
        RoleAssignment.all_objects.filter(role__firm__cluster=cluster).aggregate(n=Count("pk"), last=Max("pk")),
        Membership.all_objects.filter(firm__cluster=cluster).aggregate(n=Count("pk"), last=Max("pk")),
    )
    key = "audits:cluster:" + hashlib.sha256(f"{cluster.pk}:{version}".encode()).hexdigest()
    cached: tuple[ClusterAggregate, list[ClusterNeed]] | None = cache.get(key)
    if cached is None:
        cached = (cluster_aggregate(cluster), cluster_training_needs(cluster))
        cache.set(key, cached, CLUSTER_FIGURES_TTL)
    return cached
