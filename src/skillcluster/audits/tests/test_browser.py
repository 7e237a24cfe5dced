"""The guided audit walked through in a real browser: roles from an ESCO occupation → assign → self rating →
manager rating → gap report."""

import pytest

from skillcluster.audits.models import AuditCampaign, Rating, RoleAssignment
from skillcluster.conftest import browser_login
from skillcluster.tenancy.tests.factories import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_guided_audit(browser_page, world, esco):
    page = browser_page
    browser_login(page, world.owner.email, PASSWORD)
    page.goto(f"{page.base}/firms/{world.firm.pk}/audit/")
    page.get_by_role("button", name="Start the audit").click()
    assert AuditCampaign.objects.filter(firm=world.firm, status="open").count() == 1

    page.get_by_role("link", name="Define roles").click()
    page.get_by_label("Job title").fill("sales clerk")
    page.get_by_role("button", name="Find occupations").click()
    page.get_by_role("button", name="Use this occupation").first.click()
    page.get_by_text("sell footwear products").wait_for()

    page.get_by_role("link", name="People and roles").click()
    page.get_by_label("Employee: sales clerk").check()
    page.get_by_label("Owner: sales clerk").check()
    page.get_by_role("button", name="Save roles").click()
    assert RoleAssignment.objects.filter(role__firm=world.firm).count() == 2

    page.get_by_role("link", name="Rate myself").click()
    page.get_by_label("Level of sell footwear products").select_option("3")
    page.get_by_role("button", name="Save ratings").click()
    page.get_by_role("heading", name="Rating history").wait_for()

    page.goto(f"{page.base}/firms/{world.firm.pk}/audit/people/")
    page.get_by_role("link", name="Rate Employee as manager").click()
    page.get_by_label("Level of sell footwear products").select_option("1")
    page.get_by_label("Note on sell footwear products").fill("needs coaching on pricing")
    page.get_by_role("button", name="Save ratings").click()
    page.get_by_role("heading", name="Rating history").wait_for()
    assert sorted(Rating.objects.values_list("person__email", "source", "level")) == [
        ("employee@example.org", "manager", 1),
        ("owner@example.org", "self", 3),
    ]

    page.get_by_role("link", name="Gap report").click()
    page.get_by_role("heading", name="By skill category").wait_for()
    assert page.locator("svg.category-chart").count() == 1
    assert "50%" in page.locator(".kpi").first.inner_text()  # 1 of 2 required skills met
