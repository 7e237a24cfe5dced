"""A firm's audit read models: the gap report, the matrix heat map and a person's profile.

Computed by the pure modules over `selectors.audit_data` (five queries), so a firm of 20 people takes a few
milliseconds; nothing here writes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Q, Subquery

from skillcluster.audits.domain import gaps, levels
from skillcluster.audits.models import Rating, RatingWithdrawal, Role
from skillcluster.audits.selectors.records import AuditData, audit_data
from skillcluster.taxonomy.domain.categories import AREAS, HEADLINE, Category, CrossJobArea
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Firm, Person


@dataclass(frozen=True)
class Row:
    label: str
    summary: gaps.GapSummary
    key: object = None


@dataclass(frozen=True)
class Need:
    skill_uri: str
    label: str
    people: list[str]
    priority: int
    total_gap: int


@dataclass(frozen=True)
class GapReport:
    summary: gaps.GapSummary
    by_category: list[Row]
    by_person: list[Row]
    by_role: list[Row]
    production_bias: float | None
    single_holders: list[tuple[str, str, str, int]]  # (skill URI, skill label, person name, level)
    agreement: gaps.Agreement
    needs: list[Need]
    lines: list[gaps.GapLine]
    data: AuditData
    by_area: list[Row]  # cross-job lines by ESCO transversal group
    other: list[tuple[str, gaps.OtherSkill]]  # (label, figures) of skills in no category, worst first
    other_share: float | None  # share of lines in no category
    job_specificity: gaps.JobSpecificity


def gap_report(firm: Firm, data: AuditData | None = None) -> GapReport:
    data = data or audit_data(firm)
    current = data.levels
    lines = gaps.gap_lines(data.requirements, data.assignments, current)
    names: dict[levels.PersonId, str] = {pk: p.full_name or p.email for pk, p in data.people.items()}
    titles: dict[levels.RoleId, str] = dict(Role.objects.filter(firm=firm).values_list("id", "title"))
    by_category = gaps.gaps_by_category(lines, data.categories)
    other = gaps.other_skills(lines, data.categories)
    return GapReport(
        summary=gaps.summarize(lines),
        by_category=[Row(c.label, s, c.value) for c, s in by_category.items() if s.lines and c in HEADLINE],
        by_person=sorted((Row(names[p], s, p) for p, s in gaps.gaps_by_person(lines).items()), key=_worst),
        by_role=sorted(
            (
                Row(titles.get(r, "?"), s, r)
                for r, s in gaps.gaps_by_role(data.requirements, data.assignments, current).items()
            ),
            key=_worst,
        ),
        production_bias=gaps.production_bias_index(lines, _held(current, data), data.categories),
        single_holders=[
            (h.skill_uri, data.labels.get(h.skill_uri, h.skill_uri), names[h.person_id], h.level)
            for h in gaps.single_holder_skills(data.requirements, _held(current, data))
        ],
        agreement=gaps.rater_agreement(data.ratings),
        needs=_needs(lines, data, names),
        lines=lines,
        data=data,
        by_area=[Row(CrossJobArea(a).label, s, a) for a, s in sorted(gaps.gaps_by_area(lines, data.areas).items(),
                                                                       key=lambda item: AREAS.index(item[0]))],
        other=[(data.labels.get(o.skill_uri, o.skill_uri), o) for o in other],
        other_share=sum(o.lines for o in other) / len(lines) if lines else None,
        job_specificity=gaps.job_specificity(lines, _held(current, data), data.reuse),
    )  # fmt: skip


def _held(current: gaps.Levels, data: AuditData) -> dict[tuple[levels.PersonId, str], int]:
    return {key: level for key, level in current.items() if key[0] in data.people}


def _worst(row: Row) -> tuple[float, str]:
    return (-(row.summary.gap_share or 0.0), row.label)


def _needs(lines: list[gaps.GapLine], data: AuditData, names: dict[levels.PersonId, str]) -> list[Need]:
    return [
        Need(
            n.skill_uri,
            data.labels.get(n.skill_uri, n.skill_uri),
            [names[p] for p in n.people],
            n.priority,
            n.total_gap,
        )
        for n in gaps.training_needs({0: lines})
    ]


@dataclass(frozen=True)
class MatrixCell:
    current: int | None
    self_level: int | None
    manager_level: int | None
    required: int | None

    @property
    def short(self) -> bool:
        return self.required is not None and (self.current or 0) < self.required


@dataclass(frozen=True)
class Matrix:
    people: list[Person]
    skills: list[tuple[str, str, str]]  # (uri, label, first category code)
    cells: dict[tuple[int, str], MatrixCell]

    @property
    def groups(self) -> list[tuple[str, int]]:
        """(category label, number of skill columns) in column order, for the grouped header."""
        spans: list[tuple[str, int]] = []
        for _, _, code in self.skills:
            label = Category(code).label
            if spans and spans[-1][0] == label:
                spans[-1] = (label, spans[-1][1] + 1)
            else:
                spans.append((label, 1))
        return spans

    @property
    def rows(self) -> list[tuple[Person, list[MatrixCell]]]:
        return [(p, [self.cells[(p.pk, uri)] for uri, _, _ in self.skills]) for p in self.people]


def firm_matrix(firm: Firm, data: AuditData | None = None) -> Matrix:
    """People × skills (every required or rated skill, grouped by category); self and manager side by side."""
    data = data or audit_data(firm)
    current = data.levels
    selfs = levels.latest_by_source(data.ratings, levels.Source.SELF)
    managers = levels.latest_by_source(data.ratings, levels.Source.MANAGER)
    required = {
        (line.person_id, line.skill_uri): line.required
        for line in gaps.gap_lines(data.requirements, data.assignments, current)
    }
    uris = {r.skill_uri for r in data.requirements} | {uri for _, uri in current}
    order = [c.value for c in Category]
    skills = sorted(
        ((uri, data.labels.get(uri, uri), _first_category(uri, data)) for uri in uris),
        key=lambda s: (order.index(s[2]), s[1].casefold()),
    )
    people = sorted(data.people.values(), key=lambda p: p.full_name.casefold())
    cells = {
        (p.pk, uri): MatrixCell(
            current.get((p.pk, uri)), selfs.get((p.pk, uri)), managers.get((p.pk, uri)), required.get((p.pk, uri))
        )
        for p in people
        for uri, _, _ in skills
    }
    return Matrix(people, skills, cells)


def _first_category(uri: str, data: AuditData) -> str:
    found = gaps.categories_of(uri, data.categories)
    return next(c.value for c in Category if c in found)


@dataclass(frozen=True)
class Profile:
    person: Person
    lines: list[tuple[str, gaps.GapLine, int | None, int | None]]  # (skill label, line, self, manager)
    history: list[Rating]  # newest first, each with `withdrawn_reason` (None while it stands)
    roles: list[str]
    now: datetime  # ratings whose `valid_until` is past no longer count


def person_profile(firm: Firm, person: Person) -> Profile:
    data = audit_data(firm)
    lines = [
        line for line in gaps.gap_lines(data.requirements, data.assignments, data.levels) if line.person_id == person.pk
    ]
    selfs = levels.latest_by_source(data.ratings, levels.Source.SELF)
    managers = levels.latest_by_source(data.ratings, levels.Source.MANAGER)
    withdrawn = RatingWithdrawal.objects.filter(rating=OuterRef("pk")).values("reason")
    history = (
        Rating.objects.filter(firm=firm, person=person)
        .select_related("skill", "rated_by")
        .annotate(withdrawn_reason=Subquery(withdrawn[:1]))
        .order_by("-created_at", "-id")
    )
    roles = Role.objects.filter(firm=firm, assignments__membership__person=person).values_list("title", flat=True)
    rows = [
        (data.labels.get(line.skill_uri, line.skill_uri), line, selfs.get((person.pk, line.skill_uri)),
         managers.get((person.pk, line.skill_uri)))
        for line in lines
    ]  # fmt: skip
    return Profile(person, rows, list(history), list(roles), data.now)


def share_percent(value: float | None) -> int | None:
    return None if value is None else round(100 * value)


def rows_percent(rows: Iterable[Row]) -> list[dict[str, object]]:
    return [
        {"label": r.label, "key": r.key, "lines": r.summary.lines, "coverage": share_percent(r.summary.coverage),
         "gap_share": share_percent(r.summary.gap_share), "weighted_gap": r.summary.weighted_gap}
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class RatingRow:
    skill_id: int
    label: str
    required: int | None
    self_level: int | None
    manager_level: int | None
    current: int | None
    uri: str = ""


def rating_rows(firm: Firm, person: Person, extra_skill_ids: Iterable[int] = ()) -> list[RatingRow]:
    """The skills to rate for ``person``: required by their roles, already rated, or added by search."""
    data = audit_data(firm)
    current = data.levels
    required = {
        line.skill_uri: line.required
        for line in gaps.gap_lines(data.requirements, data.assignments, current)
        if line.person_id == person.pk
    }
    selfs = levels.latest_by_source(data.ratings, levels.Source.SELF)
    managers = levels.latest_by_source(data.ratings, levels.Source.MANAGER)
    rated = {uri for (pk, uri) in current if pk == person.pk}
    skills = {
        s.uri: s for s in Skill.objects.filter(Q(uri__in=required.keys() | rated) | Q(pk__in=list(extra_skill_ids)))
    }
    rows = [
        RatingRow(s.pk, s.preferred_label, required.get(uri), selfs.get((person.pk, uri)),
                  managers.get((person.pk, uri)), current.get((person.pk, uri)), uri)
        for uri, s in skills.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r.required is None, r.label.casefold()))
