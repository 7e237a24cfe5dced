import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillcluster.diagnostics import services
from skillcluster.diagnostics.models import DiagnosticRound, Response, RoundFirm, RoundReopening, StaffInvite
from skillcluster.diagnostics.tests.conftest import answers_for, submit
from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

TODAY = dt.date(2027, 3, 1)


def _open(world, **overrides):
    fields = {
        "cluster": world.cluster,
        "title": "Spring 2027",
        "firms": [world.firm],
        "deadline": timezone.localdate() + dt.timedelta(days=10),
        "created_by": world.cluster_manager,
    }
    return services.round_open(**(fields | overrides))


def test_round_open_gives_each_firm_a_distinct_pseudonym(world):
    other = FirmFactory(cluster=world.cluster)
    diagnostic_round = _open(world, firms=[world.firm, other])
    pseudonyms = sorted(RoundFirm.objects.filter(round=diagnostic_round).values_list("pseudonym", flat=True))
    assert pseudonyms == ["F001", "F002"]
    assert diagnostic_round.instrument_version == "2"  # new rounds use the current version


def test_round_open_refuses_foreign_firms_and_deadline_before_opening(world):
    with pytest.raises(ValidationError) as error:
        _open(world, firms=[world.outsider_firm], title=" ", deadline=TODAY, opens_on=TODAY + dt.timedelta(days=1))
    assert error.value.message_dict == {
        "title": ["Give the round a title, e.g. 'Spring 2027'"],
        "firms": ["Not in this cluster: Huber GmbH"],
        "deadline": ["The deadline must be on or after the opening day (02 Mar 2027)"],
    }
    assert DiagnosticRound.objects.count() == 0


def test_draft_is_saved_and_resumed_then_submitted(world, diag_round):
    draft = services.response_save(
        submit=False,
        diagnostic_round=diag_round,
        firm=world.firm,
        respondent=world.owner,
        form="owner",
        answers={"IG1": 4},
    )
    assert (draft.status, draft.answers, draft.submitted_at) == ("draft", {"IG1": 4}, None)
    full = answers_for(75)
    submitted = services.response_save(
        submit=True, diagnostic_round=diag_round, firm=world.firm, respondent=world.owner, form="owner", answers=full
    )
    assert submitted.pk == draft.pk
    assert submitted.status == "submitted"
    assert Response.objects.get().answers == full


def test_out_of_range_answer_names_the_item_and_saves_nothing(world, diag_round):
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=False,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers={"IG1": 6},
        )
    assert error.value.message_dict == {"answers": ["item IG1: answer 6 is not a whole number from 1 to 5"]}
    assert Response.objects.count() == 0


def test_item_of_another_form_is_refused(world, diag_round):
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=False,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.employee,
            form="staff",
            answers={"IG2": 3},
        )
    assert error.value.messages == ["item IG2: not an item of the staff form of instrument 1"]


def test_submit_needs_most_items_answered(world, diag_round):
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=True,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers={"IG1": 3},
        )
    assert error.value.messages[0] == (
        "30 of the 31 statements are still unanswered (marked below, starting with “We keep an eye on what our "
        "competitors offer and charge.”); answer at least 25 before submitting."
    )  # statements, not item codes the form never shows
    assert Response.objects.count() == 0


def test_second_submission_is_refused_and_nothing_is_overwritten(world, diag_round):
    first = submit(diag_round, world.firm, world.owner, answers_for(75))
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=True,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers=answers_for(0),
        )
    assert error.value.messages == ["You already submitted your answers for this round; they cannot be changed"]
    first.refresh_from_db()
    assert first.answers == answers_for(75)


def test_closed_round_refuses_answers(world, diag_round):
    services.round_close(diagnostic_round=diag_round)
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=False,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers={"IG1": 3},
        )
    assert error.value.messages == ["'Spring 2027' is closed: answers can no longer be changed"]
    assert Response.objects.count() == 0


