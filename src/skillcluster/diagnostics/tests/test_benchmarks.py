"""Benchmarks: mid-rank percentile, Wilson interval, k >= 5 floor, peer band, trend."""

from __future__ import annotations

import math

import pytest

from skillcluster.diagnostics.domain.benchmarks import (
    Benchmark,
    PeerBand,
    PercentileRank,
    Trend,
    TrendPoint,
    benchmark,
    matched_change,
    peer_band,
    percentile_rank,
    t_quantile_975,
    trend,
    wilson_interval,
)
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS


def test_floor_is_five_peers() -> None:
    assert MIN_FIRMS == 5
    assert percentile_rank(50.0, [10.0, 20.0, 30.0, 40.0]) is None
    assert percentile_rank(50.0, [10.0, 20.0, 30.0, 40.0, None]) is None
    assert percentile_rank(None, [10.0, 20.0, 30.0, 40.0, 60.0]) is None
    assert peer_band([1.0, 2.0, 3.0, 4.0]) is None


def test_percentile_with_ties_exact() -> None:
    # 3 peers below, 2 tied, 5 above: (3 + 1) / 10 = 40 %.
    peers = [10.0, 20.0, 30.0, 50.0, 50.0, 60.0, 70.0, 80.0, 90.0, 95.0]
    rank = percentile_rank(50.0, peers)
    assert rank is not None
    assert rank.percentile == 40.0
    assert rank.n_peers == 10
    # Wilson 95 % for p = 0.4, n = 10, worked by hand from the closed form.
    z = 1.959963984540054
    centre = (0.4 + z**2 / 20) / (1 + z**2 / 10)
    half = z * math.sqrt(0.4 * 0.6 / 10 + z**2 / 400) / (1 + z**2 / 10)
    assert rank.low == pytest.approx(100 * (centre - half), abs=1e-12)
    assert rank.high == pytest.approx(100 * (centre + half), abs=1e-12)
    assert (round(rank.low, 4), round(rank.high, 4)) == (16.8180, 68.7326)


def test_top_and_bottom_of_five() -> None:
    top = percentile_rank(99.0, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert top is not None
    assert (top.percentile, top.high) == (100.0, 100.0)
    assert round(top.low, 4) == 56.5518
    bottom = percentile_rank(0.0, [1.0, 2.0, 3.0, 4.0, 5.0])
    assert bottom is not None
    assert (bottom.percentile, bottom.low) == (0.0, 0.0)
    assert round(bottom.high, 4) == 43.4482


def test_wilson_rejects_empty() -> None:
    with pytest.raises(ValueError, match="n must be positive"):
        wilson_interval(0, 0)


def test_benchmark_size_class_and_cluster() -> None:
    size_class = [40.0, 45.0, 50.0]
    cluster = [*size_class, 55.0, 60.0, 65.0, 70.0, 75.0]
    result = benchmark(52.0, size_class, cluster)
    assert result.size_class is None
    assert isinstance(result.cluster, PercentileRank)
    assert result.cluster.percentile == 37.5
    assert result == Benchmark(None, result.cluster)


def test_peer_band_quartiles() -> None:
    assert peer_band([10.0, 20.0, 30.0, 40.0, 50.0, None]) == PeerBand(20.0, 30.0, 40.0, 5)
    assert peer_band([0.0, 10.0, 20.0, 30.0, 40.0, 50.0]) == PeerBand(12.5, 25.0, 37.5, 6)


def test_trend_exact() -> None:
    result = trend([("2025", 40.0), ("2026-spring", None), ("2026-autumn", 52.5)])
    assert result == Trend(
        points=(TrendPoint("2025", 40.0), TrendPoint("2026-spring", None), TrendPoint("2026-autumn", 52.5)),
        change_since_previous=12.5,
        change_since_first=12.5,
        direction="up",
    )
    assert trend([("a", 60.0), ("b", 50.0), ("c", 46.0)]).direction == "flat"
    assert trend([("a", 60.0), ("b", 55.0)]).direction == "down"
    assert trend([("a", 60.0)]) == Trend((TrendPoint("a", 60.0),), None, None, None)


def test_matched_change_exact() -> None:
    from scipy import stats

    pairs = [(50.0, 40.0), (50.0, 45.0), (60.0, 50.0), (70.0, 65.0), (40.0, 30.0), (55.0, None)]
    change = matched_change(pairs)  # the firm without a second score does not count
    # changes -10, -5, -10, -5, -10: mean -8, sd sqrt(7.5), t(0.975, 4) = 2.776
    assert (change.n, change.mean) == (5, -8.0)
    assert change.half_width == pytest.approx(stats.t.ppf(0.975, 4) * math.sqrt(7.5) / math.sqrt(5), abs=0.002)
    assert change.direction == "down"
    assert matched_change(pairs[:4]) is None  # four firms: below the floor


def test_matched_change_without_a_clear_direction_is_flat() -> None:
    change = matched_change([(50.0, 60.0), (50.0, 40.0), (50.0, 55.0), (50.0, 45.0), (50.0, 52.0)])
    assert change.mean == pytest.approx(0.4)
    assert change.direction == "flat"


@pytest.mark.parametrize("df", [4, 5, 6, 8, 12, 20, 31, 60, 200])
def test_t_quantile_matches_scipy(df: int) -> None:
    from scipy import stats

    assert t_quantile_975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=0.001)
