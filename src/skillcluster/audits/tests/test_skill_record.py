"""Credentials in the skill record, end to end through accreditation's services and its domain events."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.services import assessment, credentials
from skillcluster.accreditation.tests.builders import SKILL_LABEL, SKILL_URI, issued, submitted_claim
from skillcluster.audits.models import Rating, RatingWithdrawal, SkillLevel
from skillcluster.audits.selectors import aggregates
from skillcluster.audits.selectors.records import audit_data
from skillcluster.audits.services import ratings
from skillcluster.taxonomy.models import Skill


@pytest.fixture(autouse=True)
def _credential_settings(settings):
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret"
    settings.CREDENTIAL_DID_WEB_DOMAIN = ""


@pytest.fixture
def skill(db):
    return Skill.objects.create(uri=SKILL_URI, preferred_label=SKILL_LABEL)


def _manager_rating(world, skill, level, days_ago=10):
    return ratings.do_ratings_add(
        ratings=[Rating(firm=world.firm, person=world.employee, skill=skill, level=level, source="manager",
                        rated_by=world.owner, created_at=timezone.now() - dt.timedelta(days=days_ago))]
    )[0]  # fmt: skip


def _current(world, skill):
    return SkillLevel.objects.filter(person=world.employee, skill=skill).values_list("level", "rating__source").first()


def test_issue_adds_a_credential_rating_that_counts_until_the_credential_expires(world, skill):
    credential = issued(world)
    rating = Rating.objects.get()
    assert (rating.person, rating.firm, rating.skill, rating.level, rating.source) == (
        world.employee, world.firm, skill, 3, "credential",
    )  # fmt: skip
    assert (rating.reference, rating.valid_until) == (f"urn:uuid:{credential.uuid}", credential.valid_until)
    assert rating.note == f"Credential urn:uuid:{credential.uuid}: Hand-lasting of uppers"
    assert _current(world, skill) == (3, "credential")


def test_the_level_awarded_not_the_level_claimed_enters_the_skill_record(world, skill):
    claim = submitted_claim(world)  # claims level 3
    assessment.assessment_record(
        claim=claim,
        assessor=world.assessor,
        decision="approve",
        reasons="Guided work shown; independent work not yet.",
        criteria_met=list(rubric.criteria_for(2)),
        awarded_level=2,
    )
    credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    assert _current(world, skill) == (2, "credential")


def test_issue_without_taxonomy_skill_adds_no_rating(world):
    issued(world)
    assert Rating.objects.count() == 0


def test_revoked_credential_stops_setting_the_level_and_the_manager_rating_counts_again(world, skill, client_for):
    """Failed before: nothing listened to revocation, so the revoked credential kept the level at 3."""
    _manager_rating(world, skill, 1)
    credential = issued(world)
    assert _current(world, skill) == (3, "credential")
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Copied evidence")
    assert _current(world, skill) == (1, "manager")
    withdrawn = RatingWithdrawal.objects.select_related("rating").get()
    assert (withdrawn.rating.source, withdrawn.reason) == ("credential", "credential revoked")
    assert audit_data(world.firm).levels[(world.employee.pk, SKILL_URI)] == 1
    page = client_for(world.owner).get(reverse("audits_person", args=[world.firm.pk, world.employee.pk]))
    assert "withdrawn: credential revoked" in page.content.decode()  # kept in the history, marked


def test_revoked_credential_without_other_evidence_leaves_the_skill_unrated(world, skill):
    credential = issued(world)
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Wrong person")
    assert _current(world, skill) is None
    assert (world.employee.pk, SKILL_URI) not in audit_data(world.firm).levels


def test_expired_credential_falls_back_to_the_manager_rating(world, skill, settings):
    settings.CREDENTIAL_VALIDITY_DAYS = 30
    _manager_rating(world, skill, 2, days_ago=5)
    credential = issued(world)
    assert _current(world, skill) == (3, "credential")
    later = credential.valid_until + dt.timedelta(seconds=1)
    assert SkillLevel.all_objects.refresh_lapsed(now=later) == 1
    assert _current(world, skill) == (2, "manager")
    assert audit_data(world.firm, now=later).levels[(world.employee.pk, SKILL_URI)] == 2


def test_cluster_aggregate_refreshes_lapsed_levels_before_reading(world, skill, settings, monkeypatch):
    settings.CREDENTIAL_VALIDITY_DAYS = 30
    credential = issued(world)
    monkeypatch.setattr(timezone, "now", lambda: credential.valid_until + dt.timedelta(days=1))
    aggregates.cluster_aggregate(world.cluster)
    assert _current(world, skill) is None
