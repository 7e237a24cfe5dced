"""From a file of ads to the demand page in a real browser: the manager imports, sees the report and the
progress, and an owner reads the figures."""

import datetime as dt

import pytest
from django.utils import timezone

from skillcluster.conftest import browser_login
from skillcluster.intelligence.tests.conftest import ads_csv
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_imports_ads_and_an_owner_reads_the_demand(world, skills, chromium, live_server, monkeypatch):
    from skillcluster.intelligence import tasks
    from skillcluster.intelligence.tests.test_views import _lexical

    monkeypatch.setattr(tasks, "linker", lambda kind, wait=False: _lexical(skills))
    day = (timezone.localdate() - dt.timedelta(days=12)).isoformat()
    data = ads_csv(("Web seller", "You will run our online shop and its orders.", day),
                   ("Web seller", "You will run our online shop and its orders.", day),
                   ("Cutter", "", day))  # fmt: skip

    def as_person(email: str):
        page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.base = live_server.url
        browser_login(page, email, PASSWORD)
        return page

    manager = as_person(world.cluster_manager.email)
    manager.goto(f"{manager.base}/clusters/{world.cluster.pk}/market/imports/")
    manager.get_by_label("File").set_input_files(files=[{"name": "ads.csv", "mimeType": "text/csv", "buffer": data}])
    manager.get_by_role("button", name="Import").click()
    manager.get_by_text("1 ads stored (1 duplicates, 1 rows not used)").wait_for()
    manager.get_by_text("1 row not used, and why").click()
    manager.get_by_text("Line 4: the ad has no text").wait_for()
    manager.get_by_text("done").first.wait_for()

    owner = as_person(world.owner.email)
    owner.goto(f"{owner.base}/clusters/{world.cluster.pk}/market/")
    owner.get_by_role("heading", name="Most asked skills").wait_for()
    row = owner.locator("tr", has_text="e-commerce systems")
    assert "100 %" in row.inner_text()
    assert owner.get_by_text("Sources").count() == 0  # the manager's pages are not offered to an owner
