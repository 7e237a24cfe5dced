"""The public and semi-public surface holds against what an attacker would try (issue: hardened surface)."""

import copy
import json
import time

import pytest
from django.test import Client

from skillcluster.accreditation.models import Evidence
from skillcluster.accreditation.services import credentials
from skillcluster.accreditation.tests.builders import approved_claim, make_claim
from skillcluster.tenancy.models import Invitation

VERIFY = "/api/v1/credentials/verify"

BAD_LINKS = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "www.example.org/x"]


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("link", BAD_LINKS)
def test_evidence_links_other_than_http_are_refused_whatever_the_entry_path(world, client_for, link):
    claim = make_claim(world, evidence=False)
    response = _post(
        client_for(world.employee),
        f"/api/v1/credentials/claims/{claim.pk}/evidence",
        {"description": "My portfolio", "link": link},
    )
    assert response.status_code == 422
    assert "starts with https:// or http://" in json.dumps(response.json())
    assert not Evidence.objects.filter(claim=claim).exists()


def test_a_bad_link_stored_before_the_check_neither_breaks_issuing_nor_becomes_clickable(world, client_for):
    claim = approved_claim(world)
    for link in BAD_LINKS:
        Evidence.objects.create(claim=claim, description="Old link", link=link)  # as stored by earlier code
    issued = credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    ids = [e.get("id") for e in issued.document["evidence"]]
    assert not any(i in BAD_LINKS for i in ids)
    page = client_for(world.employee).get(f"/claims/{claim.pk}/").content.decode()
    assert 'href="javascript:' not in page
    assert 'href="data:' not in page
    assert "not a web link" in page


def test_a_forged_credential_s_links_are_shown_but_never_clickable(client, credential):
    document = copy.deepcopy(credential.document)
    alignment = document["credentialSubject"]["achievement"]["alignment"][0]
    alignment["targetUrl"] = "javascript:alert(document.cookie)"
    response = client.post("/verify/", {"credential_json": json.dumps(document)})
    page = response.content.decode()
    assert "✗ Tampered with" in page
    assert "javascript:alert(document.cookie)" in page  # shown, so the reader sees what was sent
    assert 'href="javascript:' not in page


def test_a_garbage_bearer_header_does_not_skip_the_session_s_csrf_check(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)
    response = client.post(
        f"/api/v1/firms/{world.firm.pk}/invitations",
        json.dumps({"email": "forged@example.org", "role": "employee"}),
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer not-a-token",
    )
    assert response.status_code == 401
    assert not Invitation.all_objects.filter(email="forged@example.org").exists()


def test_the_public_verify_page_says_revoked_but_not_why(world, client, credential):
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Fraudulent logbook")
    page = client.get(f"/verify/{credential.uuid}/").content.decode()
    assert "revoked" in page.lower()
    assert "Fraudulent logbook" not in page


@pytest.mark.parametrize(
    "url", ["/firms/{big}/", "/claims/{big}/", "/api/v1/firms/{big}", "/api/v1/credentials/claims/{big}"]
)
def test_ids_beyond_64_bits_are_unknown_not_errors(world, client_for, url):
    assert client_for(world.owner).get(url.format(big=2**70)).status_code == 404


def test_a_flood_of_proofs_or_a_broken_inline_context_is_refused_quickly(client, credential):
    flooded = copy.deepcopy(credential.document)
    flooded["proof"] = [credential.document["proof"]] * 684
    started = time.perf_counter()
    response = client.post(VERIFY, json.dumps(flooded), content_type="application/json")
    assert time.perf_counter() - started < 1.0
    assert (response.status_code, response.json()["status"]) == (200, "malformed")
    assert "at most 4 are checked" in response.json()["reason"]
    broken = copy.deepcopy(credential.document)
    broken["@context"].append({"@vocab": None})
    response = client.post("/verify/", {"credential_json": json.dumps(broken)})
    assert response.status_code == 422
    assert "✗ Not a readable credential" in response.content.decode()


def test_an_oversized_upload_is_refused_before_it_is_read(db, client):
    body = b"x" * (3 * 1024 * 1024)
    response = client.generic(
        "POST", "/verify/", body, content_type="multipart/form-data; boundary=zzz", HTTP_CONTENT_LENGTH=str(len(body))
    )
    assert response.status_code == 413
    assert "larger than" in response.content.decode()


def test_ids_beyond_64_bits_in_a_body_are_unknown_not_errors(world, client_for):
    client = client_for(world.owner)
    big = 2**70
    claim = {"firm_id": big, "title": "x", "level": 2, "how_learned": "mentor"}
    assert _post(client, "/api/v1/credentials/claims", claim).status_code == 404
    rating = {"person_id": big, "skill_uri": "http://data.europa.eu/esco/skill/x", "level": 2, "source": "manager"}
    assert _post(client, f"/api/v1/firms/{world.firm.pk}/audit/ratings", rating).status_code == 404
