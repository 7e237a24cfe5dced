"""Recommendation rules: matching, ranking, the doable-first rule, reasons with the firm's figures."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
import yaml

from skillcluster.diagnostics.domain.recommendations import (
    MAX_ACTIONS,
    RULES_PATH,
    Recommendation,
    RecommendationError,
    load_rules,
    parse_rules,
    recommend,
)
from skillcluster.diagnostics.domain.scoring import ScaleGap, profile


def _profile(ig: float, ka: float, cd: float, pl: float, pa: float, cx: float = 60.0) -> Any:
    return profile(
        {
            "information_gathering": ig,
            "knowledge_acquisition": ka,
            "competence_development": cd,
            "proactive_learning": pl,
            "participative_learning": pa,
            "context": cx,
        }
    )


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(RULES_PATH.read_text(encoding="utf-8")))


def test_crisis_manager_ranking_exact() -> None:
    actions = recommend(_profile(30, 70, 40, 30, 45, cx=40))
    assert [a.code for a in actions] == ["crisis_learning_plan", "join_market_intelligence", "development_plans"]
    assert [a.rank for a in actions] == [1, 2, 3]
    assert actions[0].doable_this_month
    assert actions[0].reason.startswith("Your pro-active learning score is 30/100")
    assert actions[1] == Recommendation(
        rank=2,
        code="join_market_intelligence",
        title="Subscribe to the cluster's market-intelligence briefing",
        activity="market_intelligence_service",
        activity_label="Pooled market-intelligence service",
        doable_this_month=True,
        reason="Your market-intelligence score is 30/100 (below 50). The cluster's pooled briefing on "
        "customers, competitors, rules and skill demand costs less than doing it alone.",
    )
    assert actions[2].reason.startswith("Your competence-development score is 40/100 (below 50)")


def test_first_action_is_doable_even_when_best_ranked_is_not() -> None:
    # Only competence development is low and the balance 65: neither action is doable this month,
    # so a first step on the weakest component goes first.
    actions = recommend(_profile(60, 65, 30, 55, 60))
    assert [a.code for a in actions] == ["first_step_competence", "development_plans", "rebalance_triad"]
    assert actions[0].reason.startswith(
        "Your weakest component is competence development (30/100, against 65 for knowledge acquisition)."
    )
    assert actions[2].title == "Shift learning effort towards competence development"
    assert "knowledge acquisition (65) is far ahead of competence development (30)" in actions[2].reason


def test_perception_gap_rule() -> None:
    gaps = {"participative_learning": ScaleGap(owner=80.0, staff_mean=55.0, gap=-25.0, n_staff=3)}
    actions = recommend(_profile(60, 65, 60, 60, 80), gaps=gaps)
    assert actions[0].code == "discuss_perception_gap"
    assert actions[0].reason == (
        "You rate participative learning 80/100, your staff 55/100 (a gap of 25 points). "
        "Seeing the same picture is the first step to acting on it."
    )


def test_learning_organisation_gets_mentoring_role() -> None:
    actions = recommend(_profile(80, 80, 75, 70, 70))
    assert [a.code for a in actions] == ["first_step_competence", "mentor_others"]
    assert "a learning organisation with a balance index of 95/100" in actions[1].reason


def test_missing_figures_do_not_match() -> None:
    partial = profile(
        {
            "information_gathering": None,
            "knowledge_acquisition": 70.0,
            "competence_development": 40.0,
            "proactive_learning": None,
            "participative_learning": 45.0,
            "context": None,
        }
    )
    assert [a.code for a in recommend(partial)] == ["weekly_learning_review", "development_plans"]


def test_at_most_three_and_every_reason_has_a_number() -> None:
    actions = recommend(_profile(10, 20, 10, 10, 10, cx=10))
    assert len(actions) == MAX_ACTIONS == 3
    assert all(any(ch.isdigit() for ch in a.reason) for a in actions)


def test_rules_file_loads() -> None:
    rules = load_rules()
    assert rules.fallback == "start_learning_review"
    assert len(rules.rules) == 15
    assert set(rules.activities) >= {"market_intelligence_service", "mentoring", "learning_review", "development_plan"}


def test_unknown_activity_named(raw: dict[str, Any]) -> None:
    raw["rules"][0]["activity"] = "yoga"
    with pytest.raises(RecommendationError, match="rule 'crisis_learning_plan': activity 'yoga' is not one of"):
        parse_rules(raw)


def test_reason_must_mention_a_figure(raw: dict[str, Any]) -> None:
    raw["rules"][1]["reason"] = "Talk more."
    with pytest.raises(RecommendationError, match="rule 'weekly_learning_review': the reason must mention"):
        parse_rules(raw)


def test_bad_placeholder_and_condition(raw: dict[str, Any]) -> None:
    broken = copy.deepcopy(raw)
    broken["rules"][1]["reason"] = "Score {nonsense}"
    with pytest.raises(RecommendationError, match="bad placeholder: 'nonsense'"):
        parse_rules(broken)
    raw["rules"][1]["when"] = {"scale": "context", "above": 3}
    with pytest.raises(RecommendationError, match=r"unknown conditions \['above'\]"):
        parse_rules(raw)


def test_fallback_must_be_doable(raw: dict[str, Any]) -> None:
    raw["fallback"] = "development_plans"
    with pytest.raises(RecommendationError, match="fallback 'development_plans' must name an unconditional"):
        parse_rules(raw)
    del raw["rules"][0]["priority"]
    with pytest.raises(RecommendationError, match="rule 'crisis_learning_plan': field 'priority' is missing"):
        parse_rules(raw)


def test_version_2_networks_and_resources_have_their_own_actions() -> None:
    scores = {
        "information_gathering": 70.0, "knowledge_acquisition": 70.0, "competence_development": 70.0,
        "proactive_learning": 70.0, "participative_learning": 70.0, "resources": 40.0, "learning_networks": 30.0,
    }  # fmt: skip
    names = {code: code.replace("_", " ") for code in scores}
    actions = recommend(profile(scores), None, scale_names=names)
    codes = [action.code for action in actions]
    assert "join_learning_network" in codes
    assert "fund_learning_time" in codes
    network = next(action for action in actions if action.code == "join_learning_network")
    assert network.reason.startswith("Your learning-networks score is 30/100 (below 50).")


def test_fallback_goes_first_only_when_nothing_else_is_doable() -> None:
    triad_unknown = profile(
        {"information_gathering": None, "knowledge_acquisition": 70.0, "competence_development": 40.0,
         "proactive_learning": 60.0, "participative_learning": 65.0, "context": 60.0}
    )  # fmt: skip
    actions = recommend(triad_unknown)
    assert [a.code for a in actions] == ["start_learning_review", "development_plans"]
    assert actions[0].reason.startswith("Your participative-learning score is 65/100.")
    assert "start_learning_review" not in [a.code for a in recommend(_profile(30, 70, 40, 30, 45))]


def test_actions_are_distinct_and_cite_what_they_answer_on_every_profile() -> None:
    """Every profile on a grid, with and without a perception gap: distinct actions, the first doable, and
    each reason quotes the very score its rule tested."""
    levels = (10.0, 35.0, 55.0, 80.0)
    gap = {"participative_learning": ScaleGap(owner=80.0, staff_mean=50.0, gap=-30.0, n_staff=3)}
    rules = load_rules()
    seen = 0
    for ig, ka, cd, pl, pa, cx in itertools.product(levels, repeat=6):
        firm = _profile(ig, ka, cd, pl, pa, cx=cx)
        for gaps in (None, gap):
            actions = recommend(firm, gaps=gaps)
            titles = [a.title for a in actions]
            assert len(set(titles)) == len(titles), titles
            assert actions[0].doable_this_month
            for action in actions:
                scale = rules.rule(action.code).when.get("scale")
                if scale:
                    assert f"{firm.scores[scale]:.0f}/100" in action.reason
            seen += 1
    assert seen == 2 * len(levels) ** 6


def test_rules_with_the_same_title_are_refused(raw: dict[str, Any]) -> None:
    raw["rules"][2]["title"] = raw["rules"][1]["title"]
    with pytest.raises(RecommendationError, match=r"rule 'discuss_perception_gap': .* repeats rule 'weekly_learning"):
        parse_rules(raw)


def test_a_reason_must_cite_what_its_condition_tests(raw: dict[str, Any]) -> None:
    raw["rules"][1]["reason"] = "Your balance index is {balance:.0f}/100."  # the rule tests participation
    with pytest.raises(RecommendationError, match=r"must cite the figure its 'scale' condition tests \(\{score\}\)"):
        parse_rules(raw)


def test_an_action_whose_activity_the_cluster_does_not_offer_now_is_passed_over() -> None:
    low_knowledge = _profile(70, 30, 70, 70, 70)
    assert [a.code for a in recommend(low_knowledge)] == ["first_step_knowledge", "pooled_training", "rebalance_triad"]
    assert [a.code for a in recommend(low_knowledge, unavailable=frozenset({"pooled_training"}))] == [
        "first_step_knowledge", "rebalance_triad",
    ]  # fmt: skip
