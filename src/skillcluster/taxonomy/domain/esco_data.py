"""Reads the shipped ESCO v1.1.1 CSV files into plain records and checks their joins. A pure module: no Django.

`read_esco(data_dir)` returns an `EscoData` whose records all join: rows that point at a concept missing from
the release are dropped and each such case is reported in `EscoData.quirks` (one line per kind of problem),
never raised. PROVENANCE.md (§3) lists the quirks the official v1.1.1 release has.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "esco"
COLLECTIONS = ("transversal", "digital", "green", "language")
_ISCED = re.compile(r"/isced-f/(\d+)$")
_LEVELS = range(4)


@dataclass(frozen=True, slots=True)
class SkillRecord:
    uri: str
    preferred_label: str
    alt_labels: str  # newline separated, as in ESCO
    hidden_labels: str
    description: str
    skill_type: str  # "skill/competence", "knowledge" or "" (a v1.1.1 quirk)
    reuse_level: str


@dataclass(frozen=True, slots=True)
class GroupRecord:
    uri: str
    code: str  # "S4.3.1"; empty for knowledge (ISCED-F) groups
    preferred_label: str
    description: str
    pillar: str  # S, K, T or L
    level: int  # 0 (pillar) .. 3
    parent_uri: str  # "" for a pillar
    isced_f: str  # "0414" for knowledge groups, else ""


@dataclass(frozen=True, slots=True)
class OccupationRecord:
    uri: str
    code: str
    preferred_label: str
    alt_labels: str
    hidden_labels: str
    description: str
    isco_code: str
    broader_uri: str  # a broader occupation, or "" when the parent is an ISCO group


@dataclass(frozen=True, slots=True)
class IscoRecord:
    uri: str
    code: str
    preferred_label: str
    description: str


@dataclass(frozen=True, slots=True)
class RelationRecord:
    occupation_uri: str
    skill_uri: str
    relation: str  # "essential" or "optional"


@dataclass
class EscoData:
    skills: list[SkillRecord]
    groups: list[GroupRecord]
    occupations: list[OccupationRecord]
    isco_groups: list[IscoRecord]
    relations: list[RelationRecord]
    collections: dict[str, frozenset[str]]  # collection name -> skill URIs
    skill_groups: dict[str, tuple[str, ...]]  # skill URI -> its nearest group URIs
    relations_read: int = 0
    quirks: list[str] = field(default_factory=list)


def rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def read_esco(data_dir: Path = DATA_DIR) -> EscoData:
    """All of ESCO from `data_dir` (the shipped files by default), joined and checked."""
    quirks: list[str] = []
    skills = [_skill(r) for r in rows(data_dir / "skills.csv.gz")]
    skill_uris = {s.uri for s in skills}
    groups = _groups(data_dir, quirks)
    isco = [_isco(r) for r in rows(data_dir / "isco_groups.csv.gz")]
    occupations = _occupations(data_dir, {i.code for i in isco}, quirks)
    relations, read = _relations(data_dir, {o.uri for o in occupations}, skill_uris, quirks)
    collections = {name: _collection(data_dir, name, skill_uris, quirks) for name in COLLECTIONS}
    broader = _skill_broader(data_dir, skill_uris, {g.uri for g in groups}, quirks)
    data = EscoData(skills, groups, occupations, isco, relations, collections, {}, read, quirks)
    data.skill_groups = nearest_groups(broader, {g.uri for g in groups})
    _check_skills(data)
    return data


def _skill(r: dict[str, str]) -> SkillRecord:
    return SkillRecord(
        uri=r["conceptUri"],
        preferred_label=r["preferredLabel"].strip(),
        alt_labels=r["altLabels"].strip(),
        hidden_labels=r["hiddenLabels"].strip(),
        description=r["description"].strip(),
        skill_type=r["skillType"],
        reuse_level=r["reuseLevel"],
    )


def _groups(data_dir: Path, quirks: list[str]) -> list[GroupRecord]:
    """Groups from skills_hierarchy (which holds the tree and the codes), described from skill_groups."""
    described = {r["conceptUri"]: r for r in rows(data_dir / "skill_groups.csv.gz")}
    found: dict[str, GroupRecord] = {}
    for r in rows(data_dir / "skills_hierarchy.csv.gz"):
        level = max(i for i in _LEVELS if r[f"Level {i} URI"])
        uri = r[f"Level {level} URI"]
        extra = described.get(uri, {})
        found[uri] = GroupRecord(
            uri=uri,
            code=r[f"Level {level} code"] or "",
            preferred_label=(extra.get("preferredLabel") or r[f"Level {level} preferred term"]).strip(),
            description=(extra.get("description") or r["Description"] or "").strip(),
            pillar=r["Level 0 code"],
            level=level,
            parent_uri=r[f"Level {level - 1} URI"] if level else "",
            isced_f=m.group(1) if (m := _ISCED.search(uri)) else "",
        )
    missing = sorted(set(found) - set(described))
    if missing:
        quirks.append(
            f"{len(missing)} skill groups are in skills_hierarchy but not in skill_groups; loaded from the hierarchy"
        )
    unplaced = set(described) - set(found)
    if unplaced:
        quirks.append(f"{len(unplaced)} skill groups are not in skills_hierarchy; skipped")
    return list(found.values())


def _isco(r: dict[str, str]) -> IscoRecord:
    return IscoRecord(r["conceptUri"], r["code"], r["preferredLabel"].strip(), r["description"].strip())


def _occupations(data_dir: Path, isco_codes: set[str], quirks: list[str]) -> list[OccupationRecord]:
    raw = list(rows(data_dir / "occupations.csv.gz"))
    uris = {r["conceptUri"] for r in raw}
    broader: dict[str, str] = {}
    unknown = 0
    for r in rows(data_dir / "broader_relations_occ_pillar.csv.gz"):
        if r["conceptType"] != "Occupation":
            continue
        if r["conceptUri"] not in uris:
            unknown += 1
        elif r["broaderUri"] in uris:
            broader[r["conceptUri"]] = r["broaderUri"]
    if unknown:
        quirks.append(
            f"{unknown} broader relation(s) of occupations name an occupation missing from occupations; skipped"
        )
    bad_isco = sum(r["iscoGroup"] not in isco_codes for r in raw)
    if bad_isco:
        quirks.append(f"{bad_isco} occupation(s) name an ISCO group missing from isco_groups")
    return [
        OccupationRecord(
            uri=r["conceptUri"],
            code=r["code"],
            preferred_label=r["preferredLabel"].strip(),
            alt_labels=r["altLabels"].strip(),
            hidden_labels=r["hiddenLabels"].strip(),
            description=r["description"].strip(),
            isco_code=r["iscoGroup"],
            broader_uri=broader.get(r["conceptUri"], ""),
        )
        for r in raw
    ]


def _relations(
    data_dir: Path, occupation_uris: set[str], skill_uris: set[str], quirks: list[str]
) -> tuple[list[RelationRecord], int]:
    kept: list[RelationRecord] = []
    orphans: Counter[str] = Counter()
    read = 0
    for r in rows(data_dir / "occupation_skill_relations.csv.gz"):
        read += 1
        if r["occupationUri"] not in occupation_uris or r["skillUri"] not in skill_uris:
            orphans[r["occupationUri"] if r["occupationUri"] not in occupation_uris else r["skillUri"]] += 1
            continue
        kept.append(RelationRecord(r["occupationUri"], r["skillUri"], r["relationType"]))
    for uri, count in sorted(orphans.items()):
        quirks.append(f"{count} occupation-skill relations name {uri}, which is not in this release; skipped")
    return kept, read


def _collection(data_dir: Path, name: str, skill_uris: set[str], quirks: list[str]) -> frozenset[str]:
    members = {r["conceptUri"] for r in rows(data_dir / f"{name}_skills_collection.csv.gz")}
    if members - skill_uris:
        quirks.append(f"{len(members - skill_uris)} members of the {name} collection are not skills; skipped")
    return frozenset(members & skill_uris)


def _skill_broader(
    data_dir: Path, skill_uris: set[str], group_uris: set[str], quirks: list[str]
) -> dict[str, list[str]]:
    broader: dict[str, list[str]] = defaultdict(list)
    unknown = 0
    for r in rows(data_dir / "broader_relations_skill_pillar.csv.gz"):
        if r["conceptUri"] not in skill_uris:
            continue
        if r["broaderUri"] in skill_uris or r["broaderUri"] in group_uris:
            broader[r["conceptUri"]].append(r["broaderUri"])
        else:
            unknown += 1
    if unknown:
        quirks.append(f"{unknown} broader relations of skills name an unknown concept; skipped")
    return broader


def nearest_groups(broader: dict[str, list[str]], group_uris: set[str]) -> dict[str, tuple[str, ...]]:
    """For each skill, the groups first reached when following its broader links upward through skills
    (ESCO is a polyhierarchy, so a skill can have several). Cycles are cut."""
    result: dict[str, tuple[str, ...]] = {}
    for skill in broader:
        found: list[str] = []
        seen = {skill}
        stack = list(broader[skill])
        while stack:
            uri = stack.pop(0)
            if uri in seen:
                continue
            seen.add(uri)
            if uri in group_uris:
                found.append(uri)
            else:
                stack.extend(broader.get(uri, ()))
        result[skill] = tuple(dict.fromkeys(found))
    return result


def _check_skills(data: EscoData) -> None:
    no_type = sum(not s.skill_type for s in data.skills)
    no_reuse = sum(not s.reuse_level for s in data.skills)
    if no_type or no_reuse:
        data.quirks.append(f"{no_type} skills have no skill type and {no_reuse} no reuse level; loaded as they are")
    ungrouped = sum(not data.skill_groups.get(s.uri) for s in data.skills)
    if ungrouped:
        data.quirks.append(f"{ungrouped} skills are under no skill group")
    essential = {r.occupation_uri for r in data.relations if r.relation == "essential"}
    lacking = sum(o.uri not in essential for o in data.occupations)
    if lacking:
        data.quirks.append(f"{lacking} occupation(s) have no essential skill (information, not an error)")
