"""Psychometrics against independent implementations.

* Cronbach's alpha: ``pingouin.cronbach_alpha`` (test-only dependency), to 1e-9.
* McDonald's omega: (1) with three items the one-factor model is exactly identified, so the loadings
  have the closed form ``l1 = sqrt(r12 r13 / r23)`` (and cyclic) that any minres/ML fit must reproduce;
  (2) on a population one-factor matrix the fit must recover the true loadings; (3) with five items the
  minres loadings are computed independently with ``scipy.optimize.least_squares`` on the off-diagonal
  residuals (scipy comes with pingouin). All to 1e-9.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from skillcluster.diagnostics.domain.psychometrics import (
    ITEM_REST_THRESHOLD,
    MIN_RESPONDENTS,
    apply_keying,
    cronbach_alpha,
    item_rest_correlations,
    mcdonald_omega,
    omega_from_loadings,
    one_factor_loadings,
    scale_reliability,
)

pd = pytest.importorskip("pandas")
pg = pytest.importorskip("pingouin")
optimize = pytest.importorskip("scipy.optimize")


def _one_factor_data(loadings: tuple[float, ...], n: int = 250, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    factor = rng.standard_normal(n)
    columns = [lam * factor + math.sqrt(1 - lam**2) * rng.standard_normal(n) for lam in loadings]
    return np.clip(np.rint(3 + 1.2 * np.column_stack(columns)), 1, 5)


def _omega_closed_form_three(data: np.ndarray) -> float:
    r = np.corrcoef(data, rowvar=False)
    lam = [
        math.sqrt(r[0, 1] * r[0, 2] / r[1, 2]),
        math.sqrt(r[0, 1] * r[1, 2] / r[0, 2]),
        math.sqrt(r[0, 2] * r[1, 2] / r[0, 1]),
    ]
    common = sum(lam) ** 2
    return common / (common + sum(1 - x * x for x in lam))


def test_constants() -> None:
    assert (MIN_RESPONDENTS, ITEM_REST_THRESHOLD) == (30, 0.30)


def test_alpha_matches_pingouin() -> None:
    data = _one_factor_data((0.8, 0.7, 0.6, 0.5, 0.7))
    expected = pg.cronbach_alpha(data=pd.DataFrame(data))[0]
    assert cronbach_alpha(data) == pytest.approx(expected, abs=1e-9)


def test_alpha_small_exact() -> None:
    # Item variances 5/3, 5/3, 2/3 (n-1); sum scores 5, 8, 10, 13 have variance 34/3;
    # alpha = 3/2 x (1 - 4 / (34/3)) = 33/34.
    data = [[1, 2, 2], [2, 3, 3], [3, 4, 3], [4, 5, 4]]
    assert cronbach_alpha(data) == pytest.approx(33 / 34, abs=1e-12)
    assert cronbach_alpha(data) == pytest.approx(pg.cronbach_alpha(data=pd.DataFrame(data))[0], abs=1e-9)


def test_listwise_deletion_matches_pingouin_listwise() -> None:
    data = _one_factor_data((0.7, 0.7, 0.6, 0.6))
    data[[3, 17, 40], [0, 2, 1]] = np.nan
    expected = pg.cronbach_alpha(data=pd.DataFrame(data), nan_policy="listwise")[0]
    assert cronbach_alpha(data) == pytest.approx(expected, abs=1e-9)


def test_omega_three_items_closed_form() -> None:
    data = _one_factor_data((0.8, 0.6, 0.5), seed=11)
    assert mcdonald_omega(data) == pytest.approx(_omega_closed_form_three(data), abs=1e-9)


def test_omega_recovers_population_loadings() -> None:
    truth = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    correlation = np.outer(truth, truth)
    np.fill_diagonal(correlation, 1.0)
    assert one_factor_loadings(correlation) == pytest.approx(truth, abs=1e-9)
    # (0.8+0.7+0.6+0.5+0.4)^2 = 9; uniquenesses 0.36+0.51+0.64+0.75+0.84 = 3.1.
    assert omega_from_loadings(truth) == pytest.approx(9 / 12.1, abs=1e-12)


def test_omega_matches_scipy_minres() -> None:
    data = _one_factor_data((0.8, 0.7, 0.6, 0.5, 0.7), seed=5)
    r = np.corrcoef(data, rowvar=False)
    upper = np.triu_indices(5, 1)
    fit = optimize.least_squares(
        lambda lam: (r - np.outer(lam, lam))[upper], np.full(5, 0.5), xtol=1e-15, ftol=1e-15, gtol=1e-15
    )
    assert one_factor_loadings(r) == pytest.approx(fit.x, abs=1e-8)
    assert mcdonald_omega(data) == pytest.approx(omega_from_loadings(fit.x), abs=1e-9)


def test_item_rest_exact() -> None:
    data = np.array([[1, 2, 5], [2, 3, 4], [3, 4, 3], [4, 5, 1]], dtype=float)
    rest = item_rest_correlations(data)
    # Item 1 with 2+3 = (7, 7, 7, 6): r = -sqrt(0.6); item 3 with 1+2 = (3, 5, 7, 9): r = corr(x3, x1) exactly.
    assert rest[0] == pytest.approx(-math.sqrt(0.6), abs=1e-12)
    assert rest[2] == pytest.approx(np.corrcoef(data[:, 2], data[:, 0])[0, 1], abs=1e-12)


def test_apply_keying() -> None:
    keyed = apply_keying(np.array([[1, 5, 2], [4, 2, np.nan]]), [False, True, True])
    assert keyed.tolist()[0] == [1.0, 1.0, 4.0]
    assert keyed.tolist()[1][:2] == [4.0, 4.0]


def test_scale_reliability_floor_and_flags() -> None:
    data = _one_factor_data((0.8, 0.7, 0.7, 0.6, 0.0), n=MIN_RESPONDENTS, seed=2)
    assert scale_reliability(data[:-1], ["A1", "A2", "A3", "A4", "A5"]) is None
    result = scale_reliability(data, ["A1", "A2", "A3", "A4", "A5"])
    assert result is not None
    assert result.n == 30
    assert result.alpha == pytest.approx(pg.cronbach_alpha(data=pd.DataFrame(data))[0], abs=1e-9)
    assert result.flagged == tuple(code for code, value in result.item_rest.items() if value < 0.30)
    assert "A5" in result.flagged
    assert "A1" not in result.flagged


def test_shape_errors() -> None:
    with pytest.raises(ValueError, match="at least 2 items"):
        cronbach_alpha([[1], [2]])
    with pytest.raises(ValueError, match="3 answer columns but 2 item codes"):
        scale_reliability(np.ones((40, 3)), ["A", "B"])
