"""An owner answers the diagnostic (saving a draft on the way) and reads the report."""

import os

import pytest

from skillcluster.conftest import browser_login
from skillcluster.diagnostics.models import Response
from skillcluster.diagnostics.tests.conftest import answers_for
from skillcluster.tenancy.memo import clusters_written
from skillcluster.tenancy.tests.factories import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_answers_and_reads_the_report(world, browser_page, diag_round, add_peers):
    page = browser_page
    add_peers([25, 25, 50, 100, 100])
    browser_login(page, "owner@example.org", PASSWORD)
    page.goto(f"{page.base}/firms/{world.firm.pk}/")
    page.get_by_role("link", name="Learning diagnostic").click()
    page.get_by_role("link", name="Answer the owner form").click()

    answers = answers_for(75)
    first, *rest = answers.items()
    page.check(f'input[name="item-{first[0]}"][value="{first[1]}"]')
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft saved. You can come back").wait_for()
    assert Response.objects.get(respondent=world.owner).status == "draft"

    for code, value in rest:
        page.check(f'input[name="item-{code}"][value="{value}"]')
    page.get_by_role("button", name="Submit answers").click()
    page.get_by_role("heading", name=f"How {world.firm.legal_name} learns").wait_for()
    assert page.locator(".type-name").inner_text() == "Learning organisation"
    assert page.locator("ol.actions > li").count() == 2
    assert page.get_by_text("this month").first.is_visible()
    assert page.locator("svg[role=img]").count() == 2
    assert Response.objects.get(respondent=world.owner).answers == answers


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_round_lifecycle_with_refusals_shown_at_the_form(world, request, javascript):
    """Open (after a refused try), remind, close on purpose, reopen on record, add a late firm."""
    from playwright.sync_api import expect

    from skillcluster.diagnostics.models import DiagnosticRound, RoundFirm
    from skillcluster.tenancy.tests.factories import FirmFactory

    page = request.getfixturevalue("browser_page" if javascript else "browser_page_without_js")
    page.set_viewport_size({"width": 1280, "height": 700})
    browser_login(page, "cluster_manager@example.org", PASSWORD)
    page.goto(f"{page.base}/clusters/{world.cluster.pk}/diagnostic/")
    page.get_by_role("button", name="Open the round").click()  # no title, no deadline
    expect(page.get_by_text("This field is required.").first).to_be_in_viewport()

    page.get_by_label("Title").fill("Spring 2027")
    page.get_by_label("Deadline").fill("2099-06-30")
    page.get_by_role("button", name="Open the round").click()
    page.get_by_text("'Spring 2027' is open for 1 firms.").wait_for()
    diagnostic_round = DiagnosticRound.objects.get()

    page.get_by_role("button", name="E-mail a reminder to the owners of 1 firm").click()
    page.get_by_text("Reminder sent to the owners of 1 firms").wait_for()
    page.get_by_role("button", name="Close the round").click()  # the box not ticked: the browser refuses
    assert DiagnosticRound.objects.get().closed_at is None
    page.get_by_label("No more answers after this").check()
    page.get_by_role("button", name="Close the round").click()
    page.get_by_text("Closed by mistake? Reopen it below.").wait_for()

    page.get_by_role("button", name="Reopen the round").click()  # no reason given
    expect(page.get_by_text("Say why the round is reopened").first).to_be_in_viewport()
    page.get_by_label("Why reopen it?").fill("Closed four months early by mistake")
    page.get_by_role("button", name="Reopen the round").click()
    page.get_by_text("is open again; the reopening is on record").wait_for()
    assert page.get_by_text("“Closed four months early by mistake”").is_visible()

    late = FirmFactory(cluster=world.cluster, legal_name="Suolificio Tardi S.r.l.")
    clusters_written([world.cluster.pk])  # as adding it through the cluster page does: the round page counts it
    page.reload()
    page.get_by_role("link", name="Choose a firm to add").click()
    page.get_by_label("Firm", exact=True).select_option(label=str(late))
    page.get_by_role("button", name="Add and invite its owner").click()
    page.get_by_text("Suolificio Tardi S.r.l. is now in 'Spring 2027'").wait_for()
    assert page.get_by_role("cell", name="Suolificio Tardi S.r.l.").is_visible()
    assert RoundFirm.objects.filter(round=diagnostic_round).count() == 2
