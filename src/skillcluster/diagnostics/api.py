"""Diagnostic endpoints: rounds, the owner form, submission, a firm's profile and cluster aggregates.

Same access helpers, services and anonymity floor as the pages: a firm's profile is for its own
people; cluster figures below 5 firms come back as null.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.domain.scoring import LEARNING_TYPES
from skillcluster.diagnostics.models import DiagnosticRound, FormKind
from skillcluster.diagnostics.selectors import cluster_report, firm_report, rounds
from skillcluster.tenancy.domain.permissions import TenancyPerm
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.models import Firm
from skillcluster.tenancy.navigation import activity_offers
from skillcluster.tenancy.selectors import cluster_get_for_user

router = Router(tags=["diagnostics"])


class RoundIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    deadline: date
    opens_on: date | None = None
    firm_ids: list[int] = Field(min_length=1)


class RoundOut(Schema):
    id: int
    cluster_id: int
    title: str
    instrument_version: str
    opens_on: date
    deadline: date
    closed: bool
    firm_ids: list[int]

    @staticmethod
    def resolve_closed(obj: DiagnosticRound) -> bool:
        return obj.is_closed

    @staticmethod
    def resolve_firm_ids(obj: DiagnosticRound) -> list[int]:
        return sorted(obj.round_firms.values_list("firm_id", flat=True))


class OptionOut(Schema):
    value: int
    label: str


class ItemOut(Schema):
    code: str
    text: str
    help: str


class ScaleOut(Schema):
    code: str
    name: str
    description: str
    items: list[ItemOut]


class FormOut(Schema):
    instrument_version: str
    language: str  # the language of the texts below (English where the version has no translation into the asked one)
    title: str
    privacy_notice: str
    response_scale: list[OptionOut]
    scales: list[ScaleOut]
    status: str
    answers: dict[str, int]


class AnswersIn(Schema):
    answers: dict[str, int | None]
    submit: bool = False


class ResponseOut(Schema):
    status: str
    instrument_version: str
    answers: dict[str, int]
    submitted_at: datetime | None


class RankOut(Schema):
    percentile: float
    low: float
    high: float
    n_peers: int


class GapOut(Schema):
    owner: float
    staff_mean: float
    gap: float
    n_staff: int


class ActionOut(Schema):
    rank: int
    title: str
    activity: str
    doable_this_month: bool
    reason: str


class ProfileOut(Schema):
    round_id: int
    learning_type: str | None
    learning_type_label: str
    learning_style: str | None  # fire_fighter, lone_planner, coping_together, learning_together
    owner_view_only: bool  # true while no staff answers count: the profile is the owner's view alone
    scores: dict[str, float | None]
    balance: float | None
    overall: float | None
    percentile_size_class: RankOut | None
    percentile_cluster: RankOut | None
    gaps: dict[str, GapOut] | None
    recommendations: list[ActionOut]


class GroupOut(Schema):
    group: str
    n_firms: int
    learning_types: dict[str, int] | None
    crisis_percent: float | None
    scale_means: dict[str, float | None] | None


class ReliabilityOut(Schema):
    alpha: float | None
    omega: float | None
    n: int
    flagged: list[str]


class AggregatesOut(Schema):
    round_id: int
    n_firms: int
    shown: bool
    crisis_percent: float | None
    groups: list[GroupOut]
    reliability: dict[str, ReliabilityOut]


@router.get("/clusters/{cluster_id}/diagnostic-rounds", response=list[RoundOut])
def round_list(request: PersonRequest, cluster_id: int) -> list[DiagnosticRound]:
    cluster, _ = cluster_get_for_user(request.user, cluster_id, perm=TenancyPerm.CLUSTER_VIEW_AGGREGATES)
    return list(rounds.round_list_for_cluster(cluster))


@router.post("/clusters/{cluster_id}/diagnostic-rounds", response={201: RoundOut})
def round_create(request: PersonRequest, cluster_id: int, payload: RoundIn) -> Status[DiagnosticRound]:
    user = request.user
    cluster, _ = cluster_get_for_user(user, cluster_id, perm=DiagnosticPerm.RUN_ROUNDS)
    firms = list(Firm.objects.filter(cluster=cluster, pk__in=payload.firm_ids))
    unknown = sorted(set(payload.firm_ids) - {firm.pk for firm in firms})
    if unknown:
        raise ValidationError({"firm_ids": gettext("Not firms of this cluster: %(ids)s") % {"ids": unknown}})
    fields = payload.dict(exclude={"firm_ids"})
    return Status(201, services.round_open(cluster=cluster, firms=firms, created_by=user, **fields))


@router.get("/firms/{firm_id}/diagnostic-rounds/{round_id}/form", response=FormOut)
def owner_form(request: PersonRequest, firm_id: int, round_id: int) -> dict[str, object]:
    user = request.user
    _, _, diagnostic_round = rounds.round_get_for_firm(user, firm_id, round_id, perm=DiagnosticPerm.ANSWER_FOR_FIRM)
    instrument = load_instrument(diagnostic_round.instrument_version, get_language())
    response = rounds.response_get(diagnostic_round, user)
    scales = [
        {
            "code": s.code,
            "name": s.name,
            "description": s.description,
            "items": [{"code": i.code, "text": i.text, "help": i.help} for i in s.items_for(FormKind.OWNER)],
        }
        for s in instrument.scales
    ]
    return {
        "instrument_version": instrument.version,
        "language": instrument.language,
        "title": instrument.form(FormKind.OWNER).title,
        "privacy_notice": instrument.privacy_notice,
        "response_scale": instrument.response_scale,
        "scales": scales,
        "status": response.status if response else "not started",
        "answers": response.answers if response else {},
    }


@router.put("/firms/{firm_id}/diagnostic-rounds/{round_id}/response", response=ResponseOut)
def owner_response(request: PersonRequest, firm_id: int, round_id: int, payload: AnswersIn) -> object:
    user = request.user
    firm, _, diagnostic_round = rounds.round_get_for_firm(user, firm_id, round_id, perm=DiagnosticPerm.ANSWER_FOR_FIRM)
    return services.response_save(
        diagnostic_round=diagnostic_round,
        firm=firm,
        respondent=user,
        form=FormKind.OWNER,
        answers=dict(payload.answers),
        submit=payload.submit,
        language=get_language(),  # the language the form was read in, as the request asks for it
    )


def _rank(rank: object) -> dict[str, object] | None:
    return None if rank is None else vars(rank)


@router.get("/firms/{firm_id}/diagnostic-rounds/{round_id}/profile", response=ProfileOut)
def firm_profile(request: PersonRequest, firm_id: int, round_id: int) -> dict[str, object]:
    firm, access, diagnostic_round = rounds.firm_report_get_for_user(request.user, firm_id, round_id)
    # the owner-staff gaps carry the owner's own answers: for the owner only
    owner = access.has(DiagnosticPerm.ANSWER_FOR_FIRM)
    unavailable = frozenset(activity for activity, offer in activity_offers(firm).items() if offer is None)
    report = firm_report.firm_report(
        diagnostic_round, firm.pk, for_owner=owner, unavailable=unavailable, language=get_language()
    )
    if report is None:
        raise HttpError(404, "No profile yet: the firm's owner form is not submitted")
    gaps = None if report.gaps is None else {row.name: vars(row.gap) for row in report.gaps}
    return {
        "round_id": diagnostic_round.pk,
        "learning_type": report.learning_type,
        "learning_type_label": report.type_label,
        "learning_style": report.learning_style,
        "owner_view_only": report.owner_view_only,
        "scores": report.scores,
        "balance": report.balance,
        "overall": report.overall,
        "percentile_size_class": _rank(report.benchmark.size_class),
        "percentile_cluster": _rank(report.benchmark.cluster),
        "gaps": gaps,
        "recommendations": [vars(action) for action in report.recommendations],
    }


@router.get("/clusters/{cluster_id}/diagnostic-rounds/{round_id}/aggregates", response=AggregatesOut)
def cluster_aggregates(request: PersonRequest, cluster_id: int, round_id: int) -> dict[str, object]:
    _, _, diagnostic_round = rounds.round_get_for_cluster(request.user, cluster_id, round_id)
    figures = cluster_report.cluster_figures(diagnostic_round)
    codes = list(LEARNING_TYPES)
    groups = [
        {
            "group": code,
            "n_firms": row.n_firms,
            "learning_types": None if row.counts is None else dict(zip(codes, row.counts, strict=True)),
            "crisis_percent": row.crisis_percent,
            "scale_means": means,
        }
        for (code, _, means), row in zip(figures.group_means, figures.type_rows, strict=True)
    ]
    return {
        "round_id": diagnostic_round.pk,
        "n_firms": figures.n_firms,
        "shown": figures.shown,
        "crisis_percent": figures.crisis_percent,
        "groups": groups,
        "reliability": cluster_report.reliability_json(figures.reliability),
    }
