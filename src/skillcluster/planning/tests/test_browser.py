"""From a diagnostic to a followed-up plan in a real browser: the owner takes three recommended actions into the
plan and marks them done; the next round closes, and its report sets the actions beside the change."""

import datetime as dt

import pytest
from django.utils import timezone

from skillcluster.conftest import browser_login
from skillcluster.diagnostics import services as diagnostics
from skillcluster.diagnostics.domain.instrument import load_instrument
from skillcluster.diagnostics.models import DiagnosticRound
from skillcluster.diagnostics.tests.conftest import submit
from skillcluster.planning.models import PlanItem
from skillcluster.tenancy.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _round(world, title: str, value: int) -> DiagnosticRound:
    opened = diagnostics.round_open(cluster=world.cluster, title=title, firms=[world.firm],
                                    deadline=timezone.localdate() + dt.timedelta(days=30),
                                    created_by=world.cluster_manager, instrument_version="1")  # fmt: skip
    items = load_instrument("1").form_items("owner")
    submit(opened, world.firm, world.owner, {i.code: (6 - value if i.reverse else value) for i in items})
    return opened


def test_three_recommended_actions_planned_done_and_set_beside_the_next_round_s_change(world, chromium, live_server):
    spring = _round(world, "Spring", 2)  # low everywhere: the diagnostic recommends actions
    DiagnosticRound.all_objects.filter(pk=spring.pk).update(opens_on=timezone.localdate() - dt.timedelta(days=120))
    diagnostics.round_close(diagnostic_round=spring, by=world.cluster_manager)

    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.base = live_server.url
    browser_login(page, world.owner.email, PASSWORD)
    page.goto(f"{page.base}/firms/{world.firm.pk}/plan/?full=1")
    for _ in range(3):
        row = page.locator("#suggestions tr", has_text="diagnostic").first
        row.get_by_role("button", name="Add to the plan").click()
        page.get_by_text("Added to the plan.").wait_for()
        page.goto(f"{page.base}/firms/{world.firm.pk}/plan/?full=1")
    assert PlanItem.objects.filter(source="diagnostic").count() == 3
    for _ in range(3):
        page.locator("#items").get_by_role("button", name="Done").first.click()
        page.goto(f"{page.base}/firms/{world.firm.pk}/plan/?full=1")
    page.get_by_text("3 of 3").wait_for()

    autumn = _round(world, "Autumn", 4)
    DiagnosticRound.all_objects.filter(pk=autumn.pk).update(opens_on=timezone.localdate() + dt.timedelta(days=1))
    diagnostics.round_close(diagnostic_round=autumn, by=world.cluster_manager)
    page.goto(f"{page.base}/firms/{world.firm.pk}/diagnostic/{autumn.pk}/report/")
    section = page.locator(
        "section", has=page.get_by_role("heading", name="Since “Spring”: what changed, and what you did")
    )
    section.wait_for()
    for title in PlanItem.objects.values_list("title", flat=True):
        assert title in section.inner_text()
    assert "+50" in section.inner_text()
