"""The pooling loop in a real browser: the owner books from the diagnostic's recommendation → the cluster
manager forms and confirms the cohorts → records attendance → the owner confirms the level proposed in the
audit → the firm's weighted gap falls by exactly what was confirmed ((3 - 1) x 3 = 6: from 10 to 4)."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from skillcluster.audits.models import Rating, RatingProposal, RoleAssignment
from skillcluster.audits.selectors.reports import gap_report
from skillcluster.audits.services import ratings, roles
from skillcluster.conftest import browser_login
from skillcluster.diagnostics import services as diagnostics
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.tests.conftest import submit
from skillcluster.pooling.models import Meeting, SeatRequest, Session
from skillcluster.tenancy.models import Membership
from skillcluster.tenancy.tests.factories import PASSWORD


def _firm_with_a_gap_and_a_report(world, catalogue) -> object:
    """Sales asks e-commerce at 3 (critical) and trade fairs at 2 (important) of the manager, who holds
    e-commerce at 1: weighted gap 10. The owner's diagnostic shows knowledge acquisition at 25/100."""
    sales = roles.role_create(firm=world.firm, title="Sales")
    roles.requirement_add(role=sales, skill=catalogue.web, level=3, importance=3)
    roles.requirement_add(role=sales, skill=catalogue.fair, level=2, importance=2)
    RoleAssignment.objects.create(role=sales, membership=Membership.objects.get(person=world.manager))
    ratings.do_ratings_add(ratings=[Rating(firm=world.firm, person=world.manager, skill=catalogue.web, level=1,
                                           source="manager", rated_by=world.owner)])  # fmt: skip
    diagnostic_round = diagnostics.round_open(
        cluster=world.cluster, title="Spring", firms=[world.firm], deadline=timezone.localdate() + timedelta(days=30),
        created_by=world.cluster_manager, instrument_version="1",
    )  # fmt: skip
    owner_items = load_instrument("1").form_items("owner")
    answers = {i.code: (4 if i.reverse else 2) if i.scale == "knowledge_acquisition" else (2 if i.reverse else 4)
               for i in owner_items}  # fmt: skip
    submit(diagnostic_round, world.firm, world.owner, answers)
    return diagnostic_round


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_a_recommendation_to_a_confirmed_level_the_gap_falls_by_what_was_confirmed(
    chromium, live_server, world, catalogue
):
    diagnostic_round = _firm_with_a_gap_and_a_report(world, catalogue)
    assert gap_report(world.firm).summary.weighted_gap == 10

    def as_person(email: str):
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.base = live_server.url
        browser_login(page, email, PASSWORD)
        return page

    owner = as_person(world.owner.email)
    owner.goto(f"{owner.base}/firms/{world.firm.pk}/diagnostic/{diagnostic_round.pk}/report/")
    owner.get_by_text("Join the next pooled training cohort of the cluster").wait_for()
    owner.get_by_role("link", name="Book a seat").click()
    owner.get_by_label("Manager need 10").check()
    owner.get_by_role("button", name="Ask for seats").first.click()
    owner.get_by_text("Seat asked for Manager in “E-commerce for shoe makers”.").wait_for()

    manager = as_person(world.cluster_manager.email)
    manager.goto(f"{manager.base}/clusters/{world.cluster.pk}/pooling/cohorts/")
    manager.get_by_role("button", name="Form the cohorts").click()
    manager.get_by_role("button", name="Confirm these cohorts and book the seats").click()
    manager.get_by_text("Cohorts confirmed").wait_for()
    seat = SeatRequest.objects.get()
    assert (seat.person_id, seat.status, seat.session_id) == (world.manager.pk, "booked", catalogue.evening.pk)

    shift = timedelta(days=3650)  # the session took place: move it from years ahead into the past
    Meeting.objects.filter(session=seat.session).update(starts_at=F("starts_at") - shift, ends_at=F("ends_at") - shift)
    Session.objects.filter(pk=seat.session_id).update(starts_at=F("starts_at") - shift)
    manager.goto(f"{manager.base}/clusters/{world.cluster.pk}/pooling/sessions/{seat.session_id}/attendance/")
    manager.get_by_role("button", name="Save attendance").click()
    manager.get_by_text("Attendance saved: 1 of 1 came.").wait_for()
    assert RatingProposal.objects.filter(person=world.manager, status="pending").count() == 2

    owner.goto(f"{owner.base}/firms/{world.firm.pk}/")
    owner.get_by_role("link", name="Confirm").first.click()
    owner.get_by_role("heading", name="After training: levels to confirm").wait_for()
    row = owner.locator("tr", has_text="e-commerce systems")
    row.get_by_role("button", name="Confirm").click()
    owner.get_by_text("e-commerce systems for Manager: confirmed.").wait_for()
    assert gap_report(world.firm).summary.weighted_gap == 10 - (3 - 1) * 3
