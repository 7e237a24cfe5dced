"""Disclosure control: exact answers on families small enough to check by hand."""

import pytest

from skillcluster.tenancy.domain.disclosure import (
    batches,
    determined_sets,
    generalise,
    matched_members,
    publishable,
)


def firms(*ids: int) -> frozenset[int]:
    return frozenset(ids)


ALL = firms(*range(1, 13))
MICRO = firms(1, 2, 3, 4, 5)
SMALL = firms(6, 7, 8, 9, 10)
MEDIUM = firms(11, 12)


def test_a_hidden_group_is_determined_by_subtraction():
    # all - micro - small = medium: two firms, computable although never published
    assert determined_sets([ALL, MICRO, SMALL], below=5) == [MEDIUM]
    assert determined_sets([ALL, MICRO], below=5) == []  # all - micro is seven firms
    assert determined_sets([ALL, MICRO, firms(6, 7, 8, 9)], below=5) == [firms(6, 7, 8, 9), MEDIUM | {10}]


def test_a_published_small_group_is_itself_determined():
    assert determined_sets([firms(1, 2)], below=5) == [firms(1, 2)]


def test_complementary_suppression_hides_a_second_cell():
    candidates = {"all": ALL, "micro": MICRO, "small": SMALL, "medium": MEDIUM}
    # primary: medium (2 firms); complementary: then all - micro - small = medium, so micro goes too
    assert publishable(candidates, k=5, keep="all") == {"all", "small"}


def test_a_cross_cutting_group_whose_complement_is_small_is_suppressed():
    # all - start-ups = the two firms that are not start-ups
    assert publishable({"all": ALL, "startup": firms(*range(1, 11))}, k=5, keep="all") == {"all"}


def test_two_readings_over_time_are_one_family():
    earlier = [firms(1, 2, 3, 4, 5), firms(1, 2, 3, 4, 5)]  # all and micro, at the first release
    now = {"all": firms(*range(1, 11)), "micro": firms(*range(1, 10))}
    # all grew by 5 (fine); micro by 4 (6..9): micro must wait, or its difference shows those four firms
    assert publishable(now, k=5, earlier=earlier, keep="all") == {"all"}
    assert determined_sets([*earlier, now["all"], now["micro"]], below=5) == [firms(6, 7, 8, 9), firms(10)]


def test_answers_are_released_in_batches():
    assert [batches(n, k=5) for n in (0, 1, 4, 5, 9)] == [False, False, False, True, True]


def test_quasi_identifiers_are_coarsened_until_every_combination_holds_k_firms():
    rows = [(f, ("micro", "1" if f < 3 else "0")) for f in range(1, 7)] + [(7, ("small", "0")), (8, ("small", "0"))]
    no_flag = [lambda q: (q[0], "*"), lambda q: ("*", "*")]
    # six micro firms but only two start-ups: the flag goes; then the two small firms: the size goes too
    assert generalise(rows, no_flag, k=5) == [["*", "*"]] * 8
    assert generalise(rows[:6], no_flag, k=5) == [["micro", "*"]] * 6
    with pytest.raises(ValueError, match="the last generalisation step"):
        generalise(rows, [lambda q: q], k=5)


def _isolated(rows: list[dict[tuple[int, int], float]], variables: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (firm, round) scores computable alone from the published linear figures (each row a sum)."""
    import numpy as np

    matrix = np.array([[row.get(v, 0.0) for v in variables] for row in rows])
    rank = np.linalg.matrix_rank(matrix)
    isolated = []
    for index, variable in enumerate(variables):
        unit = np.zeros(len(variables))
        unit[index] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            isolated.append(variable)
    return isolated


def _published(before: set[int], after: set[int], chosen: frozenset[int]) -> tuple[list[dict], list[tuple[int, int]]]:
    """Each round's full sum, and the change over the chosen firms (sum of after - before)."""
    rows = [{(f, 1): 1.0 for f in before}, {(f, 2): 1.0 for f in after}]
    rows.append({(f, 2): 1.0 for f in chosen} | {(f, 1): -1.0 for f in chosen})
    return rows, sorted({(f, 1) for f in before} | {(f, 2) for f in after})


def _members(before: set[int], after: set[int]) -> frozenset[int] | None:
    return matched_members(
        frozenset(before), frozenset(after), k=5, before_family=[frozenset(before)], after_family=[frozenset(after)]
    )


def test_matched_change_leaves_firms_out_where_all_of_them_would_isolate_a_joiner():
    before, after = set(range(1, 11)), set(range(1, 11)) | {11}  # one firm joined in the second round
    everyone = frozenset(range(1, 11))
    assert _isolated(*_published(before, after, everyone)) == [(11, 2)]  # all(2) - all(1) - change = firm 11
    chosen = _members(before, after)
    assert chosen == frozenset(range(6, 11))  # the five lowest left out: outside, 5 and 6 firms
    assert _isolated(*_published(before, after, chosen)) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (set(range(1, 11)), set(range(1, 11))),
        (set(range(1, 11)), set(range(1, 16))),
        (set(range(1, 16)), set(range(6, 21))),
    ],
)
def test_matched_change_keeps_every_firm_where_nothing_is_isolated(before, after):
    chosen = _members(before, after)
    assert chosen == frozenset(before & after)
    assert _isolated(*_published(before, after, chosen)) == []


def test_matched_change_respects_the_groups_a_round_published():
    # round 2 published all (1-13), micro (1-8) and small (9-13); firms 11-13 joined in round 2
    before, after = frozenset(range(1, 11)), frozenset(range(1, 14))
    after_family = [after, frozenset(range(1, 9)), frozenset(range(9, 14))]
    chosen = matched_members(before, after, k=5, before_family=[before], after_family=after_family)
    assert chosen == frozenset(range(6, 11))
    assert determined_sets([*after_family, after - chosen], below=5) == []
    assert determined_sets([before, before - chosen], below=5) == []


def test_matched_change_needs_five_firms_in_both_rounds():
    assert _members(set(range(1, 5)), set(range(1, 5))) is None
