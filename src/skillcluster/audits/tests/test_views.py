"""Pages: each persona gets exactly the status it should; denied writes change nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillcluster.audits.models import Rating, Role, RoleAssignment, RoleRequirement
from skillcluster.audits.services import ratings
from skillcluster.tenancy.domain.roles import ClusterRoleKind
from skillcluster.tenancy.tests.factories import ClusterRoleFactory, MembershipFactory, PersonFactory

PERSONAS = ["anonymous", "outsider", "employee", "owner", "manager", "auditor", "cluster_manager"]


def _client(client_for, world, who):
    return client_for(None if who == "anonymous" else getattr(world, who))


def _status(response) -> int | str:
    return (
        "login" if response.status_code == 302 and "/accounts/login/" in response["Location"] else response.status_code
    )


READ_PAGES = {
    # url name: expected status per persona, in PERSONAS order
    "audits_firm": ["login", 404, 200, 200, 200, 200, 200],
    "audits_roles": ["login", 404, 403, 200, 200, 200, 403],
    "audits_assign": ["login", 404, 403, 200, 200, 200, 403],
    "audits_matrix": ["login", 404, 403, 200, 200, 200, 403],
    "audits_report": ["login", 404, 403, 200, 200, 200, 403],
    "audits_import": ["login", 404, 403, 200, 200, 200, 403],
}


@pytest.mark.parametrize("name", READ_PAGES)
def test_firm_pages_authorization(client_for, world, audit, name):
    url = reverse(name, args=[world.firm.pk])
    got = [_status(_client(client_for, world, who).get(url)) for who in PERSONAS]
    assert got == READ_PAGES[name]


def test_cluster_page_authorization(client_for, world, audit):
    url = reverse("audits_cluster", args=[world.cluster.pk])
    got = [_status(_client(client_for, world, who).get(url)) for who in PERSONAS]
    assert got == ["login", 404, 403, 403, 403, 200, 200]


def test_person_profile_own_or_report_viewer(client_for, world, audit):
    url = reverse("audits_person", args=[world.firm.pk, world.manager.pk])
    got = [_status(_client(client_for, world, who).get(url)) for who in PERSONAS]
    assert got == ["login", 404, 403, 200, 200, 200, 403]
    own = client_for(world.employee).get(reverse("audits_person", args=[world.firm.pk, world.employee.pk]))
    assert own.status_code == 200
    assert "stitch shoe uppers" in own.content.decode()


@pytest.mark.parametrize("who", ["employee", "cluster_manager", "outsider"])
def test_role_create_denied_changes_nothing(client_for, world, audit, who):
    response = getattr(world, who) and client_for(getattr(world, who)).post(
        reverse("audits_roles", args=[world.firm.pk]), {"title": "Designer"}
    )
    assert response.status_code == (404 if who == "outsider" else 403)
    assert Role.objects.filter(firm=world.firm).count() == 2


def test_owner_creates_role_from_occupation(client_for, world, esco):
    response = client_for(world.owner).post(
        reverse("audits_roles", args=[world.firm.pk]), {"title": "Stitcher", "occupation": esco.shoemaker.pk}
    )
    role = Role.objects.get(firm=world.firm, title="Stitcher")
    assert response.status_code == 302
    assert response["Location"] == reverse("audits_role", args=[world.firm.pk, role.pk])
    assert RoleRequirement.objects.filter(role=role).count() == 3


def test_job_title_proposes_occupations(client_for, world, esco):
    response = client_for(world.owner).get(reverse("audits_roles", args=[world.firm.pk]), {"title": "sales clerk"})
    assert response.status_code == 200
    assert response.context["proposals"][0][0].preferred_label == "sales office clerk"


def test_all_requirements_of_a_role_are_edited_in_one_save_and_removal_is_confirmed(client_for, world, audit):
    client = client_for(world.auditor)
    url = reverse("audits_role", args=[world.firm.pk, audit.seller.pk])
    sell = RoleRequirement.objects.get(role=audit.seller, skill=audit.esco.skills["sell"])
    team = RoleRequirement.objects.get(role=audit.seller, skill=audit.esco.skills["team"])
    form = {"action": "save", f"level_{sell.pk}": 4, f"importance_{sell.pk}": 1,
            f"level_{team.pk}": 1, f"importance_{team.pk}": 3}  # fmt: skip
    assert client.post(url, form).status_code == 302
    assert [
        (r.level, r.importance)
        for r in (RoleRequirement.objects.get(pk=sell.pk), RoleRequirement.objects.get(pk=team.pk))
    ] == [(4, 1), (1, 3)]

    bad = client.post(url, form | {f"level_{sell.pk}": 7, f"level_{team.pk}": 2})
    assert bad.status_code == 400
    assert "sell footwear products: A required level is a whole number 1-4; got 7." in bad.content.decode().replace(
        "&#x27;", "'"
    )
    assert RoleRequirement.objects.get(pk=team.pk).level == 1  # nothing saved, not even the valid change

    asked = client.post(url, form | {"remove": [team.pk]})
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "Remove 1 skill from" in body
    assert RoleRequirement.objects.filter(role=audit.seller).count() == 2  # not yet
    done = client.post(url, form | {"remove": [team.pk], "confirm": "yes"}, follow=True)
    assert "removed: " in done.content.decode()
    assert list(RoleRequirement.objects.filter(role=audit.seller)) == [sell]


def test_deleting_a_role_needs_the_box_ticked(client_for, world, audit):
    client = client_for(world.owner)
    url = reverse("audits_role_delete", args=[world.firm.pk, audit.seller.pk])
    client.post(url)
    assert Role.objects.filter(pk=audit.seller.pk).exists()
    client.post(url, {"confirm": "yes"})
    assert not Role.objects.filter(pk=audit.seller.pk).exists()


def test_assignments_saved(client_for, world, audit):
    from skillcluster.tenancy.models import Membership

    owner_m = Membership.objects.get(firm=world.firm, person=world.owner)
    response = client_for(world.owner).post(
        reverse("audits_assign", args=[world.firm.pk]), {f"roles_{owner_m.pk}": [audit.seller.pk]}
    )
    assert response.status_code == 302
    # every member's roles are exactly what the form says: the others lost theirs
    assert list(RoleAssignment.objects.values_list("membership__person_id", "role_id")) == [
        (world.owner.pk, audit.seller.pk)
    ]


def test_employee_rates_self(client_for, world, audit):
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk])
    skill = audit.esco.skills["last"]
    response = client_for(world.employee).post(
        url, {"source": "self", f"level_{skill.pk}": "2", f"note_{skill.pk}": "since May"}
    )
    assert response.status_code == 302
    rating = Rating.objects.get(person=world.employee, skill=skill)
    assert (rating.level, rating.source, rating.rated_by, rating.note) == (2, "self", world.employee, "since May")


def test_employee_rating_colleague_as_manager_is_refused(client_for, world, audit):
    before = Rating.objects.count()
    skill = audit.esco.skills["last"]
    url = reverse("audits_rate", args=[world.firm.pk, world.manager.pk])
    response = client_for(world.employee).post(url, {"source": "manager", f"level_{skill.pk}": "1"})
    assert response.status_code == 403
    assert Rating.objects.count() == before


def test_self_rating_as_manager_is_refused(client_for, world, audit):
    before = Rating.objects.count()
    skill = audit.esco.skills["last"]
    url = reverse("audits_rate", args=[world.firm.pk, world.owner.pk])
    response = client_for(world.owner).post(url, {"source": "manager", f"level_{skill.pk}": "4"})
    assert response.status_code == 400
    assert "You cannot rate your own skills as manager; add a self rating." in response.content.decode()
    assert Rating.objects.count() == before


def test_one_bad_row_saves_no_rating(client_for, world, audit):
    before = Rating.objects.count()
    s = audit.esco.skills
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk])
    response = client_for(world.owner).post(
        url, {"source": "manager", f"level_{s['last'].pk}": "3", f"level_{s['cut'].pk}": "2",
              f"evidence_{s['cut'].pk}": "javascript:alert(1)"}
    )  # fmt: skip
    assert response.status_code == 400
    assert Rating.objects.count() == before


def test_matrix_and_report_render_figures(client_for, world, audit):
    client = client_for(world.owner)
    matrix = client.get(reverse("audits_matrix", args=[world.firm.pk])).content.decode()
    assert 'title="self 4 · manager 2 · required 3"' in matrix
    report = client.get(reverse("audits_report", args=[world.firm.pk])).content.decode()
    assert "<svg" in report
    assert "25%" in report  # 2 of 8 required skill lines met


@pytest.mark.parametrize(("what", "fmt", "start"), [("matrix", "csv", b"\xef\xbb\xbfperson,"), ("gaps", "xlsx", b"PK")])
def test_exports(client_for, world, audit, what, fmt, start):
    response = client_for(world.owner).get(reverse("audits_export", args=[world.firm.pk, what, fmt]))
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert client_for(world.employee).get(reverse("audits_export", args=[world.firm.pk, what, fmt])).status_code == 403


def test_guided_campaign_steps(client_for, world, audit):
    client = client_for(world.auditor)
    url = reverse("audits_campaign", args=[world.firm.pk])
    client.post(url)
    client.post(url, {"step": "roles"})
    campaign = world.firm.audit_campaigns.get()
    assert (campaign.status, campaign.steps_done, campaign.started_by) == ("open", ["roles"], world.auditor)
    assert client_for(world.employee).post(url, {"step": "assign"}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.steps_done == ["roles"]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["audits_matrix", "audits_report", "audits_firm", "audits_assign"])
def test_page_query_counts_do_not_grow_with_people(client_for, world, audit, name):
    client = client_for(world.owner)
    url = reverse(name, args=[world.firm.pk])
    before = _queries(client, url)
    for index in range(5):
        member = MembershipFactory(person=PersonFactory(email=f"extra{index}@example.org"), firm=world.firm)
        RoleAssignment.objects.create(role=audit.maker, membership=member)
        ratings.do_ratings_add(
            ratings=[
                Rating(firm=world.firm, person=member.person, skill=audit.esco.skills["cut"], level=2, source="self")
            ]
        )
    assert _queries(client, url) == before


def test_cluster_assessor_rates_a_member_firms_person_but_sees_nothing_else(client_for, world, audit):
    """The audit rules let a cluster assessor rate; the firm used to answer 404 first (one permission model)."""
    skill = audit.esco.skills["last"]
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk])
    client = client_for(world.assessor)
    form = client.get(url)
    assert (form.status_code, form.context["source"]) == (200, "assessor")
    response = client.post(url, {"source": "assessor", f"level_{skill.pk}": "3"})
    assert (response.status_code, response["Location"]) == (302, url)
    rating = Rating.objects.get(person=world.employee, skill=skill, source="assessor")
    assert (rating.level, rating.rated_by) == (3, world.assessor)
    for name in ("audits_firm", "audits_report", "audits_matrix"):
        assert client.get(reverse(name, args=[world.firm.pk])).status_code == 404
    assert client.get(reverse("audits_person", args=[world.firm.pk, world.employee.pk])).status_code == 404
    assert client.get(reverse("firm_detail", args=[world.firm.pk])).status_code == 404


def test_assessor_of_another_cluster_cannot_rate(client_for, world, audit):
    stranger = PersonFactory()
    ClusterRoleFactory(person=stranger, cluster=world.outsider_firm.cluster, role=ClusterRoleKind.ASSESSOR)
    skill = audit.esco.skills["last"]
    before = Rating.objects.count()
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk])
    response = client_for(stranger).post(url, {"source": "assessor", f"level_{skill.pk}": "3"})
    assert (response.status_code, Rating.objects.count()) == (404, before)


def test_people_of_the_firm_find_their_own_skills_and_an_assessor_no_firm_pages(client_for, world, audit):
    own = reverse("audits_person", args=[world.firm.pk, world.employee.pk])
    page = client_for(world.employee).get(reverse("audits_firm", args=[world.firm.pk])).content.decode()
    assert f'href="{own}">My skills</a>' in page
    rate = client_for(world.assessor).get(reverse("audits_rate", args=[world.firm.pk, world.employee.pk]))
    assert reverse("audits_firm", args=[world.firm.pk]) + '"' not in rate.content.decode()


def test_the_auditor_is_never_offered_a_manager_rating_form(world, client_for, esco):
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk]) + "?source=manager"
    page = client_for(world.auditor).get(url).content.decode()
    assert "as assessor" in page  # the form the auditor may save, not the manager's
    assert 'name="source" value="manager"' not in page


def test_a_self_rating_form_hides_the_managers_rating_until_the_person_has_rated(world, client_for, esco):
    from skillcluster.audits.models import Rating
    from skillcluster.audits.services import ratings

    skill = esco.skills["sell"]
    ratings.do_ratings_add(ratings=[Rating(firm=world.firm, person=world.employee, skill=skill, level=3,
                                           source="manager", rated_by=world.owner)])  # fmt: skip
    url = reverse("audits_rate", args=[world.firm.pk, world.employee.pk]) + f"?add={skill.pk}"
    page = client_for(world.employee).get(url).content.decode()
    assert "after yours" in page  # the manager's 3 would anchor the employee's own answer
    ratings.do_ratings_add(ratings=[Rating(firm=world.firm, person=world.employee, skill=skill, level=2,
                                           source="self", rated_by=world.employee)])  # fmt: skip
    assert "after yours" not in client_for(world.employee).get(url).content.decode()
