"""Pages: the authorization matrix (with nothing changed on denial), the owner flow and the k >= 5 floor."""

import pytest
from django.core import mail

from skillcluster.diagnostics import services
from skillcluster.diagnostics.models import DiagnosticRound, Response, RoundFirm, StaffInvite
from skillcluster.diagnostics.tests.conftest import INSTRUMENT, answers_for, submit
from skillcluster.tenancy.models import Membership
from skillcluster.tenancy.tests.factories import FirmFactory

PERSONAS = ["anonymous", "outsider", "employee", "manager", "owner", "cluster_manager", "auditor"]


def _client(world, client_for, persona):
    return client_for(None if persona == "anonymous" else getattr(world, persona))


def _status(world, client_for, persona, url, method="get", data=None):
    client = _client(world, client_for, persona)
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("firm", [302, 404, 200, 200, 200, 200, 200]),
        ("form", [302, 404, 403, 403, 200, 403, 403]),
        ("staff", [302, 404, 403, 403, 200, 403, 403]),
        ("report", [302, 404, 200, 200, 200, 403, 403]),
        ("pdf", [302, 404, 200, 200, 200, 403, 403]),
        ("cluster", [302, 404, 403, 403, 403, 200, 200]),
        ("round", [302, 404, 403, 403, 403, 200, 200]),
        ("export", [302, 404, 403, 403, 403, 302, 403]),
    ],
)
def test_page_matrix(world, client_for, diag_round, page, expected):
    if page in {"report", "pdf"}:
        submit(diag_round, world.firm, world.owner, answers_for(50))
    f, r, c = world.firm.pk, diag_round.pk, world.cluster.pk
    urls = {
        "firm": f"/firms/{f}/diagnostic/",
        "form": f"/firms/{f}/diagnostic/{r}/form/",
        "staff": f"/firms/{f}/diagnostic/{r}/staff/",
        "report": f"/firms/{f}/diagnostic/{r}/report/",
        "pdf": f"/firms/{f}/diagnostic/{r}/report.pdf",
        "cluster": f"/clusters/{c}/diagnostic/",
        "round": f"/clusters/{c}/diagnostic/{r}/",
        "export": f"/clusters/{c}/diagnostic/{r}/export.csv",  # below 5 firms: the manager is sent back
    }
    assert [_status(world, client_for, persona, urls[page]) for persona in PERSONAS] == expected


def test_owner_form_redirects_after_submission(world, client_for, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(50))
    response = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/")
    assert (response.status_code, response["Location"]) == (302, f"/firms/{world.firm.pk}/diagnostic/")


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "employee", "manager", "cluster_manager"])
def test_denied_owner_post_changes_nothing(world, client_for, diag_round, persona):
    data = {f"item-{code}": value for code, value in answers_for(75).items()} | {"action": "submit"}
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/"
    assert _status(world, client_for, persona, url, "post", data) in {302, 403, 404}
    assert Response.objects.count() == 0


def test_owner_saves_a_draft_resumes_it_and_submits(world, client_for, diag_round):
    client = client_for(world.owner)
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/"
    response = client.post(url, {"item-IG1": "4", "action": "draft"})
    assert (response.status_code, response["Location"]) == (302, url)
    page = client.get(url).content.decode()
    assert 'name="item-IG1" value="4" checked' in page
    assert "Your answers are stored with your firm" in page  # the privacy notice
    data = {f"item-{code}": value for code, value in answers_for(75).items()} | {"action": "submit"}
    response = client.post(url, data)
    assert response["Location"] == f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report/"
    assert Response.objects.get().status == "submitted"


def test_out_of_range_answer_is_shown_and_nothing_saved(world, client_for, diag_round):
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/"
    response = client_for(world.owner).post(url, {"item-IG1": "7", "action": "draft"})
    assert response.status_code == 400
    assert "item IG1: answer 7 is not a whole number from 1 to 5" in response.content.decode()
    assert Response.objects.count() == 0


def test_closed_round_form_post_is_refused(world, client_for, diag_round):
    services.round_close(diagnostic_round=diag_round)
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/"
    response = client_for(world.owner).post(url, {"item-IG1": "3", "action": "draft"})
    assert response.status_code == 400
    assert "&#x27;Spring 2027&#x27; is closed" in response.content.decode()
    assert Response.objects.count() == 0


