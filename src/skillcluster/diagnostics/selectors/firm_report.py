"""Figures from a round's answers: a firm's report, cluster aggregates and scale reliability (selectors).

They cross firms on purpose (peers, cluster figures), through `all_objects`, and return a figure only
where at least :data:`MIN_FIRMS` firms stand behind it (``None`` otherwise): the anonymity floor is
enforced here, on the server, never in templates. Reliability is shown from 30 respondents on.

Rules:
* Only submitted responses count. A firm has a profile in a round once its owner form is submitted.
* **Firm scores**: the owner's scale scores ("owner's view only"); once :data:`MIN_STAFF` staff answers are
  published, each scale moves by half the owner-staff gap measured on the items both forms share (owner
  and staff as a group weigh the same, compared like for like), so the profile becomes participative.
  Fewer staff are not shown at all: one answer would be identifiable.
* **Overall learning score**: the mean of the three components (the triad); percentiles use it.
* Peer bands and percentiles compare the firm with the *other* firms of the round (see `benchmarks`).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import get_language, gettext

from skillcluster.diagnostics.domain import benchmarks, charts, measurement
from skillcluster.diagnostics.domain.instrument import TRIAD, Instrument, comparable, load_instrument
from skillcluster.diagnostics.domain.recommendations import Recommendation, load_rules, reason_scale_names, recommend
from skillcluster.diagnostics.domain.scoring import (
    LEARNING_STYLE_LABELS,
    LEARNING_STYLE_RULES,
    LEARNING_TYPE_LABELS,
    LEARNING_TYPES,
    ScaleGap,
    learning_style,
    perception_gaps,
    profile,
    scale_scores,
    shared_scores,
    straight_lining,
    with_staff,
)
from skillcluster.diagnostics.models import DiagnosticRound, FormKind, Response, ResponseStatus
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.sme import is_startup

Scores = dict[str, float | None]


@dataclass
class FirmData:
    firm_id: int
    size_class: str
    is_startup: bool
    owner: Scores | None = None
    owner_shared: Scores | None = None  # the owner's scores on the items the staff form shares
    staff: list[Scores] = field(default_factory=list)
    published_at: datetime | None = None  # when its owner form entered the figures others see
    answers: list[dict[str, int]] = field(default_factory=list)  # the raw answers counted, owner first
    languages: list[str] = field(default_factory=list)  # the language each of those was given in (`answers` order)
    staff_waiting: int = 0  # staff answers submitted but not yet released (they wait for a batch)

    @property
    def owner_view_only(self) -> bool:
        return not disclosure.staff_shown(len(self.staff))

    @property
    def gaps(self) -> dict[str, ScaleGap | None] | None:
        """Owner-staff gaps per scale, only from MIN_STAFF staff answers (so no one answer shows)."""
        if self.owner_shared is None or self.owner_view_only:
            return None
        return perception_gaps(self.owner_shared, self.staff)

    @property
    def scores(self) -> Scores:
        owner = self.owner or {}
        gaps = self.gaps or {}
        return {code: with_staff(value, gaps.get(code)) for code, value in owner.items()}


def overall(scores: Scores) -> float | None:
    values = [scores.get(code) for code in TRIAD]
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if len(known) == len(values) else None


@dataclass
class _Collected(FirmData):
    """Everything submitted; the public functions above decide which staff answers count."""

    staff_published: list[tuple[Scores, datetime | None]] = field(default_factory=list)
    staff_answers: list[tuple[dict[str, int], datetime | None, str]] = field(default_factory=list)


def round_firm_data(
    diagnostic_round: DiagnosticRound, firm_id: int | None = None, instrument: Instrument | None = None
) -> dict[int, FirmData]:
    """The round as others may see it: the firms whose owner form is published, each with the staff answers
    published by that moment. A firm's figure never moves once shown (staff batches published later count in
    the firm's own report only), so readings over time differ only by whole batches of firms."""
    firms = _firm_data(diagnostic_round, firm_id, instrument)
    published = {key: data for key, data in firms.items() if data.published_at is not None}
    for data in published.values():
        shown_at = data.published_at
        counted = [
            i for i, (_, at) in enumerate(data.staff_published) if at is not None and shown_at and at <= shown_at
        ]
        data.staff = [data.staff_published[i][0] for i in counted]
        data.answers += [data.staff_answers[i][0] for i in counted]
        data.languages += [data.staff_answers[i][2] for i in counted]
    return dict(published)


