"""Exact values on a three-person firm; every figure is worked out by hand in the comments."""

from datetime import UTC, datetime
from fractions import Fraction
from itertools import product

import pytest

from skillcluster.audits.domain.gaps import (
    Agreement,
    Assignment,
    GapLine,
    GapSummary,
    JobSpecificity,
    Levels,
    OtherSkill,
    Requirement,
    SingleHolder,
    TrainingNeed,
    gap_lines,
    gaps_by_area,
    gaps_by_category,
    gaps_by_person,
    gaps_by_role,
    job_specificity,
    merged_requirements,
    other_skills,
    production_bias_index,
    quadratic_kappa,
    rater_agreement,
    role_gap_lines,
    single_holder_skills,
    summarize,
    training_needs,
)
from skillcluster.audits.domain.levels import Rating, Source
from skillcluster.taxonomy.domain.categories import Category

REQUIREMENTS = [
    Requirement("baker", "p1", 3, 3),
    Requirement("baker", "p2", 2, 1),
    Requirement("baker", "t1", 2, 2),
    Requirement("seller", "m1", 3, 3),
    Requirement("seller", "t1", 3, 1),
    Requirement("seller", "d1", 2, 2),
    Requirement("driver", "l1", 2, 1),  # nobody assigned
]
ASSIGNMENTS = [
    Assignment("ana", "baker"),
    Assignment("ben", "baker"),
    Assignment("ben", "seller"),
    Assignment("cleo", "seller"),
]
LEVELS: Levels = {
    ("ana", "p1"): 4, ("ana", "p2"): 1, ("ana", "t1"): 2, ("ana", "x"): 3,
    ("ben", "p1"): 3, ("ben", "p2"): 2, ("ben", "m1"): 1, ("ben", "d1"): 2,
    ("cleo", "m1"): 3, ("cleo", "t1"): 1,
}  # fmt: skip
CATEGORIES = {
    "p1": [Category.PRODUCTION],
    "p2": [Category.PRODUCTION],
    "m1": [Category.MARKETING],
    "t1": [Category.TRANSVERSAL],
    "d1": [Category.DIGITAL, Category.MARKETING],
}  # "x" and "l1" have no category: other


def firm_lines() -> list[GapLine]:
    return gap_lines(REQUIREMENTS, ASSIGNMENTS, LEVELS)


def test_requirement_bounds() -> None:
    with pytest.raises(ValueError, match="required level must be 1-4"):
        Requirement("r", "s", 0, 1)
    with pytest.raises(ValueError, match="importance must be 1-3"):
        Requirement("r", "s", 2, 4)


def test_line_arithmetic() -> None:
    line = GapLine("ana", "s", required=4, importance=3, current=None)
    assert (line.held, line.met, line.gap, line.weighted_gap) == (0, False, 4, 12)
    above = GapLine("ana", "s", required=2, importance=3, current=4)
    assert (above.met, above.gap, above.weighted_gap) == (True, 0, 0)


def test_merged_requirements_take_highest_level_and_importance() -> None:
    # t1: baker asks 2 at importance 2, seller asks 3 at importance 1 → 3 at importance 2
    merged = merged_requirements(["baker", "seller"], REQUIREMENTS)
    assert merged == {"p1": (3, 3), "p2": (2, 1), "t1": (3, 2), "m1": (3, 3), "d1": (2, 2)}


def test_gap_lines_merge_roles_per_person() -> None:
    assert firm_lines() == [
        GapLine("ana", "p1", 3, 3, 4),
        GapLine("ana", "p2", 2, 1, 1),
        GapLine("ana", "t1", 2, 2, 2),
        GapLine("ben", "d1", 2, 2, 2),
        GapLine("ben", "m1", 3, 3, 1),
        GapLine("ben", "p1", 3, 3, 3),
        GapLine("ben", "p2", 2, 1, 2),
        GapLine("ben", "t1", 3, 2, None),
        GapLine("cleo", "d1", 2, 2, None),
        GapLine("cleo", "m1", 3, 3, 3),
        GapLine("cleo", "t1", 3, 1, 1),
    ]


