"""Mentor matching on cases small enough to check by hand, and against brute force on random small ones."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillcluster.network.domain.matching import (
    Mentor,
    Need,
    Problem,
    match,
    nearness,
    objective,
    refusal,
    solve_greedy,
    violations,
    weight,
)


def test_weight_puts_need_first_then_the_single_holder_then_nearness() -> None:
    # gap 2 (target 3, held 1) x importance 3 x 10 = 60; a single-holder skill doubles it; nearness adds 0-3.
    need = Need("n", "p", "f", "cad", current=1, target=3, importance=3, region="ITI35")
    assert weight(need, Mentor("m", "g", {"cad": 4}, region="ITI35")) == 63
    assert weight(need, Mentor("m", "g", {"cad": 4}, region="ITI33")) == 62
    assert weight(need, Mentor("m", "g", {"cad": 4}, region="DEA11")) == 60
    single = Need("n", "p", "f", "cad", current=1, target=3, importance=3, single_holder=True)
    assert weight(single, Mentor("m", "g", {"cad": 4})) == 120
    assert (nearness("ITI35", "ITI35"), nearness("ITI35", "ITI31"), nearness("ITI35", "ITH55")) == (3, 2, 1)


def test_a_pair_is_refused_for_the_first_rule_it_breaks() -> None:
    problem = Problem((), (), competitors=frozenset({frozenset({"f", "rival"})}))
    need = Need("n", "p", "f", "cad", current=2, target=3)
    assert refusal(problem, need, Mentor("m", "g", {"web": 4})) == "no_skill"
    assert refusal(problem, need, Mentor("m", "g", {"cad": 2})) == "level"
    assert refusal(problem, need, Mentor("m", "g", {"cad": 4}, languages=frozenset({"de"}))) == "language"
    assert refusal(problem, need, Mentor("m", "f", {"cad": 4})) == "same_firm"
    assert refusal(problem, need, Mentor("m", "rival", {"cad": 4})) == "competitor"
    assert refusal(problem, need, Mentor("m", "g", {"cad": 4})) is None


def test_the_optimum_gives_the_scarce_mentor_to_the_need_only_they_can_meet() -> None:
    # Ada mentors CAD and marketing (room for one); Bo only marketing. CAD weighs 2 x 2 x 10 = 40, marketing
    # 2 x 3 x 10 = 60. Greedy gives Ada the heavier marketing need first, and nobody is left for CAD: 60. The
    # optimum gives Ada CAD and Bo marketing: 100.
    needs = (Need("cad", "p1", "f", "cad", current=1, target=3, importance=2),
             Need("mkt", "p2", "f", "mkt", current=0, target=2, importance=3))  # fmt: skip
    mentors = (Mentor("ada", "g", {"cad": 4, "mkt": 4}), Mentor("bo", "h", {"mkt": 3}))
    problem = Problem(needs, mentors)
    assert (weight(needs[0], mentors[0]), weight(needs[1], mentors[0])) == (40, 60)
    assert solve_greedy(problem) == {"mkt": "ada"}
    outcome = match(problem)
    assert (outcome.pairs, outcome.status, outcome.objective, outcome.greedy_objective) == (
        {"cad": "ada", "mkt": "bo"}, "optimal", 100, 60,
    )  # fmt: skip


def test_capacity_and_competitors_hold_and_the_checker_names_breaks() -> None:
    needs = tuple(Need(f"n{i}", f"p{i}", "f", "cad", current=0, target=2) for i in range(3))
    problem = Problem(needs, (Mentor("ada", "g", {"cad": 4}, capacity=2), Mentor("rival", "r", {"cad": 4})),
                      competitors=frozenset({frozenset({"f", "r"})}))  # fmt: skip
    outcome = match(problem)
    assert sorted(outcome.pairs.values()) == ["ada", "ada"]
    assert violations(problem, {"n0": "ada", "n1": "ada", "n2": "ada"}) == ["mentor ada takes 3 over a capacity of 2"]
    assert violations(problem, {"n0": "rival"}) == ["need n0 with mentor rival: competitor"]


def _brute_force(problem: Problem) -> int:
    options = [[None, *(m.id for m in problem.mentors)] for _ in problem.needs]
    best = 0
    for pick in itertools.product(*options):
        pairs = {n.id: m for n, m in zip(problem.needs, pick, strict=True) if m is not None}
        if not violations(problem, pairs):
            best = max(best, objective(problem, pairs))
    return best


@st.composite
def small_problems(draw: st.DrawFn) -> Problem:
    skills = ["cad", "mkt"]
    needs = tuple(
        Need(f"n{i}", f"p{i}", f"f{draw(st.integers(0, 2))}", draw(st.sampled_from(skills)),
             current=draw(st.integers(0, 2)), target=draw(st.integers(1, 4)), importance=draw(st.integers(1, 3)),
             single_holder=draw(st.booleans()), region=draw(st.sampled_from(["ITI35", "ITI33", ""])))
        for i in range(draw(st.integers(1, 5)))
    )  # fmt: skip
    mentors = tuple(
        Mentor(f"m{j}", f"f{draw(st.integers(0, 2))}",
               {s: draw(st.integers(1, 4)) for s in draw(st.sets(st.sampled_from(skills), min_size=1))},
               capacity=draw(st.integers(0, 2)), region=draw(st.sampled_from(["ITI35", "ITI31", ""])))
        for j in range(draw(st.integers(1, 3)))
    )  # fmt: skip
    rivals = frozenset({frozenset({"f0", "f1"})}) if draw(st.booleans()) else frozenset()
    return Problem(needs, mentors, rivals)


@settings(max_examples=150, deadline=None)
@given(small_problems())
def test_the_solver_finds_the_brute_force_optimum_and_greedy_never_breaks_a_rule(problem: Problem) -> None:
    greedy = solve_greedy(problem)
    assert violations(problem, greedy) == []
    outcome = match(problem)
    assert violations(problem, outcome.pairs) == []
    assert outcome.objective == _brute_force(problem) >= objective(problem, greedy)
    assert outcome.status == "optimal"


def test_a_negative_capacity_is_refused() -> None:
    with pytest.raises(ValueError, match="capacity is never negative"):
        Problem((), (Mentor("m", "f", {"cad": 4}, capacity=-1),))


def test_every_need_is_told_why_it_has_its_mentor_or_none() -> None:
    from skillcluster.network.domain.matching import PairReason, explain

    needs = (
        Need("a", "p1", "f", "cad", current=1, target=3, importance=3, region="ITI35"),  # 60, Ada's
        Need("b", "p2", "f", "cad", current=2, target=3, importance=1, region="ITI35"),  # 10: Ada is full
        Need("c", "p3", "f", "web", current=0, target=2),  # nobody holds web
        Need("d", "p4", "g", "cad", current=0, target=2),  # only mentor Ada works in g itself
        Need("e", "p5", "f", "cad", current=3, target=3),  # no gap
    )
    problem = Problem(needs, (Mentor("ada", "g", {"cad": 4}, capacity=1, region="ITI33"),))
    outcome = match(problem)
    assert outcome.pairs == {"a": "ada"}
    assert explain(problem, outcome.pairs) == {
        "a": PairReason("matched", "ada", {"level": 4, "nearness": 2, "room_left": 0}),
        "b": PairReason("full", "ada", {"capacity": 1, "higher": 1}),
        "c": PairReason("no_skill", figures={"mentors": 0}),
        "d": PairReason("same_firm", figures={"mentors": 1}),
        "e": PairReason("no_gap"),
    }


def test_a_declined_pairing_is_not_proposed_again_and_the_next_mentor_takes_the_need() -> None:
    need = Need("n", "p", "f", "cad", current=1, target=3, region="ITI35")
    near, far = Mentor("near", "g", {"cad": 4}, region="ITI35"), Mentor("far", "h", {"cad": 3})
    assert match(Problem((need,), (near, far))).pairs == {"n": "near"}
    declined = Problem((need,), (near, far), declined=frozenset({("n", "near")}))
    assert refusal(declined, need, near) == "declined"
    assert match(declined).pairs == {"n": "far"}
    from skillcluster.network.domain.matching import PairReason, explain

    only_near = Problem((need,), (near,), declined=frozenset({("n", "near")}))
    assert explain(only_near, match(only_near).pairs) == {"n": PairReason("declined", figures={"mentors": 1})}
