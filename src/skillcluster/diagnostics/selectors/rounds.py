"""Reads for diagnostic rounds, always scoped to what the caller may see.

Access: rounds are fetched only through the helpers here, on top of tenancy's access helpers, so
another tenant's round answers 404 like a missing one. A firm's report (what its people answered) is
for the firm's own people: a cluster role grants `firm.view` on member firms, but the cluster sees
only aggregates, so the report asks for `diagnostic.view_firm_report` (:func:`firm_report_get_for_user`).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.models import (
    DiagnosticRound,
    FormKind,
    Response,
    ResponseStatus,
    RoundFirm,
    RoundReopening,
    StaffInvite,
)
from skillcluster.tenancy.domain.permissions import Access, Permission, TenancyPerm
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person
from skillcluster.tenancy.selectors import cluster_get_for_user, firm_get_for_user


def round_get_for_cluster(
    user: Person, cluster_id: int, round_id: int, *, perm: Permission = TenancyPerm.CLUSTER_VIEW_AGGREGATES
) -> tuple[Cluster, Access, DiagnosticRound]:
    cluster, access = cluster_get_for_user(user, cluster_id, perm=perm)
    diagnostic_round = DiagnosticRound.objects.filter(pk=round_id, cluster=cluster).first()
    if diagnostic_round is None:
        raise Http404("No such round")
    return cluster, access, diagnostic_round


def round_get_for_firm(
    user: Person, firm_id: int, round_id: int, *, perm: Permission = TenancyPerm.FIRM_VIEW
) -> tuple[Firm, Access, DiagnosticRound]:
    """A round the firm takes part in; 404 for a round of another cluster or without this firm."""
    firm, access = firm_get_for_user(user, firm_id, perm=perm)
    round_firm = RoundFirm.objects.select_related("round").filter(round_id=round_id, firm=firm).first()
    if round_firm is None:
        raise Http404("No such round")
    return firm, access, round_firm.round


def firm_report_get_for_user(user: Person, firm_id: int, round_id: int) -> tuple[Firm, Access, DiagnosticRound]:
    """As :func:`round_get_for_firm`, and 403 for a cluster role: a firm's report is for its own people."""
    firm, access, diagnostic_round = round_get_for_firm(user, firm_id, round_id)
    if not access.has(DiagnosticPerm.VIEW_FIRM_REPORT):
        raise PermissionDenied(f"The report of {firm} is for its own people; the cluster sees aggregates only")
    return firm, access, diagnostic_round


def round_list_for_cluster(cluster: Cluster) -> QuerySet[DiagnosticRound]:
    answered = Q(responses__form=FormKind.OWNER, responses__status=ResponseStatus.SUBMITTED)
    return DiagnosticRound.objects.filter(cluster=cluster).annotate(
        firm_count=Count("round_firms", distinct=True),
        answered_count=Count("responses", filter=answered, distinct=True),
    )


@dataclass(frozen=True)
class FirmRoundRow:
    round: DiagnosticRound
    owner_status: str  # "not started", "draft" or "submitted"
    own_response: Response | None


def round_list_for_firm(firm: Firm, user: Person) -> list[FirmRoundRow]:
    rounds = DiagnosticRound.objects.filter(round_firms__firm=firm).order_by("-opens_on", "-id")
    owner = {r.round_id: r.status for r in Response.objects.filter(firm=firm, form=FormKind.OWNER)}
    own = {r.round_id: r for r in Response.objects.filter(firm=firm, respondent=user)}
    return [FirmRoundRow(r, owner.get(r.pk, "not started"), own.get(r.pk)) for r in rounds]


@dataclass(frozen=True)
class OpenRoundState:
    round: DiagnosticRound
    owner_status: str  # the firm's owner form: "not started", "draft" or "submitted"
    own_form: str | None  # the form `user` has begun in this round, if any


