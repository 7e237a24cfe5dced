"""An owner answers the diagnostic (saving a draft on the way) and reads the report."""

import os

import pytest

from skillcluster.conftest import browser_login
from skillcluster.diagnostics.models import Response
from skillcluster.diagnostics.tests.conftest import answers_for
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
