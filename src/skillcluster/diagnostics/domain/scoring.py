"""Scoring of one respondent's answers: scale scores, triad balance, learning type, owner-staff gaps.

Pure module (no Django). Rules, all on a 0-100 scale:

* **Item score**: answer ``a`` on the response scale ``lo..hi`` (1..5) becomes ``(a - lo) / (hi - lo)``;
  a reverse-keyed item uses ``hi + lo - a`` first. So 1 -> 0, 3 -> 0.5, 5 -> 1.
* **Scale score**: 100 x the mean item score over the answered items of the scale *on the form the
  respondent answered* ("don't know" is not an answer). Missing-data rule: the scale needs at least two
  thirds of those items answered (``3 x answered >= 2 x items``), otherwise its score is ``None``.
* **Balance index** of the triad (information gathering, knowledge acquisition, competence development):
  ``100 x (1 - (max - min) / 100)`` = 100 minus the gap between the strongest and the weakest component.
  The spread is normalised by 100, the largest possible gap; 100 = perfectly balanced, 0 = one component
  at 100 and another at 0. ``None`` if any component is ``None``.
* **Learning type**: first matching rule of :data:`LEARNING_TYPES` (thresholds in module constants).
* **Learning style**, the seed's two axes beside the triad types: pro-active (plans learning ahead) against
  crisis-driven, participative (staff share in it) against owner-centred, each split at
  :data:`STYLE_SPLIT`: fire-fighter, lone planner, coping together, learning together (the seed calls the
  last a learning organisation; the name is kept for the stricter triad type).
* **Perception gap** per scale: mean of the staff scores minus the owner's score *on the items both forms
  share* (positive: staff see more than the owner); :data:`NOTABLE_GAP` points or more in either
  direction is worth discussing. The owner's full-form score would mix in items staff never saw.
* **Straight-lining** (careless answering), from the reverse-keyed items: within a scale, a normal and a
  reverse item answered alike (both agree, 4-5, or both disagree, 1-2) contradict each other. A response is
  flagged when at least half of its :data:`MIN_PAIRS`+ answered pairs contradict, or when it gives one same
  answer to every one of :data:`MIN_SAME` or more items.
* **Firm score with staff**: the owner's score moved by half the shared-item gap (common-item linking: the
  staff weigh as much as the owner, measured on what both answered).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from skillcluster.words import Translated, gettext_noop

from .instrument import DONT_KNOW, OWNER_FORM, STAFF_FORM, TRIAD, Instrument, Item

Answers = Mapping[str, int | None]
ScaleScores = Mapping[str, float | None]

CRISIS_PROACTIVE_BELOW = 40.0
LEARNING_ORG_COMPONENT_MIN = 70.0
LEARNING_ORG_BALANCE_MIN = 80.0
LEARNING_ORG_PROACTIVE_MIN = 60.0
LEARNING_ORG_PARTICIPATIVE_MIN = 60.0
BALANCED_MIN = 80.0
BALANCED_TRIAD_MEAN_MIN = 50.0
NOTABLE_GAP = 15.0
MIN_PAIRS = 4
MIN_SAME = 8

CRISIS_MANAGER = "crisis_manager"
LEARNING_ORGANISATION = "learning_organisation"
BALANCED_LEARNER = "balanced_learner"
MARKET_WATCHER = "market_watcher"
KNOWLEDGE_COLLECTOR = "knowledge_collector"
COMPETENCE_BUILDER = "competence_builder"
EARLY_LEARNER = "early_learner"

# Read in the active language (`skillcluster.words`). A type's or a style's name is its rule's text before the colon.
LEARNING_TYPES: Translated[str] = Translated(
    {
        CRISIS_MANAGER: gettext_noop("Crisis manager: learning happens when problems hit (pro-active score below 40)."),
        LEARNING_ORGANISATION: gettext_noop(
            "Learning organisation: all three components at 70 or more, balance 80 or more, "
            "pro-active and participative scores 60 or more."
        ),
        BALANCED_LEARNER: gettext_noop(
            "Balanced learner: balance 80 or more and the three components average 50 or more."
        ),
        MARKET_WATCHER: gettext_noop(
            "Market watcher: market intelligence is the strongest component, balance below 80."
        ),
        KNOWLEDGE_COLLECTOR: gettext_noop(
            "Knowledge collector: knowledge acquisition is the strongest component, balance below 80."
        ),
        COMPETENCE_BUILDER: gettext_noop(
            "Competence builder: competence development is the strongest component, balance below 80."
        ),
        EARLY_LEARNER: gettext_noop("Early learner: balanced, but the three components average below 50."),
    }
)
LEARNING_TYPE_LABELS: Translated[str] = Translated(
    {
        CRISIS_MANAGER: gettext_noop("Crisis manager"),
        LEARNING_ORGANISATION: gettext_noop("Learning organisation"),
        BALANCED_LEARNER: gettext_noop("Balanced learner"),
        MARKET_WATCHER: gettext_noop("Market watcher"),
        KNOWLEDGE_COLLECTOR: gettext_noop("Knowledge collector"),
        COMPETENCE_BUILDER: gettext_noop("Competence builder"),
        EARLY_LEARNER: gettext_noop("Early learner"),
    }
)
STYLE_SPLIT = 50.0
FIRE_FIGHTER = "fire_fighter"
LONE_PLANNER = "lone_planner"
COPING_TOGETHER = "coping_together"
LEARNING_TOGETHER = "learning_together"
LEARNING_STYLES: Translated[str] = Translated(
    {
        FIRE_FIGHTER: gettext_noop("Fire-fighter: learning starts when problems hit, and the owner handles it alone."),
        LONE_PLANNER: gettext_noop("Lone planner: learning is planned ahead, but by the owner alone."),
        COPING_TOGETHER: gettext_noop("Coping together: staff take part, but learning starts when problems hit."),
        LEARNING_TOGETHER: gettext_noop("Learning together: learning is planned ahead and staff take part in it."),
    }
)
LEARNING_STYLE_LABELS: Translated[str] = Translated(
    {
        FIRE_FIGHTER: gettext_noop("Fire-fighter"),
        LONE_PLANNER: gettext_noop("Lone planner"),
        COPING_TOGETHER: gettext_noop("Coping together"),
        LEARNING_TOGETHER: gettext_noop("Learning together"),
    }
)
# Each style's rule without its name, as a sentence of its own.
LEARNING_STYLE_RULES: Translated[str] = Translated(
    {
        FIRE_FIGHTER: gettext_noop("Learning starts when problems hit, and the owner handles it alone."),
        LONE_PLANNER: gettext_noop("Learning is planned ahead, but by the owner alone."),
        COPING_TOGETHER: gettext_noop("Staff take part, but learning starts when problems hit."),
        LEARNING_TOGETHER: gettext_noop("Learning is planned ahead and staff take part in it."),
    }
)
_STRONGEST_TYPE = dict(zip(TRIAD, (MARKET_WATCHER, KNOWLEDGE_COLLECTOR, COMPETENCE_BUILDER), strict=True))


class ScoringError(ValueError):
    """Answers that cannot be scored; the message names the item and what was expected."""


@dataclass(frozen=True)
class Profile:
    """One respondent's (or one firm's) profile."""

    scores: Mapping[str, float | None]
    balance: float | None
    learning_type: str | None


@dataclass(frozen=True)
class ScaleGap:
    owner: float
    staff_mean: float
    gap: float
    n_staff: int

    @property
    def is_notable(self) -> bool:
        return abs(self.gap) >= NOTABLE_GAP


def item_score(item: Item, answer: object, instrument: Instrument) -> float:
    """0..1 score of one answer, reverse keying applied; raises :class:`ScoringError` out of range."""
    low, high = instrument.min_value, instrument.max_value
    if not isinstance(answer, int) or isinstance(answer, bool) or not low <= answer <= high:
        raise ScoringError(f"item {item.code}: answer {answer!r} is not a whole number from {low} to {high}")
    keyed = high + low - answer if item.reverse else answer
    return (keyed - low) / (high - low)


def check_answers(instrument: Instrument, answers: Mapping[str, object], form: str = OWNER_FORM) -> None:
    """Raise :class:`ScoringError` for an item not on ``form`` or an answer out of range ("don't know",
    stored as :data:`DONT_KNOW`, is accepted where the version offers it)."""
    on_form = {item.code: item for item in instrument.form_items(form)}
    for code, answer in answers.items():
        if code not in on_form:
            raise ScoringError(f"item {code}: not an item of the {form} form of instrument {instrument.version}")
        if answer is not None and not (instrument.dont_know and answer == DONT_KNOW and type(answer) is int):
            item_score(on_form[code], answer, instrument)


def scale_score(instrument: Instrument, scale: str, answers: Answers, form: str = OWNER_FORM) -> float | None:
    """0-100 score of ``scale``, or ``None`` when fewer than two thirds of its items on ``form`` are answered."""
    items = instrument.scale(scale).items_for(form)
    answered = [(item, answers[item.code]) for item in items if instrument.is_answer(answers.get(item.code))]
    if not items or 3 * len(answered) < 2 * len(items):
        return None
    total = sum(item_score(item, answer, instrument) for item, answer in answered if answer is not None)
    return 100.0 * total / len(answered)


def score_answers(instrument: Instrument, answers: Answers, form: str = OWNER_FORM) -> dict[str, float | None]:
    """Scores of every scale, after checking every answer (nothing is silently dropped)."""
    check_answers(instrument, answers, form)
    return scale_scores(instrument, answers, form)


def scale_scores(instrument: Instrument, answers: Answers, form: str = OWNER_FORM) -> dict[str, float | None]:
    """Scores of every scale of ``instrument`` from answers checked when saved; items it lacks are ignored
    (scoring an old round on the items two versions share, `instrument.comparable`)."""
    return {scale.code: scale_score(instrument, scale.code, answers, form) for scale in instrument.scales}


def balance_index(scores: ScaleScores) -> float | None:
    """``100 - (max - min)`` over the triad's three scores; ``None`` if one is missing."""
    triad = [scores.get(code) for code in TRIAD]
    values = [value for value in triad if value is not None]
    if len(values) < len(TRIAD):
        return None
    return 100.0 - (max(values) - min(values))


