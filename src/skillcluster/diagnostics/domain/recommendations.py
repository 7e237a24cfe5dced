"""From a firm's profile to at most three ranked actions, by the rules in ``recommendations.yaml``.

Pure module (no Django). The data file documents the rule language; in short: a rule matches when all
its conditions hold and its reason can be filled with the firm's figures; matches are ranked by
``priority`` and then by how far the firm is from the threshold (severity); the first action is the
best-ranked one that is doable this month (or the file's ``fallback`` action, used only then); then the
next ones by rank, at most :data:`MAX_ACTIONS` in all, never two with the same title. The file is checked
on load so that every reason cites the figure its rule's condition tests, and no two rules share a title.

Translations sit beside the rules file (``recommendations.<language>.yaml``): activity names, rule titles
and reasons, and the learning types' names, keyed by code; each template keeps the English placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .instrument import BASE_LANGUAGE, TRIAD, Instrument, check_translation, load_instrument, translation_file
from .scoring import LEARNING_TYPE_LABELS, LEARNING_TYPES, Profile, ScaleGap

RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "recommendations.yaml"
MAX_ACTIONS = 3
_BALANCE_CONDITION = "balance_below"
_CONDITION_KEYS = frozenset(
    {"scale", "below", _BALANCE_CONDITION, "learning_type", "gap_scale", "gap_at_least", "weakest"}
)
# The figures a reason must cite when its rule tests a condition: the reason explains that condition.
_CITES = {
    "scale": ("score",),
    _BALANCE_CONDITION: ("balance",),
    "gap_scale": ("gap", "owner", "staff_mean"),
    "weakest": ("weakest_score",),
    "learning_type": ("type", "score"),
}
_SAMPLE = {
    "score": 1.0,
    "threshold": 1.0,
    "balance": 1.0,
    "weakest_name": "x",
    "weakest_score": 1.0,
    "strongest_name": "x",
    "strongest_score": 1.0,
    "gap": 1.0,
    "staff_mean": 1.0,
    "owner": 1.0,
    "type": "x",
}
_FIGURES = ("score", "threshold", "balance", "weakest_score", "strongest_score", "gap", "staff_mean", "owner")
# Languages that write a noun with a capital inside a sentence too: a scale's name is not lower-cased there.
_NOUNS_CAPITALISED = frozenset({"de"})


class RecommendationError(ValueError):
    """The rules file breaks a rule; the message names the rule and field."""


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    activity: str
    doable_this_month: bool
    priority: int
    when: Mapping[str, Any]
    reason: str
    score_scale: str | None = None


@dataclass(frozen=True)
class RuleSet:
    version: str
    activities: Mapping[str, str]
    fallback: str
    rules: tuple[Rule, ...]
    # How a learning type is named inside a reason ({type}); a type not named here reads as scoring's label.
    learning_types: Mapping[str, str] = field(default_factory=dict)
    language: str = BASE_LANGUAGE

    def rule(self, code: str) -> Rule:
        return next(rule for rule in self.rules if rule.code == code)


@dataclass(frozen=True)
class Recommendation:
    rank: int
    code: str
    title: str
    activity: str
    activity_label: str
    doable_this_month: bool
    reason: str


@lru_cache(maxsize=16)
def load_rules(path: Path = RULES_PATH, language: str = BASE_LANGUAGE) -> RuleSet:
    """Parse and validate a rules file, with its texts in ``language`` where a translation sits beside it
    (``<stem>.<language>.yaml``; none: the file's own texts); raises :class:`RecommendationError`."""
    translation = translation_file(path, language)
    if translation is None and language != BASE_LANGUAGE:
        return load_rules(path)  # the one cached base object, whatever language fell back to it
    if translation is None:
        return parse_rules(yaml.safe_load(path.read_text(encoding="utf-8")))
    data = yaml.safe_load(translation.read_text(encoding="utf-8"))
    code = translation.stem.rsplit(".", 1)[1]
    return translate_rules(load_rules(path), data, language=code, source=translation.name, base_source=path.name)


def parse_rules(data: Any) -> RuleSet:
    if not isinstance(data, Mapping) or not isinstance(data.get("rules"), list):
        raise RecommendationError("rules file: expected a mapping with a 'rules' list")
    activities = dict(data.get("activities") or {})
    rules = tuple(_rule(raw, activities, index) for index, raw in enumerate(data["rules"]))
    _check_distinct(rules)
    types = dict(data.get("learning_types") or {})
    unknown_types = sorted(set(types) - set(LEARNING_TYPES))
    if unknown_types:
        raise RecommendationError(f"rules file: learning_types: {unknown_types} are no learning types")
    rule_set = RuleSet(str(data.get("version", "")), activities, str(data.get("fallback", "")), rules, types)
    fallback = [rule for rule in rules if rule.code == rule_set.fallback]
    if not fallback or not fallback[0].doable_this_month or fallback[0].when:
        raise RecommendationError(
            f"rules file: fallback {rule_set.fallback!r} must name an unconditional rule that is doable this month"
        )
    return rule_set


def rule_texts(rule_set: RuleSet) -> dict[str, str]:
    """Every text of ``rule_set`` a translation must give, by dotted key: ``activities.<code>``,
    ``rules.<code>.title|reason``, ``learning_types.<code>`` (those the file names)."""
    texts = {f"activities.{code}": label for code, label in rule_set.activities.items()}
    for rule in rule_set.rules:
        texts.update({f"rules.{rule.code}.title": rule.title, f"rules.{rule.code}.reason": rule.reason})
    texts.update({f"learning_types.{code}": name for code, name in rule_set.learning_types.items()})
    return texts


def translate_rules(
    base: RuleSet, data: Any, *, language: str, source: str, base_source: str = RULES_PATH.name
) -> RuleSet:
    """``base`` with the texts of a parsed translation file in place of its own; conditions, ranking and
    activities stay the base's. Raises :class:`RecommendationError` naming ``source`` and the key when a text
    is missing, unknown or empty, or a template's placeholders differ from the base's (same names, same
    format specs; a placeholder may repeat)."""
    english = rule_texts(base)
    texts = check_translation(english, data, source=source, base_source=base_source, error=RecommendationError)
    for key, template in english.items():
        if _placeholders(texts[key], f"{source}: {key}") != _placeholders(template, key):
            raise RecommendationError(
                f"{source}: {key} has the placeholders {sorted(_placeholders(texts[key], key))}, "
                f"expected those of the base: {sorted(_placeholders(template, key))}"
            )
    rules = tuple(
        replace(
            rule,
            title=texts[f"rules.{rule.code}.title"],
            reason=" ".join(texts[f"rules.{rule.code}.reason"].split()),
        )
        for rule in base.rules
    )
    try:
        _check_distinct(rules)
    except RecommendationError as error:
        raise RecommendationError(f"{source}: {error}") from None
    return replace(
        base,
        activities={code: texts[f"activities.{code}"] for code in base.activities},
        rules=rules,
        learning_types={code: texts[f"learning_types.{code}"] for code in base.learning_types},
        language=language,
    )


def _placeholders(template: str, where: str) -> set[str]:
    try:
        fields = string.Formatter().parse(template)
        return {"{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
                for _, name, spec, conv in fields if name is not None}  # fmt: skip
    except ValueError as error:
        raise RecommendationError(f"{where}: bad placeholder: {error}") from None


def _rule(raw: Any, activities: Mapping[str, str], index: int) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(raw, Mapping):
        raise RecommendationError(f"{where}: expected a mapping")
    where = f"rule {raw.get('code', index)!r}"
    try:
        rule = Rule(
            code=str(raw["code"]),
            title=str(raw["title"]),
            activity=str(raw["activity"]),
            doable_this_month=bool(raw["doable_this_month"]),
            priority=int(raw["priority"]),
            when=dict(raw["when"] or {}),
            reason=" ".join(str(raw["reason"]).split()),
            score_scale=raw.get("score_scale"),
        )
    except KeyError as missing:
        raise RecommendationError(f"{where}: field {missing} is missing") from None
    _check_rule(rule, activities, where)
    return rule


def _check_rule(rule: Rule, activities: Mapping[str, str], where: str) -> None:
    if rule.activity not in activities:
        raise RecommendationError(f"{where}: activity {rule.activity!r} is not one of {sorted(activities)}")
    unknown = set(rule.when) - _CONDITION_KEYS
    if unknown:
        raise RecommendationError(f"{where}: unknown conditions {sorted(unknown)}")
    try:
        rule.reason.format(**_SAMPLE)
        rule.title.format(**_SAMPLE)
    except (KeyError, ValueError) as error:
        raise RecommendationError(f"{where}: reason or title has a bad placeholder: {error}") from None
    if not any("{" + name in rule.reason for name in _FIGURES):
        raise RecommendationError(f"{where}: the reason must mention at least one of the firm's figures")
    for condition, figures in _CITES.items():
        if condition in rule.when and not any("{" + name in rule.reason for name in figures):
            cited = " or ".join("{" + name + "}" for name in figures)
            raise RecommendationError(
                f"{where}: the reason must cite the figure its {condition!r} condition tests ({cited})"
            )


def _check_distinct(rules: tuple[Rule, ...]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.title):
            if key in seen:
                raise RecommendationError(f"rule {rule.code!r}: {key!r} repeats rule {seen[key]!r}")
            seen[key] = rule.code


def recommend(
    profile: Profile,
    gaps: Mapping[str, ScaleGap | None] | None = None,
    rules: RuleSet | None = None,
    scale_names: Mapping[str, str] | None = None,
    unavailable: frozenset[str] = frozenset(),
) -> tuple[Recommendation, ...]:
    """At most three ranked actions for ``profile``; the first is doable this month. A rule whose activity
    is ``unavailable`` (the cluster offers nothing of it to this firm now) is passed over for the next one.
    The texts are in the language of ``rules``; ``scale_names`` (as a reason cites them, see
    :func:`reason_scale_names`) should be in the same language, and default to version 1's in it."""
    rule_set = rules or load_rules()
    names = scale_names or _default_scale_names(rule_set.language)
    types = rule_set.learning_types
    offered = (rule for rule in rule_set.rules if rule.activity not in unavailable)
    matches = sorted(
        (m for rule in offered if (m := _match(rule, profile, gaps or {}, names, types))),
        key=lambda match: (match[0].priority, -match[1]),
    )
    chosen = _choose(matches, rule_set, profile, names)
    return tuple(_recommendation(rank, rule, context, rule_set) for rank, (rule, context) in enumerate(chosen, start=1))


def _choose(
    matches: list[tuple[Rule, float, dict[str, Any]]], rule_set: RuleSet, profile: Profile, names: Mapping[str, str]
) -> list[tuple[Rule, dict[str, Any]]]:
    doable = [(rule, context) for rule, _, context in matches if rule.doable_this_month]
    if not doable:
        fallback = _match(rule_set.rule(rule_set.fallback), profile, {}, names, rule_set.learning_types)
        doable = [(fallback[0], fallback[2])] if fallback else []
    chosen: list[tuple[Rule, dict[str, Any]]] = []
    titles: set[str] = set()
    rest = [(rule, context) for rule, _, context in matches if rule.code != rule_set.fallback]
    for rule, context in doable[:1] + rest:
        title = rule.title.format(**context)
        if title not in titles and len(chosen) < MAX_ACTIONS:
            chosen.append((rule, context))
            titles.add(title)
    return chosen


def _match(
    rule: Rule,
    profile: Profile,
    gaps: Mapping[str, ScaleGap | None],
    names: Mapping[str, str],
    types: Mapping[str, str],
) -> tuple[Rule, float, dict[str, Any]] | None:
    context = _context(rule, profile, gaps, names, types)
    severity = _severity(rule.when, profile, gaps, context)
    if severity is None:
        return None
    try:
        rule.reason.format(**context)
        rule.title.format(**context)
    except KeyError:
        return None  # a figure the reason needs is missing for this firm
    return rule, severity, context


def _severity(
    when: Mapping[str, Any], profile: Profile, gaps: Mapping[str, ScaleGap | None], context: Mapping[str, Any]
) -> float | None:
    """How far past all thresholds the firm is (sum), or ``None`` when a condition fails."""
    severity = 0.0
    if "learning_type" in when and profile.learning_type not in when["learning_type"]:
        return None
    if "weakest" in when and context.get("weakest") not in when["weakest"]:
        return None
    if "scale" in when:
        if context.get("score") is None or context["score"] >= when["below"]:
            return None
        severity += when["below"] - context["score"]
    if _BALANCE_CONDITION in when:
        if profile.balance is None or profile.balance >= when[_BALANCE_CONDITION]:
            return None
        severity += when[_BALANCE_CONDITION] - profile.balance
    if "gap_scale" in when:
        gap = gaps.get(when["gap_scale"])
        if gap is None or abs(gap.gap) < when["gap_at_least"]:
            return None
        severity += abs(gap.gap) - when["gap_at_least"]
    return severity


def _context(
    rule: Rule,
    profile: Profile,
    gaps: Mapping[str, ScaleGap | None],
    names: Mapping[str, str],
    types: Mapping[str, str],
) -> dict[str, Any]:
    context: dict[str, Any] = {"threshold": rule.when.get("below")}
    scale = rule.when.get("scale") or rule.score_scale
    context["score"] = profile.scores.get(scale) if scale else None
    if profile.balance is not None:
        context["balance"] = profile.balance
    if profile.learning_type:
        context["type"] = types.get(profile.learning_type) or LEARNING_TYPE_LABELS[profile.learning_type].lower()
    context.update(_triad_context(profile, names))
    gap = gaps.get(rule.when.get("gap_scale", ""))
    if gap is not None:
        context.update(gap=abs(gap.gap), staff_mean=gap.staff_mean, owner=gap.owner)
    return {key: value for key, value in context.items() if value is not None}


def _triad_context(profile: Profile, names: Mapping[str, str]) -> dict[str, Any]:
    triad = {code: profile.scores.get(code) for code in TRIAD}
    known = {code: value for code, value in triad.items() if value is not None}
    if len(known) < len(TRIAD):
        return {}
    weakest = min(known, key=lambda code: known[code])
    strongest = max(known, key=lambda code: known[code])
    return {
        "weakest": weakest,
        "weakest_name": names[weakest],
        "weakest_score": known[weakest],
        "strongest_name": names[strongest],
        "strongest_score": known[strongest],
    }


def _recommendation(rank: int, rule: Rule, context: Mapping[str, Any], rule_set: RuleSet) -> Recommendation:
    return Recommendation(
        rank=rank,
        code=rule.code,
        title=rule.title.format(**context),
        activity=rule.activity,
        activity_label=rule_set.activities[rule.activity],
        doable_this_month=rule.doable_this_month,
        reason=rule.reason.format(**context),
    )


def reason_scale_names(instrument: Instrument) -> dict[str, str]:
    """The scales' names as a reason cites them mid-sentence ({weakest_name}), in the instrument's language:
    lower-cased, except where nouns keep their capital (German)."""
    if instrument.language in _NOUNS_CAPITALISED:
        return {scale.code: scale.name for scale in instrument.scales}
    return {scale.code: scale.name.lower() for scale in instrument.scales}


@lru_cache(maxsize=8)
def _default_scale_names(language: str) -> dict[str, str]:
    return reason_scale_names(load_instrument("1", language))
