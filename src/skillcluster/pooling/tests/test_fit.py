"""The fit figure per provider, by hand."""

import pytest

from skillcluster.pooling.domain.fit import FitFigure, fit_figure


def test_the_fit_figure_is_the_mean_with_a_t_interval_from_five_answers() -> None:
    # Mean 4; sd = sqrt(2 / 4) = 0.7071; t(4) = 2.7764; half-width = 2.7764 * 0.7071 / sqrt(5) = 0.878.
    figure = fit_figure("ICE", [3, 4, 5, 4, 4], min_people=5)
    assert (figure.n, figure.mean) == (5, 4.0)
    assert (figure.low, figure.high) == (pytest.approx(3.122, abs=0.001), pytest.approx(4.878, abs=0.001))


def test_below_the_floor_nothing_but_the_count_is_shown() -> None:
    assert fit_figure("ICE", [5, 5, 5, 5], min_people=5) == FitFigure("ICE", 4, None, None, None)
