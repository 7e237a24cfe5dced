"""From claim to verification in a real browser: employee claims, assessor approves, manager issues,
anyone verifies the link."""

import pytest

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import IssuedCredential
from skillcluster.accreditation.tests.builders import PDF_BYTES, SKILL_URI
from skillcluster.conftest import browser_login
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, email):
    page.context.clear_cookies()
    browser_login(page, email, PASSWORD)


def test_claim_to_verification(world, browser_page):
    page = browser_page
    _as(page, "employee@example.org")
    page.goto(f"{page.base}/firms/{world.firm.pk}/credentials/")
    page.get_by_label("Title").fill("Pre-assembling uppers")
    page.get_by_label("How you learned it").select_option("mentor")
    page.get_by_role("button", name="Start the claim").click()
    page.get_by_text("Claim started").wait_for()

    page.get_by_text("Paste an ESCO skill URI instead").click()
    page.get_by_label("ESCO skill URI").fill(SKILL_URI)
    page.get_by_role("button", name="Add skill").click()
    page.get_by_label("What it shows").fill("Logbook of 300 pairs, signed by the master laster")
    page.get_by_label("File").set_input_files(
        files=[{"name": "logbook.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Add evidence").click()
    page.get_by_text("Evidence added.").wait_for()
    page.get_by_role("button", name="Submit for assessment").click()
    page.get_by_text("Submitted: the cluster's assessors").wait_for()

    _as(page, "assessor@example.org")
    page.goto(f"{page.base}/clusters/{world.cluster.pk}/accreditation/")
    page.get_by_role("link", name="Pre-assembling uppers").click()
    page.get_by_label("Approve").check()
    page.get_by_label("Reasons").fill("The logbook and the photos show independent work.")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("needs every criterion of that level; not ticked").wait_for()  # nothing ticked yet
    for criterion in rubric.criteria_for(3):
        page.get_by_label(criterion).check()
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("Assessment recorded.").wait_for()

    _as(page, "cluster_manager@example.org")
    page.goto(f"{page.base}/clusters/{world.cluster.pk}/accreditation/")
    page.get_by_role("button", name="Issue credential").click()
    page.get_by_text("Credential issued to").wait_for()
    credential = IssuedCredential.all_objects.get()

    page.context.clear_cookies()
    page.goto(f"{page.base}/verify/{credential.uuid}/")
    page.get_by_role("heading", name="✓ Valid").wait_for()
    assert page.locator(f'a[href="{SKILL_URI}"]').count() == 1
    assert page.get_by_text("3 — independent").count() == 1
