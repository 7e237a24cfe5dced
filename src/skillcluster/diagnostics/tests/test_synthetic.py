"""Synthetic answers: deterministic, realistic reliability, and the seed's findings show."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.psychometrics import apply_keying, cronbach_alpha
from skillcluster.diagnostics.domain.scoring import CRISIS_MANAGER, mean_scores, profile, score_answers
from skillcluster.diagnostics.domain.synthetic import (
    SIZE_CLASSES,
    SyntheticFirm,
    firm_means,
    synthetic_cluster,
    synthetic_firm,
)

V1 = load_instrument("1")
KINDS = [(size, startup) for size in SIZE_CLASSES for startup in (False, True)]


@pytest.fixture(scope="module")
def cluster() -> tuple[SyntheticFirm, ...]:
    return synthetic_cluster(V1, seed=7, firms=KINDS * 40, n_staff=2)


def test_same_seed_same_answers_exact() -> None:
    firm = synthetic_firm(V1, seed=42, size_class="micro", is_startup=True, n_staff=2)
    assert firm == synthetic_firm(V1, seed=42, size_class="micro", is_startup=True, n_staff=2)
    assert [firm.owner[c] for c in ("IG1", "IG2", "IG3", "IG4", "IG5", "PL1", "PL2", "PL3", "PL4", "PL5")] == [
        3,
        3,
        5,
        2,
        1,
        2,
        2,
        5,
        1,
        1,
    ]
    assert score_answers(V1, firm.owner) == {
        "information_gathering": 25.0,
        "knowledge_acquisition": 80.0,
        "competence_development": 50.0,
        "proactive_learning": 20.0,
        "participative_learning": 45.0,
        "context": 50.0,
    }
    assert set(firm.owner) == {item.code for item in V1.form_items("owner")}
    assert [set(s) for s in firm.staff] == [{item.code for item in V1.form_items("staff")}] * 2


def test_other_seed_other_answers() -> None:
    first = synthetic_firm(V1, seed=1, size_class="small", is_startup=False)
    second = synthetic_firm(V1, seed=2, size_class="small", is_startup=False)
    assert first.owner != second.owner
    assert first.staff == ()


def test_firm_means_encode_findings() -> None:
    micro_start = firm_means("micro", True)
    assert micro_start["proactive_learning"] == pytest.approx(-0.9, abs=1e-12)
    assert firm_means("medium", False)["proactive_learning"] == pytest.approx(0.35, abs=1e-12)
    with pytest.raises(ValueError, match="size_class 'large' is not one of"):
        firm_means("large", False)


def _alpha(firms: Sequence[SyntheticFirm], scale: str) -> float:
    items = V1.scale(scale).items
    rows = [[firm.owner[item.code] for item in items] for firm in firms]
    return cronbach_alpha(apply_keying(rows, [item.reverse for item in items]))


def test_owner_reliability_is_realistic(cluster: tuple[SyntheticFirm, ...]) -> None:
    alphas = {scale.code: round(_alpha(cluster, scale.code), 3) for scale in V1.scales}
    assert all(0.70 <= value <= 0.85 for value in alphas.values()), alphas
    assert alphas["information_gathering"] == 0.804


def test_seed_findings_show(cluster: tuple[SyntheticFirm, ...]) -> None:
    scores = {
        kind: [score_answers(V1, f.owner) for f in cluster if (f.size_class, f.is_startup) == kind] for kind in KINDS
    }
    means = {kind: mean_scores(values) for kind, values in scores.items()}
    proactive = {kind: float(m["proactive_learning"] or 0) for kind, m in means.items()}
    assert proactive[("micro", True)] < proactive[("small", False)] < proactive[("medium", False)]
    assert proactive[("medium", True)] < proactive[("medium", False)]
    overall = mean_scores([s for values in scores.values() for s in values])
    assert float(overall["knowledge_acquisition"] or 0) > float(overall["information_gathering"] or 0) + 10
    assert float(overall["knowledge_acquisition"] or 0) > float(overall["competence_development"] or 0) + 10
    crisis = {kind: sum(profile(s).learning_type == CRISIS_MANAGER for s in values) for kind, values in scores.items()}
    assert crisis[("micro", True)] > crisis[("medium", False)]
    assert crisis == {
        ("micro", False): 13,
        ("micro", True): 17,
        ("small", False): 13,
        ("small", True): 16,
        ("medium", False): 4,
        ("medium", True): 16,
    }


def test_owners_see_participation_rosier(cluster: tuple[SyntheticFirm, ...]) -> None:
    owner = np.mean([score_answers(V1, f.owner)["participative_learning"] or 0 for f in cluster])
    staff = np.mean(
        [score_answers(V1, s, form="staff")["participative_learning"] or 0 for f in cluster for s in f.staff]
    )
    assert owner > staff + 3
