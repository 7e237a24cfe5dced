"""What the diagnostic adds to tenancy's pages (registered in `apps.py`): on a firm's to-do list, the owner
form of an open round, staff to invite, a colleague's staff form; on the cluster's engagement page, who has
answered the open round."""

import datetime as dt
from collections.abc import Iterator

from django.db.models import Max
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext, ngettext

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
        yield from _owner_todos(firm, person, today)
    invites = StaffInvite.objects.filter(
        firm=firm, person=person, used_at__isnull=True, round__closed_at__isnull=True, round__opens_on__lte=today
    ).select_related("round")
    for invite in invites:
        minutes = load_instrument(invite.round.instrument_version).form(FormKind.STAFF).minutes
        yield Todo(
            gettext("%(firm)s asks for your view on how the firm learns: “%(title)s” (about %(minutes)s minutes)")
            % {"firm": firm, "title": invite.round.title, "minutes": minutes},
            reverse("diagnostics_staff_form", args=[services.staff_link_token(invite)]),
            gettext("Answer"),
            invite.round.deadline,
        )


def _owner_todos(firm: Firm, person: Person, today: dt.date) -> Iterator[Todo]:
    """The owner form of each open round to answer, then the staff to invite once it is in."""
    for state in rounds.open_round_states(firm, person, today):
        diagnostic_round = state.round
        if state.owner_status != ResponseStatus.SUBMITTED and state.own_form in (None, FormKind.OWNER):
            minutes = load_instrument(diagnostic_round.instrument_version).form(FormKind.OWNER).minutes
            started = state.own_form is not None
            text = (
                gettext("Answer the learning diagnostic “%(title)s” (about %(minutes)s minutes, your draft is saved)")
                if started
                else gettext("Answer the learning diagnostic “%(title)s” (about %(minutes)s minutes)")
            )
            yield Todo(
                text % {"title": diagnostic_round.title, "minutes": minutes},
                reverse("diagnostics_owner_form", args=[firm.pk, diagnostic_round.pk]),
                gettext("Continue") if started else gettext("Answer now"),
                diagnostic_round.deadline,
            )
        elif (
            state.owner_status == ResponseStatus.SUBMITTED
            and not StaffInvite.objects.filter(round=diagnostic_round, firm=firm).exists()
            and Membership.objects.filter(firm=firm).exclude(person=person).exists()
        ):
            yield Todo(
                gettext(
                    "Invite your staff to add their view to “%(title)s”: the report then shows "
                    "how they see learning, not only how you do"
                )
                % {"title": diagnostic_round.title},
                reverse("diagnostics_staff", args=[firm.pk, diagnostic_round.pk]),
                gettext("Invite staff"),
                diagnostic_round.deadline,
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
            text = gettext("answered · %(n)s staff") % {"n": row.staff_submitted}
            cells[row.firm.pk] = Cell(text, "done", active)
        elif row.owner_status == ResponseStatus.DRAFT:
            cells[row.firm.pk] = Cell(gettext("owner started"), "pending", active)
        elif row.reminded_at:
            text = gettext("not started, reminded %(date)s") % {"date": dateformat.format(row.reminded_at, "d M")}
            cells[row.firm.pk] = Cell(text, "idle")
        else:
            cells[row.firm.pk] = Cell(gettext("not started"), "idle")
    idle = sum(1 for cell in cells.values() if cell.state != "done")
    waiting: tuple[str, ...] = ()
    if idle:
        waiting = (_not_answered(diagnostic_round, idle, len(cells)),)
    url = reverse("diagnostics_round", args=[cluster.pk, diagnostic_round.pk])
    title = gettext("Diagnostic “%(title)s”") % {"title": diagnostic_round.title}
    return EngagementColumn(title, cells, waiting, url)


def _not_answered(diagnostic_round: DiagnosticRound, idle: int, total: int) -> str:
    """The cluster manager's line on the firms that have not answered the open round yet."""
    text = ngettext(
        "%(idle)s of %(total)s firms have not answered “%(title)s” (deadline %(date)s); "
        "%(remindable)s can be reminded now",
        "%(idle)s of %(total)s firms have not answered “%(title)s” (deadline %(date)s); "
        "%(remindable)s can be reminded now",
        idle,
    )
    values = {
        "idle": idle,
        "total": total,
        "title": diagnostic_round.title,
        "date": dateformat.format(diagnostic_round.deadline, "d M"),
        "remindable": len(services.remindable(diagnostic_round)),
    }
    return text % values