def own_firm_data(
    diagnostic_round: DiagnosticRound, firm_id: int, instrument: Instrument | None = None
) -> FirmData | None:
    """The firm's own view: its owner form once submitted, with the staff answers published so far (in
    batches of at least MIN_STAFF, so the owner cannot tell one colleague's answers by difference)."""
    data = _firm_data(diagnostic_round, firm_id, instrument).get(firm_id)
    if data is not None:
        data.staff = [s for s, at in data.staff_published if at is not None]
        data.staff_waiting = len(data.staff_published) - len(data.staff)
    return data


def _firm_data(
    diagnostic_round: DiagnosticRound, firm_id: int | None, instrument: Instrument | None = None
) -> dict[int, _Collected]:
    """Scored on the round's own instrument, or on ``instrument`` (`instrument.comparable`) to compare rounds."""
    rows = Response.all_objects.filter(
        round=diagnostic_round, status=ResponseStatus.SUBMITTED, instrument_version=diagnostic_round.instrument_version
    )
    if firm_id is not None:
        rows = rows.filter(firm_id=firm_id)
    instrument = instrument or load_instrument(diagnostic_round.instrument_version)
    year = diagnostic_round.opens_on.year
    firms: dict[int, _Collected] = {}
    fields = ("firm_id", "form", "answers", "published_at", "firm__size_class", "firm__founding_year", "language")
    for firm, form, answers, published, size, founded, language in rows.values_list(*fields).order_by("id"):
        data = firms.setdefault(firm, _Collected(firm, size, is_startup(founded, year)))
        scores = scale_scores(instrument, answers, form)
        if form == FormKind.OWNER:
            data.owner, data.published_at = scores, published
            data.owner_shared = shared_scores(instrument, answers)
            data.answers.insert(0, answers)
            data.languages.insert(0, language)
        else:
            data.staff_published.append((scores, published))
            data.staff_answers.append((answers, published, language))
    return {key: data for key, data in firms.items() if data.owner is not None}


@dataclass(frozen=True)
class ScaleRow:
    code: str
    name: str
    description: str
    score: float | None
    error: float | None  # half-width of the score's 95 % measurement band (points); None below 30 answers
    band: benchmarks.PeerBand | None
    size_rank: benchmarks.PercentileRank | None


@dataclass(frozen=True)
class GapRow:
    name: str
    gap: ScaleGap


@dataclass(frozen=True)
class FirmReport:
    round: DiagnosticRound
    scores: Scores
    balance: float | None
    learning_type: str | None
    learning_style: str | None  # pro-active x participative quadrant (the seed's two axes)
    overall: float | None
    benchmark: benchmarks.Benchmark
    n_size_peers: int
    n_cluster_peers: int
    rows: list[ScaleRow]
    n_staff: int
    owner_view_only: bool  # no staff answers count yet: the profile is the owner's view alone
    owner_careless: bool  # the owner's answers look straight-lined (`scoring.straight_lining`)
    staff_waiting: int  # colleagues who answered but wait for a batch of MIN_STAFF before they count
    gaps: list[GapRow] | None
    recommendations: tuple[Recommendation, ...]
    scale_chart: str
    triad_chart: str

    @property
    def type_label(self) -> str:
        return LEARNING_TYPE_LABELS.get(self.learning_type or "") or gettext("Not enough answers")

    @property
    def type_rule(self) -> str:
        return LEARNING_TYPES.get(self.learning_type or "", "")

    @property
    def style_label(self) -> str:
        return LEARNING_STYLE_LABELS.get(self.learning_style or "", "")

    @property
    def style_rule(self) -> str:
        return LEARNING_STYLE_RULES.get(self.learning_style or "", "")


