"""What the diagnostic puts on a firm's to-do list: the owner form of an open round, staff to invite, a
colleague's staff form (registered with tenancy's navigation in `apps.py`)."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.domain.permissions import DiagnosticPerm
from skillcluster.diagnostics.models import FormKind, ResponseStatus, StaffInvite
from skillcluster.diagnostics.selectors import rounds
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Membership, Person
from skillcluster.tenancy.navigation import Todo


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
