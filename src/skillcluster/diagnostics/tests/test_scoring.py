"""Scoring rules with exact values: keying, missing data, balance, learning types, perception gaps."""

from __future__ import annotations

import pytest

from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.scoring import (
    BALANCED_LEARNER,
    COMPETENCE_BUILDER,
    CRISIS_MANAGER,
    EARLY_LEARNER,
    KNOWLEDGE_COLLECTOR,
    LEARNING_ORGANISATION,
    MARKET_WATCHER,
    ScaleGap,
    ScoringError,
    balance_index,
    learning_style,
    mean_scores,
    perception_gaps,
    profile,
    scale_score,
    score_answers,
    straight_lining,
)

V1 = load_instrument("1")


def _scores(ig: float, ka: float, cd: float, pl: float, pa: float) -> dict[str, float | None]:
    return {
        "information_gathering": ig,
        "knowledge_acquisition": ka,
        "competence_development": cd,
        "proactive_learning": pl,
        "participative_learning": pa,
        "context": 50.0,
    }


def test_reverse_keying_exact() -> None:
    # IG3 is reverse-keyed: 5 -> 0, 1 -> 1.  Items: 5,4,1,3,2 -> 1, .75, 1, .5, .25 -> 3.5 / 5.
    answers = {"IG1": 5, "IG2": 4, "IG3": 1, "IG4": 3, "IG5": 2}
    assert scale_score(V1, "information_gathering", answers) == 70.0
    assert scale_score(V1, "information_gathering", {**answers, "IG3": 5}) == 50.0


def test_all_middle_is_fifty_and_extremes() -> None:
    middle = {item.code: 3 for item in V1.items}
    assert set(score_answers(V1, middle).values()) == {50.0}
    best = {item.code: (1 if item.reverse else 5) for item in V1.items}
    assert set(score_answers(V1, best).values()) == {100.0}


def test_missing_rule_two_thirds() -> None:
    # information_gathering has 5 owner items: 4 answered is enough (12 >= 10), 3 is not (9 < 10).
    four = {"IG1": 5, "IG2": 5, "IG3": 1, "IG4": 4}
    assert scale_score(V1, "information_gathering", four) == 93.75
    three = {"IG1": 5, "IG2": 5, "IG3": None, "IG4": 4}
    assert scale_score(V1, "information_gathering", three) is None
    # competence_development has 6 items: 4 of 6 is exactly two thirds.
    assert scale_score(V1, "competence_development", {"CD1": 2, "CD2": 2, "CD3": 2, "CD4": 2}) == 25.0


def test_missing_rule_on_staff_form() -> None:
    # The staff form has 3 information_gathering items (IG1, IG3, IG5): 2 of 3 is enough.
    answers = {"IG1": 4, "IG3": 2}
    assert scale_score(V1, "information_gathering", answers, form="staff") == 75.0
    assert scale_score(V1, "information_gathering", {"IG1": 4}, form="staff") is None


def test_out_of_range_names_item() -> None:
    with pytest.raises(ScoringError, match="item KA2: answer 6 is not a whole number from 1 to 5"):
        score_answers(V1, {"KA1": 3, "KA2": 6})
    with pytest.raises(ScoringError, match="item KA2: answer 0"):
        score_answers(V1, {"KA2": 0})
    with pytest.raises(ScoringError, match="item KA2: answer True"):
        score_answers(V1, {"KA2": True})


def test_item_not_on_form_is_refused() -> None:
    with pytest.raises(ScoringError, match="item IG2: not an item of the staff form of instrument 1"):
        score_answers(V1, {"IG2": 3}, form="staff")
    with pytest.raises(ScoringError, match="item XX9: not an item of the owner form"):
        score_answers(V1, {"XX9": 3})


def test_balance_index_exact() -> None:
    assert balance_index(_scores(40, 70, 55, 50, 50)) == 70.0
    assert balance_index(_scores(60, 60, 60, 50, 50)) == 100.0
    assert balance_index(_scores(0, 100, 50, 50, 50)) == 0.0
    assert balance_index({**_scores(40, 70, 55, 50, 50), "competence_development": None}) is None


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (_scores(80, 90, 75, 39.9, 90), CRISIS_MANAGER),
        (_scores(70, 80, 75, 60, 60), LEARNING_ORGANISATION),
        (_scores(70, 80, 75, 60, 59.9), BALANCED_LEARNER),
        (_scores(69.9, 80, 75, 60, 60), BALANCED_LEARNER),
        (_scores(50, 55, 45, 40, 40), BALANCED_LEARNER),
        (_scores(45, 50, 40, 40, 40), EARLY_LEARNER),
        (_scores(40, 70, 50, 45, 50), KNOWLEDGE_COLLECTOR),
        (_scores(75, 50, 40, 45, 50), MARKET_WATCHER),
        (_scores(30, 50, 70, 45, 50), COMPETENCE_BUILDER),
        (_scores(70, 70, 40, 45, 50), MARKET_WATCHER),
    ],
)
def test_learning_type_thresholds(scores: dict[str, float | None], expected: str) -> None:
    assert profile(scores).learning_type == expected


