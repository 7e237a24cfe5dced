import json

import pytest
from django.test import Client

from skillcluster.tenancy import services
from skillcluster.tenancy.models import ApiToken, Firm, Membership

pytestmark = pytest.mark.django_db


def _token_client(person):
    _, secret = services.api_token_create(person=person, name="script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), secret


def test_api_requires_authentication(world, client_for):
    assert client_for(None).get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer sc_wrong").get("/api/v1/me").status_code == 401


def test_openapi_docs_for_logged_in_users_only(world, client_for):
    assert client_for(None).get("/api/docs").status_code == 302
    assert client_for(world.employee).get("/api/docs").status_code == 200
    schema = client_for(world.employee).get("/api/openapi.json").json()
    assert "/api/v1/firms/{firm_id}" in schema["paths"]


def test_token_authenticates_and_revocation_stops_it(world):
    client, _ = _token_client(world.owner)
    me = client.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["person"]["email"] == "owner@example.org"
    token = ApiToken.objects.get(person=world.owner)
    services.api_token_revoke(person=world.owner, token_id=token.pk)
    assert client.get("/api/v1/me").status_code == 401


def test_session_writes_need_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    response = client.patch(f"/api/v1/firms/{world.firm.pk}", json.dumps({"headcount": 3}), "application/json")
    assert response.status_code == 403
    assert Firm.all_objects.get(pk=world.firm.pk).headcount == 8


def test_token_writes_need_no_csrf(world):
    client, _ = _token_client(world.owner)
    response = client.patch(f"/api/v1/firms/{world.firm.pk}", json.dumps({"headcount": 30}), "application/json")
    assert response.status_code == 200
    assert response.json()["size_class"] == "small"


@pytest.mark.parametrize(
    ("persona", "get_status", "patch_status"),
    [("outsider", 404, 404), ("assessor", 404, 404), ("employee", 200, 403), ("cluster_manager", 200, 403),
     ("owner", 200, 200)],
)  # fmt: skip
def test_firm_endpoint_matrix(world, persona, get_status, patch_status):
    client, _ = _token_client(getattr(world, persona))
    assert client.get(f"/api/v1/firms/{world.firm.pk}").status_code == get_status
    response = client.patch(f"/api/v1/firms/{world.firm.pk}", json.dumps({"legal_name": "Z"}), "application/json")
    assert response.status_code == patch_status
    expected = "Z" if patch_status == 200 else "Calzaturificio Rossi S.r.l."
    assert Firm.all_objects.get(pk=world.firm.pk).legal_name == expected


def test_bad_input_names_the_field(world):
    client, _ = _token_client(world.owner)
    response = client.patch(f"/api/v1/firms/{world.firm.pk}", json.dumps({"nace_code": "00.00"}), "application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["nace_code"] == [
        "'00.00' is not a NACE Rev. 2 code; expected e.g. '15.20' (class), '15.2' (group), '15' (division)"
    ]
    negative = client.patch(f"/api/v1/firms/{world.firm.pk}", json.dumps({"headcount": -1}), "application/json")
    assert negative.status_code == 422
    assert Firm.all_objects.get(pk=world.firm.pk).nace_code == "15.20"


@pytest.mark.parametrize(("persona", "status"), [("cluster_manager", 200), ("auditor", 200), ("owner", 403),
                                                 ("outsider", 404)])  # fmt: skip
def test_cluster_firm_list(world, persona, status):
    client, _ = _token_client(getattr(world, persona))
    response = client.get(f"/api/v1/clusters/{world.cluster.pk}/firms")
    assert response.status_code == status
    if status == 200:
        assert [firm["legal_name"] for firm in response.json()] == ["Calzaturificio Rossi S.r.l."]


def test_cluster_manager_creates_firm_through_api(world):
    client, _ = _token_client(world.cluster_manager)
    payload = {
        "legal_name": "Nuova",
        "headcount": 4,
        "nace_code": "15.20",
        "nuts_code": "ITI35",
        "owner_email": "a@b.it",
    }
    response = client.post(f"/api/v1/clusters/{world.cluster.pk}/firms", json.dumps(payload), "application/json")
    assert response.status_code == 201
    assert response.json()["size_class"] == "micro"
    duplicate = client.post(f"/api/v1/clusters/{world.cluster.pk}/firms", json.dumps(payload), "application/json")
    assert duplicate.status_code == 422
    assert duplicate.json()["errors"]["legal_name"] == ["A firm named 'Nuova' is already in this cluster"]
    assert Firm.all_objects.filter(legal_name="Nuova").count() == 1


def test_invitations_endpoint(world):
    client, _ = _token_client(world.manager)
    denied = client.post(
        f"/api/v1/firms/{world.firm.pk}/invitations",
        json.dumps({"email": "x@y.it", "role": "owner"}),
        "application/json",
    )
    assert denied.status_code == 403
    ok = client.post(f"/api/v1/firms/{world.firm.pk}/invitations", json.dumps({"email": "x@y.it"}), "application/json")
    assert ok.status_code == 201
    assert ok.json()["role"] == "employee"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("outsider", 404), ("employee", 403), ("manager", 200), ("owner", 200), ("cluster_manager", 200)],
)
def test_members_endpoint_matrix(world, persona, status):
    client, _ = _token_client(getattr(world, persona))
    response = client.get(f"/api/v1/firms/{world.firm.pk}/members")
    assert response.status_code == status
    if status == 200:
        assert sorted(m["person"]["email"] for m in response.json()) == [
            "employee@example.org", "manager@example.org", "owner@example.org"]  # fmt: skip