def test_person_figures() -> None:
    by_person = gaps_by_person(firm_lines())
    # ana: p2 short by 1 (*1); max = 3·3 + 2·1 + 2·2 = 15
    assert by_person["ana"] == GapSummary(lines=3, met=2, gap=1, weighted_gap=1, max_weighted_gap=15)
    # ben: t1 unrated, short 3 (*2 = 6); m1 short 2 (*3 = 6); max = 9 + 2 + 6 + 9 + 4 = 30
    assert by_person["ben"] == GapSummary(lines=5, met=3, gap=5, weighted_gap=12, max_weighted_gap=30)
    # cleo: t1 short 2 (*1), d1 unrated short 2 (*2); max = 9 + 3 + 4 = 16
    assert by_person["cleo"] == GapSummary(lines=3, met=1, gap=4, weighted_gap=6, max_weighted_gap=16)
    assert by_person["ben"].coverage == 3 / 5
    assert by_person["ben"].gap_share == 12 / 30


def test_firm_figures() -> None:
    firm = summarize(firm_lines())
    assert firm == GapSummary(lines=11, met=6, gap=10, weighted_gap=19, max_weighted_gap=61)
    assert firm.coverage == 6 / 11
    assert firm.gap_share == 19 / 61


def test_empty_summary_is_undefined_not_zero() -> None:
    empty = summarize([])
    assert (empty.coverage, empty.gap_share) == (None, None)


def test_role_figures_use_the_role_own_requirements() -> None:
    assert role_gap_lines("baker", REQUIREMENTS, ASSIGNMENTS, LEVELS)[-1] == GapLine("ben", "t1", 2, 2, None)
    by_role = gaps_by_role(REQUIREMENTS, ASSIGNMENTS, LEVELS)
    # baker: ana p2 short 1 (*1), ben t1 short 2 (*2); max = 2 · (9 + 2 + 4)
    assert by_role["baker"] == GapSummary(lines=6, met=4, gap=3, weighted_gap=5, max_weighted_gap=30)
    # seller: ben m1 2 (*3), ben t1 3 (*1), cleo t1 2 (*1), cleo d1 2 (*2); max = 2 · (9 + 3 + 4)
    assert by_role["seller"] == GapSummary(lines=6, met=2, gap=9, weighted_gap=15, max_weighted_gap=32)
    assert by_role["driver"] == GapSummary(lines=0, met=0, gap=0, weighted_gap=0, max_weighted_gap=0)


def test_category_breakdown_counts_multi_category_skills_in_each() -> None:
    by_category = gaps_by_category(firm_lines(), CATEGORIES)
    assert list(by_category) == list(Category)
    assert by_category[Category.PRODUCTION] == GapSummary(4, 3, 1, 1, 22)
    # marketing holds m1 and d1 (d1 also digital): ben m1, ben d1, cleo m1, cleo d1
    assert by_category[Category.MARKETING] == GapSummary(4, 2, 4, 10, 26)
    assert by_category[Category.DIGITAL] == GapSummary(2, 1, 2, 4, 8)
    assert by_category[Category.TRANSVERSAL] == GapSummary(3, 1, 5, 8, 13)
    assert by_category[Category.MANAGEMENT] == GapSummary(0, 0, 0, 0, 0)
    assert by_category[Category.OTHER] == GapSummary(0, 0, 0, 0, 0)


def test_unmapped_skill_counts_under_other() -> None:
    lines = [GapLine("ana", "x", 2, 1, 1)]
    assert gaps_by_category(lines, CATEGORIES)[Category.OTHER] == GapSummary(1, 0, 1, 1, 2)


def test_production_bias_index() -> None:
    # held: production 4+1+3+2 = 10; marketing/cross-job t1 2 + m1 1 + d1 2 + m1 3 + t1 1 = 9 (x ignored)
    # required: production 3+2+3+2 = 10; marketing/cross-job 2 + (3+3+2) + (3+3+2) = 18
    expected = Fraction(10, 19) - Fraction(10, 28)
    assert expected == Fraction(45, 266)
    assert production_bias_index(firm_lines(), LEVELS, CATEGORIES) == pytest.approx(float(expected), abs=1e-12)


def test_production_bias_index_extremes_and_undefined() -> None:
    lines = [GapLine("ana", "p1", 2, 1, 4), GapLine("ana", "m1", 2, 1, 0)]
    levels: Levels = {("ana", "p1"): 4, ("ana", "m1"): 0}
    assert production_bias_index(lines, levels, CATEGORIES) == 0.5  # holds 100 % production, asked 50 %
    assert production_bias_index(lines, {}, CATEGORIES) is None  # nothing held in either pole


