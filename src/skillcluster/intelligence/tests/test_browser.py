"""From a file of ads to a published briefing in a real browser: the manager imports, sees the report, drafts a
briefing (it starts with the rising skill), adds a note and publishes it; an owner reads the firm's copy, with
what rises and the firm lacks, and the demand page."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from skillcluster.conftest import browser_login
from skillcluster.intelligence.tests.conftest import ads_csv, lexical_linker
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_imports_ads_and_an_owner_reads_the_demand(world, skills, chromium, live_server, monkeypatch):
    from skillcluster.intelligence import tasks

    monkeypatch.setattr(tasks, "linker", lambda kind, wait=False: lexical_linker(skills, Path("/nonexistent")))
    day = (timezone.localdate() - dt.timedelta(days=12)).isoformat()
    before = (timezone.localdate() - dt.timedelta(days=420)).isoformat()
    data = ads_csv(*[(f"Web seller {i}", f"Shop {i}. You will run our online shop and its orders.", day)
                     for i in range(12)],
                   ("Web seller 0", "Shop 0. You will run our online shop and its orders.", day),
                   *[(f"Cutter {i}", f"Firm {i}. You will be cutting uppers by hand.", before) for i in range(6)],
                   ("Cutter", "", day))  # fmt: skip

    def as_person(email: str):
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.base = live_server.url
        browser_login(page, email, PASSWORD)
        return page

    manager = as_person(world.cluster_manager.email)
    manager.goto(f"{manager.base}/clusters/{world.cluster.pk}/market/imports/")
    manager.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "ads.csv", "mimeType": "text/csv", "buffer": data}]
    )
    manager.get_by_role("button", name="Import").click()
    manager.get_by_text("18 ads stored (1 duplicates, 1 rows not used)").wait_for()
    manager.get_by_text("1 row not used, and why").click()
    manager.get_by_text("Line 21: the ad has no text").wait_for()
    manager.get_by_text("done").first.wait_for()
    manager.get_by_role("link", name="Briefings").click()
    manager.get_by_label("Title").fill("Winter briefing")
    manager.get_by_role("button", name="Draft it").click()
    manager.get_by_text("e-commerce systems: in 100 % of the region's ads in the last year (n = 12)").wait_for()
    manager.get_by_label("Your note").fill("Ask the cluster office about the pooled e-commerce course.")
    manager.get_by_role("button", name="Save the note").click()
    manager.get_by_role("button", name="Publish to the cluster's firms").click()
    manager.get_by_text("Published: the firms read it now").wait_for()

    owner = as_person(world.owner.email)
    owner.goto(f"{owner.base}/firms/{world.firm.pk}/market/")
    owner.get_by_role("link", name="Winter briefing").click()
    owner.get_by_text("Ask the cluster office about the pooled e-commerce course.").first.wait_for()
    owner.get_by_role("heading", name="Rising in your sector, missing in Calzaturificio Rossi S.r.l.").wait_for()
    owner.goto(f"{owner.base}/clusters/{world.cluster.pk}/market/")
    owner.get_by_role("heading", name="Most asked skills").wait_for()
    row = owner.locator("tr", has_text="e-commerce systems")
    assert "100 %" in row.inner_text()
    assert owner.get_by_text("Sources").count() == 0  # the manager's pages are not offered to an owner
