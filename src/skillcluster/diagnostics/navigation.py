"""What the diagnostic adds to tenancy's pages (registered in `apps.py`): on a firm's to-do list, the owner
form of an open round, staff to invite, a colleague's staff form; on the cluster's engagement page, who has
answered the open round."""

from collections.abc import Iterator

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.models import DiagnosticRound, FormKind, Response, ResponseStatus, StaffInvite
from skillcluster.diagnostics.selectors import rounds
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Cluster, Firm, Membership, Person
from skillcluster.tenancy.navigation import Cell, EngagementColumn, Todo


def firm_todos(firm: Firm, person: Person, access: Access) -> Iterator[Todo]:
    today = timezone.localdate()
    if access.has(DiagnosticPerm.ANSWER_FOR_FIRM):
        has_staff = Membership.objects.filter(firm=firm).exclude(person=person).exists()
        for row in rounds.round_list_for_firm(firm, person):
            diagnostic_round = row.round
            if diagnostic_round.is_closed or diagnostic_round.opens_on > today:
                continue
            own = row.own_response
            if row.owner_status != ResponseStatus.SUBMITTED and (own is None or own.form == FormKind.OWNER):
                minutes = load_instrument(diagnostic_round.instrument_version).form(FormKind.OWNER).minutes
                started = own is not None
                yield Todo(
                    f"Answer the learning diagnostic “{diagnostic_round.title}” (about {minutes} minutes"
                    f"{', your draft is saved' if started else ''})",
                    reverse("diagnostics_owner_form", args=[firm.pk, diagnostic_round.pk]),
                    "Continue" if started else "Answer now",
                    diagnostic_round.deadline,
                )
            elif (
                row.owner_status == ResponseStatus.SUBMITTED
                and has_staff
                and not StaffInvite.objects.filter(round=diagnostic_round, firm=firm).exists()
            ):
                yield Todo(
                    f"Invite your staff to add their view to “{diagnostic_round.title}”: the report then shows "
                    "how they see learning, not only how you do",
                    reverse("diagnostics_staff", args=[firm.pk, diagnostic_round.pk]),
                    "Invite staff",
                    diagnostic_round.deadline,
                )
    invites = StaffInvite.objects.filter(firm=firm, person=person, used_at__isnull=True).select_related("round")
    for invite in invites:
        if invite.round.is_closed or invite.round.opens_on > today:
            continue
        minutes = load_instrument(invite.round.instrument_version).form(FormKind.STAFF).minutes
        yield Todo(
            f"{firm} asks for your view on how the firm learns: “{invite.round.title}” (about {minutes} minutes)",
            reverse("diagnostics_staff_form", args=[services.staff_link_token(invite)]),
            "Answer",
            invite.round.deadline,
        )


def engagement(cluster: Cluster) -> EngagementColumn | None:
    """The open round's progress per firm (who has answered, never what), for the cluster manager."""
    today = timezone.localdate()
    diagnostic_round = (
        DiagnosticRound.objects.filter(cluster=cluster, closed_at__isnull=True, opens_on__lte=today)
        .order_by("-opens_on", "-id")
        .first()
    )
    if diagnostic_round is None:
        return None
    last = dict(
        Response.objects.filter(round=diagnostic_round).values_list("firm_id").annotate(Max("updated_at")).order_by()
    )
    cells = {}
    for row in rounds.round_progress(diagnostic_round):
        active = last.get(row.firm.pk)
        if row.owner_status == ResponseStatus.SUBMITTED:
            cells[row.firm.pk] = Cell(f"answered · {row.staff_submitted} staff", "done", active)
        elif row.owner_status == ResponseStatus.DRAFT:
            cells[row.firm.pk] = Cell("owner started", "pending", active)
        else:
            reminded = f", reminded {row.reminded_at:%d %b}" if row.reminded_at else ""
            cells[row.firm.pk] = Cell(f"not started{reminded}", "idle")
    idle = sum(1 for cell in cells.values() if cell.state != "done")
    waiting: tuple[str, ...] = ()
    if idle:
        remindable = len(services.remindable(diagnostic_round))
        waiting = (
            f"{idle} of {len(cells)} firms have not answered “{diagnostic_round.title}” (deadline "
            f"{diagnostic_round.deadline:%d %b}); {remindable} can be reminded now",
        )
    url = reverse("diagnostics_round", args=[cluster.pk, diagnostic_round.pk])
    return EngagementColumn(f"Diagnostic “{diagnostic_round.title}”", cells, waiting, url)