def test_single_holder_skills_at_lowest_required_level() -> None:
    # thresholds p1 3, p2 2, t1 min(2, 3) = 2, m1 3, d1 2; p1 has two holders (ana 4, ben 3)
    assert single_holder_skills(REQUIREMENTS, LEVELS) == [
        SingleHolder("d1", "ben", 2, 2),
        SingleHolder("m1", "cleo", 3, 3),
        SingleHolder("p2", "ben", 2, 2),
        SingleHolder("t1", "ana", 2, 2),
    ]


def test_single_holder_skills_with_fixed_threshold() -> None:
    assert single_holder_skills(REQUIREMENTS, LEVELS, min_level=3) == [SingleHolder("m1", "cleo", 3, 3)]


def test_quadratic_kappa_hand_values() -> None:
    assert quadratic_kappa([0, 1, 2, 3, 4], [0, 1, 2, 3, 4]) == 1.0
    # n = 3, Σ(i-j)² observed = 1, expected Σ r_i c_j (i-j)² = 6 + 1 + 2 = 9 → 1 - 3/9
    assert quadratic_kappa([1, 2, 3], [2, 2, 3]) == pytest.approx(2 / 3, abs=1e-12)
    assert quadratic_kappa([0, 4], [4, 0]) == -1.0
    assert quadratic_kappa([2, 2], [2, 2]) is None
    assert quadratic_kappa([], []) is None
    with pytest.raises(ValueError, match="same items"):
        quadratic_kappa([1], [1, 2])


SCALE = [0, 1, 2, 3, 4]
SAMPLES = [
    ([0, 1, 2, 3, 4, 2, 3, 1], [1, 1, 2, 4, 4, 3, 3, 0]),
    ([3, 3, 4, 2, 1, 0, 2], [2, 3, 3, 2, 2, 1, 2]),
    ([4, 4, 4, 1], [0, 1, 4, 1]),
]


@pytest.mark.parametrize(("first", "second"), SAMPLES)
def test_quadratic_kappa_matches_sklearn(first: list[int], second: list[int]) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    # labels fixed to the whole scale: without them sklearn weighs by the rank among the labels seen
    # (0, 1, 4 would sit 1 and 2 apart), which is not the 0-4 scale
    expected = metrics.cohen_kappa_score(first, second, weights="quadratic", labels=SCALE)
    assert quadratic_kappa(first, second) == pytest.approx(expected, abs=1e-12)


def test_quadratic_kappa_matches_sklearn_on_all_short_vectors() -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    for first in product(SCALE, repeat=2):
        for second in product(SCALE, repeat=2):
            ours = quadratic_kappa(list(first), list(second))
            if ours is None:  # undefined exactly when both raters used one and the same level
                assert len(set(first) | set(second)) == 1
                continue
            expected = metrics.cohen_kappa_score(first, second, weights="quadratic", labels=SCALE)
            assert ours == pytest.approx(expected, abs=1e-12)


def test_quadratic_kappa_uses_scale_distances_not_label_ranks() -> None:
    # 0 vs 4 weighs 16, 1 vs 4 weighs 9: n·Σobs = 4·(16 + 9) = 100;
    # rows {4: 3, 1: 1}, cols {0: 1, 1: 2, 4: 1} → Σ r c w = 3·(16 + 2·9) + 1·(1 + 9) = 112
    assert quadratic_kappa([4, 4, 4, 1], [0, 1, 4, 1]) == pytest.approx(1 - 100 / 112, abs=1e-12)


def at(day: int) -> datetime:
    return datetime(2026, 4, day, tzinfo=UTC)


