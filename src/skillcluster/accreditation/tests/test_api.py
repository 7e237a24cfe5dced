"""API: claims CRUD for the claimant, assessment, issue/revoke, and the public verify endpoint."""

import copy
import json

import pytest

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import Claim, IssuedCredential
from skillcluster.accreditation.tests.builders import SKILL_URI, approved_claim, make_claim, submitted_claim

VERIFY = "/api/v1/credentials/verify"


def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_claim_crud_for_claimant(world, client_for):
    client = client_for(world.employee)
    data = {"firm_id": world.firm.pk, "title": "Lasting", "level": 3, "how_learned": "on_the_job"}
    created = _post(client, "/api/v1/credentials/claims", data)
    assert created.status_code == 201
    claim_id = created.json()["id"]
    assert _post(client, f"/api/v1/credentials/claims/{claim_id}/skills", {"esco_uri": SKILL_URI}).status_code == 201
    patched = client.patch(
        f"/api/v1/credentials/claims/{claim_id}", json.dumps({"level": 4}), content_type="application/json"
    )
    assert (patched.status_code, patched.json()["level"]) == (200, 4)
    listed = client.get("/api/v1/credentials/claims").json()
    assert [(c["id"], c["status"], c["skills"][0]["esco_uri"]) for c in listed] == [(claim_id, "draft", SKILL_URI)]
    assert client.delete(f"/api/v1/credentials/claims/{claim_id}").status_code == 204
    assert Claim.objects.count() == 0


def test_submit_without_evidence_is_422(world, client_for):
    claim = make_claim(world, evidence=False)
    response = _post(client_for(world.employee), f"/api/v1/credentials/claims/{claim.pk}/submit")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "evidence": ["Add at least one piece of evidence (a file, a link or a description)."]
    }


def test_evidence_then_submit(world, client_for):
    claim = make_claim(world, evidence=False)
    client = client_for(world.employee)
    added = _post(client, f"/api/v1/credentials/claims/{claim.pk}/evidence", {"description": "Work log"})
    assert added.status_code == 201
    response = _post(client, f"/api/v1/credentials/claims/{claim.pk}/submit")
    assert (response.status_code, response.json()["status"]) == (200, "submitted")


@pytest.mark.parametrize(("persona", "code"), [("outsider", 404), ("owner", 404), ("assessor", 404)])
def test_other_people_cannot_patch_a_claim(world, client_for, persona, code):
    claim = make_claim(world)
    response = client_for(getattr(world, persona)).patch(
        f"/api/v1/credentials/claims/{claim.pk}", json.dumps({"level": 1}), content_type="application/json"
    )
    assert response.status_code == code
    claim.refresh_from_db()
    assert claim.level == 3


def test_anonymous_needs_auth_for_claims(db, client):
    assert client.get("/api/v1/credentials/claims").status_code == 401


def test_assess_issue_revoke(world, client_for):
    claim = submitted_claim(world)
    url = f"/api/v1/credentials/claims/{claim.pk}/assessments"
    data = {"decision": "approve", "reasons": "Convincing logbook.", "awarded_level": 2}
    refused = _post(client_for(world.assessor), url, data)
    assert refused.status_code == 422
    assert "not ticked: " + "; ".join(rubric.criteria_for(2)) in refused.content.decode()
    data["criteria_met"] = list(rubric.criteria_for(2))
    assessed = _post(client_for(world.assessor), url, data)
    assert (assessed.status_code, assessed.json()["claim_status"]) == (201, "approved")
    mine = client_for(world.employee).get(f"/api/v1/credentials/claims/{claim.pk}").json()
    assert (mine["level"], mine["awarded_level"], mine["panel_size"]) == (3, 2, 1)
    manager = client_for(world.cluster_manager)
    issued = _post(manager, f"/api/v1/credentials/claims/{claim.pk}/issue")
    assert (issued.status_code, issued.json()["status"]) == (201, "valid")
    uid = issued.json()["id"]
    revoked = _post(manager, f"/api/v1/credentials/issued/{uid}/revoke", {"reason": "Mistake"})
    assert (revoked.status_code, revoked.json()["status"], revoked.json()["revocation_reason"]) == (
        200,
        "revoked",
        "Mistake",
    )


def test_claimant_cannot_issue_own_claim(world, client_for):
    claim = approved_claim(world)
    response = _post(client_for(world.employee), f"/api/v1/credentials/claims/{claim.pk}/issue")
    assert response.status_code == 403
    assert IssuedCredential.objects.count() == 0


def test_own_firm_assessor_refused_by_api(world, client_for):
    from skillcluster.tenancy.domain.roles import FirmRole
    from skillcluster.tenancy.tests.factories import MembershipFactory

    MembershipFactory(person=world.assessor, firm=world.firm, role=FirmRole.EMPLOYEE)
    claim = submitted_claim(world)
    data = {"decision": "approve", "reasons": "ok"}
    response = _post(client_for(world.assessor), f"/api/v1/credentials/claims/{claim.pk}/assessments", data)
    assert response.status_code == 403
    assert response.json()["detail"].startswith("You work in the claimant's firm")


def test_verify_endpoint_is_public_on_purpose(client, credential):
    """Anyone, without an account or token, may verify a credential: this endpoint is meant to be public."""
    response = client.post(VERIFY, json.dumps(credential.document), content_type="application/json")
    body = response.json()
    assert (response.status_code, body["status"], body["valid"]) == (200, "valid", True)
    assert body["checks"] == ["shape", "signature", "status", "validity period"]
    assert body["summary"]["esco_uris"] == [SKILL_URI]


def test_verify_endpoint_tampered_and_malformed(client, credential):
    document = copy.deepcopy(credential.document)
    document["validUntil"] = "2099-01-01T00:00:00Z"
    tampered = client.post(VERIFY, json.dumps(document), content_type="application/json").json()
    malformed = client.post(VERIFY, "{oops", content_type="application/json").json()
    assert (tampered["status"], tampered["valid"]) == ("tampered", False)
    assert (malformed["status"], malformed["reason"][:28]) == ("malformed", "This is not valid JSON: Expe")


def test_verify_endpoint_caps_body(db, client):
    response = client.post(VERIFY, " " * (256 * 1024 + 1), content_type="application/json")
    assert (response.status_code, response.json()) == (413, {"detail": "A credential is at most 256 KB"})