def test_learning_type_needs_scores() -> None:
    assert profile({**_scores(50, 50, 50, 50, 50), "proactive_learning": None}).learning_type is None
    result = profile(_scores(40, 70, 55, 45, 50))
    assert (result.balance, result.learning_type) == (70.0, KNOWLEDGE_COLLECTOR)


def test_perception_gaps_exact() -> None:
    owner: dict[str, float | None] = {"proactive_learning": 75.0, "participative_learning": 80.0, "context": None}
    staff: list[dict[str, float | None]] = [
        {"proactive_learning": 50.0, "participative_learning": 55.0, "context": 40.0},
        {"proactive_learning": 62.5, "participative_learning": None, "context": 60.0},
    ]
    gaps = perception_gaps(owner, staff)
    assert gaps["proactive_learning"] == ScaleGap(owner=75.0, staff_mean=56.25, gap=-18.75, n_staff=2)
    assert gaps["proactive_learning"] is not None
    assert gaps["proactive_learning"].is_notable
    assert gaps["participative_learning"] == ScaleGap(owner=80.0, staff_mean=55.0, gap=-25.0, n_staff=1)
    assert gaps["context"] is None
    assert perception_gaps(owner, [])["proactive_learning"] is None


def test_small_gap_is_not_notable() -> None:
    gap = perception_gaps({"context": 50.0}, [{"context": 64.0}])["context"]
    assert gap == ScaleGap(owner=50.0, staff_mean=64.0, gap=14.0, n_staff=1)
    assert not gap.is_notable


def test_mean_scores() -> None:
    means = mean_scores([{"context": 50.0, "proactive_learning": None}, {"context": 75.0, "proactive_learning": None}])
    assert means == {"context": 62.5, "proactive_learning": None}


@pytest.mark.parametrize(
    ("proactive", "participative", "style"),
    [(49.9, 49.9, "fire_fighter"), (50.0, 20.0, "lone_planner"), (10.0, 50.0, "coping_together"),
     (80.0, 75.0, "learning_together"), (None, 60.0, None)],
)  # fmt: skip
def test_learning_style_quadrants(proactive, participative, style) -> None:
    assert learning_style({"proactive_learning": proactive, "participative_learning": participative}) == style


def test_straight_lining_flags_contradictions_and_one_answer_throughout() -> None:
    from skillcluster.diagnostics.domain.instrument import load_instrument

    instrument = load_instrument("1")
    items = instrument.form_items("owner")
    consistent = {i.code: (2 if i.reverse else 4) for i in items}  # agrees, and disagrees with the opposites
    agrees_with_all = {i.code: 4 for i in items}  # agrees with each statement and with its opposite
    all_threes = {i.code: 3 for i in items}
    assert not straight_lining(instrument, consistent)
    assert straight_lining(instrument, agrees_with_all)
    assert straight_lining(instrument, all_threes)
    few = dict(list(all_threes.items())[:7])  # seven same answers are not enough to judge
    assert not straight_lining(instrument, few)


def test_dont_know_counts_as_not_answered_where_a_version_offers_it() -> None:
    from skillcluster.diagnostics.domain.instrument import DONT_KNOW, load_instrument

    v1, v2 = load_instrument("1"), load_instrument("2")
    items = v2.scale("learning_networks").items_for("owner")
    answers = {item.code: (1 if item.reverse else 5) for item in items}  # every statement fully true
    assert scale_score(v2, "learning_networks", answers) == 100.0
    answers[items[0].code] = DONT_KNOW  # one "don't know": the other five still score
    assert scale_score(v2, "learning_networks", answers) == 100.0
    for item in items[:3]:
        answers[item.code] = DONT_KNOW  # three of six unknown: below two thirds answered
    assert scale_score(v2, "learning_networks", answers) is None
    score_answers(v2, {"LN1": DONT_KNOW})  # accepted
    with pytest.raises(ScoringError, match="item CX3: answer 0 is not a whole number from 1 to 5"):
        score_answers(v1, {"CX3": DONT_KNOW})  # version 1 never offered it
