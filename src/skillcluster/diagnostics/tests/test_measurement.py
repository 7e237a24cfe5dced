"""How large a firm's change must be before measurement error stops explaining it."""

import math

import pytest

from skillcluster.diagnostics.domain.measurement import Z95, balance_change_step, overall_change_step


def test_overall_change_step_from_three_scales_with_sem_10() -> None:
    # each score +- 1.96 x 10; the mean of three has SEM 10 / sqrt(3); a change of it, sqrt(2) times that
    assert overall_change_step([Z95 * 10] * 3) == pytest.approx(Z95 * math.sqrt(2) * 10 / math.sqrt(3))
    assert overall_change_step([Z95 * 10, None, Z95 * 10]) is None


def test_balance_change_step_carries_four_errors() -> None:
    assert balance_change_step([Z95 * 10] * 3) == pytest.approx(Z95 * 20)
    assert balance_change_step([]) is None
