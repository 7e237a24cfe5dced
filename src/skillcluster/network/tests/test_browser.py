"""From mentoring to a credential in a real browser: the mentee logs three sessions, turns them into a claim
(three evidence items and a statement request to the mentor), the mentor confirms, an assessor approves, the
cluster manager issues the credential, and the firm's gap report shows the skill closed."""

import datetime as dt

import pytest
from django.utils import timezone

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import IssuedCredential, Statement
from skillcluster.audits.selectors.reports import gap_report
from skillcluster.conftest import browser_login
from skillcluster.network.tests.conftest import agreed
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _credential_settings(settings):
    settings.CREDENTIAL_KEY_SECRET = "test-credential-key-secret"
    settings.CREDENTIAL_DID_WEB_DOMAIN = ""


def test_three_logged_sessions_become_a_credential_and_close_the_gap(world, pair, chromium, live_server):
    mentorship = agreed(world, pair)
    assert gap_report(world.firm).summary.weighted_gap == (3 - 1) * 3

    def as_person(email: str):
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.base = live_server.url
        browser_login(page, email, PASSWORD)
        return page

    owner = as_person(world.owner.email)
    owner.goto(f"{owner.base}/firms/{world.firm.pk}/audit/report/")
    first = owner.locator("section", has=owner.get_by_role("heading", name="What to train first"))
    first.locator("tr", has_text=pair.skill.preferred_label).get_by_text("6").wait_for()

    mentee = as_person(world.employee.email)
    mentee.goto(f"{mentee.base}/firms/{world.firm.pk}/learning-log/")
    for days_ago, what in ((21, "Graded a pump in three sizes"), (14, "Nested a size run"), (7, "Drew a derby")):
        mentee.get_by_label("What it was").select_option("mentoring")
        mentee.get_by_label("Mentorship").select_option(str(mentorship.pk))
        mentee.get_by_label("Date").fill((timezone.localdate() - dt.timedelta(days=days_ago)).isoformat())
        mentee.get_by_label("Minutes").fill("90")
        mentee.get_by_label("It served mostly").select_option("competence_development")
        mentee.get_by_label("What you practised or learned").fill(what)
        mentee.get_by_role("button", name="Log it").click()
        mentee.get_by_text("Logged.").wait_for()
    mentee.get_by_role("button", name="Turn into a claim").click()
    mentee.get_by_text("Claim started with 3 entries as evidence and 1 statement request sent").wait_for()
    assert mentee.locator("text=Mentoring session on").count() == 3
    mentee.get_by_text("Asked to confirm: Maria Conti").wait_for()

    mentor = as_person(pair.mentor.email)
    mentor.goto(f"{mentor.base}/firms/{pair.other.pk}/")
    mentor.get_by_role("link", name="Confirm").click()
    mentor.get_by_text("Drew a derby").wait_for()
    mentor.get_by_label("What you saw").fill("She graded and nested on her own by the third session.")
    mentor.get_by_role("button", name="Send my statement").click()
    mentor.get_by_text("Thank you").wait_for()
    assert Statement.objects.get().author == pair.mentor

    mentee.reload()
    mentee.get_by_role("button", name="Submit for assessment").click()
    mentee.get_by_text("Submitted").first.wait_for()

    assessor = as_person(world.assessor.email)
    assessor.goto(f"{assessor.base}/clusters/{world.cluster.pk}/accreditation/")
    assessor.get_by_role("link", name=pair.skill.preferred_label).click()
    assessor.get_by_label("Approve").check()
    assessor.get_by_label("Reasons").fill("Three logged sessions and the mentor's statement show independent work.")
    for criterion in rubric.criteria_for(3):
        assessor.get_by_label(criterion).check()
    assessor.get_by_role("button", name="Record decision").click()
    assessor.get_by_text("Assessment recorded.").wait_for()

    manager = as_person(world.cluster_manager.email)
    manager.goto(f"{manager.base}/clusters/{world.cluster.pk}/accreditation/")
    manager.get_by_role("button", name="Issue credential").click()
    manager.get_by_text("Credential issued to").wait_for()
    assert IssuedCredential.all_objects.get().holder == world.employee

    assert gap_report(world.firm).summary.weighted_gap == 0
    owner.reload()
    first.get_by_text("No gaps.").wait_for()
    assert first.get_by_text(pair.skill.preferred_label).count() == 0
