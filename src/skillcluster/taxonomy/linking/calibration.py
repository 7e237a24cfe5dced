"""How sure a match is: the linker's scores turned into a probability that the skill is one the text names,
and that probability into a word the page can show ("likely", "possible"). Pure: numpy only.

A text often names several skills, so a match is judged by more than its score: its score, how far it falls
below the text's best match, its rank, and whether it is the best. A logistic model over those is fitted per
linker mode (`tools/calibrate_linker.py`, on half A of the validation sentences; the benchmark reports half B)
and shipped beside the model as `calibration.json`; a linker without one says nothing of confidence.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

CALIBRATION_FILE = "calibration.json"
Confidence = Literal["likely", "possible", ""]
FEATURES = 4


def features(scores: NDArray[np.float32]) -> NDArray[np.float64]:
    """One row per match of one text, best first: (score, best score - score, log(1 + rank), is the best)."""
    values = np.asarray(scores, dtype=np.float64)
    best = values[0] if len(values) else 0.0
    rank = np.arange(len(values))
    return np.column_stack((values, best - values, np.log1p(rank), rank == 0))


@dataclass(frozen=True, slots=True)
class Calibration:
    weights: tuple[float, ...]  # one per column of `features`
    bias: float
    likely: float  # a match at or above this probability is "likely"
    possible: float  # ... at or above this one "possible"; below it, a candidate only

    def probabilities(self, scores: NDArray[np.float32]) -> NDArray[np.float64]:
        """P(the text names this skill) for each of a text's matches, given best first."""
        if not len(scores):
            return np.zeros(0)
        z = features(scores) @ np.asarray(self.weights) + self.bias
        probabilities: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z))
        return probabilities

    def confidence(self, probability: float) -> Confidence:
        if probability >= self.likely:
            return "likely"
        return "possible" if probability >= self.possible else ""


def fit(
    rows: NDArray[np.float64], named: NDArray[np.bool_], *, l2: float = 1e-3, steps: int = 50
) -> tuple[tuple[float, ...], float]:
    """Logistic regression by Newton's method: `rows` from `features`, `named` whether each match is a skill
    the text names. A small ridge keeps it finite when the classes separate."""
    x = np.column_stack((rows, np.ones(len(rows))))
    y = named.astype(np.float64)
    w = np.zeros(x.shape[1])
    ridge = l2 * np.diag([1.0] * rows.shape[1] + [0.0])  # the bias is not shrunk
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - y) + ridge @ w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + ridge
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return tuple(float(v) for v in w[:-1]), float(w[-1])


def load(model_dir: Path | None, mode: str) -> Calibration | None:
    """The calibration of `mode` ("dense" or "lexical") shipped in `model_dir`, or None."""
    path = model_dir / CALIBRATION_FILE if model_dir is not None else None
    if path is None or not path.exists():
        return None
    entry = json.loads(path.read_text(encoding="utf-8")).get(mode)
    if not entry:
        return None
    weights = tuple(float(w) for w in entry["weights"])
    if len(weights) != FEATURES or not all(math.isfinite(w) for w in weights):
        raise ValueError(f"{path}: {mode}.weights must be {FEATURES} finite numbers")
    return Calibration(weights, float(entry["bias"]), float(entry["likely"]), float(entry["possible"]))
