import pytest

from skillcluster.tenancy.domain.sme import SizeClass, is_startup, size_class


@pytest.mark.parametrize(
    ("headcount", "turnover", "balance", "expected"),
    [
        (0, None, None, SizeClass.MICRO),
        (9, None, None, SizeClass.MICRO),
        (10, None, None, SizeClass.SMALL),
        (49, None, None, SizeClass.SMALL),
        (50, None, None, SizeClass.MEDIUM),
        (249, None, None, SizeClass.MEDIUM),
        (250, None, None, SizeClass.LARGE),
        # Under the micro headcount but both figures over €2m: small.
        (5, 2_000_001, 2_000_001, SizeClass.SMALL),
        # Either figure within the ceiling is enough.
        (5, 3_000_000, 2_000_000, SizeClass.MICRO),
        (5, 2_000_000, None, SizeClass.MICRO),
        (5, None, 2_500_000, SizeClass.SMALL),
        # Medium ceilings: turnover €50m or balance sheet €43m.
        (100, 60_000_000, 43_000_000, SizeClass.MEDIUM),
        (100, 60_000_000, 44_000_000, SizeClass.LARGE),
        (40, 11_000_000, 11_000_000, SizeClass.MEDIUM),
    ],
)
def test_size_class_follows_recommendation_2003_361(headcount, turnover, balance, expected):
    assert size_class(headcount, turnover, balance) is expected


def test_negative_headcount_is_refused():
    with pytest.raises(ValueError, match="headcount"):
        size_class(-1)


@pytest.mark.parametrize(("founded", "expected"), [(2026, True), (2022, True), (2021, False), (None, False)])
def test_startup_means_under_five_years(founded, expected):
    assert is_startup(founded, 2026) is expected
