"""Cluster figures of a round (selectors): learning types by size class, crisis share, heat map of scale
means, scores by the language people answered in, trend across rounds and the reliability of each scale.

Every figure needs at least :data:`MIN_FIRMS` firms behind it (a group of fewer firms shows ``None``);
reliability needs that and :data:`psychometrics.MIN_RESPONDENTS` respondents. Reliability is computed on
the items common to the owner and the staff form (the staff form's items), over every submitted
response of the round, owners and staff alike, after reverse keying.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import get_language, get_language_info, gettext, gettext_lazy, pgettext_lazy

from skillcluster.diagnostics.domain import benchmarks, charts, measurement, psychometrics
from skillcluster.diagnostics.domain.instrument import STAFF_FORM, Instrument, comparable, load_instrument
from skillcluster.diagnostics.domain.scoring import (
    BALANCED_MIN,
    CRISIS_MANAGER,
    LEARNING_STYLES,
    LEARNING_TYPE_LABELS,
    LEARNING_TYPES,
    balance_index,
    learning_style,
    mean_scores,
    profile,
    scale_scores,
)
from skillcluster.diagnostics.models import DiagnosticRound, Response
from skillcluster.diagnostics.selectors.firm_report import FirmData, round_firm_data
from skillcluster.tenancy.domain import disclosure
from skillcluster.tenancy.domain.disclosure import MIN_FIRMS

GROUPS = (
    ("micro", gettext_lazy("Micro (< 10)")),
    ("small", gettext_lazy("Small (< 50)")),
    ("medium", gettext_lazy("Medium (< 250)")),
    ("large", gettext_lazy("Large")),
)
STARTUPS = ("startup", gettext_lazy("Start-ups (< 5 years)"))
ALL = ("all", gettext_lazy("All firms"))
# The groups' names without their bounds, where space is short (the heat map's rows, about 15 characters).
SHORT_LABELS = {
    "micro": pgettext_lazy("size group, short", "Micro"),
    "small": pgettext_lazy("size group, short", "Small"),
    "medium": pgettext_lazy("size group, short", "Medium"),
    "large": pgettext_lazy("size group, short", "Large"),
    "startup": pgettext_lazy("size group, short", "Start-ups"),
    "all": pgettext_lazy("size group, short", "All firms"),
}


def _groups(data: Sequence[FirmData]) -> list[tuple[str, str, list[FirmData]]]:
    groups = [(code, str(label), [d for d in data if d.size_class == code]) for code, label in GROUPS]
    groups = [group for group in groups if group[2] or group[0] != "large"]
    groups.append((STARTUPS[0], str(STARTUPS[1]), [d for d in data if d.is_startup]))
    groups.append((ALL[0], str(ALL[1]), list(data)))
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
    sem: float | None = None  # standard error of measurement of a scale score, 0-100 points


@dataclass(frozen=True)
class BalanceSummary:
    """How evenly the cluster's firms learn on the three fronts (balance index, 0-100)."""

    n: int
    quartiles: tuple[float, float, float]
    balanced: int  # firms at BALANCED_MIN or more
    share: float  # percent balanced, with its 95 % Wilson interval
    low: float
    high: float


@dataclass(frozen=True)
class LanguageRow:
    language: str  # the code the responses record ("it")
    name: str  # the language's name in the reader's language
    n_responses: int
    n_firms: int
    means: list[float | None]  # per scale (the order of `LanguageFigures.scales`): mean of the responses' scores on
    # the statements both forms share


@dataclass(frozen=True)
class LanguageFigures:
    """Whether scores differ by the language people answered in (the statements are the same in every language,
    so a clear difference points at a translation, or at who answered in that language)."""

    scales: list[tuple[str, str]]  # (code, name), the table's columns
    rows: list[LanguageRow]  # the languages shown
    hidden: int  # languages answered in whose figures are not shown (see `language_figures`)


