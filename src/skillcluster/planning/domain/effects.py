"""What kinds of action moved firms (pure): a difference in differences per kind of action.

For the firms scored in two diagnostic rounds, a firm's change is its overall learning score in the later round
minus the earlier one (the first difference). Firms that completed an action of a kind between the two rounds
are *treated*; the others are the *control*. The effect of the kind is the mean change of the treated minus the
mean change of the control (the second difference), with a 95 % Welch interval (Satterthwaite's degrees of
freedom, Student's t). It is an association, not a proof: firms choose their actions. A kind is shown only with
at least `MIN_FIRMS` firms on each side; the caller also checks the groups against differencing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from skillcluster.diagnostics.domain.benchmarks import t_quantile_975
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS


@dataclass(frozen=True)
class Effect:
    treated: int
    control: int
    estimate: float  # points of the overall score
    low: float
    high: float

    @property
    def direction(self) -> str:
        return "up" if self.low > 0 else "down" if self.high < 0 else "unclear"


def _mean_var(values: Sequence[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    return mean, sum((v - mean) ** 2 for v in values) / (len(values) - 1)


def difference_in_differences(treated: Sequence[float], control: Sequence[float]) -> Effect | None:
    """``treated``, ``control``: each firm's change between the rounds; None below MIN_FIRMS on a side."""
    if len(treated) < MIN_FIRMS or len(control) < MIN_FIRMS:
        return None
    (mean_t, var_t), (mean_c, var_c) = _mean_var(treated), _mean_var(control)
    a, b = var_t / len(treated), var_c / len(control)
    se = math.sqrt(a + b)
    df = (a + b) ** 2 / (a**2 / (len(treated) - 1) + b**2 / (len(control) - 1)) if a + b else len(treated) + len(
        control) - 2  # fmt: skip
    half = t_quantile_975(max(1, round(df))) * se
    estimate = mean_t - mean_c
    return Effect(len(treated), len(control), estimate, estimate - half, estimate + half)