def learning_type(scores: ScaleScores) -> str | None:
    """The first matching type (see :data:`LEARNING_TYPES`); ``None`` when a needed score is missing."""
    proactive = scores.get("proactive_learning")
    participative = scores.get("participative_learning")
    balance = balance_index(scores)
    if proactive is None or participative is None or balance is None:
        return None
    triad = [float(scores[code] or 0.0) for code in TRIAD]
    if proactive < CRISIS_PROACTIVE_BELOW:
        return CRISIS_MANAGER
    if (
        min(triad) >= LEARNING_ORG_COMPONENT_MIN
        and balance >= LEARNING_ORG_BALANCE_MIN
        and proactive >= LEARNING_ORG_PROACTIVE_MIN
        and participative >= LEARNING_ORG_PARTICIPATIVE_MIN
    ):
        return LEARNING_ORGANISATION
    if balance < BALANCED_MIN:
        # Ties for the strongest component go to the first in TRIAD order (max keeps the first).
        return _STRONGEST_TYPE[TRIAD[triad.index(max(triad))]]
    return BALANCED_LEARNER if sum(triad) / len(triad) >= BALANCED_TRIAD_MEAN_MIN else EARLY_LEARNER


def learning_style(scores: ScaleScores) -> str | None:
    """The quadrant of pro-active x participative (each split at 50); ``None`` when either is missing."""
    proactive = scores.get("proactive_learning")
    participative = scores.get("participative_learning")
    if proactive is None or participative is None:
        return None
    planned, shared = proactive >= STYLE_SPLIT, participative >= STYLE_SPLIT
    return {
        (False, False): FIRE_FIGHTER,
        (True, False): LONE_PLANNER,
        (False, True): COPING_TOGETHER,
        (True, True): LEARNING_TOGETHER,
    }[(planned, shared)]


