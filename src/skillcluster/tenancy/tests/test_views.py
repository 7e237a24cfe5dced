import re

import pytest
from django.core import mail

from skillcluster.tenancy.models import Firm, Invitation, Membership
from skillcluster.tenancy.tests.factories import FirmFactory

pytestmark = pytest.mark.django_db


def _firm_state(firm):
    return Firm.all_objects.filter(pk=firm.pk).values().get()


@pytest.mark.parametrize(
    ("persona", "status", "sees_firms"),
    [
        ("outsider", 404, False),
        ("employee", 200, False),
        ("owner", 200, False),
        ("assessor", 200, False),
        ("auditor", 200, True),
        ("cluster_manager", 200, True),
    ],
)
def test_cluster_page_access(world, client_for, persona, status, sees_firms):
    response = client_for(getattr(world, persona)).get(f"/clusters/{world.cluster.pk}/")
    assert response.status_code == status
    if status == 200:
        assert ("Member firms" in response.content.decode()) is sees_firms
        assert world.outsider_firm.legal_name not in response.content.decode()


def _listed_firms(response) -> list[str]:
    table = response.content.decode().split('aria-labelledby="firms"')[1].split("</section>")[0]
    return re.findall(r'<a href="/firms/\d+/">([^<]+)</a>', table)


def test_cluster_page_lists_member_firms_fifty_a_page(world, client_for):
    FirmFactory.create_batch(50, cluster=world.cluster)  # "Calzaturificio <n> S.r.l.": before "… Rossi" by name
    client = client_for(world.cluster_manager)
    first, second = client.get(f"/clusters/{world.cluster.pk}/"), client.get(f"/clusters/{world.cluster.pk}/?page=2")
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(_listed_firms(first)) == 50
    assert _listed_firms(second) == ["Calzaturificio Rossi S.r.l."]
    assert "Firms 1–50 of 51" in first.content.decode()
    assert "Firms 51–51 of 51" in second.content.decode()
    assert '<div class="value">51</div>' in second.content.decode()  # the headline counts every firm
    assert _listed_firms(client.get(f"/clusters/{world.cluster.pk}/?page=9")) == ["Calzaturificio Rossi S.r.l."]
    assert len(_listed_firms(client.get(f"/clusters/{world.cluster.pk}/?page=x"))) == 50


def test_engagement_page_lists_firms_fifty_a_page_quietest_first(world, client_for):
    FirmFactory.create_batch(50, cluster=world.cluster)  # never active: before "… Rossi", whose people log in
    client_for(world.owner)  # logged in: active today
    client = client_for(world.cluster_manager)
    url = f"/clusters/{world.cluster.pk}/engagement/"
    first, second = client.get(url), client.get(url + "?page=2")
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(first.context["rows"]) == 50
    assert [row.firm for row in second.context["rows"]] == [world.firm]
    assert "Firms 51–51 of 51" in second.content.decode()
    assert len(second.context["inactive"]) == 50  # counted over every page


