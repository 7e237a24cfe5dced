from datetime import UTC, datetime

import pytest

from skillcluster.audits.domain.levels import (
    VALIDITY,
    Rating,
    Source,
    current_level,
    current_levels,
    current_rating,
    latest_by_source,
    valid_until,
)
from skillcluster.taxonomy.domain.proficiency import LEVEL_LABELS, Level, is_valid_level, level_label

SKILL = "http://data.europa.eu/esco/skill/s1"


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 9, 0, tzinfo=UTC)


def rate(level: int, source: Source, day: int, person: str = "ana", skill: str = SKILL) -> Rating:
    return Rating(person, skill, level, source, at(day))


def test_scale_labels() -> None:
    assert [LEVEL_LABELS[level] for level in Level] == [
        "none",
        "aware",
        "can do with guidance",
        "independent",
        "expert who can teach others",
    ]
    assert level_label(3) == "independent"


@pytest.mark.parametrize("bad", [-1, 5, 2.0, True, "3", None])
def test_level_outside_scale_is_refused(bad: object) -> None:
    assert is_valid_level(bad) is False
    with pytest.raises(ValueError, match="0-4"):
        level_label(bad)  # type: ignore[arg-type]


def test_no_ratings_means_no_level() -> None:
    assert current_level([]) is None


def test_manager_beats_later_self() -> None:
    assert current_level([rate(2, Source.MANAGER, 1), rate(4, Source.SELF, 9)]) == 2


def test_assessor_beats_later_manager_and_self() -> None:
    ratings = [rate(1, Source.ASSESSOR, 1), rate(3, Source.MANAGER, 5), rate(4, Source.SELF, 9)]
    assert current_level(ratings) == 1


def test_latest_within_a_source_wins_regardless_of_input_order() -> None:
    assert current_level([rate(3, Source.MANAGER, 7), rate(1, Source.MANAGER, 2)]) == 3


def test_assessor_vs_credential_latest_of_the_two() -> None:
    assert current_level([rate(4, Source.CREDENTIAL, 3), rate(2, Source.ASSESSOR, 4)]) == 2
    assert current_level([rate(2, Source.ASSESSOR, 4), rate(4, Source.CREDENTIAL, 6)]) == 4


def test_exact_tie_goes_to_later_input() -> None:
    first, second = rate(1, Source.ASSESSOR, 4), rate(3, Source.CREDENTIAL, 4)
    assert current_rating([first, second]) is second
    assert current_rating([second, first]) is first


def test_mixed_people_are_refused() -> None:
    with pytest.raises(ValueError, match="one person for one skill"):
        current_level([rate(1, Source.SELF, 1), rate(2, Source.SELF, 1, person="ben")])


def test_current_levels_groups_by_person_and_skill() -> None:
    ratings = [
        rate(4, Source.SELF, 1),
        rate(2, Source.MANAGER, 2),
        rate(1, Source.SELF, 3, person="ben"),
        rate(3, Source.SELF, 3, skill="s2"),
    ]
    assert current_levels(ratings) == {("ana", SKILL): 2, ("ben", SKILL): 1, ("ana", "s2"): 3}


def test_latest_by_source_keeps_self_and_manager_apart() -> None:
    ratings = [rate(4, Source.SELF, 1), rate(3, Source.SELF, 5), rate(2, Source.MANAGER, 9)]
    assert latest_by_source(ratings, Source.SELF) == {("ana", SKILL): 3}
    assert latest_by_source(ratings, Source.MANAGER) == {("ana", SKILL): 2}
    assert latest_by_source(ratings, Source.ASSESSOR) == {}


def test_withdrawn_rating_no_longer_counts_and_the_next_source_takes_over() -> None:
    credential = Rating("ana", SKILL, 4, Source.CREDENTIAL, at(9), withdrawn=True)
    assert current_level([rate(2, Source.MANAGER, 1), rate(3, Source.SELF, 5), credential]) == 2
    assert current_level([credential]) is None


def test_expired_rating_falls_back_to_the_next_source_by_the_rule() -> None:
    expired = Rating("ana", SKILL, 4, Source.CREDENTIAL, at(1), valid_until=at(10))
    manager = Rating("ana", SKILL, 2, Source.MANAGER, at(2), valid_until=at(30))
    assert current_level([expired, manager], now=at(9)) == 4
    assert current_level([expired, manager], now=at(10)) == 2  # the end is exclusive
    assert current_level([expired, manager], now=at(30)) is None
    assert current_level([expired, manager]) == 4  # now=None: windows not applied


def test_current_levels_leave_out_skills_where_nothing_counts() -> None:
    old = Rating("ana", SKILL, 3, Source.SELF, at(1), valid_until=at(2))
    fresh = Rating("ben", SKILL, 1, Source.SELF, at(1), valid_until=at(20))
    assert current_levels([old, fresh], now=at(5)) == {("ben", SKILL): 1}


def test_validity_windows_per_source_and_a_credential_never_outlives_itself() -> None:
    given = datetime(2026, 1, 1, tzinfo=UTC)
    assert {s: VALIDITY[s].days for s in Source} == {
        Source.SELF: 730, Source.MANAGER: 730, Source.ASSESSOR: 1095, Source.CREDENTIAL: 1095,
    }  # fmt: skip
    assert valid_until(Source.SELF, given) == datetime(2028, 1, 1, tzinfo=UTC)
    expires = datetime(2027, 6, 1, tzinfo=UTC)
    assert valid_until(Source.CREDENTIAL, given, expires=expires) == expires
    long_lived = datetime(2035, 1, 1, tzinfo=UTC)
    assert valid_until(Source.CREDENTIAL, given, expires=long_lived) == datetime(2028, 12, 31, tzinfo=UTC)  # 1095 days