def test_staff_link_used_by_someone_else_is_refused(world, client_for, diag_round):
    invite = services.staff_invite(
        diagnostic_round=diag_round, firm=world.firm, email="employee@example.org", invited_by=world.owner
    )
    url = f"/diagnostic/staff/{services.staff_link_token(invite)}/"
    data = {f"item-{code}": value for code, value in answers_for(25, "staff").items()} | {"action": "submit"}
    response = client_for(world.manager).post(url, data)
    assert response.status_code == 403
    assert "made for employee@example.org" in response.content.decode()
    assert Response.objects.count() == 0
    response = client_for(world.employee).post(url, data)
    assert response.status_code == 302
    assert Response.objects.get().respondent == world.employee
    assert StaffInvite.objects.get().used_at is not None
    assert client_for(world.employee).get(url).status_code == 403  # spent


def test_owner_invites_staff_from_the_page(world, client_for, diag_round):
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/staff/"
    owner = client_for(world.owner)
    page = owner.get(url).content.decode()
    assert "Employee (employee@example.org)" in page
    assert "Manager (manager@example.org)" in page
    response = owner.post(url, {"people": []})
    assert response.status_code == 400
    assert "Tick at least one colleague" in response.content.decode()
    outsider = Membership.objects.get(person=world.outsider)
    assert owner.post(url, {"people": [outsider.pk]}).status_code == 400  # not a colleague: not a choice
    assert StaffInvite.objects.count() == 0
    chosen = Membership.objects.filter(firm=world.firm, person__in=[world.employee, world.manager])
    assert owner.post(url, {"people": [m.pk for m in chosen]}).status_code == 302
    assert {invite.person for invite in StaffInvite.objects.all()} == {world.employee, world.manager}
    assert "Everyone in the firm on Skillcluster is invited" in owner.get(url).content.decode()


def test_report_page_hides_comparisons_below_five_firms(world, client_for, diag_round, add_peers):
    add_peers([25, 25, 50, 100])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report/").content.decode()
    assert "Learning organisation" in page
    assert page.count("owner's view only") == 2  # beside the type and the scale chart
    assert page.count("Hidden: fewer than 5") == 2
    assert "% of them" not in page


def test_report_page_shows_comparisons_from_five_firms(world, client_for, diag_round, add_peers):
    add_peers([25, 25, 50, 100, 100])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report/").content.decode()
    assert "<strong>60%</strong> of them" in page
    assert "Hidden: fewer than 5" not in page


def test_report_pdf_is_a_pdf(world, client_for, diag_round):
    submit(diag_round, world.firm, world.owner, answers_for(75))
    response = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF-")


def test_round_page_hides_figures_below_five_firms(world, client_for, diag_round, add_peers):
    add_peers([0, 0, 50, 75])
    page = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/")
    text = page.content.decode()
    assert "Fewer than 5 firms have answered" in text
    assert "Scale means by size class" not in text
    assert "Export pseudonymised answers" not in text


def test_round_page_progress_shows_who_not_what(world, client_for, diag_round, add_peers):
    add_peers([0, 0, 50, 75, 100])
    text = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/")
    text = text.content.decode()
    assert "Scale means by size class" in text
    assert "Calzaturificio Rossi S.r.l.</td>" in text
    auditor = client_for(world.auditor).get(f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/")
    assert "Progress: who has answered" not in auditor.content.decode()


def test_round_page_progress_comes_by_pages(world, client_for, diag_round, add_peers, monkeypatch):
    monkeypatch.setattr("skillcluster.diagnostics.views.cluster.FIRMS_PER_PAGE", 2)
    add_peers([0, 50])  # "Calzaturificio <n> S.r.l.": before "… Rossi" by name
    client = client_for(world.cluster_manager)
    url = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/"
    first, second = client.get(url), client.get(url + "?page=2")
    assert [len(page.context["progress"]) for page in (first, second)] == [2, 1]
    assert "Calzaturificio Rossi S.r.l.</td>" in second.content.decode()
    assert "Firms 3–3 of 3" in second.content.decode()


def test_manager_opens_a_round_and_auditor_cannot(world, client_for):
    url = f"/clusters/{world.cluster.pk}/diagnostic/"
    data = {"title": "Autumn 2027", "deadline": "2099-01-31", "firms": [world.firm.pk]}
    assert client_for(world.auditor).post(url, data).status_code == 403
    assert DiagnosticRound.objects.count() == 0
    response = client_for(world.cluster_manager).post(url, data)
    created = DiagnosticRound.objects.get()
    assert response["Location"] == f"/clusters/{world.cluster.pk}/diagnostic/{created.pk}/"
    assert [rf.firm for rf in created.round_firms.all()] == [world.firm]


@pytest.mark.parametrize("action", ["remind", "close"])
def test_remind_and_close_only_for_the_manager(
    world, client_for, diag_round, action, django_capture_on_commit_callbacks
):
    url = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/{action}/"
    for persona in ["anonymous", "outsider", "employee", "owner", "auditor"]:
        assert _status(world, client_for, persona, url, "post") in {302, 403, 404}
    diag_round.refresh_from_db()
    assert (diag_round.closed_at, mail.outbox) == (None, [])
    manager = client_for(world.cluster_manager)
    with django_capture_on_commit_callbacks(execute=True):
        assert manager.post(url, {"confirm": "yes"}).status_code == 302
    diag_round.refresh_from_db()
    assert (diag_round.is_closed, len(mail.outbox)) == ((True, 0) if action == "close" else (False, 1))


def test_closing_needs_the_box_ticked_and_reminders_cool_down(
    world, client_for, diag_round, django_capture_on_commit_callbacks
):
    manager = client_for(world.cluster_manager)
    base = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}"
    assert "E-mail a reminder to the owners of 1 firm" in manager.get(f"{base}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(f"{base}/remind/")
        manager.post(f"{base}/remind/")  # a second click mails nobody again
    assert len(mail.outbox) == 1
    assert "No reminder to send" in manager.get(f"{base}/").content.decode()
    manager.post(f"{base}/close/")  # the box not ticked
    diag_round.refresh_from_db()
    assert not diag_round.is_closed


def test_export_download_from_five_firms(world, client_for, diag_round, add_peers):
    add_peers([25, 25, 50, 75, 100])
    services.round_close(diagnostic_round=diag_round)
    response = client_for(world.cluster_manager).get(
        f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}/export.csv"
    )
    assert (response.status_code, response["Content-Type"]) == (200, "text/csv; charset=utf-8")
    assert len(response.content.decode().splitlines()) == 6 + 5  # six lines of head, five owners


