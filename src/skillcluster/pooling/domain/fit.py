"""How well pooled training fitted people's work, per provider (pure): the mean of the attendees' 1-5 answers
with its 95 % interval (Student's t), shown only where at least ``min_people`` answered, so no single
attendee's answer can be read off."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from skillcluster.diagnostics.domain.benchmarks import t_quantile_975


@dataclass(frozen=True)
class FitFigure:
    provider: str
    n: int
    mean: float | None  # None below the floor
    low: float | None
    high: float | None

    @property
    def shown(self) -> bool:
        return self.mean is not None


def fit_figure(provider: str, scores: Sequence[int], *, min_people: int) -> FitFigure:
    n = len(scores)
    if n < max(min_people, 2):
        return FitFigure(provider, n, None, None, None)
    mean = sum(scores) / n
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / (n - 1))
    half = t_quantile_975(n - 1) * sd / math.sqrt(n)
    return FitFigure(provider, n, mean, max(1.0, mean - half), min(5.0, mean + half))
