"""Skill categories: the one home of their codes and names, and of the rules that give ESCO skills their
categories and cross-job areas from the ESCO hierarchy, reuse level and collections. Pure: no Django.

The rules are data (`data/category_mapping.yaml`, documented there) so a domain expert can review them. A
category (or cross-job area) is given by a list of rules and matches when any rule does; a rule matches
when all of its conditions hold (`under` one of these groups, of these reuse levels, in these collections,
not `not_under` those groups, needed as essential mostly by occupations of these ISCO groups).
`CategoryMapping.categorize(facts)` applies them to one skill and returns
one or more category codes in the order of `Category`; `areas(facts)` the cross-job areas (ESCO's T groups)
a cross-job skill is reported under. `check_mapping` checks a mapping against ESCO itself: a group code
that does not exist or a rule that matches no skill is refused, naming the line.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skillcluster.taxonomy.domain.esco_data import EscoData
from skillcluster.words import Translated, gettext_noop

MAPPING_FILE = Path(__file__).resolve().parent.parent / "data" / "category_mapping.yaml"


class Category(enum.StrEnum):
    """The skill categories of the seed study, in the order reports show them."""

    PRODUCTION = "production"
    MARKETING = "marketing"
    MANAGEMENT = "management"
    TRANSVERSAL = "transversal"
    DIGITAL = "digital"
    LANGUAGES = "languages"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: Mapping[Category, str] = Translated(
    {
        Category.PRODUCTION: gettext_noop("production, quality and safety"),
        Category.MARKETING: gettext_noop("marketing, sales and customers"),
        Category.MANAGEMENT: gettext_noop("management"),
        Category.TRANSVERSAL: gettext_noop("cross-job"),
        Category.DIGITAL: gettext_noop("digital"),
        Category.LANGUAGES: gettext_noop("languages"),
        Category.OTHER: gettext_noop("other"),
    }
)
CATEGORIES = tuple(category.value for category in Category)
OTHER = Category.OTHER.value
HEADLINE = tuple(c for c in Category if c is not Category.OTHER)  # "other" is explained, never a headline


class CrossJobArea(enum.StrEnum):
    """Where a cross-job skill sits among ESCO's transversal groups: owners understand "communication"
    better than "cross-job"."""

    THINKING = "thinking"  # T2
    SELF_MANAGEMENT = "self_management"  # T3
    SOCIAL = "social"  # T4
    LIFE = "life"  # T6
    CORE = "core"  # T1
    PHYSICAL = "physical"  # T5

    @property
    def label(self) -> str:
        return AREA_LABELS[self]


AREA_LABELS: Mapping[CrossJobArea, str] = Translated(
    {
        CrossJobArea.THINKING: gettext_noop("thinking and problem solving"),
        CrossJobArea.SELF_MANAGEMENT: gettext_noop("self-management"),
        CrossJobArea.SOCIAL: gettext_noop("social and communication"),
        CrossJobArea.LIFE: gettext_noop("life skills (health, safety, environment, civic)"),
        CrossJobArea.CORE: gettext_noop("working with numbers"),
        CrossJobArea.PHYSICAL: gettext_noop("physical and manual"),
    }
)
AREAS = tuple(area.value for area in CrossJobArea)
_CONDITIONS = frozenset({"under", "not_under", "reuse_levels", "collections", "mostly_essential_for"})
REUSE_LEVELS = frozenset({"transversal", "cross-sector", "sector-specific", "occupation-specific", ""})
COLLECTIONS = frozenset({"transversal", "digital", "green", "language"})


@dataclass(frozen=True, slots=True)
class GroupFacts:
    pillar: str  # S, K, T, L
    code: str  # "S4.1.2", "" for knowledge groups
    isced_f: str  # "0414", "" for other groups


@dataclass(frozen=True, slots=True)
class SkillFacts:
    reuse_level: str
    collections: frozenset[str]  # of "transversal", "digital", "green", "language"
    groups: tuple[GroupFacts, ...]  # the skill's nearest groups
    uri: str = ""  # for the single-skill corrections (`skills:` in the mapping)
    essential_isco: tuple[str, ...] = ()  # ISCO codes of the occupations that need it as essential, one per occupation


def _group_under(group: GroupFacts, code: str) -> bool:
    """A group lies under a code: 'S4.1.2' under 'S4' and 'S4.1' (never 'S40' under 'S4'); ISCED-F
    '0414' under '04' and '041'; a pillar letter ('T') covers the pillar."""
    if code.isdigit():
        return bool(group.isced_f) and group.isced_f.startswith(code)
    if code == group.pillar:
        return True
    return bool(group.code) and (group.code == code or group.code.startswith(code + "."))


@dataclass(frozen=True, slots=True)
class Rule:
    target: str  # the category or area the rule gives
    line: int  # in the mapping file, for messages
    under: tuple[str, ...] = ()
    not_under: tuple[str, ...] = ()
    reuse_levels: frozenset[str] = frozenset()
    collections: frozenset[str] = frozenset()
    mostly_essential_for: tuple[str, ...] = ()  # ISCO code prefixes

    def matches(self, facts: SkillFacts) -> bool:
        groups = facts.groups
        return (
            (not self.reuse_levels or facts.reuse_level in self.reuse_levels)
            and (not self.collections or bool(facts.collections & self.collections))
            and (not self.under or any(_group_under(g, c) for g in groups for c in self.under))
            and not any(_group_under(g, c) for g in groups for c in self.not_under)
            and (not self.mostly_essential_for or self._mostly_for(facts.essential_isco))
        )

    def _mostly_for(self, isco: tuple[str, ...]) -> bool:
        """At least half of the occupations that need the skill as essential are in these ISCO groups."""
        inside = sum(any(code.startswith(prefix) for prefix in self.mostly_essential_for) for code in isco)
        return bool(isco) and 2 * inside >= len(isco)


@dataclass(frozen=True, slots=True)
class CategoryMapping:
    rules: tuple[Rule, ...]
    area_rules: tuple[Rule, ...]
    suppress: Mapping[str, frozenset[str]]
    pins: Mapping[str, frozenset[str]] = field(default_factory=dict)  # skill URI -> categories it also has

    def categorize(self, facts: SkillFacts) -> tuple[str, ...]:
        """The skill's categories (at least one), in `Category` order."""
        found = {rule.target for rule in self.rules if rule.matches(facts)} | self.pins.get(facts.uri, frozenset())
        for winner, losers in self.suppress.items():
            if winner in found:
                found -= losers
        return tuple(c for c in CATEGORIES if c in found) or (OTHER,)

    def areas(self, facts: SkillFacts) -> tuple[str, ...]:
        """The cross-job areas of a skill, in `CrossJobArea` order (empty when it is not cross-job)."""
        if Category.TRANSVERSAL not in self.categorize(facts):
            return ()
        found = {rule.target for rule in self.area_rules if rule.matches(facts)}
        return tuple(a for a in AREAS if a in found)

    def codes(self) -> list[tuple[int, str]]:
        """(line, group code) for every code the rules name."""
        return [(r.line, code) for r in (*self.rules, *self.area_rules) for code in (*r.under, *r.not_under)]