@dataclass(frozen=True)
class ClusterFigures:
    round: DiagnosticRound
    n_firms: int
    n_respondents: int
    n_owner_view_only: int  # firm profiles resting on the owner's answers alone (no staff batch yet)
    type_labels: list[str]
    type_rows: list[TypeRow]
    crisis_percent: float | None
    heat_map: str | None
    reliability: list[ReliabilityRow]
    group_means: list[tuple[str, str, dict[str, float | None] | None]]
    styles: dict[str, int] | None  # firms per pro-active x participative quadrant, all firms (None if hidden)
    balance: BalanceSummary | None
    languages: LanguageFigures | None = None  # None while hidden, or where everybody answered in one language

    @property
    def shown(self) -> bool:
        return self.n_firms >= MIN_FIRMS


def published_groups(data: Sequence[FirmData]) -> set[str]:
    """The groups whose figures may be shown now: at least MIN_FIRMS firms each, and, with every group shown
    at earlier releases of this round, no set of fewer than MIN_FIRMS firms computable by subtraction
    (complementary suppression over the whole release history, `disclosure.publishable`)."""
    return release_history(data)[0]


def release_history(data: Sequence[FirmData]) -> tuple[set[str], list[frozenset[int]]]:
    """The groups shown now, and the firm sets of every group shown at any release of the round."""
    shown: set[str] = set()
    earlier: list[frozenset[int]] = []
    for moment in sorted({d.published_at for d in data if d.published_at is not None}):
        released = [d for d in data if d.published_at is not None and d.published_at <= moment]
        groups = {code: frozenset(d.firm_id for d in members) for code, _, members in _groups(released)}
        shown = disclosure.publishable(groups, k=MIN_FIRMS, earlier=earlier, keep=ALL[0])
        earlier += [groups[code] for code in sorted(shown)]
    return shown, earlier


FIGURES_TTL = 300  # seconds; the key changes anyway the moment a batch of answers is released


def cluster_figures(diagnostic_round: DiagnosticRound) -> ClusterFigures:
    """The round's cluster figures, computed once per release of answers (then read from the shared cache:
    the reliability analysis alone costs tens of milliseconds, and every manager's visit would pay it); one copy
    per language, as the figures carry their labels."""
    released = Response.all_objects.filter(round=diagnostic_round, published_at__isnull=False).aggregate(
        n=Count("pk"), last=Max("published_at")
    )
    closed = diagnostic_round.closed_at.isoformat() if diagnostic_round.closed_at else "open"
    last = released["last"].isoformat() if released["last"] else "none"
    key = f"diagnostic:figures:{diagnostic_round.pk}:{released['n']}:{last}:{closed}:{get_language()}"
    figures: ClusterFigures | None = cache.get(key)
    if figures is None:
        figures = _cluster_figures(diagnostic_round)
        cache.set(key, figures, FIGURES_TTL)
    return figures


def _cluster_figures(diagnostic_round: DiagnosticRound) -> ClusterFigures:
    instrument = load_instrument(diagnostic_round.instrument_version, get_language())
    data = list(round_firm_data(diagnostic_round).values())
    visible = published_groups(data)
    groups = [(code, label, members if code in visible else []) for code, label, members in _groups(data)]
    everyone = next(members for code, _, members in groups if code == ALL[0])  # empty while hidden
    rows = [_type_row(label, members, len(everyone)) for (_, label, members), (_, _, everyone) in
            zip(groups, _groups(data), strict=True)]  # fmt: skip
    return ClusterFigures(
        round=diagnostic_round,
        n_firms=len(data),
        n_respondents=sum(len(d.answers) for d in data),
        n_owner_view_only=sum(d.owner_view_only for d in data),
        type_labels=[LEARNING_TYPE_LABELS[code] for code in LEARNING_TYPES],
        type_rows=rows,
        crisis_percent=rows[-1].crisis_percent,
        heat_map=_heat_map(instrument, groups) if ALL[0] in visible else None,
        reliability=round_reliability(diagnostic_round, data=data, shown=ALL[0] in visible),
        group_means=[(code, label, group_means(members)) for code, label, members in groups],
        styles=_styles(everyone),
        balance=balance_summary(everyone),
        languages=language_figures(instrument, data) if ALL[0] in visible else None,
    )