def open_round_states(firm: Firm, user: Person, today: date) -> list[OpenRoundState]:
    """The firm's rounds open on ``today``, each with its owner form's status and ``user``'s own form: one
    query, for the to-do list on every visit to the firm's page."""
    responses = Response.objects.filter(round=OuterRef("pk"), firm=firm)
    rounds = (
        DiagnosticRound.objects.filter(round_firms__firm=firm, closed_at__isnull=True, opens_on__lte=today)
        .annotate(
            owner_status=Subquery(responses.filter(form=FormKind.OWNER).values("status")[:1]),
            own_form=Subquery(responses.filter(respondent=user).values("form")[:1]),
        )
        .order_by("-opens_on", "-id")
    )
    return [OpenRoundState(r, r.owner_status or "not started", r.own_form) for r in rounds]


@dataclass(frozen=True)
class ProgressRow:
    firm: Firm
    owner_status: str
    staff_submitted: int
    reminded_at: datetime | None


def round_progress(diagnostic_round: DiagnosticRound) -> list[ProgressRow]:
    """Who has answered (never what): the owner form's status and the number of staff forms per firm."""
    responses = Response.objects.filter(round=diagnostic_round)
    owner = dict(responses.filter(form=FormKind.OWNER).values_list("firm_id", "status"))
    staff = dict(
        responses.filter(form=FormKind.STAFF, status=ResponseStatus.SUBMITTED)
        .values_list("firm_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = RoundFirm.objects.filter(round=diagnostic_round).select_related("firm").order_by("firm__legal_name")
    return [
        ProgressRow(rf.firm, owner.get(rf.firm_id, "not started"), staff.get(rf.firm_id, 0), rf.reminded_at)
        for rf in rows
    ]


def response_get(diagnostic_round: DiagnosticRound, respondent: Person) -> Response | None:
    return Response.objects.filter(round=diagnostic_round, respondent=respondent).first()


def staff_invite_list(diagnostic_round: DiagnosticRound, firm: Firm) -> list[tuple[StaffInvite, str]]:
    """Invites with their state ("invited", "answering", "answered"); never the answers."""
    invites = StaffInvite.objects.filter(round=diagnostic_round, firm=firm).select_related("person")
    statuses: dict[int, str] = dict(
        Response.objects.filter(round=diagnostic_round, firm=firm, form=FormKind.STAFF).values_list(
            "respondent_id", "status"
        )
    )
    labels = {ResponseStatus.DRAFT.value: "answering", ResponseStatus.SUBMITTED.value: "answered"}
    return [(invite, labels.get(statuses.get(invite.person_id, ""), "invited")) for invite in invites]


def invitable_staff(diagnostic_round: DiagnosticRound, firm: Firm, user: Person) -> QuerySet[Membership]:
    invited = StaffInvite.objects.filter(round=diagnostic_round, firm=firm).values_list("person_id", flat=True)
    return (
        Membership.objects.filter(firm=firm)
        .exclude(person=user)
        .exclude(person_id__in=invited)
        .select_related("person")
        .order_by("person__full_name")
    )


def firms_for_new_round(cluster: Cluster) -> QuerySet[Firm]:
    return Firm.objects.filter(cluster=cluster, left_at__isnull=True).order_by("legal_name")


def firms_outside_round(diagnostic_round: DiagnosticRound) -> QuerySet[Firm]:
    """The cluster's firms not (yet) asked in this round, e.g. those that joined while it was open."""
    inside = RoundFirm.objects.filter(round=diagnostic_round).values_list("firm_id", flat=True)
    return firms_for_new_round(diagnostic_round.cluster).exclude(pk__in=inside)


def reopening_list(diagnostic_round: DiagnosticRound) -> QuerySet[RoundReopening]:
    return RoundReopening.objects.filter(round=diagnostic_round).select_related("closed_by", "reopened_by")


def pending_counts(diagnostic_round: DiagnosticRound) -> dict[str, int]:
    """Submitted answers not yet counted in the figures others see (they wait for a batch), per form."""
    waiting = (
        Response.objects.filter(round=diagnostic_round, status=ResponseStatus.SUBMITTED, published_at__isnull=True)
        .values_list("form")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = dict(waiting)
    return {FormKind.OWNER.value: found.get(FormKind.OWNER, 0), FormKind.STAFF.value: found.get(FormKind.STAFF, 0)}