def test_a_second_owner_cannot_answer_the_owner_form_again(world, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(50))
    with pytest.raises(ValidationError) as error:
        services.response_save(
            submit=False,
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.manager,
            form="owner",
            answers={"IG1": 3},
        )
    assert error.value.messages == [f"Another owner of {world.firm} already answers the owner form of this round"]


def test_remind_mails_only_owners_of_firms_that_have_not_answered(
    world, diag_round, add_peers, django_capture_on_commit_callbacks
):
    (answered,) = add_peers([50])
    silent = FirmFactory(cluster=world.cluster)
    RoundFirm.objects.create(round=diag_round, firm=silent, pseudonym="F900")  # a firm without an owner yet
    with django_capture_on_commit_callbacks(execute=True):
        firms = services.round_remind(diagnostic_round=diag_round)
    assert firms == [silent, world.firm]
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert "Spring 2027" in mail.outbox[0].subject
    assert RoundFirm.objects.get(firm=answered).reminded_at is None


def test_remind_refused_on_closed_round(world, diag_round):
    services.round_close(diagnostic_round=diag_round)
    with pytest.raises(ValidationError):
        services.round_remind(diagnostic_round=diag_round)
    assert mail.outbox == []


def test_staff_invite_mails_a_link_bound_to_the_member(world, diag_round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite = services.staff_invite(
            diagnostic_round=diag_round, firm=world.firm, email="Employee@example.org", invited_by=world.owner
        )
    assert (invite.person, invite.email) == (world.employee, "employee@example.org")
    assert mail.outbox[0].to == ["employee@example.org"]
    assert services.staff_link_token(invite) in mail.outbox[0].body
    assert services.staff_invite_from_token(services.staff_link_token(invite), world.employee) == invite


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("nobody@example.org", "nobody@example.org does not work in Calzaturificio Rossi S.r.l. on Skillcluster"),
        ("outsider@example.org", "outsider@example.org does not work in Calzaturificio Rossi S.r.l. on Skillcluster"),
        ("owner@example.org", "You answer the owner form yourself; invite your staff here"),
    ],
)
def test_staff_invite_refuses_non_members_and_self(world, diag_round, email, message):
    with pytest.raises(ValidationError) as error:
        services.staff_invite(diagnostic_round=diag_round, firm=world.firm, email=email, invited_by=world.owner)
    assert error.value.messages[0].startswith(message)
    assert StaffInvite.objects.count() == 0


def test_staff_invite_twice_is_refused(world, diag_round):
    services.staff_invite(
        diagnostic_round=diag_round, firm=world.firm, email="employee@example.org", invited_by=world.owner
    )
    with pytest.raises(ValidationError) as error:
        services.staff_invite(
            diagnostic_round=diag_round, firm=world.firm, email="employee@example.org", invited_by=world.owner
        )
    assert error.value.messages == ["employee@example.org is already invited to this round"]
    assert StaffInvite.objects.count() == 1


def test_staff_link_used_by_someone_else_is_refused(world, diag_round):
    invite = services.staff_invite(
        diagnostic_round=diag_round, firm=world.firm, email="employee@example.org", invited_by=world.owner
    )
    token = services.staff_link_token(invite)
    with pytest.raises(ValidationError) as error:
        services.staff_invite_from_token(token, world.manager)
    assert error.value.messages == [
        "This staff link was made for employee@example.org; you are logged in as manager@example.org."
    ]
    with pytest.raises(ValidationError) as error:
        services.staff_invite_from_token(token[:-2] + "xx", world.employee)
    assert error.value.messages == ["This staff link is not valid. Check that you copied the whole link."]


def test_staff_submission_spends_the_link(world, diag_round):
    invite = services.staff_invite(
        diagnostic_round=diag_round, firm=world.firm, email="employee@example.org", invited_by=world.owner
    )
    services.response_save(
        submit=True,
        diagnostic_round=diag_round,
        firm=world.firm,
        respondent=world.employee,
        form="staff",
        answers=answers_for(50, "staff"),
    )
    with pytest.raises(ValidationError) as error:
        services.staff_invite_from_token(services.staff_link_token(invite), world.employee)
    assert error.value.messages == ["You already submitted your answers with this link. Thank you!"]