@pytest.mark.parametrize(("persona", "status"), [("outsider", 404), ("employee", 403), ("manager", 403),
                                                 ("cluster_manager", 403), ("owner", 200)])  # fmt: skip
def test_member_role_endpoint_matrix(world, persona, status):
    membership = Membership.all_objects.get(person=world.employee)
    client, _ = _token_client(getattr(world, persona))
    url = f"/api/v1/firms/{world.firm.pk}/members/{membership.pk}"
    response = client.patch(url, json.dumps({"role": "manager"}), "application/json")
    assert response.status_code == status
    assert Membership.all_objects.get(pk=membership.pk).role == ("manager" if status == 200 else "employee")


def test_member_role_refuses_unknown_role(world):
    membership = Membership.all_objects.get(person=world.employee)
    client, _ = _token_client(world.owner)
    url = f"/api/v1/firms/{world.firm.pk}/members/{membership.pk}"
    response = client.patch(url, json.dumps({"role": "boss"}), "application/json")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["role"]
    assert Membership.all_objects.get(pk=membership.pk).role == "employee"


def test_turnover_and_balance_sheet_stay_inside_the_firm(world, client_for):
    world.firm.turnover_eur, world.firm.balance_sheet_eur = 1_200_000, 800_000
    world.firm.save()
    own = client_for(world.employee).get(f"/api/v1/firms/{world.firm.pk}").json()
    assert (own["turnover_eur"], own["balance_sheet_eur"], own["size_class"]) == (1_200_000, 800_000, "micro")
    seen = client_for(world.cluster_manager).get(f"/api/v1/firms/{world.firm.pk}").json()
    assert (seen["turnover_eur"], seen["balance_sheet_eur"], seen["size_class"]) == (None, None, "micro")
    listed = client_for(world.auditor).get(f"/api/v1/clusters/{world.cluster.pk}/firms").json()
    assert {(f["turnover_eur"], f["balance_sheet_eur"]) for f in listed} == {(None, None)}
    page = client_for(world.cluster_manager).get(f"/firms/{world.firm.pk}/").content.decode()
    assert "1,200,000" not in page
    assert "Balance sheet" not in page


def test_the_openapi_document_declares_every_answer_and_names_each_schema_once(world, client_for):
    """The API as a contract: besides its own responses every operation declares the shared errors (a
    schemathesis run over all 47 operations found no undeclared code, no server error and no schema violation),
    and no two contexts' schemas share a name (the member PATCH once documented the audit's role body)."""
    document = client_for(world.owner).get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"400", "403", "404", "413", "422", "429"} <= declared, (method, path)
            assert ("401" in declared) == bool(operation.get("security")), (method, path)
    body = document["paths"]["/api/v1/firms/{firm_id}/members/{membership_id}"]["patch"]["requestBody"]
    name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert list(document["components"]["schemas"][name]["properties"]) == ["role"]
