"""Proposing the matching's pairs, answering them, and what a decline changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from skillcluster.network.domain.matching import match
from skillcluster.network.models import Mentorship, MentorshipStatus
from skillcluster.network.selectors.matching import cluster_matching, mentor_id, need_id, proposals
from skillcluster.network.services.mentorships import check_answer, check_end, check_propose
from skillcluster.network.tests.conftest import AUDITOR, MANAGER, agreed
from skillcluster.tenancy.models import FirmRelation, RelationKind


def test_the_cluster_problem_reads_the_gap_the_offer_and_the_bus_factor(world, pair):
    found = cluster_matching(world.cluster)
    (need,) = found.problem.needs
    assert (need.id, need.current, need.target, need.importance, need.single_holder) == (
        need_id(world.employee.pk, pair.skill.pk),
        1,
        3,
        3,
        False,
    )  # fmt: skip  (nobody in Rossi holds it at 3: no single holder)
    (mentor,) = found.problem.mentors
    assert (mentor.id, mentor.skills, mentor.capacity) == (mentor_id(pair.offer.pk), {pair.skill.pk: 4}, 2)
    outcome = match(found.problem)
    (row,) = proposals(found, outcome)
    assert (row.mentee, row.offer, row.reason.code, dict(row.reason.figures)) == (
        world.employee, pair.offer, "matched", {"level": 4, "nearness": 3, "room_left": 1},
    )  # fmt: skip


def test_both_accept_and_it_is_agreed_the_place_is_taken_and_either_side_ends_it(world, pair):
    mentorship = agreed(world, pair)
    assert mentorship.status == MentorshipStatus.ACTIVE
    assert mentorship.started_at is not None
    assert (mentorship.start_level, mentorship.target_level, mentorship.reason["code"]) == (1, 3, "matched")
    found = cluster_matching(world.cluster)
    assert found.problem.needs == ()
    assert found.problem.mentors[0].capacity == 1
    with pytest.raises(ValidationError, match="agreed already"):
        check_answer(mentorship=mentorship, person=world.employee, accept=False)
    with pytest.raises(ValidationError, match="Only the mentee and the mentor"):
        check_end(mentorship=mentorship, person=world.owner)
    assert check_end(mentorship=mentorship, person=pair.mentor).status == MentorshipStatus.ENDED


def test_a_decline_is_kept_and_the_next_proposal_does_not_repeat_it(world, pair):
    found = cluster_matching(world.cluster)
    (made,) = check_propose(access=MANAGER, found=found, pairs=match(found.problem).pairs, actor=world.cluster_manager)
    check_answer(mentorship=made, person=pair.mentor, accept=False)
    made.refresh_from_db()
    assert (made.status, made.declined_by) == (MentorshipStatus.DECLINED, "mentor")
    again = cluster_matching(world.cluster)
    assert match(again.problem).pairs == {}
    (row,) = proposals(again, match(again.problem))
    assert row.reason.code == "declined"


def test_only_the_manager_proposes_and_a_stale_or_broken_plan_is_refused_whole(world, pair):
    found = cluster_matching(world.cluster)
    pairs = match(found.problem).pairs
    with pytest.raises(ValidationError, match="Only the cluster manager"):
        check_propose(access=AUDITOR, found=found, pairs=pairs, actor=world.auditor)
    FirmRelation.all_objects.create(firm=world.firm, other=pair.other, kind=RelationKind.COMPETITOR)
    rivals = cluster_matching(world.cluster)
    assert match(rivals.problem).pairs == {}
    with pytest.raises(ValidationError, match=r"breaks a rule: need .* competitor"):
        check_propose(access=MANAGER, found=rivals, pairs=pairs, actor=world.cluster_manager)
    FirmRelation.all_objects.all().delete()
    pair.offer.capacity = 1
    pair.offer.save()
    check_propose(access=MANAGER, found=cluster_matching(world.cluster), pairs=pairs, actor=world.cluster_manager)
    with pytest.raises(ValidationError, match="has no place left"):  # the page's plan, pressed twice
        check_propose(access=MANAGER, found=found, pairs=pairs, actor=world.cluster_manager)


def test_a_mentee_asks_for_a_mentor_and_is_told_why_when_none_is_free(world, pair, client_for):
    from skillcluster.network.services.mentorships import check_ask_for_mentor
    from skillcluster.network.tests.conftest import EMPLOYEE

    with pytest.raises(ValidationError, match="no gap of yours"):
        check_ask_for_mentor(access=EMPLOYEE, found=cluster_matching(world.cluster), person=world.manager)
    pair.offer.capacity = 1
    pair.offer.save()
    FirmRelation.all_objects.create(firm=world.firm, other=pair.other, kind=RelationKind.COMPETITOR)
    with pytest.raises(ValidationError, match="the mentors work in firms declared competitors of yours"):
        check_ask_for_mentor(access=EMPLOYEE, found=cluster_matching(world.cluster), person=world.employee)
    FirmRelation.all_objects.all().delete()
    page = client_for(world.employee).post(reverse("network_ask", args=[world.firm.pk]), follow=True)
    assert "Proposed: Maria Conti (Calzaturificio Bianchi S.r.l.)" in page.content.decode()
    (made,) = Mentorship.all_objects.all()
    assert (made.status, made.proposed_by, made.mentee_accepted_at is not None) == ("proposed", world.employee, True)
    assert made.mentor_accepted_at is None  # the mentor answers on their to-do list
    todo = client_for(pair.mentor).get(reverse("firm_detail", args=[pair.other.pk])).content.decode()
    assert "The cluster proposes that you mentor Employee" in todo
