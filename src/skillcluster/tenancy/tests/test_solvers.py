"""The shared solver: silent, and on one thread in every context, so that solvers run one after another in a
process (HiGHS sizes its thread scheduler once, by the first solver that runs; a later one asking another size
fails to run)."""

import highspy
import numpy as np

from skillcluster.solvers import silent_highs


def _one_variable() -> highspy.Highs:
    solver = silent_highs()
    solver.addCols(1, np.array([1.0]), np.array([0.0]), np.array([1.0]), 0, np.array([], dtype=np.int32),
                   np.array([], dtype=np.int32), np.array([]))  # fmt: skip
    solver.changeObjectiveSense(highspy.ObjSense.kMaximize)
    return solver


def test_solvers_built_here_run_one_after_another_silently_on_one_thread(capfd):
    for _ in range(2):
        solver = _one_variable()
        assert solver.getOptionValue("threads")[1] == 1
        solver.run()
        assert solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert capfd.readouterr().out == ""
