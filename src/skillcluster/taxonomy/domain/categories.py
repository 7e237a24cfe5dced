"""Skill categories: the one home of their codes and names, and of the rules that give ESCO skills their
categories from the ESCO hierarchy, reuse level and collections. A pure module: no Django.

The mapping is data (`data/category_mapping.yaml`, documented there) so a domain expert can review it;
`CategoryMapping.categorize(facts)` applies it to one skill and returns one or more category codes, in the
order of `Category`. Gap reports, cluster figures and the taxonomy pages all use `Category`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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


CATEGORY_LABELS: Mapping[Category, str] = {
    Category.PRODUCTION: "production/technical",
    Category.MARKETING: "marketing and sales",
    Category.MANAGEMENT: "management",
    Category.TRANSVERSAL: "cross-job (transversal)",
    Category.DIGITAL: "digital",
    Category.LANGUAGES: "languages",
    Category.OTHER: "other",
}
CATEGORIES = tuple(category.value for category in Category)
OTHER = Category.OTHER.value
_RULE_KEYS = frozenset({"reuse_levels", "collections", "pillars", "group_codes", "isced_f"})


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


@dataclass(frozen=True, slots=True)
class Rule:
    category: str
    reuse_levels: frozenset[str]
    collections: frozenset[str]
    pillars: frozenset[str]
    group_codes: tuple[str, ...]
    isced_f: tuple[str, ...]

    def matches(self, facts: SkillFacts) -> bool:
        if facts.reuse_level in self.reuse_levels or facts.collections & self.collections:
            return True
        return any(self._matches_group(g) for g in facts.groups)

    def _matches_group(self, group: GroupFacts) -> bool:
        if group.pillar in self.pillars:
            return True
        if group.code and any(_code_under(group.code, c) for c in self.group_codes):
            return True
        return bool(group.isced_f) and group.isced_f.startswith(self.isced_f)


def _code_under(code: str, ancestor: str) -> bool:
    """'S4.1.2' lies under 'S4' and 'S4.1' and is itself; 'S40' does not lie under 'S4'."""
    return code == ancestor or code.startswith(ancestor + ".")


@dataclass(frozen=True, slots=True)
class CategoryMapping:
    rules: tuple[Rule, ...]
    suppress: Mapping[str, frozenset[str]]

    def categorize(self, facts: SkillFacts) -> tuple[str, ...]:
        """The skill's categories (at least one), in CATEGORIES order."""
        found = {rule.category for rule in self.rules if rule.matches(facts)}
        for winner, losers in self.suppress.items():
            if winner in found:
                found -= losers
        return tuple(c for c in CATEGORIES if c in found) or (OTHER,)


def load_mapping(path: Path = MAPPING_FILE) -> CategoryMapping:
    """Read and validate the mapping file; a ValueError names the entry that is wrong."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_mapping(raw)


def parse_mapping(raw: Mapping[str, Any]) -> CategoryMapping:
    rules = tuple(_rule(name, spec or {}) for name, spec in (raw.get("categories") or {}).items())
    suppress = {_known(k): frozenset(_known(v) for v in vs) for k, vs in (raw.get("suppress") or {}).items()}
    return CategoryMapping(rules, suppress)


def _rule(name: str, spec: Mapping[str, Any]) -> Rule:
    _known(name)
    if name == OTHER:
        raise ValueError("categories.other: 'other' is what a skill gets when no rule matches; it has no rule")
    unknown = set(spec) - _RULE_KEYS
    if unknown:
        raise ValueError(f"categories.{name}: unknown keys {sorted(unknown)}; expected some of {sorted(_RULE_KEYS)}")
    return Rule(
        category=name,
        reuse_levels=frozenset(_strings(spec, "reuse_levels")),
        collections=frozenset(_strings(spec, "collections")),
        pillars=frozenset(_strings(spec, "pillars")),
        group_codes=tuple(_strings(spec, "group_codes")),
        isced_f=tuple(_strings(spec, "isced_f")),
    )


def _strings(spec: Mapping[str, Any], key: str) -> Iterable[str]:
    return [str(value) for value in spec.get(key) or ()]


def _known(name: str) -> str:
    if name not in CATEGORIES:
        raise ValueError(f"unknown category {name!r}; expected one of {', '.join(CATEGORIES)}")
    return name
