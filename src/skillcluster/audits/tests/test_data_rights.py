"""People's data rights and offboarding, across every context (this floor sees them all)."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from skillcluster.accreditation.models import Claim, Evidence, IssuedCredential
from skillcluster.accreditation.services import credentials
from skillcluster.accreditation.tests.builders import issued
from skillcluster.audits.models import Rating
from skillcluster.audits.selectors.aggregates import cluster_aggregate
from skillcluster.diagnostics.selectors.cluster_report import cluster_figures
from skillcluster.diagnostics.tests.conftest import answers_for, submit
from skillcluster.tenancy.models import AuditEvent, Firm, Membership, Person
from skillcluster.tenancy.services import people
from skillcluster.tenancy.tests.factories import PASSWORD


def _figures(world, diag_round):
    """The audit's and the round's cluster figures, compared as values (not as text: the order in which the
    database returns a group's rows may differ from one reading to the next)."""
    return cluster_aggregate(world.cluster), cluster_figures(diag_round)


@pytest.fixture
def credential_world(world, audit):
    from skillcluster.accreditation.tests.builders import SKILL_LABEL, SKILL_URI
    from skillcluster.taxonomy.models import Skill

    Skill.objects.get_or_create(uri=SKILL_URI, defaults={"preferred_label": SKILL_LABEL})
    return issued(world)


def test_erasure_keeps_figures_and_credential_verification_and_names_no_one(
    world, client_for, diag_round, add_peers, credential_world
):
    add_peers([25, 50, 50, 75, 100], staff=3)
    submit(diag_round, world.firm, world.employee, answers_for(50, "staff"), form="staff")
    employee = world.employee
    Rating.all_objects.filter(person=employee).first()  # the audit fixture rated the employee
    holder_copy = copy.deepcopy(credential_world.document)
    before = _figures(world, diag_round)

    people.person_erase(person=employee, by=world.cluster_manager)

    assert _figures(world, diag_round) == before  # every cluster figure reads the same
    erased = Person.objects.get(pk=employee.pk)
    assert (erased.full_name, erased.is_active) == ("Erased person", False)
    assert "employee@example.org" not in json.dumps(people.person_export(erased))
    assert all(r.note == "" and r.evidence_url == "" for r in Rating.all_objects.filter(person=employee))
    assert Claim.objects.get(claimant=employee).title == "Erased claim"
    assert not Evidence.objects.filter(claim__claimant=employee).exclude(file="").exists()
    assert IssuedCredential.objects.get(pk=credential_world.pk).document == {}

    public = Client()
    verified = public.post("/api/v1/credentials/verify", json.dumps(holder_copy), content_type="application/json")
    assert verified.json()["status"] == "valid"  # the holder's own copy still verifies
    assert public.get(f"/verify/{credential_world.uuid}/").status_code == 410
    credentials.credential_revoke(
        credential=IssuedCredential.objects.get(pk=credential_world.pk), revoked_by=world.cluster_manager, reason="x"
    )
    verified = public.post("/api/v1/credentials/verify", json.dumps(holder_copy), content_type="application/json")
    assert verified.json()["status"] == "revoked"  # and its status list still works

    event = AuditEvent.objects.get(action="person.erased")
    assert (event.actor, event.subject) == (world.cluster_manager, f"person #{employee.pk}")
    with pytest.raises(ValidationError, match="erased already"):
        people.person_erase(person=erased, by=None)


def test_a_person_downloads_all_their_data(world, client_for, audit, diag_round):
    submit(diag_round, world.firm, world.employee, answers_for(50, "staff"), form="staff")
    response = client_for(world.employee).get("/me/data.json")
    data = response.json()
    assert response["Content-Disposition"] == 'attachment; filename="skillcluster-my-data.json"'
    assert data["person"]["email"] == "employee@example.org"
    assert data["firms"][0]["firm"] == "Calzaturificio Rossi S.r.l."
    assert len(data["skills_audit"]["ratings_of_my_skills"]) == Rating.objects.filter(person=world.employee).count()
    assert data["diagnostic"]["answers"][0]["form"] == "staff"
    assert data["accreditation"] == {"claims": [], "credentials": [], "statements_i_wrote": []}
    assert AuditEvent.objects.filter(action="person.exported", actor=world.employee).exists()


def test_an_owner_removes_a_leaver_who_then_sees_nothing(world, client_for):
    membership = Membership.objects.get(person=world.employee)
    owner = client_for(world.owner)
    owner.post(f"/firms/{world.firm.pk}/members/{membership.pk}/remove/")  # not confirmed
    assert Membership.objects.filter(pk=membership.pk).exists()
    owner.post(f"/firms/{world.firm.pk}/members/{membership.pk}/remove/", {"confirm": "yes"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert client_for(world.employee).get(f"/firms/{world.firm.pk}/").status_code == 404
    event = AuditEvent.objects.get(action="membership.removed")
    assert (event.actor, event.firm, event.subject) == (world.owner, world.firm, "Employee (employee)")
    assert "membership.removed" in owner.get(f"/firms/{world.firm.pk}/").content.decode()  # the firm's record
    own = Membership.objects.get(person=world.owner)
    owner.post(f"/firms/{world.firm.pk}/members/{own.pk}/remove/", {"confirm": "yes"})
    assert Membership.objects.filter(pk=own.pk).exists()  # the last owner stays


def test_a_closed_account_cannot_log_in_or_use_its_tokens(world, client_for):
    from skillcluster.tenancy.services import api_token_create

    _, secret = api_token_create(person=world.employee, name="script")
    client = client_for(world.employee)
    client.post("/me/close/", {"confirm": "yes"})
    assert not Person.objects.get(pk=world.employee.pk).is_active
    assert (
        Client().post("/accounts/login/", {"username": "employee@example.org", "password": PASSWORD}).status_code == 200
    )
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me").status_code == 401
    assert AuditEvent.objects.filter(action="person.deactivated").exists()


def test_role_changes_exports_and_credentials_are_recorded(world, client_for, credential_world):
    membership = Membership.objects.get(person=world.employee)
    client_for(world.owner).post(f"/firms/{world.firm.pk}/members/{membership.pk}/role/", {"role": "manager"})
    client_for(world.owner).get(f"/firms/{world.firm.pk}/audit/export/matrix.csv")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"membership.role_changed", "audit.exported", "credential.issued"} <= actions
    assert AuditEvent.objects.get(action="membership.role_changed").subject == "Employee: employee → manager"


def test_a_firm_that_leaves_keeps_the_figures_and_loses_access(world, client_for, diag_round, add_peers, audit):
    from skillcluster.diagnostics.selectors.rounds import firms_for_new_round
    from skillcluster.tenancy.selectors import firm_list_for_cluster

    add_peers([25, 50, 50, 75, 100], staff=3)
    submit(diag_round, world.firm, world.owner, answers_for(75))
    before = _figures(world, diag_round)
    url = f"/firms/{world.firm.pk}/leave/"
    assert client_for(world.owner).post(url, {"confirm": "yes"}).status_code == 403  # the cluster records it
    manager = client_for(world.cluster_manager)
    manager.post(url)  # not confirmed
    assert Firm.objects.get(pk=world.firm.pk).left_at is None
    manager.post(url, {"confirm": "yes"})

    assert _figures(world, diag_round) == before
    assert client_for(world.owner).get(f"/firms/{world.firm.pk}/").status_code == 404
    assert client_for(world.employee).get(f"/api/v1/firms/{world.firm.pk}").status_code == 404
    assert world.firm not in firm_list_for_cluster(world.cluster)
    assert world.firm not in firms_for_new_round(world.cluster)
    page = manager.get(f"/firms/{world.firm.pk}/").content.decode()
    assert "Left the cluster on" in page
    assert AuditEvent.objects.filter(action="firm.left", firm=world.firm, actor=world.cluster_manager).exists()
    with pytest.raises(ValidationError, match="left the cluster on"):
        people.firm_leave(firm=Firm.objects.get(pk=world.firm.pk), by=world.cluster_manager)


def test_an_owner_downloads_the_firm_s_records_without_a_colleague_s_own_answers(
    world, client_for, audit, diag_round, add_peers
):
    add_peers([50, 50, 50, 50])
    submit(diag_round, world.firm, world.owner, answers_for(75))
    submit(diag_round, world.firm, world.employee, answers_for(50, "staff"), form="staff")
    url = f"/firms/{world.firm.pk}/data.json"
    for who, status in (("employee", 403), ("manager", 403), ("cluster_manager", 403), ("outsider", 404)):
        assert client_for(getattr(world, who)).get(url).status_code == status, who
    response = client_for(world.owner).get(url)
    data = response.json()
    assert response["Content-Disposition"] == f'attachment; filename="skillcluster-firm-{world.firm.pk}.json"'
    assert (data["firm"]["legal_name"], len(data["people"])) == ("Calzaturificio Rossi S.r.l.", 3)
    assert sorted(r["title"] for r in data["skills_audit"]["roles"]) == ["Sales", "Shoe maker"]
    assert len(data["skills_audit"]["ratings"]) == Rating.objects.filter(firm=world.firm).count() == 7
    (round_data,) = data["diagnostic"]["rounds"]
    assert (round_data["staff_answers_submitted"], round_data["owner_answers"]) == (1, answers_for(75))
    # the colleague's own answers are theirs: only that one was submitted
    assert sorted(round_data) == ["instrument_version", "opens_on", "owner_answers", "round", "staff_answers_submitted"]
    assert data["pooled_training"] == {"terms": None, "seats": [], "costs": []}
    assert AuditEvent.objects.filter(action="firm.exported", actor=world.owner, firm=world.firm).count() == 1