def profile(scores: ScaleScores) -> Profile:
    return Profile(scores=dict(scores), balance=balance_index(scores), learning_type=learning_type(scores))


def straight_lining(instrument: Instrument, answers: Answers) -> bool:
    """Whether the answers look careless (see the module rules); they still count, but are flagged."""
    given = {code: a for code, a in answers.items() if a is not None and instrument.is_answer(a)}
    if len(given) >= MIN_SAME and len(set(given.values())) == 1:
        return True
    agree, disagree = instrument.max_value - 1, instrument.min_value + 1
    pairs = contradictions = 0
    for scale in instrument.scales:
        normal = [given[i.code] for i in scale.items if not i.reverse and i.code in given]
        reverse = [given[i.code] for i in scale.items if i.reverse and i.code in given]
        for a in normal:
            for b in reverse:
                pairs += 1
                contradictions += (a >= agree and b >= agree) or (a <= disagree and b <= disagree)
    return pairs >= MIN_PAIRS and 2 * contradictions >= pairs


def shared_scores(instrument: Instrument, answers: Answers) -> dict[str, float | None]:
    """The owner's scores on the items the staff form shares (every staff item is also on the owner form)."""
    return {scale.code: scale_score(instrument, scale.code, answers, STAFF_FORM) for scale in instrument.scales}


def perception_gaps(owner_shared: ScaleScores, staff: Sequence[ScaleScores]) -> dict[str, ScaleGap | None]:
    """Per scale: staff mean minus the owner's shared-item score; ``None`` without both."""
    return {scale: _gap(value, [s.get(scale) for s in staff]) for scale, value in owner_shared.items()}


def with_staff(owner: float | None, gap: ScaleGap | None) -> float | None:
    """The firm's score once staff count: the owner's, moved by half the shared-item gap, within 0..100."""
    if owner is None or gap is None:
        return owner
    return min(100.0, max(0.0, owner + gap.gap / 2))


def _gap(owner: float | None, staff: Sequence[float | None]) -> ScaleGap | None:
    values = [value for value in staff if value is not None]
    if owner is None or not values:
        return None
    mean = sum(values) / len(values)
    return ScaleGap(owner=owner, staff_mean=mean, gap=mean - owner, n_staff=len(values))


def mean_scores(respondents: Sequence[ScaleScores]) -> dict[str, float | None]:
    """Per-scale mean over respondents that have a score (``None`` where nobody has)."""
    codes = [code for scores in respondents for code in scores]
    means: dict[str, float | None] = {}
    for code in dict.fromkeys(codes):
        values = [v for scores in respondents if (v := scores.get(code)) is not None]
        means[code] = sum(values) / len(values) if values else None
    return means