def test_cluster_page_needs_login(world, client_for):
    response = client_for(None).get(f"/clusters/{world.cluster.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/clusters/{world.cluster.pk}/"


def test_missing_and_foreign_cluster_answer_the_same(world, client_for):
    client = client_for(world.outsider)
    assert client.get(f"/clusters/{world.cluster.pk}/").status_code == 404
    assert client.get("/clusters/999999/").status_code == 404


NEW_FIRM = {
    "firm-legal_name": "Suolificio Nuovo S.r.l.",
    "firm-headcount": "12",
    "firm-founding_year": "2023",
    "firm-nace_code": "22.19",
    "firm-nuts_code": "ITI35",
    "firm-owner_email": "Anna@Nuovo.IT",
}


def test_cluster_manager_adds_firm_and_invites_owner(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.cluster_manager).post(f"/clusters/{world.cluster.pk}/", NEW_FIRM)
    assert response.status_code == 302
    firm = Firm.all_objects.get(legal_name="Suolificio Nuovo S.r.l.")
    assert (firm.cluster_id, firm.size_class, firm.nace_code) == (world.cluster.pk, "small", "22.19")
    invitation = Invitation.all_objects.get(firm=firm)
    assert (invitation.email, invitation.firm_role) == ("anna@nuovo.it", "owner")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@nuovo.it"]
    assert "/invitations/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("persona", "status"), [("employee", 403), ("owner", 403), ("auditor", 403), ("outsider", 404)]
)
def test_only_cluster_manager_adds_firms(world, client_for, persona, status):
    response = client_for(getattr(world, persona)).post(f"/clusters/{world.cluster.pk}/", NEW_FIRM)
    assert response.status_code == status
    assert Firm.all_objects.filter(legal_name="Suolificio Nuovo S.r.l.").count() == 0
    assert Invitation.all_objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("firm-nace_code", "99.99", "is not a NACE Rev. 2 code"),
        ("firm-nuts_code", "XX1", "is not a NUTS 2021 code"),
        ("firm-headcount", "-3", "Ensure this value is greater than or equal to 0."),
        ("firm-headcount", "twelve", "Enter a whole number."),
        ("firm-legal_name", "calzaturificio rossi s.r.l.", "is already in this cluster"),
        ("firm-owner_email", "not-an-email", "Enter a valid email address."),
    ],
)
def test_bad_firm_input_names_the_field_and_changes_nothing(world, client_for, field, value, message):
    response = client_for(world.cluster_manager).post(f"/clusters/{world.cluster.pk}/", NEW_FIRM | {field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Firm.all_objects.count() == 2
    assert Invitation.all_objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status", "sees_people"),
    [("outsider", 404, False), ("assessor", 404, False), ("employee", 200, False), ("manager", 200, True),
     ("owner", 200, True), ("cluster_manager", 200, True), ("auditor", 200, True)],
)  # fmt: skip
def test_firm_page_access(world, client_for, persona, status, sees_people):
    response = client_for(getattr(world, persona)).get(f"/firms/{world.firm.pk}/")
    assert response.status_code == status
    if status == 200:
        assert ("employee@example.org" in response.content.decode()) is sees_people


def test_owner_edits_firm_and_size_class_follows(world, client_for):
    data = {"legal_name": "Calzaturificio Rossi S.p.A.", "headcount": "60", "nace_code": "1520", "nuts_code": "iti33"}
    response = client_for(world.owner).post(f"/firms/{world.firm.pk}/edit/", data)
    assert response.status_code == 302
    firm = Firm.all_objects.get(pk=world.firm.pk)
    assert (firm.legal_name, firm.size_class, firm.nace_code, firm.nuts_code) == (
        "Calzaturificio Rossi S.p.A.", "medium", "15.20", "ITI33")  # fmt: skip


@pytest.mark.parametrize(
    ("persona", "status"), [("employee", 403), ("manager", 403), ("cluster_manager", 403), ("outsider", 404)]
)
def test_only_owner_edits_firm(world, client_for, persona, status):
    before = _firm_state(world.firm)
    data = {"legal_name": "Hijacked", "headcount": "1", "nace_code": "15.20", "nuts_code": "ITI35"}
    assert client_for(getattr(world, persona)).post(f"/firms/{world.firm.pk}/edit/", data).status_code == status
    assert _firm_state(world.firm) == before


def test_firm_edit_refuses_bad_codes_and_keeps_old_values(world, client_for):
    before = _firm_state(world.firm)
    data = {"legal_name": "X", "headcount": "3", "nace_code": "15.99", "nuts_code": "ITI35"}
    response = client_for(world.owner).post(f"/firms/{world.firm.pk}/edit/", data)
    assert response.status_code == 400
    assert "&#x27;15.99&#x27; is not a NACE Rev. 2 code" in response.content.decode()
    assert _firm_state(world.firm) == before


def test_owner_invites_employee(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.owner).post(
            f"/firms/{world.firm.pk}/invitations/", {"emails": "new@rossi.it", "role": "manager"}
        )
    assert response.status_code == 302
    assert Invitation.all_objects.filter(firm=world.firm, email="new@rossi.it", firm_role="manager").count() == 1
    assert mail.outbox[0].subject == "You are invited to join Calzaturificio Rossi S.r.l. on Skillcluster"


def test_htmx_invitation_returns_the_partial(world, client_for):
    response = client_for(world.owner).post(
        f"/firms/{world.firm.pk}/invitations/", {"emails": "new@rossi.it", "role": "employee"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="card" id="invitations"')
    assert "new@rossi.it" in body


def test_firm_manager_may_invite_employees_only(world, client_for):
    client = client_for(world.manager)
    response = client.post(f"/firms/{world.firm.pk}/invitations/", {"emails": "boss@rossi.it", "role": "owner"})
    assert response.status_code == 400
    assert Invitation.all_objects.count() == 0
    response = client.post(f"/firms/{world.firm.pk}/invitations/", {"emails": "x@rossi.it", "role": "employee"})
    assert response.status_code == 302


@pytest.mark.parametrize(("persona", "status"), [("employee", 403), ("cluster_manager", 403), ("outsider", 404)])
def test_invitation_denied(world, client_for, persona, status):
    response = client_for(getattr(world, persona)).post(
        f"/firms/{world.firm.pk}/invitations/", {"emails": "x@rossi.it", "role": "employee"}
    )
    assert response.status_code == status
    assert Invitation.all_objects.count() == 0


def test_inviting_someone_already_in_the_firm_is_refused(world, client_for):
    response = client_for(world.owner).post(
        f"/firms/{world.firm.pk}/invitations/", {"emails": "employee@example.org", "role": "employee"}
    )
    assert response.status_code == 400
    assert "employee@example.org already works in Calzaturificio Rossi S.r.l." in response.content.decode()
    assert Invitation.all_objects.count() == 0


def test_owner_invites_a_list_of_staff_at_once(world, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.owner).post(
            f"/firms/{world.firm.pk}/invitations/",
            {"emails": "a@rossi.it, b@rossi.it\nC@rossi.it;\n\na@rossi.it", "role": "employee"},
        )
    assert response.status_code == 302
    assert sorted(Invitation.all_objects.values_list("email", flat=True)) == ["a@rossi.it", "b@rossi.it", "c@rossi.it"]
    assert len(mail.outbox) == 3


def test_a_list_with_a_bad_or_taken_address_invites_nobody_and_names_it(world, client_for):
    client = client_for(world.owner)
    response = client.post(
        f"/firms/{world.firm.pk}/invitations/", {"emails": "a@rossi.it\nmario.rossi@", "role": "employee"}
    )
    assert response.status_code == 400
    assert "Not an e-mail address: &#x27;mario.rossi@&#x27;" in response.content.decode()
    response = client.post(
        f"/firms/{world.firm.pk}/invitations/", {"emails": "a@rossi.it, employee@example.org", "role": "employee"}
    )
    body = response.content.decode()
    assert "employee@example.org already works in" in body
    assert "Nobody was invited" in body
    assert Invitation.all_objects.count() == 0


def test_refused_role_change_shows_next_to_the_picker_with_and_without_htmx(world, client_for):
    membership = Membership.all_objects.get(person=world.owner)
    url = f"/firms/{world.firm.pk}/members/{membership.pk}/role/"
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client_for(world.owner).post(url, {"role": "employee"}, **headers)
        body = response.content.decode()
        assert response.status_code == 400
        row = body[body.index(f'<tr id="member-{membership.pk}"') :]
        row = row[: row.index("</tr>")]
        assert "A firm needs at least one owner" in row
        assert 'value="owner" selected' in row  # the role kept, not the refused one


def test_owner_assigns_roles(world, client_for):
    membership = Membership.all_objects.get(person=world.employee)
    response = client_for(world.owner).post(
        f"/firms/{world.firm.pk}/members/{membership.pk}/role/", {"role": "manager"}
    )
    assert response.status_code == 302
    assert Membership.all_objects.get(pk=membership.pk).role == "manager"


def test_last_owner_cannot_step_down(world, client_for):
    membership = Membership.all_objects.get(person=world.owner)
    client_for(world.owner).post(f"/firms/{world.firm.pk}/members/{membership.pk}/role/", {"role": "employee"})
    assert Membership.all_objects.get(pk=membership.pk).role == "owner"


@pytest.mark.parametrize(("persona", "status"), [("manager", 403), ("employee", 403), ("outsider", 404)])
def test_role_assignment_denied(world, client_for, persona, status):
    membership = Membership.all_objects.get(person=world.employee)
    response = client_for(getattr(world, persona)).post(
        f"/firms/{world.firm.pk}/members/{membership.pk}/role/", {"role": "owner"}
    )
    assert response.status_code == status
    assert Membership.all_objects.get(pk=membership.pk).role == "employee"


def test_membership_of_another_firm_answers_404(world, client_for):
    foreign = Membership.all_objects.get(person=world.outsider)
    response = client_for(world.owner).post(f"/firms/{world.firm.pk}/members/{foreign.pk}/role/", {"role": "employee"})
    assert response.status_code == 404
    assert Membership.all_objects.get(pk=foreign.pk).role == "owner"


def test_person_in_two_firms_of_two_clusters_sees_both(world, client_for):
    Membership.all_objects.create(person=world.employee, firm=world.outsider_firm, role="employee")
    client = client_for(world.employee)
    assert client.get(f"/firms/{world.outsider_firm.pk}/").status_code == 200
    assert client.get(f"/clusters/{world.outsider_firm.cluster_id}/").status_code == 200
    home = client.get("/").content.decode()
    assert "Huber GmbH" in home
    assert "Calzaturificio Rossi S.r.l." in home


def test_password_reset_mails_a_working_link(world, client_for):
    response = client_for(None).post("/accounts/password_reset/", {"email": "employee@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your Skillcluster password"
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/reset/") :].strip()
    client = client_for(None)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-long-pass-77", "new_password2": "a-new-long-pass-77"}
    )
    assert done.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.check_password("a-new-long-pass-77")


def test_owner_declares_competitors_and_customers_and_only_the_firm_sees_them(world, client_for):
    from skillcluster.tenancy.models import FirmRelation
    from skillcluster.tenancy.tests.factories import FirmFactory

    rival, buyer = FirmFactory(cluster=world.cluster), FirmFactory(cluster=world.cluster)
    url = f"/firms/{world.firm.pk}/relations/"
    data = {"competitors": [rival.pk], "customers": [buyer.pk]}
    statuses = {who: client_for(getattr(world, who)).post(url, data).status_code
                for who in ("employee", "manager", "cluster_manager", "outsider")}  # fmt: skip
    assert statuses == {"employee": 403, "manager": 403, "cluster_manager": 403, "outsider": 404}
    assert FirmRelation.objects.count() == 0
    assert client_for(world.owner).post(url, data).status_code == 302
    assert sorted(FirmRelation.objects.values_list("other_id", "kind")) == sorted(
        [(rival.pk, "competitor"), (buyer.pk, "customer")]
    )
    assert rival.legal_name in client_for(world.employee).get(f"/firms/{world.firm.pk}/").content.decode()
    assert rival.legal_name not in client_for(world.cluster_manager).get(f"/firms/{world.firm.pk}/").content.decode()
    outsider = {"competitors": [world.outsider_firm.pk]}
    assert client_for(world.owner).post(url, outsider).status_code == 400  # not a firm of this cluster


def test_demo_clusters_say_their_data_is_synthetic(world, client_for):
    firm_page = f"/firms/{world.firm.pk}/"
    assert "Demo data." not in client_for(world.owner).get(firm_page).content.decode()
    world.cluster.is_demo = True
    world.cluster.save(update_fields=["is_demo"])
    assert "Demo data." in client_for(world.owner).get(firm_page).content.decode()
    assert "Demo data." in client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/").content.decode()


def test_a_small_cluster_says_why_it_has_no_figures_and_what_it_would_take(world, client_for):
    from skillcluster.tenancy.tests.factories import FirmFactory

    page = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/").content.decode()
    assert "No cluster figures yet." in page
    assert "4 more firms must join" in page  # the world's cluster has one firm
    for _ in range(2):
        FirmFactory(cluster=world.cluster)
    staff_view = client_for(world.employee).get(f"/clusters/{world.cluster.pk}/").content.decode()
    assert "2 more firms must join" in staff_view  # counted across the cluster, not within the viewer's firm
    for _ in range(2):
        FirmFactory(cluster=world.cluster)
    again = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/").content.decode()
    assert "No cluster figures yet." not in again


def test_the_relations_page_shows_the_declared_ones_ticked(world, client_for):
    from skillcluster.tenancy.models import FirmRelation
    from skillcluster.tenancy.tests.factories import FirmFactory

    rival = FirmFactory(cluster=world.cluster)
    FirmRelation.objects.create(firm=world.firm, other=rival, kind="competitor")
    page = client_for(world.owner).get(f"/firms/{world.firm.pk}/relations/").content.decode()
    assert f'value="{rival.pk}" id="id_competitors_0" checked' in page
    assert client_for(world.employee).get(f"/firms/{world.firm.pk}/relations/").status_code == 403


def test_profile_page_offers_the_data_download_once_and_has_a_plain_title(world, client_for):
    page = client_for(world.employee).get("/me/").content.decode()
    assert "<title>Your profile · Skillcluster</title>" in page
    assert page.count("Download all your data (JSON)") == 1