def language_figures(instrument: Instrument, data: Sequence[FirmData]) -> LanguageFigures | None:
    """Per language the round's counted responses were given in: how many, from how many firms, and each
    scale's mean over them, every response scored on the statements both forms share (an owner's answers and
    a colleague's compare like for like). ``None`` where all were given in one language.

    A language's figures are a sum over its firms' responses in it, so they follow the size groups' rules
    (`release_history`): at least MIN_FIRMS firms, and, over the releases of the round, no set of fewer than
    MIN_FIRMS firms computable by subtracting two readings. A language that fails either is hidden whole,
    its name and count included."""
    languages = sorted({language for d in data for language in d.languages})
    if len(languages) < 2:
        return None
    scales = [(scale.code, scale.name) for scale in instrument.scales]
    rows = []
    for language in _languages_shown(data, languages):
        members = [d for d in data if language in d.languages]
        answers = [a for d in members for a, said in zip(d.answers, d.languages, strict=True) if said == language]
        means = mean_scores([scale_scores(instrument, answer, STAFF_FORM) for answer in answers])
        row = [means.get(code) for code, _ in scales]
        rows.append(LanguageRow(language, _language_name(language), len(answers), len(members), row))
    return LanguageFigures(scales, rows, len(languages) - len(rows))


def _languages_shown(data: Sequence[FirmData], languages: Sequence[str]) -> list[str]:
    """The ``languages`` whose figures may be shown now, release by release as `release_history` does (each
    language's sums are its own: a firm's responses in one language are not those in another)."""
    moments = sorted({d.published_at for d in data if d.published_at is not None})
    shown = []
    for language in languages:
        earlier: list[frozenset[int]] = []
        now = False
        for moment in moments:
            firms = frozenset(
                d.firm_id for d in data if d.published_at and d.published_at <= moment and language in d.languages
            )
            now = bool(disclosure.publishable({language: firms}, k=MIN_FIRMS, earlier=earlier))
            if now:
                earlier.append(firms)
        if now:
            shown.append(language)
    return shown


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _styles(members: Sequence[FirmData]) -> dict[str, int] | None:
    if len(members) < MIN_FIRMS:
        return None
    styles = [learning_style(d.scores) for d in members]
    return {code: styles.count(code) for code in LEARNING_STYLES}


def balance_summary(members: Sequence[FirmData]) -> BalanceSummary | None:
    """Quartiles of the firms' balance index and the share of balanced firms; ``None`` below MIN_FIRMS."""
    values = [b for d in members if (b := balance_index(d.scores)) is not None]
    if len(values) < MIN_FIRMS:
        return None
    q1, median, q3 = (float(q) for q in np.percentile(np.asarray(values), [25.0, 50.0, 75.0]))
    balanced = sum(1 for value in values if value >= BALANCED_MIN)
    low, high = benchmarks.wilson_interval(balanced, len(values))
    return BalanceSummary(
        len(values), (q1, median, q3), balanced, 100.0 * balanced / len(values), 100 * low, 100 * high
    )


def _type_row(label: str, members: Sequence[FirmData], n_firms: int) -> TypeRow:
    """``members`` is empty where the group is suppressed; ``n_firms`` is how many firms it has all the same."""
    if len(members) < MIN_FIRMS:
        return TypeRow(label, n_firms, None, None)
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
    rows = [(code, str(SHORT_LABELS[code])) for code, _label, _members in groups]
    return charts.heat_map(rows, columns, values, title=gettext("Mean scale scores by size class (0-100)"))


def round_reliability(
    diagnostic_round: DiagnosticRound, *, data: Sequence[FirmData] | None = None, shown: bool | None = None
) -> list[ReliabilityRow]:
    """Alpha, omega, item-rest correlations per scale over the published answers; ``result`` is None where the
    round's figures are not shown, or below 30 respondents."""
    instrument = load_instrument(diagnostic_round.instrument_version, get_language())
    data = list(round_firm_data(diagnostic_round).values()) if data is None else data
    shown = ALL[0] in published_groups(data) if shown is None else shown
    answers = [answer for d in data for answer in d.answers]
    return [_scale_reliability(instrument, code, answers, shown) for code in (s.code for s in instrument.scales)]


