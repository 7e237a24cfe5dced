"""Loads ESCO into the database: `esco_load()`, used by `skillcluster esco load` and the demo seed.

One transaction: a failure leaves the previous state. Concepts are upserted on their URI (so primary keys
that other contexts point at survive a reload); the link tables (group memberships, categories,
occupation-skill relations) are replaced. Works the same on SQLite and PostgreSQL.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Count
from tqdm import tqdm

from skillcluster.taxonomy.domain import esco_data, esco_i18n
from skillcluster.taxonomy.domain.categories import (
    CategoryMapping,
    check_mapping,
    known_codes,
    load_mapping,
    skill_facts,
)
from skillcluster.taxonomy.models import (
    ConceptLabel,
    EscoLoad,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Skill,
    SkillCategory,
    SkillCrossJobArea,
    SkillGroup,
    SkillGroupMembership,
)

VERSION = "1.1.1"
BATCH = 2000


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    quirks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        c = self.counts
        out = [
            f"Loaded ESCO v{VERSION} in {self.seconds:.1f} s: {c['skills']:,} skills, "
            f"{c['skill_groups']:,} skill groups, {c['occupations']:,} occupations, {c['isco_groups']:,} ISCO groups.",
            f"Occupation-skill relations: {c['relations_read']:,} read, {c['relations']:,} loaded "
            f"({c['relations_read'] - c['relations']:,} skipped, see quirks).",
            f"Collections: {c['transversal']:,} transversal, {c['digital']:,} digital, {c['green']:,} green, "
            f"{c['language']:,} language skills; {c['memberships']:,} skill-group placements.",
            "Skills per category (a skill can have several): "
            + ", ".join(f"{name} {count:,}" for name, count in self.categories.items()),
        ]
        out += [f"Known quirk of the release: {quirk}" for quirk in self.quirks]
        if c.get("stale_skills") or c.get("stale_occupations"):
            out.append(
                f"Kept from an earlier load, not in these files: {c['stale_skills']} skills, "
                f"{c['stale_occupations']} occupations."
            )
        return out


def esco_load(
    *, data_dir: Path = esco_data.DATA_DIR, mapping: CategoryMapping | None = None, progress: bool = False
) -> LoadReport:
    """Load (or reload) ESCO from `data_dir`; returns what was loaded and the quirks met."""
    started = time.perf_counter()
    data = esco_data.read_esco(data_dir)
    mapping = mapping or load_mapping()
    facts = skill_facts(data)
    problems = check_mapping(mapping, known_codes(data), list(facts.values()))
    if problems:
        raise ValueError("The category mapping does not fit this ESCO release:\n" + "\n".join(problems))
    categories = [(uri, category) for uri, f in facts.items() for category in mapping.categorize(f)]
    areas = [(uri, area) for uri, f in facts.items() for area in mapping.areas(f)]
    total = (
        len(data.isco_groups)
        + 2 * len(data.groups)
        + len(data.skills)
        + 2 * len(data.occupations)
        + sum(len(g) for g in data.skill_groups.values())
        + len(categories)
        + len(areas)
        + len(data.relations)
    )
    with tqdm(total=total, unit="rows", desc="ESCO", disable=not progress) as bar, transaction.atomic():
        report = _write(data, categories, areas, bar.update)
        report.seconds = round(time.perf_counter() - started, 2)
        EscoLoad.objects.create(version=VERSION, counts=report.counts, quirks=report.quirks, seconds=report.seconds)
    _refresh_statistics()
    return report


def _refresh_statistics() -> None:
    """PostgreSQL plans with table statistics; after a bulk load they still describe empty tables, and a
    query over the 100,000 occupation-skill links can pick a plan that runs for many minutes."""
    if connection.vendor != "postgresql":
        return
    tables = [m._meta.db_table for m in (Skill, SkillCategory, SkillCrossJobArea, SkillGroupMembership,
                                         OccupationSkill, Occupation)]  # fmt: skip
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')  # model table names only, never input


def _write(
    data: esco_data.EscoData,
    categories: list[tuple[str, str]],
    areas: list[tuple[str, str]],
    tick: Callable[[int], Any],
) -> LoadReport:
    _upsert(
        IscoGroup,
        [
            IscoGroup(uri=i.uri, code=i.code, preferred_label=i.preferred_label, description=i.description)
            for i in data.isco_groups
        ],
        tick,
    )
    group_ids = _load_groups(data.groups, tick)
    skill_ids = _upsert(Skill, [_skill(s, data.collections) for s in data.skills], tick)
    occupation_ids = _load_occupations(data.occupations, tick)
    _replace(
        SkillGroupMembership,
        [
            SkillGroupMembership(skill_id=skill_ids[s], group_id=group_ids[g])
            for s, gs in data.skill_groups.items()
            for g in gs
        ],
        tick,
    )
    _replace(SkillCategory, [SkillCategory(skill_id=skill_ids[uri], category=c) for uri, c in categories], tick)
    _replace(SkillCrossJobArea, [SkillCrossJobArea(skill_id=skill_ids[uri], area=a) for uri, a in areas], tick)
    _replace(
        OccupationSkill,
        [
            OccupationSkill(
                occupation_id=occupation_ids[r.occupation_uri], skill_id=skill_ids[r.skill_uri], relation=r.relation
            )
            for r in data.relations
        ],
        tick,
    )
    return LoadReport(counts=_counts(data), categories=category_counts(), quirks=list(data.quirks))


def _upsert(model: type[models.Model], rows: Sequence[models.Model], tick: Callable[[int], Any]) -> dict[str, int]:
    """Insert or update on `uri`; returns uri -> id for every row of the table."""
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "uri")]
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        model._default_manager.bulk_create(chunk, update_conflicts=True, unique_fields=["uri"], update_fields=fields)
        tick(len(chunk))
    return dict(model._default_manager.values_list("uri", "id"))


def _replace(model: type[models.Model], rows: Sequence[models.Model], tick: Callable[[int], Any]) -> None:
    model._default_manager.all().delete()
    for start in range(0, len(rows), BATCH):
        model._default_manager.bulk_create(rows[start : start + BATCH])
        tick(min(BATCH, len(rows) - start))


def _load_groups(groups: Sequence[esco_data.GroupRecord], tick: Callable[[int], Any]) -> dict[str, int]:
    rows = [
        SkillGroup(
            uri=g.uri,
            code=g.code,
            isced_f=g.isced_f,
            preferred_label=g.preferred_label,
            description=g.description,
            pillar=g.pillar,
            level=g.level,
        )
        for g in groups
    ]
    ids = _upsert(SkillGroup, rows, tick)
    for row, group in zip(rows, groups, strict=True):
        row.parent_id = ids.get(group.parent_uri)
    return _upsert(SkillGroup, rows, tick)  # again, now with parents (they had no ids before)


def _load_occupations(occupations: Sequence[esco_data.OccupationRecord], tick: Callable[[int], Any]) -> dict[str, int]:
    rows = [
        Occupation(
            uri=o.uri,
            code=o.code,
            preferred_label=o.preferred_label,
            alt_labels=o.alt_labels,
            hidden_labels=o.hidden_labels,
            description=o.description,
            isco_group=o.isco_code,
        )
        for o in occupations
    ]
    ids = _upsert(Occupation, rows, tick)
    for row, occupation in zip(rows, occupations, strict=True):
        row.broader_id = ids.get(occupation.broader_uri)
    return _upsert(Occupation, rows, tick)


def _skill(s: esco_data.SkillRecord, collections: dict[str, frozenset[str]]) -> Skill:
    return Skill(
        uri=s.uri, preferred_label=s.preferred_label, alt_labels=s.alt_labels, hidden_labels=s.hidden_labels,
        description=s.description, skill_type=s.skill_type, reuse_level=s.reuse_level,
        in_transversal=s.uri in collections["transversal"], in_digital=s.uri in collections["digital"],
        in_green=s.uri in collections["green"], in_language=s.uri in collections["language"],
    )  # fmt: skip


def category_pairs(data: esco_data.EscoData, mapping: CategoryMapping) -> list[tuple[str, str]]:
    """(skill URI, category) for every category of every skill."""
    return [(uri, category) for uri, f in skill_facts(data).items() for category in mapping.categorize(f)]


def category_counts() -> dict[str, int]:
    """Skills per category, counted in SQL."""
    rows = SkillCategory.objects.values("category").annotate(n=Count("skill_id")).order_by("-n", "category")
    return {row["category"]: row["n"] for row in rows}


def _counts(data: esco_data.EscoData) -> dict[str, int]:
    return {
        "skills": len(data.skills),
        "skill_groups": len(data.groups),
        "occupations": len(data.occupations),
        "isco_groups": len(data.isco_groups),
        "relations": len(data.relations),
        "relations_read": data.relations_read,
        "memberships": sum(len(g) for g in data.skill_groups.values()),
        **{name: len(members) for name, members in data.collections.items()},
        # every URI in the files was just upserted, so any further row comes from an earlier load
        "stale_skills": Skill.objects.count() - len(data.skills),
        "stale_occupations": Occupation.objects.count() - len(data.occupations),
    }


I18N_DIR = Path(__file__).resolve().parent / "data" / "esco-i18n"


def labels_load(
    directory: Path = I18N_DIR, languages: Sequence[str] = esco_i18n.LANGUAGES
) -> dict[str, tuple[int, int]]:
    """Load each language's labels by URI, replacing that language's earlier load (idempotent); per language,
    (labels loaded, URIs unknown here). Concepts must be loaded first."""
    known = set(Skill.objects.values_list("uri", flat=True)) | set(Occupation.objects.values_list("uri", flat=True))
    done: dict[str, tuple[int, int]] = {}
    for language in languages:
        path = directory / f"labels_{language}.csv.gz"
        if not path.exists():
            continue
        found = esco_i18n.read_labels(path, language, known)
        with transaction.atomic():
            ConceptLabel.objects.filter(language=language).delete()
            ConceptLabel.objects.bulk_create(
                (ConceptLabel(kind=r.kind, uri=r.uri, language=r.language, preferred_label=r.preferred_label,
                              alt_labels=r.alt_labels, esco_version=r.esco_version) for r in found.records),
                batch_size=2000,
            )  # fmt: skip
        done[language] = (len(found.records), found.unknown)
    return done