def test_rater_agreement_pairs_latest_self_with_latest_manager() -> None:
    ratings = [
        Rating("ana", "p1", 4, Source.SELF, at(1)),
        Rating("ana", "p1", 3, Source.SELF, at(5)),  # latest self for ana/p1
        Rating("ana", "p1", 2, Source.MANAGER, at(2)),
        Rating("ana", "p1", 1, Source.ASSESSOR, at(9)),  # not a rater of this comparison
        Rating("ben", "p1", 2, Source.SELF, at(1)),
        Rating("ben", "p1", 2, Source.MANAGER, at(1)),
        Rating("cleo", "p1", 3, Source.SELF, at(1)),
        Rating("cleo", "p1", 2, Source.MANAGER, at(1)),
        Rating("cleo", "m1", 4, Source.SELF, at(1)),  # no manager rating: no pair
    ]
    # pairs (self, manager): ana (3, 2), ben (2, 2), cleo (3, 2) → same as test above, mirrored
    assert rater_agreement(ratings) == Agreement(
        pairs=3,
        kappa=quadratic_kappa([3, 2, 3], [2, 2, 2]),
        exact_share=1 / 3,
        mean_self_minus_manager=2 / 3,
    )
    assert quadratic_kappa([3, 2, 3], [2, 2, 2]) == 0.0  # manager used one level: no better than chance


def test_rater_agreement_without_pairs() -> None:
    assert rater_agreement([Rating("ana", "p1", 3, Source.SELF, at(1))]) == Agreement(0, None, None, None)


def test_training_needs_across_firms() -> None:
    other_firm = [
        GapLine("dan", "m1", 4, 3, 2),  # gap 2, weighted 6
        GapLine("eve", "m1", 2, 1, None),  # gap 2, weighted 2
        GapLine("dan", "p1", 2, 2, 3),  # met
    ]
    needs = training_needs({2: other_firm, 1: firm_lines()})
    assert needs == [
        TrainingNeed("m1", ("ben", "dan", "eve"), (1, 2), priority=14, total_gap=6),
        TrainingNeed("t1", ("ben", "cleo"), (1,), priority=8, total_gap=5),
        TrainingNeed("d1", ("cleo",), (1,), priority=4, total_gap=2),
        TrainingNeed("p2", ("ana",), (1,), priority=1, total_gap=1),
    ]


def test_training_needs_sort_ids_naturally() -> None:
    lines = [GapLine(10, "s", 2, 1, 0), GapLine(2, "s", 2, 1, 0)]
    assert training_needs({"b": lines, "a": []}) == [TrainingNeed("s", (2, 10), ("b",), 4, 4)]


def test_cross_job_lines_by_area() -> None:
    by_area = gaps_by_area(firm_lines(), {"t1": ["social"], "d1": ["thinking"], "p1": []})
    # t1: ana met (2 of 2, imp 2), ben unrated (3, imp 2: gap 3, 6), cleo 1 of 3 (imp 1: gap 2, 2); max 4+6+3
    assert by_area["social"] == GapSummary(lines=3, met=1, gap=5, weighted_gap=8, max_weighted_gap=13)
    # d1: ben met (2 of 2), cleo unrated (2, imp 2: gap 2, 4); max 4+4
    assert by_area["thinking"] == GapSummary(lines=2, met=1, gap=2, weighted_gap=4, max_weighted_gap=8)
    assert set(by_area) == {"social", "thinking"}


def test_other_skills_explain_what_no_category_holds() -> None:
    lines = [
        GapLine("ana", "x", 3, 2, 1),  # gap 2, weighted 4
        GapLine("ben", "x", 3, 2, 3),  # met
        GapLine("ana", "y", 1, 1, None),  # gap 1, weighted 1
        GapLine("ana", "p1", 3, 3, 0),  # production: not other
    ]
    assert other_skills(lines, CATEGORIES) == [OtherSkill("x", 4, 1, 2), OtherSkill("y", 1, 1, 1)]


def test_job_specificity_from_reuse_levels() -> None:
    reuse = {"p1": "sector-specific", "p2": "occupation-specific", "t1": "transversal", "m1": "cross-sector",
             "d1": "cross-sector"}  # fmt: skip
    # held (x has no reuse level: left out): specific 4+1 (ana) + 3+2 (ben) = 10; transferable 2 + 1+2 + 3+1 = 9
    # required: specific 3+2 (ana) + 3+2 (ben) = 10; transferable 2 + 2+3+3 + 2+3+3 = 18
    assert job_specificity(firm_lines(), LEVELS, reuse) == JobSpecificity(held=10 / 19, required=10 / 28)
    assert job_specificity([], {}, reuse) == JobSpecificity(held=None, required=None)
