"""Benchmarks of a firm against cluster peers, and trends across rounds.

Pure module (no Django). Rules:

* **Peers** are the *other* firms of the comparison group (same size class, or the whole cluster); the
  firm itself is never among them. A figure is returned only when at least :data:`MIN_FIRMS` peers
  stand behind it, otherwise ``None`` (selectors enforce the same floor before data leaves the server).
* **Percentile rank** (mid-rank): ``100 x (below + ties / 2) / n``, where ``below`` counts peers that
  score lower than the firm and ``ties`` peers with the same score. 50 = in the middle of the peers.
* **Interval**: the 95 % Wilson score interval for the proportion ``p = (below + ties / 2) / n`` with
  ``n`` trials, ``(p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)``, z = 1.959964, in percent.
  It stays inside 0..100 and is honest about small groups: with 5 peers it is wide on purpose.
* **Peer band**: 25th, 50th, 75th percentile of the peers (linear interpolation, numpy's default).
* **Trend**: changes of a firm's score since the previous and the first round that have a score (rounds
  without one are kept as points but skipped in the changes); the direction is
  ``"up"`` / ``"down"`` when the last change is at least :data:`TREND_STEP` points, else ``"flat"``.
* **Cluster change between two rounds**: over the firms that answered both (matched pairs), the mean of
  their changes with a 95 % t interval, ``mean +- t(0.975, n - 1) x sd / sqrt(n)``; a direction only when the
  interval excludes zero. Comparing two different samples of firms would mix who answered with what changed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from skillcluster.tenancy.domain.disclosure import MIN_FIRMS

Z_95 = 1.959963984540054
TREND_STEP = 5.0


@dataclass(frozen=True)
class PercentileRank:
    percentile: float
    low: float
    high: float
    n_peers: int


@dataclass(frozen=True)
class Benchmark:
    size_class: PercentileRank | None
    cluster: PercentileRank | None


@dataclass(frozen=True)
class PeerBand:
    p25: float
    median: float
    p75: float
    n_peers: int


@dataclass(frozen=True)
class TrendPoint:
    round_label: str
    value: float | None


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]
    change_since_previous: float | None
    change_since_first: float | None
    direction: str | None


def _known(values: Sequence[float | None]) -> list[float]:
    return [float(value) for value in values if value is not None]


def wilson_interval(successes: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for ``successes / n`` as proportions in 0..1."""
    if n <= 0:
        raise ValueError("n must be positive")
    p = successes / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    return max(0.0, (centre - half) / scale), min(1.0, (centre + half) / scale)


def percentile_rank(value: float | None, peers: Sequence[float | None]) -> PercentileRank | None:
    """Mid-rank percentile of ``value`` among ``peers`` (other firms), or ``None`` below MIN_FIRMS."""
    known = _known(peers)
    if value is None or len(known) < MIN_FIRMS:
        return None
    below = sum(1 for peer in known if peer < value)
    ties = sum(1 for peer in known if peer == value)
    share = below + ties / 2
    low, high = wilson_interval(share, len(known))
    return PercentileRank(100.0 * share / len(known), 100.0 * low, 100.0 * high, len(known))


def benchmark(
    value: float | None, size_class_peers: Sequence[float | None], cluster_peers: Sequence[float | None]
) -> Benchmark:
    """Percentile ranks among the size class and the whole cluster (each ``None`` below the floor)."""
    return Benchmark(percentile_rank(value, size_class_peers), percentile_rank(value, cluster_peers))


def peer_band(peers: Sequence[float | None]) -> PeerBand | None:
    """Quartiles of the peers' scores, or ``None`` below MIN_FIRMS peers."""
    known = _known(peers)
    if len(known) < MIN_FIRMS:
        return None
    p25, median, p75 = (float(q) for q in np.percentile(np.asarray(known), [25.0, 50.0, 75.0]))
    return PeerBand(p25, median, p75, len(known))


def trend(points: Sequence[tuple[str, float | None]], step: float = TREND_STEP) -> Trend:
    """Trend of one score over rounds given oldest first as ``(round label, score or None)``; a change
    smaller than ``step`` is ``"flat"``."""
    series = tuple(TrendPoint(label, value) for label, value in points)
    known = [point.value for point in series if point.value is not None]
    if len(known) < 2:
        return Trend(series, None, None, None)
    last_change = known[-1] - known[-2]
    return Trend(series, last_change, known[-1] - known[0], _direction(last_change, step))


@dataclass(frozen=True)
class MatchedChange:
    mean: float
    half_width: float  # of the 95 % interval
    n: int  # firms in both rounds

    @property
    def direction(self) -> str:
        if self.mean - self.half_width > 0:
            return "up"
        if self.mean + self.half_width < 0:
            return "down"
        return "flat"


def matched_change(pairs: Sequence[tuple[float | None, float | None]]) -> MatchedChange | None:
    """Mean change of the firms scored in both rounds (``(before, after)`` each), or ``None`` below MIN_FIRMS."""
    changes = np.array([after - before for before, after in pairs if before is not None and after is not None])
    if len(changes) < MIN_FIRMS:
        return None
    n = len(changes)
    half = t_quantile_975(n - 1) * float(changes.std(ddof=1)) / math.sqrt(n)
    return MatchedChange(float(changes.mean()), half, n)


def t_quantile_975(df: int) -> float:
    """The 97.5 % quantile of Student's t (Cornish-Fisher expansion around the normal; within 0.002 for
    df >= 4, the smallest a matched change can have): numpy has no t distribution and scipy is not needed."""
    z, v = Z_95, float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4)
    )


def _direction(change: float, step: float = TREND_STEP) -> str:
    if change >= step:
        return "up"
    if change <= -step:
        return "down"
    return "flat"