def check_mapping(mapping: CategoryMapping, known_codes: set[str], skills: Sequence[SkillFacts]) -> list[str]:
    """What is wrong with ``mapping`` against ESCO: unknown group codes, rules that match no skill, corrections
    of skills that do not exist."""
    problems = [
        f"line {line}: {code!r} is not an ESCO skill group code or ISCED-F field"
        for line, code in mapping.codes()
        if code not in known_codes
    ]
    uris = {facts.uri for facts in skills}
    problems += [f"skills: {uri} is not an ESCO skill" for uri in mapping.pins if uri not in uris]
    for rule in (*mapping.rules, *mapping.area_rules):
        if not any(rule.matches(facts) for facts in skills):
            problems.append(f"line {rule.line}: the rule for {rule.target!r} matches no ESCO skill")
    return problems


class _LineLoader(yaml.SafeLoader):
    """Keeps the line of every mapping (as "__line__", 1-based) so messages can name it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    found = loader.construct_mapping(node, deep=True)
    found["__line__"] = node.start_mark.line + 1
    return found


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_mapping(path: Path = MAPPING_FILE) -> CategoryMapping:
    """Read and validate the mapping file; a ValueError names the line that is wrong."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 -- a SafeLoader
    return parse_mapping(raw)


def parse_mapping(raw: Mapping[str, Any]) -> CategoryMapping:
    categories = _rules(raw.get("categories") or {}, _category)
    areas = _rules(raw.get("cross_job_areas") or {}, _area)
    suppress = {_category(k): frozenset(_category(v) for v in vs) for k, vs in _items(raw.get("suppress") or {})}
    pins = {uri: frozenset(_category(c) for c in cats) for uri, cats in _items(raw.get("skills") or {})}
    return CategoryMapping(categories, areas, suppress, pins)


