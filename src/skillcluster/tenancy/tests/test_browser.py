"""A cluster manager adds a firm and invites its owner; the owner follows the e-mailed link and joins."""

import re

import pytest
from django.core import mail

from skillcluster.conftest import browser_login
from skillcluster.tenancy.models import Membership
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_invite_and_join(world, browser_page):
    page = browser_page
    browser_login(page, "cluster_manager@example.org", PASSWORD)
    page.get_by_role("link", name="Fermo Footwear").first.click()
    page.get_by_label("Legal name").fill("Tomaificio Nuovo S.r.l.")
    page.get_by_label("Headcount").fill("7")
    page.get_by_label("NACE Rev. 2 activity code").fill("15.20")
    page.get_by_label("Owner's e-mail").fill("lucia@nuovo.it")
    page.get_by_role("button", name="Add firm and send invitation").click()
    page.get_by_text("Tomaificio Nuovo S.r.l. added").wait_for()
    assert page.get_by_role("cell", name="lucia@nuovo.it").is_visible()

    link = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()
    page.goto(page.base + link[link.index("/invitations/") :])
    page.get_by_label("Your full name").fill("Lucia Ferri")
    page.get_by_label("Choose a password").fill("shoes-and-leather-2026")
    page.get_by_label("Repeat the password").fill("shoes-and-leather-2026")
    page.get_by_role("button", name="Create my account and join").click()
    page.get_by_role("heading", name="Tomaificio Nuovo S.r.l.").wait_for()
    assert Membership.all_objects.get(person__email="lucia@nuovo.it").role == "owner"

    # The new owner invites an employee without a page reload (htmx partial).
    page.get_by_label("E-mail addresses").fill("marco@nuovo.it")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_role("cell", name="marco@nuovo.it").wait_for()


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_refusals_show_next_to_what_caused_them(world, request, javascript):
    """The last owner cannot step down, and a bad address invites nobody: both say so where the person looks,
    and the role picker goes back to the role actually kept."""
    from playwright.sync_api import expect

    page = request.getfixturevalue("browser_page" if javascript else "browser_page_without_js")
    page.set_viewport_size({"width": 1280, "height": 600})
    browser_login(page, "owner@example.org", PASSWORD)
    page.goto(f"{page.base}/firms/{world.firm.pk}/")
    owner_row = f"#member-{Membership.all_objects.get(person=world.owner).pk}"
    page.locator(f"{owner_row} select").select_option("employee")
    page.locator(f"{owner_row} button").click()
    refusal = page.locator(owner_row).get_by_text("A firm needs at least one owner")
    refusal.wait_for()
    expect(refusal).to_be_in_viewport()
    expect(page.locator(f"{owner_row} select")).to_have_value("owner")

    page.get_by_label("E-mail addresses").fill("marco@rossi.it\nmario.rossi@")
    page.get_by_role("button", name="Send invitation").click()
    refusal = page.locator("#invitations").get_by_text("Not an e-mail address: 'mario.rossi@'")
    refusal.wait_for()
    expect(refusal).to_be_in_viewport()
    assert Membership.all_objects.get(person=world.owner).role == "owner"
