"""Cluster figures of a round (selectors): learning types by size class, crisis share, heat map of scale
means, trend across rounds and the reliability of each scale.

Every figure needs at least :data:`MIN_FIRMS` firms behind it (a group of fewer firms shows ``None``);
reliability needs that and :data:`psychometrics.MIN_RESPONDENTS` respondents. Reliability is computed on
the items common to the owner and the staff form (the staff form's items), over every submitted
response of the round, owners and staff alike, after reverse keying.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from skillcluster.diagnostics.domain import benchmarks, charts, psychometrics
from skillcluster.diagnostics.domain.instrument import STAFF_FORM, Instrument, load_instrument
from skillcluster.diagnostics.domain.scoring import (
    CRISIS_MANAGER,
    LEARNING_TYPE_LABELS,
    LEARNING_TYPES,
    mean_scores,
    profile,
)
from skillcluster.diagnostics.models import DiagnosticRound, Response, ResponseStatus
from skillcluster.diagnostics.selectors.firm_report import FirmData, round_firm_data
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS

GROUPS = (("micro", "Micro (< 10)"), ("small", "Small (< 50)"), ("medium", "Medium (< 250)"), ("large", "Large"))
STARTUPS = ("startup", "Start-ups (< 5 years)")
ALL = ("all", "All firms")


def _groups(data: Sequence[FirmData]) -> list[tuple[str, str, list[FirmData]]]:
    groups = [(code, label, [d for d in data if d.size_class == code]) for code, label in GROUPS]
    groups = [group for group in groups if group[2] or group[0] != "large"]
    groups.append((*STARTUPS, [d for d in data if d.is_startup]))
    groups.append((*ALL, list(data)))
    return groups


@dataclass(frozen=True)
class TypeRow:
    label: str
    n_firms: int
    counts: list[int] | None  # per type in LEARNING_TYPES order; None below MIN_FIRMS
    crisis_percent: float | None


@dataclass(frozen=True)
class ReliabilityRow:
    code: str
    name: str
    n: int
    result: psychometrics.ScaleReliability | None


@dataclass(frozen=True)
class ClusterFigures:
    round: DiagnosticRound
    n_firms: int
    n_respondents: int
    type_labels: list[str]
    type_rows: list[TypeRow]
    crisis_percent: float | None
    heat_map: str | None
    reliability: list[ReliabilityRow]
    group_means: list[tuple[str, str, dict[str, float | None] | None]]

    @property
    def shown(self) -> bool:
        return self.n_firms >= MIN_FIRMS


def cluster_figures(diagnostic_round: DiagnosticRound) -> ClusterFigures:
    instrument = load_instrument(diagnostic_round.instrument_version)
    data = list(round_firm_data(diagnostic_round).values())
    groups = _groups(data)
    rows = [_type_row(label, members) for _, label, members in groups]
    return ClusterFigures(
        round=diagnostic_round,
        n_firms=len(data),
        n_respondents=_respondents(diagnostic_round).count(),
        type_labels=[LEARNING_TYPE_LABELS[code] for code in LEARNING_TYPES],
        type_rows=rows,
        crisis_percent=rows[-1].crisis_percent,
        heat_map=_heat_map(instrument, groups) if len(data) >= MIN_FIRMS else None,
        reliability=round_reliability(diagnostic_round, n_firms=len(data)),
        group_means=[(code, label, group_means(members)) for code, label, members in groups],
    )


def _type_row(label: str, members: Sequence[FirmData]) -> TypeRow:
    if len(members) < MIN_FIRMS:
        return TypeRow(label, len(members), None, None)
    types = [profile(d.scores).learning_type for d in members]
    counts = [types.count(code) for code in LEARNING_TYPES]
    return TypeRow(label, len(members), counts, 100.0 * types.count(CRISIS_MANAGER) / len(members))


def group_means(members: Sequence[FirmData]) -> dict[str, float | None] | None:
    """Per-scale mean of the firms' scores, ``None`` below MIN_FIRMS firms."""
    if len(members) < MIN_FIRMS:
        return None
    return mean_scores([d.scores for d in members])


def _heat_map(instrument: Instrument, groups: Sequence[tuple[str, str, list[FirmData]]]) -> str:
    columns = [(scale.code, scale.name) for scale in instrument.scales]
    values: dict[tuple[str, str], float | None] = {}
    for code, _, members in groups:
        means = group_means(members) or {}
        values.update({(code, column): means.get(column) for column, _ in columns})
    rows = [(code, label.split(" (")[0]) for code, label, _ in groups]
    return charts.heat_map(rows, columns, values, title="Mean scale scores by size class (0-100)")


def _respondents(diagnostic_round: DiagnosticRound) -> QuerySet[Response]:
    return Response.all_objects.filter(
        round=diagnostic_round, status=ResponseStatus.SUBMITTED, instrument_version=diagnostic_round.instrument_version
    )


def round_reliability(diagnostic_round: DiagnosticRound, *, n_firms: int | None = None) -> list[ReliabilityRow]:
    """Alpha, omega, item-rest correlations per scale; ``result`` is None below 5 firms or 30 respondents."""
    instrument = load_instrument(diagnostic_round.instrument_version)
    if n_firms is None:
        n_firms = len(round_firm_data(diagnostic_round))
    answers = list(_respondents(diagnostic_round).values_list("answers", flat=True))
    return [_scale_reliability(instrument, code, answers, n_firms) for code in (s.code for s in instrument.scales)]


def _scale_reliability(
    instrument: Instrument, code: str, answers: list[dict[str, int]], n_firms: int
) -> ReliabilityRow:
    items = instrument.scale(code).items_for(STAFF_FORM)
    matrix = np.array([[a.get(item.code, np.nan) for item in items] for a in answers], dtype=np.float64)
    matrix = matrix.reshape(len(answers), len(items))
    keyed = psychometrics.apply_keying(
        matrix, [item.reverse for item in items], instrument.min_value, instrument.max_value
    )
    complete = psychometrics.complete_rows(keyed)
    result = None
    if n_firms >= MIN_FIRMS:
        result = psychometrics.scale_reliability(complete, [item.code for item in items])
    return ReliabilityRow(code, instrument.scale(code).name, len(complete), result)


def reliability_json(rows: Sequence[ReliabilityRow]) -> dict[str, dict[str, object]]:
    """The figures the cluster page shows, per scale: alpha, omega, n, flagged items (None when hidden)."""
    return {
        row.code: {
            "alpha": row.result.alpha if row.result else None,
            "omega": row.result.omega if row.result else None,
            "n": row.n,
            "flagged": list(row.result.flagged) if row.result else [],
        }
        for row in rows
    }


@dataclass(frozen=True)
class TrendRow:
    name: str
    trend: benchmarks.Trend


def cluster_trend(rounds: Sequence[DiagnosticRound]) -> list[TrendRow]:
    """Cluster mean per scale across `rounds` (oldest first); a round below MIN_FIRMS firms has no point."""
    means = [group_means(list(round_firm_data(r).values())) or {} for r in rounds]
    if not rounds:
        return []
    instrument = load_instrument(rounds[-1].instrument_version)
    return [
        TrendRow(
            scale.name, benchmarks.trend([(r.title, m.get(scale.code)) for r, m in zip(rounds, means, strict=True)])
        )
        for scale in instrument.scales
    ]