def firm_report(
    diagnostic_round: DiagnosticRound,
    firm_id: int,
    *,
    for_owner: bool = True,
    unavailable: frozenset[str] = frozenset(),
    language: str | None = None,
) -> FirmReport | None:
    """The firm's report in the round, or ``None`` before its owner form is submitted. The owner-staff gaps,
    and the actions that cite them, show the owner's own answers: without ``for_owner`` they are left out.
    Actions of an ``unavailable`` activity (the cluster offers the firm nothing of it now) are passed over.
    Scale names, charts and actions are worded in ``language`` (the active language where not given); the
    figures are the same in every language."""
    own = own_firm_data(diagnostic_round, firm_id)
    if own is None:
        return None
    instrument = load_instrument(diagnostic_round.instrument_version, language or get_language())
    published = round_firm_data(diagnostic_round)
    peers = [d for key, d in published.items() if key != firm_id]
    size_peers = [d for d in peers if d.size_class == own.size_class]
    scores = own.scores
    firm_profile = profile(scores)
    answers = [answer for d in published.values() for answer in d.answers]
    errors = {scale.code: measurement.error_band(instrument, scale.code, answers) for scale in instrument.scales}
    rows = _scale_rows(instrument, scores, errors, peers, size_peers)
    names = {scale.code: scale.name for scale in instrument.scales}
    value = overall(scores)
    gaps = own.gaps if for_owner else None
    rules = load_rules(language=instrument.language)  # the reasons in the language of the scale names they cite
    return FirmReport(
        round=diagnostic_round,
        scores=scores,
        balance=firm_profile.balance,
        learning_type=firm_profile.learning_type,
        learning_style=learning_style(scores),
        overall=value,
        benchmark=benchmarks.benchmark(
            value, [overall(d.scores) for d in size_peers], [overall(d.scores) for d in peers]
        ),
        n_size_peers=len(size_peers),
        n_cluster_peers=len(peers),
        rows=rows,
        n_staff=len(own.staff),
        owner_view_only=own.owner_view_only,
        owner_careless=bool(own.answers) and straight_lining(instrument, own.answers[0]),
        staff_waiting=own.staff_waiting,
        gaps=None if gaps is None else [GapRow(names[code], gap) for code, gap in gaps.items() if gap is not None],
        recommendations=recommend(
            firm_profile, gaps, rules=rules, scale_names=reason_scale_names(instrument), unavailable=unavailable
        ),
        scale_chart=charts.scale_bar_chart(scores, names, {row.code: row.band for row in rows}, errors=errors),
        triad_chart=charts.triad_chart(scores, names, firm_profile.balance),
    )


def _scale_rows(
    instrument: Instrument,
    scores: Scores,
    errors: dict[str, float | None],
    peers: Sequence[FirmData],
    size_peers: Sequence[FirmData],
) -> list[ScaleRow]:
    return [
        ScaleRow(
            code=scale.code,
            name=scale.name,
            description=scale.description,
            score=scores.get(scale.code),
            error=errors.get(scale.code),
            # Both return None below MIN_FIRMS peers: the floor holds before anything is rendered.
            band=benchmarks.peer_band([d.scores.get(scale.code) for d in peers]),
            size_rank=benchmarks.percentile_rank(
                scores.get(scale.code), [d.scores.get(scale.code) for d in size_peers]
            ),
        )
        for scale in instrument.scales
    ]


def firm_trend(
    rounds: Sequence[DiagnosticRound],
    firm_id: int,
    measure: Callable[[Scores], float | None] = overall,
    step: float | None = None,
) -> benchmarks.Trend:
    """The firm's ``measure`` (overall learning score, or e.g. the balance index) over `rounds`, oldest first;
    a change under ``step`` (what measurement error explains, see `measurement`) counts as steady. Rounds on
    different instrument versions are scored on what the versions share (`instrument.comparable`)."""
    instrument = comparable([load_instrument(v) for v in dict.fromkeys(r.instrument_version for r in rounds)])
    points = []
    for diagnostic_round in rounds:
        own = own_firm_data(diagnostic_round, firm_id, instrument)
        points.append((diagnostic_round.title, measure(own.scores) if own else None))
    return benchmarks.trend(points, step or benchmarks.TREND_STEP)


@dataclass(frozen=True)
class ActivityDemand:
    round: DiagnosticRound
    firms: int  # firms whose profile is published in the round
    recommended: dict[str, int]  # activity → firms it is recommended to (only counts of MIN_FIRMS or more)


def activity_demand(cluster_id: int) -> ActivityDemand | None:
    """How many firms the latest round with published profiles recommends each kind of activity to, from their
    published profiles (the owner-staff gaps stay the owner's). A count under MIN_FIRMS is left out: it could
    point at a firm."""
    rounds = DiagnosticRound.objects.filter(cluster_id=cluster_id).order_by("-opens_on", "-pk")
    for diagnostic_round in rounds[:3]:
        published = round_firm_data(diagnostic_round)
        if not published:
            continue
        counts: dict[str, int] = {}
        for data in published.values():
            for action in recommend(profile(data.scores)):
                counts[action.activity] = counts.get(action.activity, 0) + 1
        shown = {a: n for a, n in counts.items() if n >= disclosure.MIN_FIRMS}
        return ActivityDemand(diagnostic_round, len(published), shown)
    return None