def _scale_reliability(instrument: Instrument, code: str, answers: list[dict[str, int]], shown: bool) -> ReliabilityRow:
    complete = measurement.keyed_matrix(instrument, code, answers)
    items = [item.code for item in instrument.scale(code).items_for(STAFF_FORM)]
    result = psychometrics.scale_reliability(complete, items) if shown else None
    sem = None
    if result is not None and not np.isnan(result.alpha):
        sem = psychometrics.sem_points(complete, result.alpha, instrument.min_value, instrument.max_value)
    return ReliabilityRow(code, instrument.scale(code).name, len(complete), result, sem)


def reliability_json(rows: Sequence[ReliabilityRow]) -> dict[str, dict[str, object]]:
    """The figures the cluster page shows, per scale: alpha, omega, n, flagged items (None when hidden)."""
    return {
        row.code: {
            "alpha": row.result.alpha if row.result else None,
            "omega": row.result.omega if row.result else None,
            "n": row.n,
            "sem": row.sem,
            "flagged": list(row.result.flagged) if row.result else [],
        }
        for row in rows
    }


@dataclass(frozen=True)
class _Shown:
    round: DiagnosticRound
    firms: dict[int, FirmData]  # empty while the round's cluster figures are not shown
    family: list[frozenset[int]]  # every firm set published in the round


def _shown(diagnostic_round: DiagnosticRound, instrument: Instrument) -> _Shown:
    data = round_firm_data(diagnostic_round, instrument=instrument)
    shown, family = release_history(list(data.values()))
    return _Shown(diagnostic_round, data if ALL[0] in shown else {}, family)


@dataclass(frozen=True)
class TrendRow:
    name: str
    trend: benchmarks.Trend
    change: benchmarks.MatchedChange | None  # between the last two closed rounds with figures, same firms only
    change_between: tuple[str, str] | None


def cluster_trend(rounds: Sequence[DiagnosticRound]) -> list[TrendRow]:
    """Cluster mean per scale across `rounds` (oldest first); a round whose figures are not shown has no point.

    Rounds on different instrument versions are all scored on what the versions share
    (`instrument.comparable`). The change is measured between the last two *closed* rounds with figures, on
    the firms in both (`benchmarks.matched_change`): closed, so the figure is computed once and two readings
    cannot be subtracted; on the firms `disclosure.matched_members` allows (per scale, among the firms with
    a score on it), so no outsider's score follows."""
    if not rounds:
        return []
    versions = dict.fromkeys(r.instrument_version for r in rounds)
    instrument = comparable([load_instrument(version, get_language()) for version in versions])
    shown = [_shown(r, instrument) for r in rounds]
    means = [(group_means(list(s.firms.values())) or {}) if s.firms else {} for s in shown]
    closed = [s for s in shown if s.firms and s.round.is_closed][-2:]
    rows = []
    for scale in instrument.scales:
        points = [(r.title, m.get(scale.code)) for r, m in zip(rounds, means, strict=True)]
        change = _matched_change(closed, scale.code)
        between = (closed[0].round.title, closed[1].round.title) if change else None
        rows.append(TrendRow(scale.name, benchmarks.trend(points), change, between))
    return rows


def _matched_change(closed: list[_Shown], code: str) -> benchmarks.MatchedChange | None:
    if len(closed) < 2:
        return None
    before, after = closed
    scored = [frozenset(f for f, d in s.firms.items() if d.scores.get(code) is not None) for s in (before, after)]
    members = disclosure.matched_members(
        scored[0], scored[1], k=MIN_FIRMS, before_family=before.family, after_family=after.family
    )
    if members is None:
        return None
    pairs = [(before.firms[f].scores.get(code), after.firms[f].scores.get(code)) for f in sorted(members)]
    return benchmarks.matched_change(pairs)
