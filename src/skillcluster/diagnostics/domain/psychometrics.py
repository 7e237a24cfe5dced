"""Reliability of the instrument's scales on a cluster's own answers (numpy only, no Django).

Input is a respondents x items matrix of one scale, reverse keying already applied (see
:func:`apply_keying`); rows with a missing answer (NaN) are left out (listwise deletion), so every
figure uses the same respondents.

* **Cronbach's alpha** from the covariance matrix (n - 1 denominator):
  ``k / (k - 1) x (1 - sum of item variances / variance of the sum score)``.
* **McDonald's omega (total, one factor)**: a one-factor model is fitted to the item *correlation*
  matrix by minimum residuals (minres / unweighted least squares), solved by iterated principal axis
  factoring: put communalities on the diagonal, take the first eigenvector x sqrt(eigenvalue) as
  loadings, set communalities to squared loadings, repeat until they change by less than 1e-13. The
  fixed point of this iteration is the minres solution. Starting communalities are squared multiple
  correlations. A communality is capped at :data:`MAX_COMMUNALITY` (a Heywood case would give a
  negative uniqueness). Then ``omega = (sum l)^2 / ((sum l)^2 + sum (1 - l^2))``: the reliability of
  the sum of standardised items.
* **Item-rest correlation**: Pearson correlation of an item with the sum of the other items of the scale.
  Items below :data:`ITEM_REST_THRESHOLD` (0.30, a common rule of thumb for weak items) are flagged.
* **Standard error of measurement** of a 0-100 scale score: ``SD x sqrt(1 - alpha)``, the SD taken over the
  respondents' scale scores (mean keyed item mapped to 0-100); a firm's score is shown +- 1.96 SEM (95 %).
* An item everybody answered the same way has no variance: its correlations, and omega, are NaN.
* Figures are shown from :data:`MIN_RESPONDENTS` respondents on; :func:`scale_reliability` returns
  ``None`` below that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

MIN_RESPONDENTS = 30
ITEM_REST_THRESHOLD = 0.30
MAX_COMMUNALITY = 0.995
_TOLERANCE = 1e-13
_MAX_ITERATIONS = 20_000

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class ScaleReliability:
    n: int
    alpha: float
    omega: float
    item_rest: dict[str, float]
    flagged: tuple[str, ...]


def apply_keying(answers: ArrayLike, reverse: Sequence[bool], low: int = 1, high: int = 5) -> Matrix:
    """Copy of a respondents x items matrix with reverse-keyed columns turned (``low + high - a``)."""
    matrix = np.array(answers, dtype=np.float64)
    flip = np.asarray(reverse, dtype=bool)
    matrix[:, flip] = low + high - matrix[:, flip]
    return matrix


def complete_rows(answers: ArrayLike) -> Matrix:
    """Rows without NaN, as float64; raises ``ValueError`` for fewer than 2 items."""
    matrix = np.asarray(answers, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] < 2:
        raise ValueError("expected a respondents x items matrix with at least 2 items")
    return matrix[~np.isnan(matrix).any(axis=1)]


def cronbach_alpha(answers: ArrayLike) -> float:
    matrix = complete_rows(answers)
    k = matrix.shape[1]
    item_variances = matrix.var(axis=0, ddof=1).sum()
    total_variance = matrix.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def sem_points(answers: ArrayLike, reliability: float, low: int = 1, high: int = 5) -> float:
    """Standard error of measurement of the 0-100 scale score (mean keyed item), from a reliability."""
    matrix = complete_rows(answers)
    scores = 100.0 * (matrix.mean(axis=1) - low) / (high - low)
    return float(scores.std(ddof=1) * np.sqrt(1.0 - min(max(reliability, 0.0), 1.0)))


def one_factor_loadings(correlation: ArrayLike) -> Matrix:
    """Minres loadings of a one-factor model of a correlation matrix (iterated principal axes)."""
    r = np.asarray(correlation, dtype=np.float64)
    communality = _starting_communalities(r)
    loadings = np.sqrt(communality)
    for _ in range(_MAX_ITERATIONS):
        loadings = _principal_axis(r, communality)
        updated = np.minimum(loadings**2, MAX_COMMUNALITY)
        if np.max(np.abs(updated - communality)) < _TOLERANCE:
            break
        communality = updated
    # The eigenvector's sign is arbitrary; make the loadings point the way most items do.
    return loadings if loadings.sum() >= 0 else -loadings


def _starting_communalities(r: Matrix) -> Matrix:
    """Squared multiple correlations; for a singular matrix, each item's largest correlation."""
    try:
        smc = 1 - 1 / np.diag(np.linalg.inv(r))
    except np.linalg.LinAlgError:
        smc = np.max(np.abs(r - np.eye(len(r))), axis=1)
    return np.asarray(np.clip(smc, 0.0, MAX_COMMUNALITY), dtype=np.float64)


def _principal_axis(r: Matrix, communality: Matrix) -> Matrix:
    reduced = r.copy()
    np.fill_diagonal(reduced, communality)
    values, vectors = np.linalg.eigh(reduced)
    return np.asarray(vectors[:, -1] * np.sqrt(max(values[-1], 0.0)), dtype=np.float64)


def omega_from_loadings(loadings: ArrayLike) -> float:
    lam = np.asarray(loadings, dtype=np.float64)
    common = lam.sum() ** 2
    return float(common / (common + (1 - lam**2).sum()))


def mcdonald_omega(answers: ArrayLike) -> float:
    """Omega total of a one-factor minres model on the item correlation matrix."""
    matrix = complete_rows(answers)
    return omega_from_loadings(one_factor_loadings(np.corrcoef(matrix, rowvar=False)))


def item_rest_correlations(answers: ArrayLike) -> Matrix:
    matrix = complete_rows(answers)
    total = matrix.sum(axis=1)
    return np.array([np.corrcoef(matrix[:, i], total - matrix[:, i])[0, 1] for i in range(matrix.shape[1])])


def scale_reliability(answers: ArrayLike, item_codes: Sequence[str]) -> ScaleReliability | None:
    """Alpha, omega and item-rest correlations of one keyed scale, ``None`` below MIN_RESPONDENTS."""
    matrix = complete_rows(answers)
    if matrix.shape[1] != len(item_codes):
        raise ValueError(f"{matrix.shape[1]} answer columns but {len(item_codes)} item codes")
    if matrix.shape[0] < MIN_RESPONDENTS:
        return None
    rest = dict(zip(item_codes, (float(value) for value in item_rest_correlations(matrix)), strict=True))
    flagged = tuple(code for code, value in rest.items() if value < ITEM_REST_THRESHOLD)
    return ScaleReliability(matrix.shape[0], cronbach_alpha(matrix), mcdonald_omega(matrix), rest, flagged)