def test_old_round_keeps_its_instrument_version(world, diag_round):
    response = submit(diag_round, world.firm, world.owner, answers_for(50))
    DiagnosticRound.objects.filter(pk=diag_round.pk).update(instrument_version="1")
    assert Response.objects.get(pk=response.pk).instrument_version == "1"


def test_a_round_closed_by_mistake_reopens_on_record(world, diag_round):
    services.round_close(diagnostic_round=diag_round, by=world.cluster_manager)
    reopened = services.round_reopen(diagnostic_round=diag_round, by=world.cluster_manager, reason="closed by mistake")
    assert not reopened.is_closed
    record = RoundReopening.objects.get(round=diag_round)
    assert (record.closed_by, record.reopened_by, record.reason) == (
        world.cluster_manager,
        world.cluster_manager,
        "closed by mistake",
    )
    submit(diag_round, world.firm, world.owner, answers_for(50))  # answers are accepted again


def test_reopening_needs_a_reason_and_a_deadline_not_past(world, diag_round):
    services.round_close(diagnostic_round=diag_round)
    DiagnosticRound.objects.filter(pk=diag_round.pk).update(deadline=diag_round.opens_on)
    diag_round.refresh_from_db()
    diag_round.opens_on = diag_round.deadline = timezone.localdate() - dt.timedelta(days=2)
    diag_round.save()
    with pytest.raises(ValidationError) as error:
        services.round_reopen(diagnostic_round=diag_round, by=world.cluster_manager, reason=" ")
    assert set(error.value.message_dict) == {"reason", "deadline"}
    later = timezone.localdate() + dt.timedelta(days=7)
    services.round_reopen(diagnostic_round=diag_round, by=world.cluster_manager, reason="oops", deadline=later)
    diag_round.refresh_from_db()
    assert (diag_round.is_closed, diag_round.deadline) == (False, later)


def test_a_round_exported_or_followed_by_another_stays_closed(world, diag_round):
    services.round_close(diagnostic_round=diag_round)
    services.round_exported(diagnostic_round=diag_round, by=world.cluster_manager)
    _open(world, title="Autumn 2027")
    diag_round.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.round_reopen(diagnostic_round=diag_round, by=world.cluster_manager, reason="oops")
    message = error.value.message_dict["round"][0]
    assert "its answers were exported on" in message
    assert "“Autumn 2027” was opened after it" in message
    assert DiagnosticRound.objects.get(pk=diag_round.pk).is_closed
    assert not RoundReopening.objects.exists()


def test_a_firm_that_joins_during_a_round_is_added_and_pseudonyms_are_dealt_again(
    world, diag_round, django_capture_on_commit_callbacks
):
    late = FirmFactory(cluster=world.cluster, legal_name="Suolificio Tardi S.r.l.")
    owner = PersonFactory(email="tardi@example.org")
    MembershipFactory(person=owner, firm=late, role="owner")
    with django_capture_on_commit_callbacks(execute=True):
        services.round_add_firm(diagnostic_round=diag_round, firm=late)
    pseudonyms = sorted(RoundFirm.objects.filter(round=diag_round).values_list("pseudonym", flat=True))
    assert pseudonyms == ["F001", "F002"]
    assert [m.to for m in mail.outbox] == [["tardi@example.org"]]
    assert mail.outbox[0].subject.startswith("How does Suolificio Tardi S.r.l. learn?")
    with pytest.raises(ValidationError, match="already in 'Spring 2027'"):
        services.round_add_firm(diagnostic_round=diag_round, firm=late)
    with pytest.raises(ValidationError, match="not in"):
        services.round_add_firm(diagnostic_round=diag_round, firm=world.outsider_firm)
    services.round_close(diagnostic_round=diag_round)
    with pytest.raises(ValidationError, match="is closed"):
        services.round_add_firm(diagnostic_round=diag_round, firm=FirmFactory(cluster=world.cluster))
