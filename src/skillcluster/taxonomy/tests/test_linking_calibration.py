"""How sure a match is: the calibration's fit, its file, and what the linker does with it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from skillcluster.taxonomy.linking import calibration
from skillcluster.taxonomy.linking.calibration import CALIBRATION_FILE, Calibration, features, fit
from skillcluster.taxonomy.linking.linker import SHIPPED_MODEL_DIR, Concept, Linker

TINY = (
    Concept("u:sheets", "use spreadsheets software", ("Excel", "spreadsheet programs")),
    Concept("u:java", "Java (computer programming)", ("Java",)),
    Concept("u:horses", "provide care for horses", ("look after horses",)),
    Concept("u:cook", "cook dishes", ()),
)


def test_features_are_score_gap_rank_and_best() -> None:
    rows = features(np.array([0.8, 0.7, 0.2], dtype=np.float32))
    np.testing.assert_allclose(rows[:, 0], [0.8, 0.7, 0.2], atol=1e-6)
    np.testing.assert_allclose(rows[:, 1], [0.0, 0.1, 0.6], atol=1e-6)
    np.testing.assert_allclose(rows[:, 2], np.log1p([0, 1, 2]))
    np.testing.assert_array_equal(rows[:, 3], [1, 0, 0])


def test_fit_recovers_a_known_logistic_model() -> None:
    rng = np.random.default_rng(7)
    true_w, true_b = np.array([6.0, -10.0, -1.0, 0.5]), -2.0
    rows = np.column_stack((rng.uniform(0.2, 0.9, 20_000), rng.uniform(0, 0.4, 20_000),
                            np.log1p(rng.integers(0, 10, 20_000)), rng.integers(0, 2, 20_000)))  # fmt: skip
    named = rng.random(20_000) < 1 / (1 + np.exp(-(rows @ true_w + true_b)))
    weights, bias = fit(rows, named)
    np.testing.assert_allclose(weights, true_w, atol=0.6)
    assert abs(bias - true_b) < 0.6


def test_fit_stays_finite_when_the_classes_separate() -> None:
    rows = features(np.array([0.9, 0.3, 0.2, 0.1], dtype=np.float32))
    weights, bias = fit(np.vstack([rows] * 5), np.array([True, False, False, False] * 5))
    assert all(np.isfinite([*weights, bias]))


def test_probability_falls_with_the_gap_to_the_best_and_words_follow_levels() -> None:
    cal = Calibration((3.0, -8.0, -0.5, 0.2), -1.0, likely=0.5, possible=0.2)
    p = cal.probabilities(np.array([0.9, 0.85, 0.5, 0.4], dtype=np.float32))
    assert list(p) == sorted(p, reverse=True)
    assert [cal.confidence(x) for x in (0.5, 0.49, 0.2, 0.19)] == ["likely", "possible", "possible", ""]
    assert len(cal.probabilities(np.zeros(0, dtype=np.float32))) == 0


def test_load_reads_a_mode_and_rejects_a_malformed_file(tmp_path: Path) -> None:
    assert calibration.load(None, "dense") is None
    assert calibration.load(tmp_path, "dense") is None  # no file: not calibrated
    entry = {"weights": [1, -2, -0.5, 0.1], "bias": -1, "likely": 0.5, "possible": 0.2}
    (tmp_path / CALIBRATION_FILE).write_text(json.dumps({"dense": entry}))
    assert calibration.load(tmp_path, "dense") == Calibration((1.0, -2.0, -0.5, 0.1), -1.0, 0.5, 0.2)
    assert calibration.load(tmp_path, "lexical") is None
    (tmp_path / CALIBRATION_FILE).write_text(json.dumps({"dense": {**entry, "weights": [1, 2]}}))
    with pytest.raises(ValueError, match=r"dense\.weights must be 4 finite numbers"):
        calibration.load(tmp_path, "dense")


def test_shipped_calibration_covers_both_modes() -> None:
    for mode in ("dense", "lexical"):
        cal = calibration.load(SHIPPED_MODEL_DIR, mode)
        assert cal is not None, mode
        assert 0 < cal.possible < cal.likely < 1, mode


def test_linker_says_how_sure_each_skill_is_and_nothing_for_occupations(tmp_path: Path) -> None:
    skills = Linker.build(TINY, model_dir=None, cache_dir=tmp_path)
    matches = skills.link("I use Excel and look after horses", top_k=4).matches
    assert all(m.probability is not None for m in matches)
    assert [m.probability for m in matches] == sorted((m.probability or 0 for m in matches), reverse=True)
    assert {m.confidence for m in matches} <= {"likely", "possible", ""}
    jobs = Linker.build([Concept("u:cook", "cook", (), "occupation")], model_dir=None, cache_dir=tmp_path)
    assert [(m.probability, m.confidence) for m in jobs.link("cook").matches] == [(None, "")]
    italian = Linker.build(TINY, model_dir=None, cache_dir=tmp_path, language="it")
    assert all(m.probability is None for m in italian.link("Excel").matches)