def test_round_of_another_cluster_is_404(world, client_for, diag_round):
    other = DiagnosticRound.objects.create(
        cluster=world.outsider_firm.cluster, title="X", opens_on=diag_round.opens_on, deadline=diag_round.deadline
    )
    assert (
        client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/diagnostic/{other.pk}/").status_code == 404
    )
    assert client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{other.pk}/report/").status_code == 404


def test_report_trends_the_overall_score_and_the_balance(world, client_for, diag_round):
    import datetime as dt

    from django.utils import timezone

    market = INSTRUMENT.scale("information_gathering").items
    uneven = answers_for(50) | {item.code: 5 if item.reverse else 1 for item in market}
    submit(diag_round, world.firm, world.owner, uneven)  # market intelligence 0, the other two 50
    services.round_close(diagnostic_round=diag_round)
    later = services.round_open(
        cluster=world.cluster,
        title="Autumn 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=90),
        created_by=world.cluster_manager,
        instrument_version="1",
    )
    DiagnosticRound.objects.filter(pk=later.pk).update(opens_on=diag_round.opens_on + dt.timedelta(days=1))
    submit(later, world.firm, world.owner, answers_for(75))
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/diagnostic/{later.pk}/report/").content.decode()
    assert "Overall learning score: Spring 2027: <strong>33</strong> → Autumn 2027: <strong>75</strong>" in page
    assert (
        "Balance of the three components: Spring 2027: <strong>50</strong> → Autumn 2027: <strong>100</strong>" in page
    )
    assert "more balanced" in page
    assert "Learning together.</strong> Learning is planned ahead and staff take part in it." in page


def test_a_version_2_round_offers_dont_know_and_counts_it_as_not_answered(world, client_for):
    import datetime as dt

    from django.utils import timezone

    from skillcluster.diagnostics.domain.instrument import DONT_KNOW, load_instrument

    current = services.round_open(
        cluster=world.cluster,
        title="Autumn 2027",
        firms=[world.firm],
        deadline=timezone.localdate() + dt.timedelta(days=30),
        created_by=world.cluster_manager,
    )
    url = f"/firms/{world.firm.pk}/diagnostic/{current.pk}/form/"
    client = client_for(world.owner)
    page = client.get(url).content.decode()
    assert "Don&#x27;t know" in page or "Don't know" in page
    assert "Learning networks" in page
    items = load_instrument("2").form_items("owner")
    data = {f"item-{item.code}": str(1 if item.reverse else 5) for item in items}
    data |= {"item-LN1": str(DONT_KNOW), "action": "submit"}
    response = client.post(url, data)
    assert response.status_code == 302
    saved = Response.objects.get(round=current)
    assert (saved.instrument_version, saved.answers["LN1"]) == ("2", DONT_KNOW)
    report = client.get(f"/firms/{world.firm.pk}/diagnostic/{current.pk}/report/").content.decode()
    assert "Learning networks" in report


