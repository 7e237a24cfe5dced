"""The loop a pooled course closes: booked → attended → levels proposed in the audit → confirmed by the manager
→ the firm's weighted gap falls by exactly what was confirmed. Worked out by hand on the cluster of
`test_services.py`: Rossi's manager (Sales: e-commerce at 3, critical; trade fairs at 2, important) holds
e-commerce at 1 and trade fairs not at all, so the firm's weighted gap is (3 - 1) x 3 + 2 x 2 = 10. The course
teaches both up to 3. Confirming e-commerce at 3 takes 6 off (10 → 4); declining trade fairs changes nothing.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from skillcluster.audits.models import ProposalStatus, RatingProposal
from skillcluster.audits.selectors.reports import gap_report
from skillcluster.audits.services.proposals import check_proposal_decide
from skillcluster.pooling.models import Attendance, Meeting, SeatRequest, Session
from skillcluster.pooling.selectors.catalogue import fit_by_provider
from skillcluster.pooling.services import cohorts
from skillcluster.pooling.services.attendance import attendance_record, fit_rate
from skillcluster.pooling.tests.test_services import _the_hand_worked_cluster
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import FirmRole

OWNER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.OWNER})))
MANAGER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.MANAGER})))
EMPLOYEE = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.EMPLOYEE})))


def _held_last_month(session: Session) -> None:
    shift = timedelta(days=3650)  # the fixture plans sessions years ahead; move this one a month into the past
    Meeting.objects.filter(session=session).update(starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift)
    Session.objects.filter(pk=session.pk).update(starts_at=F("starts_at") - shift)
    session.refresh_from_db()
    assert session.starts_at < timezone.now()


def test_a_confirmed_training_result_lowers_the_weighted_gap_by_exactly_what_was_confirmed(world, catalogue):
    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    with pytest.raises(ValidationError, match="once the session has started"):
        attendance_record(session=catalogue.evening, actor=world.cluster_manager, present=[asked["manager"].pk])
    _held_last_month(catalogue.evening)
    assert gap_report(world.firm).summary.weighted_gap == 10
    attendance_record(session=catalogue.evening, actor=world.cluster_manager, present=[asked["manager"].pk])
    proposals = {p.skill_id: p for p in RatingProposal.objects.filter(person=world.manager)}
    assert {(p.skill_id, p.level, p.status) for p in proposals.values()} == {
        (catalogue.web.pk, 3, "pending"), (catalogue.fair.pk, 3, "pending"),
    }  # fmt: skip
    assert gap_report(world.firm).summary.weighted_gap == 10  # proposed levels do not count yet
    with pytest.raises(ValidationError, match="Someone else confirms what you learned"):
        check_proposal_decide(access=MANAGER, decider=world.manager, proposal=proposals[catalogue.web.pk], confirm=True)
    with pytest.raises(ValidationError, match="Only the person's manager or an assessor"):
        check_proposal_decide(access=EMPLOYEE, decider=world.employee, proposal=proposals[catalogue.web.pk],
                              confirm=True)  # fmt: skip
    check_proposal_decide(access=OWNER, decider=world.owner, proposal=proposals[catalogue.web.pk], confirm=True)
    assert gap_report(world.firm).summary.weighted_gap == 10 - (3 - 1) * 3
    check_proposal_decide(access=OWNER, decider=world.owner, proposal=proposals[catalogue.fair.pk], confirm=False)
    assert gap_report(world.firm).summary.weighted_gap == 4
    statuses = set(RatingProposal.objects.values_list("status", flat=True))
    assert statuses == {ProposalStatus.CONFIRMED, ProposalStatus.DECLINED}


def test_recording_attendance_twice_proposes_once_and_absentees_get_nothing(world, catalogue):
    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    _held_last_month(catalogue.morning)
    for _ in range(2):
        attendance_record(session=catalogue.morning, actor=world.cluster_manager, present=[asked["staff"].pk])
    assert list(Attendance.objects.order_by("seat__person__email").values_list("seat__person__email", "attended")) == [
        ("bianchi@example.org", False), ("staff@bianchi.example.org", True),
    ]  # fmt: skip
    assert RatingProposal.objects.filter(person=catalogue.micro_staff).count() == 2  # two skills, once each
    assert RatingProposal.objects.filter(person=catalogue.micro_owner).count() == 0


def test_only_attendees_say_how_well_it_fitted_and_the_cluster_sees_it_from_five_answers(world, catalogue):
    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    _held_last_month(catalogue.morning)
    attendance_record(session=catalogue.morning, actor=world.cluster_manager, present=[asked["staff"].pk])
    staff, owner = SeatRequest.objects.get(pk=asked["staff"].pk), SeatRequest.objects.get(pk=asked["bianchi"].pk)
    with pytest.raises(ValidationError, match="Only the person who attended"):
        fit_rate(seat=staff, person=world.owner, fit=4)
    with pytest.raises(ValidationError, match="once your attendance is recorded"):
        fit_rate(seat=owner, person=catalogue.micro_owner, fit=4)
    fit_rate(seat=staff, person=catalogue.micro_staff, fit=4)
    (figure,) = fit_by_provider(world.cluster)
    assert (figure.provider, figure.n, figure.shown) == ("Fermo Training Centre", 1, False)


def test_a_person_s_export_holds_their_seats_and_the_erasure_blanks_what_they_wrote(world, catalogue):
    from skillcluster.pooling.services import personal_data

    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    _held_last_month(catalogue.morning)
    attendance_record(session=catalogue.morning, actor=world.cluster_manager, present=[asked["staff"].pk])
    staff = SeatRequest.objects.get(pk=asked["staff"].pk)
    fit_rate(seat=staff, person=catalogue.micro_staff, fit=2, comment="Too general for stitching rooms")
    (seat,) = personal_data.export(catalogue.micro_staff)["seats"]  # type: ignore[index]
    assert (seat["service"], seat["attended"], seat["fit"], seat["fit_comment"]) == (
        "E-commerce for shoe makers", True, 2, "Too general for stitching rooms",
    )  # fmt: skip
    personal_data.erase(catalogue.micro_staff)
    assert Attendance.objects.values_list("fit", "fit_comment").get(seat=staff) == (2, "")


def test_a_seat_in_a_session_that_has_started_cannot_be_given_back(world, catalogue):
    from skillcluster.pooling.services.bookings import seat_cancel

    asked = _the_hand_worked_cluster(world, catalogue)
    cohorts.cohort_confirm(plan=cohorts.cohort_form(cluster=world.cluster, actor=world.cluster_manager),
                           actor=world.cluster_manager)  # fmt: skip
    _held_last_month(catalogue.evening)
    with pytest.raises(ValidationError, match="its seat can no longer be given back"):
        seat_cancel(request=SeatRequest.objects.get(pk=asked["manager"].pk))
    assert SeatRequest.objects.get(pk=asked["manager"].pk).status == "booked"