def _items(mapping: Mapping[str, Any]) -> list[tuple[str, Any]]:
    return [(key, value) for key, value in mapping.items() if key != "__line__"]


def _rules(section: Mapping[str, Any], known: Any) -> tuple[Rule, ...]:
    rules = []
    for name, specs in _items(section):
        target = known(name)
        if not isinstance(specs, list) or not specs:
            raise ValueError(f"line {section.get('__line__', '?')}: {name}: expected a list of rules")
        rules += [_rule(target, spec) for spec in specs]
    return tuple(rules)


def _rule(target: str, spec: Any) -> Rule:
    if not isinstance(spec, Mapping):
        raise ValueError(f"{target}: a rule is a mapping of conditions, got {spec!r}")
    line = int(spec.get("__line__", 0))
    keys = {key for key in spec if key != "__line__"}
    if keys - _CONDITIONS:
        raise ValueError(
            f"line {line}: unknown conditions {sorted(keys - _CONDITIONS)}; expected {sorted(_CONDITIONS)}"
        )
    if not keys - {"not_under"}:
        raise ValueError(f"line {line}: a rule for {target!r} needs a condition beyond not_under")
    rule = Rule(
        target=target,
        line=line,
        under=tuple(_strings(spec, "under")),
        not_under=tuple(_strings(spec, "not_under")),
        reuse_levels=frozenset(_strings(spec, "reuse_levels")),
        collections=frozenset(_strings(spec, "collections")),
        mostly_essential_for=tuple(_strings(spec, "mostly_essential_for")),
    )
    for name, allowed in (("reuse_levels", REUSE_LEVELS), ("collections", COLLECTIONS)):
        wrong = sorted(set(getattr(rule, name)) - allowed)
        if wrong:
            raise ValueError(f"line {line}: {name} {wrong} unknown; expected some of {sorted(allowed)}")
    return rule


def _strings(spec: Mapping[str, Any], key: str) -> Iterable[str]:
    return [str(value) for value in spec.get(key) or ()]


def _category(name: str) -> str:
    if name not in CATEGORIES:
        raise ValueError(f"unknown category {name!r}; expected one of {', '.join(CATEGORIES)}")
    if name == OTHER:
        raise ValueError("'other' is what a skill gets when no rule matches; it has no rule")
    return name


def _area(name: str) -> str:
    if name not in AREAS:
        raise ValueError(f"unknown cross-job area {name!r}; expected one of {', '.join(AREAS)}")
    return name


def skill_facts(data: EscoData) -> dict[str, SkillFacts]:
    """What the category rules look at, for every skill of the release."""
    groups = {g.uri: GroupFacts(g.pillar, g.code, g.isced_f) for g in data.groups}
    isco = {o.uri: o.isco_code for o in data.occupations}
    essential: dict[str, list[str]] = defaultdict(list)
    for relation in data.relations:
        if relation.relation == "essential":
            essential[relation.skill_uri].append(isco[relation.occupation_uri])
    return {
        skill.uri: SkillFacts(
            reuse_level=skill.reuse_level,
            collections=frozenset(name for name, members in data.collections.items() if skill.uri in members),
            groups=tuple(groups[g] for g in data.skill_groups.get(skill.uri, ())),
            uri=skill.uri,
            essential_isco=tuple(essential[skill.uri]),
        )
        for skill in data.skills
    }


def known_codes(data: EscoData) -> set[str]:
    """Every code a mapping may name: group codes, ISCED-F fields and pillars."""
    return (
        {g.code for g in data.groups if g.code}
        | {g.isced_f for g in data.groups if g.isced_f}
        | {g.pillar for g in data.groups}
    )
