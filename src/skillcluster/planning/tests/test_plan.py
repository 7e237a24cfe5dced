"""The plan page and its writes: bad input named and refused whole, suggestions taken in, status, check-ins,
and who may see a firm's plan."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from skillcluster.planning.models import CheckIn, PlanItem
from skillcluster.planning.services import check_in, check_item_add, check_item_status, plan_current
from skillcluster.tenancy.domain.permissions import Access, Roles, Scope
from skillcluster.tenancy.domain.roles import FirmRole

OWNER = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.OWNER})))
EMPLOYEE = Access(Scope.FIRM, Roles(firm=frozenset({FirmRole.EMPLOYEE})))
START = dt.date(2026, 3, 1)


def test_a_plan_runs_a_year_and_a_bad_item_is_refused_with_each_field_named(world):
    plan = plan_current(firm=world.firm, actor=world.owner, today=START)
    assert (plan.starts_on, plan.ends_on) == (START, dt.date(2027, 3, 1))
    assert plan_current(firm=world.firm, actor=world.owner, today=dt.date(2026, 9, 1)) == plan
    with pytest.raises(ValidationError, match="owner and managers keep"):
        check_item_add(access=EMPLOYEE, plan=plan, title="x", component="knowledge_acquisition", kind="course",
                       hours=4, due_on=START)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        check_item_add(access=OWNER, plan=plan, title=" ", component="", kind="course", hours=-2,
                       due_on=dt.date(2026, 2, 1), cost_cents=-100, people=[world.outsider])  # fmt: skip
    assert error.value.message_dict == {
        "title": ["Say what the action is (at most 200 characters)."],
        "component": ["Choose the learning component it serves: information-gathering, knowledge acquisition or "
                      "competence development."],
        "hours": ["Hours from 0 to 2,000; got -2."],
        "cost": ["The cost is never negative."],
        "due_on": ["A due date within the plan, 01/03/2026 to 01/03/2027."],
        "people": ["Outsider does not work in Calzaturificio Rossi S.r.l.."],
    }  # fmt: skip
    assert PlanItem.objects.count() == 0
    item = check_item_add(
        access=OWNER,
        plan=plan,
        title="Weekly review",
        component="knowledge_acquisition",
        kind="review",
        hours="12.5",
        due_on=dt.date(2026, 6, 30),
        people=[world.employee],
    )
    done = check_item_status(access=OWNER, item=item, status="done", today=dt.date(2026, 5, 2))
    assert (done.status, done.done_on, float(done.hours)) == ("done", dt.date(2026, 5, 2), 12.5)


def test_a_check_in_a_month_and_the_page_by_role(world, client_for):
    check_in(access=OWNER, firm=world.firm, step="Start a weekly learning review", answer="not_yet",
             obstacle="Orders", by=world.owner, today=dt.date(2026, 11, 3))  # fmt: skip
    check_in(access=OWNER, firm=world.firm, step="Start a weekly learning review", answer="done", obstacle="",
             by=world.owner, today=dt.date(2026, 11, 20))  # fmt: skip
    assert list(CheckIn.all_objects.values_list("month", "answer")) == [(dt.date(2026, 11, 1), "done")]
    url = reverse("planning_firm", args=[world.firm.pk])
    assert client_for(world.owner).get(url).status_code == 200
    assert client_for(world.manager).get(url).status_code == 200
    assert client_for(world.employee).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.cluster_manager).get(url).status_code in (403, 404)


def test_the_owner_adds_by_hand_and_sees_the_balance_and_its_notes(world, client_for):
    url = reverse("planning_item_add", args=[world.firm.pk])
    due = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    client_for(world.owner).post(url, {"title": "Course on e-commerce", "component": "knowledge_acquisition",
                                       "kind": "course", "hours": "20", "due_on": due})  # fmt: skip
    bad = client_for(world.owner).post(url, {"title": "No component", "kind": "course", "hours": "4", "due_on": due},
                                       follow=True).content.decode()  # fmt: skip
    assert "Choose the learning component it serves" in bad
    page = client_for(world.owner).get(reverse("planning_firm", args=[world.firm.pk])).content.decode()
    assert "100 % of your planned hours are courses." in page
    assert "Nothing watches your market." in page
    other = PlanItem.objects.get()
    assert client_for(world.outsider).post(reverse("planning_item_status", args=[world.firm.pk, other.pk]),
                                           {"status": "done"}).status_code == 404  # fmt: skip


def test_the_cluster_page_is_the_manager_s_and_waits_for_two_closed_rounds(world, client_for):
    url = reverse("planning_cluster", args=[world.cluster.pk])
    page = client_for(world.cluster_manager).get(url).content.decode()
    assert "Shown once two diagnostic rounds are closed." in page
    assert "shown from 5 plans" in page  # one firm's plan is not published as the cluster's figure
    assert client_for(world.owner).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404


def test_the_api_reads_the_plan_and_names_a_bad_item_s_fields(world, client_for):
    api = client_for(world.owner)
    url = f"/api/v1/firms/{world.firm.pk}/plan"
    assert api.get(url).json()["items"] == []
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    bad = api.post(f"{url}/items", {"title": "x", "component": "", "hours": "-1", "due_on": due},
                   content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"component", "hours"}
    made = api.post(f"{url}/items", {"title": "Review", "component": "knowledge_acquisition", "hours": "6",
                                     "due_on": due, "kind": "review"}, content_type="application/json")  # fmt: skip
    assert made.status_code == 201
    assert api.get(url).json()["planned_hours"]["knowledge_acquisition"] == 6.0
    assert client_for(world.employee).get(url).status_code == 403


def test_the_plan_exports_as_a_calendar_a_spreadsheet_and_a_pdf(world, client_for):
    api = client_for(world.owner)
    due = dt.date.today() + dt.timedelta(days=30)
    api.post(reverse("planning_item_add", args=[world.firm.pk]), {"title": "Weekly review", "kind": "review",
             "component": "knowledge_acquisition", "hours": "6", "due_on": due.isoformat()})  # fmt: skip
    ics = api.get(reverse("planning_export", args=[world.firm.pk, "ics"])).content.decode()
    assert "SUMMARY:Due: Weekly review" in ics
    assert f"DTSTART;VALUE=DATE:{due:%Y%m%d}" in ics
    xlsx = api.get(reverse("planning_export", args=[world.firm.pk, "xlsx"])).content
    assert xlsx.startswith(b"PK")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx)).active
    assert [c.value for c in sheet[3]][1:5] == ["Weekly review", "Knowledge acquisition", "Review or meeting", 6]
    assert api.get(reverse("planning_export", args=[world.firm.pk, "pdf"])).content.startswith(b"%PDF")
    assert api.get(reverse("planning_export", args=[world.firm.pk, "doc"])).status_code == 404
    assert client_for(world.employee).get(reverse("planning_export", args=[world.firm.pk, "ics"])).status_code == 403


def test_owners_and_managers_are_reminded_once_of_actions_due_within_a_week(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    from skillcluster.planning.services import remind_due

    plan = plan_current(firm=world.firm, actor=world.owner, today=START)
    check_item_add(access=OWNER, plan=plan, title="Weekly review", component="knowledge_acquisition", kind="review",
                   hours=6, due_on=dt.date(2026, 3, 6))  # fmt: skip
    check_item_add(access=OWNER, plan=plan, title="Later", component="knowledge_acquisition", kind="review",
                   hours=6, due_on=dt.date(2026, 6, 6))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_due(today=dt.date(2026, 3, 2)) == 1
        assert remind_due(today=dt.date(2026, 3, 3)) == 0  # once
    (mail,) = mailoutbox
    assert sorted(mail.to) == ["manager@example.org", "owner@example.org"]
    assert "- Weekly review, due 06/03/2026" in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("plan", "remind")  # the queue runs at once in tests: nothing else is due today


def test_the_round_report_sets_the_actions_done_since_the_last_round_beside_the_change(world, client_for):
    from django.utils import timezone

    from skillcluster.diagnostics import services as diagnostics
    from skillcluster.diagnostics.domain.instrument import load_instrument
    from skillcluster.diagnostics.models import DiagnosticRound
    from skillcluster.diagnostics.tests.conftest import submit

    items = load_instrument("1").form_items("owner")
    rounds = []
    for title, value in (("Spring", 2), ("Autumn", 4)):
        opened = diagnostics.round_open(cluster=world.cluster, title=title, firms=[world.firm],
                                        deadline=timezone.localdate() + dt.timedelta(days=30),
                                        created_by=world.cluster_manager, instrument_version="1")  # fmt: skip
        submit(opened, world.firm, world.owner, {i.code: (6 - value if i.reverse else value) for i in items})
        rounds.append(opened)
    spring_opens = timezone.localdate() - dt.timedelta(days=200)
    DiagnosticRound.all_objects.filter(pk=rounds[0].pk).update(opens_on=spring_opens)
    plan = plan_current(firm=world.firm, actor=world.owner, today=spring_opens)
    item = check_item_add(access=OWNER, plan=plan, title="Weekly review with the staff", kind="review", hours=12,
                          component="knowledge_acquisition", due_on=spring_opens + dt.timedelta(days=60))  # fmt: skip
    check_item_status(access=OWNER, item=item, status="done", today=spring_opens + dt.timedelta(days=50))
    page = client_for(world.owner).get(reverse("diagnostics_report", args=[world.firm.pk, rounds[1].pk]))
    text = page.content.decode()
    assert "Since “Spring”: what changed, and what you did" in text
    assert "Weekly review with the staff" in text
    assert "+50" in text  # every scale from 25 to 75: the owner answered 2 then 4 on a 1-5 scale


def test_the_cluster_figures_on_ten_firms_measured_twice(world):
    from django.utils import timezone
    from scipy.stats import t

    from skillcluster.diagnostics import services as diagnostics
    from skillcluster.diagnostics.domain.instrument import load_instrument
    from skillcluster.diagnostics.models import DiagnosticRound
    from skillcluster.diagnostics.tests.conftest import submit
    from skillcluster.planning.selectors import cluster_plans
    from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory, PersonFactory

    firms = []
    for n in range(10):
        firm = FirmFactory(cluster=world.cluster, legal_name=f"Firm {n}")
        owner = PersonFactory(email=f"owner{n}@example.org")
        MembershipFactory(person=owner, firm=firm, role=FirmRole.OWNER)
        firms.append((firm, owner))
    items = load_instrument("1").form_items("owner")
    later_values = [4, 4, 4, 5, 3, 3, 3, 3, 3, 3]  # treated (0-4): +50 +50 +50 +75 +25; control: +25 each
    today = timezone.localdate()
    for title, values, opens in (("Spring", [2] * 10, today - dt.timedelta(days=300)),
                                 ("Autumn", later_values, today - dt.timedelta(days=10))):  # fmt: skip
        opened = diagnostics.round_open(cluster=world.cluster, title=title, firms=[f for f, _ in firms],
                                        deadline=today + dt.timedelta(days=30), created_by=world.cluster_manager,
                                        instrument_version="1")  # fmt: skip
        for (firm, owner), value in zip(firms, values, strict=True):
            submit(opened, firm, owner, {i.code: (6 - value if i.reverse else value) for i in items})
        DiagnosticRound.all_objects.filter(pk=opened.pk).update(opens_on=opens, closed_at=timezone.now())
    for firm, owner in firms[:5]:
        plan = plan_current(firm=firm, actor=owner, today=today - dt.timedelta(days=200))
        item = check_item_add(access=OWNER, plan=plan, title="Weekly review", component="knowledge_acquisition",
                              kind="review", hours=10, due_on=today - dt.timedelta(days=100))  # fmt: skip
        check_item_status(access=OWNER, item=item, status="done", today=today - dt.timedelta(days=100))
        extra = check_item_add(access=OWNER, plan=plan, title="Briefing", component="information_gathering",
                               kind="briefing", hours=30, due_on=today + dt.timedelta(days=30))  # fmt: skip
        assert extra.status == "planned"
    figures = cluster_plans(world.cluster, today=today)
    assert (figures.plans, figures.shares, figures.completion) == (
        5, [("Information-gathering", 75), ("Knowledge acquisition", 25), ("Competence development", 0)], 25,
    )  # fmt: skip
    assert figures.measured == 10
    assert (figures.left_crisis.part, figures.left_crisis.n) == (10, 10)  # every firm fire-fighting before, none now
    (row,) = figures.effects
    effect = row.effect
    assert (row.kind, effect.treated, effect.control, effect.estimate) == ("Review or meeting", 5, 5, 25.0)
    half = t.ppf(0.975, 4) * (312.5 / 5) ** 0.5  # treated variance 312.5, control 0: Welch df = 4
    assert abs(effect.low - (25 - half)) < 0.05
    assert abs(effect.high - (25 + half)) < 0.05