def test_staff_see_the_firms_figures_but_never_the_owners_own_answers(world, client_for, diag_round):
    from skillcluster.tenancy.domain.roles import FirmRole
    from skillcluster.tenancy.tests.factories import MembershipFactory, PersonFactory

    submit(diag_round, world.firm, world.owner, answers_for(75))
    for _ in range(3):
        person = PersonFactory()
        MembershipFactory(person=person, firm=world.firm, role=FirmRole.EMPLOYEE)
        submit(diag_round, world.firm, person, answers_for(25, "staff"), form="staff")
    report = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/report/"
    profile = f"/api/v1/firms/{world.firm.pk}/diagnostic-rounds/{diag_round.pk}/profile"
    owner_page = client_for(world.owner).get(report).content.decode()
    assert "Staff (average of 3)" in owner_page
    assert "You rate participative learning 75/100" in owner_page
    staff_page = client_for(world.employee).get(report).content.decode()
    assert "Staff (average of 3)" not in staff_page
    assert "You rate participative learning" not in staff_page  # the action that cites the owner's answer
    assert "The owner sees this comparison" in staff_page
    assert client_for(world.owner).get(profile).json()["gaps"]
    staff_profile = client_for(world.employee).get(profile).json()
    assert staff_profile["gaps"] is None
    assert all("You rate" not in action["reason"] for action in staff_profile["recommendations"])


def test_a_refused_submission_marks_the_unanswered_statements(world, client_for, diag_round):
    url = f"/firms/{world.firm.pk}/diagnostic/{diag_round.pk}/form/"
    response = client_for(world.owner).post(url, {"item-IG1": "3", "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("Not answered yet") == 30
    assert "30 of the 31 statements are still unanswered (marked below" in page
    assert "unanswered: IG2" not in page  # the statements, not codes the form never shows


def test_opening_a_round_invites_the_owners_and_warns_of_a_round_still_open(
    world, client_for, diag_round, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    manager = client_for(world.cluster_manager)
    home = f"/clusters/{world.cluster.pk}/diagnostic/"
    assert "“Spring 2027” is still open" in manager.get(home).content.decode()
    deadline = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(home, {"title": "Autumn 2027", "deadline": deadline, "firms": [world.firm.pk]})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert mail.outbox[0].subject.startswith(f"How does {world.firm} learn? Autumn 2027")


def test_manager_reopens_a_round_closed_by_mistake_and_a_refusal_shows_at_the_form(world, client_for, diag_round):
    manager = client_for(world.cluster_manager)
    base = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}"
    manager.post(f"{base}/close/", {"confirm": "yes"})
    page = manager.get(f"{base}/").content.decode()
    assert "Closed by mistake?" in page
    assert 'action="' + base + '/reopen/#reopen"' in page
    response = manager.post(f"{base}/reopen/", {"reason": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert body.index('id="reopen"') < body.index("Say why the round is reopened")
    assert client_for(world.owner).post(f"{base}/reopen/", {"reason": "x"}).status_code == 403
    assert manager.post(f"{base}/reopen/", {"reason": "closed by mistake"}).status_code == 302
    page = manager.get(f"{base}/").content.decode()
    assert "reopened" in page
    assert "“closed by mistake”" in page


def test_manager_adds_a_late_firm_to_an_open_round(world, client_for, diag_round):
    late = FirmFactory(cluster=world.cluster, legal_name="Suolificio Tardi S.r.l.")
    manager = client_for(world.cluster_manager)
    base = f"/clusters/{world.cluster.pk}/diagnostic/{diag_round.pk}"
    assert "1 firm of the cluster is not in this round" in manager.get(f"{base}/").content.decode()
    choosing = manager.get(f"{base}/firms/")  # a page of its own: its list names every firm outside the round
    assert choosing.status_code == 200
    assert [firm for pk, firm in choosing.context["form"].fields["firm"].choices if pk] == ["Suolificio Tardi S.r.l."]
    assert client_for(world.owner).get(f"{base}/firms/").status_code == 403
    response = manager.post(f"{base}/firms/", {"firm": world.outsider_firm.pk})
    assert response.status_code == 400  # another cluster's firm is not even a choice
    assert manager.post(f"{base}/firms/", {"firm": late.pk}).status_code == 302
    assert RoundFirm.objects.filter(round=diag_round, firm=late).exists()
    assert "Add a firm to this round" not in manager.get(f"{base}/").content.decode()  # none left outside
