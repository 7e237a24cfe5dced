"""Pages: the authorisation matrix (nothing changes on denial), the claimant's flow, verification."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from skillcluster.accreditation.models import Assessment, Claim, Evidence, IssuedCredential
from skillcluster.accreditation.tests.builders import SKILL_URI, approved_claim, make_claim, pdf_upload, submitted_claim
from skillcluster.accreditation.vc.status_list import bitstring_of

PERSONAS = ("anonymous", "outsider", "owner", "employee", "assessor", "cluster_manager")


def _client(world, client_for, persona):
    return client_for(None if persona == "anonymous" else getattr(world, persona))


def _expect(response, code):
    if code == "login":
        assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (302, True)
    else:
        assert response.status_code == code


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("anonymous", "login"),
        ("outsider", 404),
        ("owner", 404),
        ("employee", 200),
        ("assessor", 200),
        ("cluster_manager", 200),
    ],
)
def test_claim_page_matrix(world, client_for, persona, code):
    claim = submitted_claim(world)
    _expect(_client(world, client_for, persona).get(f"/claims/{claim.pk}/"), code)


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", "login"), ("outsider", 404), ("owner", 404), ("assessor", 404), ("cluster_manager", 404)],
)
def test_submit_denied_changes_nothing(world, client_for, persona, code):
    claim = make_claim(world)
    _expect(_client(world, client_for, persona).post(f"/claims/{claim.pk}/submit/"), code)
    claim.refresh_from_db()
    assert claim.status == "draft"


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", "login"), ("outsider", 404), ("owner", 404), ("employee", 403), ("cluster_manager", 403)],
)
def test_assess_denied_changes_nothing(world, client_for, persona, code):
    claim = submitted_claim(world)
    data = {"decision": "approve", "reasons": "fine"}
    _expect(_client(world, client_for, persona).post(f"/claims/{claim.pk}/assess/", data), code)
    claim.refresh_from_db()
    assert (claim.status, Assessment.objects.count()) == ("submitted", 0)


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", "login"), ("outsider", 404), ("owner", 404), ("employee", 403), ("assessor", 403)],
)
def test_issue_denied_changes_nothing(world, client_for, persona, code):
    claim = approved_claim(world)
    _expect(_client(world, client_for, persona).post(f"/claims/{claim.pk}/issue/"), code)
    claim.refresh_from_db()
    assert (claim.status, IssuedCredential.objects.count()) == ("approved", 0)


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", "login"), ("outsider", 404), ("owner", 404), ("employee", 403), ("assessor", 404)],
)
def test_revoke_denied_changes_nothing(world, client_for, persona, code, credential):
    response = _client(world, client_for, persona).post(f"/credentials/{credential.uuid}/revoke/", {"reason": "x"})
    _expect(response, code)
    credential.refresh_from_db()
    assert credential.revoked_at is None


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("anonymous", "login"),
        ("outsider", 404),
        ("owner", 404),
        ("assessor", 404),
        ("employee", 200),
        ("cluster_manager", 200),
    ],
)
def test_credential_json_matrix(world, client_for, persona, code, credential):
    response = _client(world, client_for, persona).get(f"/credentials/{credential.uuid}/json/")
    _expect(response, code)
    if code == 200:
        assert json.loads(response.content) == credential.document


def test_employee_creates_claim_from_firm_tab(world, client_for):
    client = client_for(world.employee)
    page = client.get(f"/firms/{world.firm.pk}/credentials/")
    assert b"Claim a skill" in page.content
    assert b"Assessment panel" not in page.content  # the cluster's policy decides, not the claimant
    page_text = page.content.decode()
    assert "In an online course" in page_text
    assert "By myself" in page_text
    data = {"title": "Lasting", "level": "2", "how_learned": "peer_session", "story": "", "panel_size": "3"}
    response = client.post(f"/firms/{world.firm.pk}/credentials/", data)
    claim = Claim.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/claims/{claim.pk}/")
    assert (claim.claimant, claim.level, claim.how_learned, claim.panel_size) == (world.employee, 2, "peer_session", 1)


def test_only_cluster_managers_set_the_validation_policy(world, client_for):
    from skillcluster.accreditation.models import ValidationPolicy

    url = f"/clusters/{world.cluster.pk}/accreditation/policy/"
    codes = {who: client_for(getattr(world, who)).post(url, {"panel_size": "2"}).status_code
             for who in ("assessor", "employee", "outsider")}  # fmt: skip
    assert codes == {"assessor": 403, "employee": 403, "outsider": 404}
    assert not ValidationPolicy.objects.exists()
    response = client_for(world.cluster_manager).post(url, {"panel_size": "2"})
    assert response.status_code == 302
    assert ValidationPolicy.objects.get(cluster=world.cluster).panel_size == 2
    desk = client_for(world.cluster_manager).get(f"/clusters/{world.cluster.pk}/accreditation/").content.decode()
    assert "Assessors per claim" in desk


def test_firm_and_cluster_tabs_registered(world, client_for):
    firm_page = client_for(world.employee).get(f"/firms/{world.firm.pk}/").content.decode()
    cluster_page = client_for(world.assessor).get(f"/clusters/{world.cluster.pk}/").content.decode()
    assert f'href="/firms/{world.firm.pk}/credentials/"' in firm_page
    assert f'href="/clusters/{world.cluster.pk}/accreditation/"' in cluster_page


def test_disguised_upload_gets_clear_message(world, client_for):
    claim = make_claim(world, evidence=False)
    fake = SimpleUploadedFile("cv.pdf", b"<html><script>alert(1)</script></html>")
    response = client_for(world.employee).post(f"/claims/{claim.pk}/evidence/", {"description": "My CV", "file": fake})
    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG files are accepted" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_upload_and_submit_through_pages(world, client_for):
    claim = make_claim(world, evidence=False)
    client = client_for(world.employee)
    client.post(f"/claims/{claim.pk}/evidence/", {"description": "Logbook", "file": pdf_upload()})
    response = client.post(f"/claims/{claim.pk}/submit/", follow=True)
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert "Submitted: the cluster&#x27;s assessors will look at your claim." in response.content.decode()


def test_submit_without_evidence_shows_message(world, client_for):
    claim = make_claim(world, evidence=False)
    response = client_for(world.employee).post(f"/claims/{claim.pk}/submit/", follow=True)
    assert "Add at least one piece of evidence" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_assessor_queue_excludes_own_firm(world, client_for):
    from skillcluster.tenancy.domain.roles import FirmRole
    from skillcluster.tenancy.tests.factories import FirmFactory, MembershipFactory

    claim = submitted_claim(world)
    other_firm = FirmFactory(cluster=world.cluster, legal_name="Suolificio Verdi")
    page = client_for(world.assessor).get(f"/clusters/{world.cluster.pk}/accreditation/").content.decode()
    assert claim.title in page
    MembershipFactory(person=world.assessor, firm=world.firm, role=FirmRole.EMPLOYEE)
    page = client_for(world.assessor).get(f"/clusters/{world.cluster.pk}/accreditation/").content.decode()
    assert claim.title not in page
    assert other_firm.pk


def test_statement_link_for_colleague(world, client_for):
    claim = make_claim(world)
    response = client_for(world.owner).post(
        f"/confirm/{claim.uuid}/", {"relation": "supervisor", "text": "I watched her last 200 pairs."}
    )
    assert response.status_code == 302
    assert claim.statements.get().author == world.owner
    assert client_for(world.outsider).get(f"/confirm/{claim.uuid}/").status_code == 404


def test_pdf_certificate(world, client_for, credential):
    response = client_for(world.employee).get(f"/credentials/{credential.uuid}/certificate.pdf")
    assert (response.status_code, response["Content-Type"], response.content[:5]) == (200, "application/pdf", b"%PDF-")


def test_verify_link_is_public(world, client, credential):
    response = client.get(f"/verify/{credential.uuid}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "✓ Valid" in page
    assert world.cluster.support_organisation.name in page
    assert "apply footwear uppers pre-assembling techniques" in page
    assert "3 — independent" in page


def test_verify_pasted_tampered_json(client, credential):
    document = copy.deepcopy(credential.document)
    document["credentialSubject"]["name"] = "Someone Else"
    response = client.post("/verify/", {"credential_json": json.dumps(document)})
    assert response.status_code == 422
    assert "✗ Tampered with" in response.content.decode()


def test_verify_uploaded_file(client, credential):
    upload = SimpleUploadedFile("c.json", json.dumps(credential.document).encode(), content_type="application/json")
    response = client.post("/verify/", {"credential_file": upload})
    assert (response.status_code, "✓ Valid" in response.content.decode()) == (200, True)


def test_verify_malformed_upload(db, client):
    upload = SimpleUploadedFile("c.json", b'{"@context": [', content_type="application/json")
    response = client.post("/verify/", {"credential_file": upload})
    page = response.content.decode()
    assert response.status_code == 422
    assert "✗ Not a readable credential" in page
    assert "This is not valid JSON" in page


def test_verify_empty_form(db, client):
    response = client.post("/verify/", {})
    assert response.status_code == 400
    assert "Paste a credential&#x27;s JSON or choose its file." in response.content.decode()


def test_revoke_through_page_then_public_status(world, client_for, client, credential):
    client_for(world.cluster_manager).post(f"/credentials/{credential.uuid}/revoke/", {"reason": "Wrong holder"})
    credential.refresh_from_db()
    assert credential.revocation_reason == "Wrong holder"
    assert "✗ Revoked" in client.get(f"/verify/{credential.uuid}/").content.decode()
    status_url = credential.document["credentialStatus"]["statusListCredential"].removeprefix(
        "https://skills.example.org"
    )
    published = client.get(status_url)
    assert published["Content-Type"] == "application/ld+json"
    assert bitstring_of(published.json()).set_indexes() == [credential.status_index]


def test_skill_picker_search_without_taxonomy_is_empty(world, client_for):
    claim = make_claim(world, skill=False)
    page = client_for(world.employee).get(f"/claims/{claim.pk}/?q=uppers").content.decode()
    assert "The ESCO skill list is not loaded on this server" in page
    client_for(world.employee).post(f"/claims/{claim.pk}/skills/", {"esco_uri": SKILL_URI, "label": "uppers"})
    assert claim.skills.get().esco_uri == SKILL_URI


def test_skill_picker_searches_taxonomy_and_refuses_unknown_uri(world, client_for, settings):
    from django.apps import apps

    from skillcluster.taxonomy.selectors import indexes

    settings.TAXONOMY_LINKER_MODEL = "lexical"
    indexes.reset()
    apps.get_model("taxonomy", "Skill").objects.create(
        uri=SKILL_URI, preferred_label="apply footwear uppers pre-assembling techniques"
    )
    claim = make_claim(world, skill=False)
    client = client_for(world.employee)
    page = client.get(f"/claims/{claim.pk}/?q=UPPERS").content.decode()
    assert f'value="{SKILL_URI}"' in page
    unknown = "http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
    response = client.post(f"/claims/{claim.pk}/skills/", {"esco_uri": unknown})
    assert response.status_code == 400
    assert f"{unknown} is not an ESCO skill." in response.content.decode()
    client.post(f"/claims/{claim.pk}/skills/", {"esco_uri": SKILL_URI, "label": "typed by hand"})
    assert claim.skills.get().label == "apply footwear uppers pre-assembling techniques"


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", "login"), ("outsider", 404), ("owner", 404), ("employee", 200), ("assessor", 200)],
)
def test_evidence_file_download_matrix(world, client_for, persona, code):
    claim = submitted_claim(world)
    evidence = claim.evidence.get()
    response = _client(world, client_for, persona).get(f"/claims/{claim.pk}/evidence/{evidence.pk}/file")
    _expect(response, code)
    if code == 200:
        assert (response["Content-Disposition"], response["X-Content-Type-Options"]) == (
            'attachment; filename="logbook.pdf"',
            "nosniff",
        )
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_skill_search_htmx_returns_partial(world, client_for):
    from django.apps import apps

    apps.get_model("taxonomy", "Skill").objects.create(uri=SKILL_URI, preferred_label="apply footwear uppers")
    claim = make_claim(world, skill=False)
    response = client_for(world.employee).get(f"/claims/{claim.pk}/?q=uppers", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="skill-results">')
    assert "<html" not in page


def test_unknown_verify_link_and_a_pasted_link_say_what_to_do(world, client, credential):
    import uuid

    missing = client.get(f"/verify/{uuid.uuid4()}/")
    assert missing.status_code == 404
    assert "No credential with this identifier was issued here" in missing.content.decode()
    pasted = client.post("/verify/", {"credential_json": f"https://skills.example.org/verify/{credential.uuid}/"})
    assert pasted.status_code == 200
    assert "This is not valid JSON" not in pasted.content.decode()
    assert "✓ Valid" in pasted.content.decode()
    assert 'href="/verify/"' in client.get("/accounts/login/").content.decode()


def test_a_link_given_with_a_file_is_shown_too(world, client_for):
    claim = make_claim(world, evidence=False)
    client = client_for(world.employee)
    data = {"description": "Logbook", "file": pdf_upload(), "link": "https://example.org/video-of-the-work"}
    client.post(f"/claims/{claim.pk}/evidence/", data)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "logbook.pdf" in page
    assert "https://example.org/video-of-the-work" in page


def test_deleting_a_draft_needs_the_box_ticked(world, client_for):
    claim = make_claim(world)
    client = client_for(world.employee)
    assert "Delete this draft" in client.get(f"/claims/{claim.pk}/").content.decode()
    client.post(f"/claims/{claim.pk}/delete/")
    assert Claim.objects.filter(pk=claim.pk).exists()
    client.post(f"/claims/{claim.pk}/delete/", {"confirm": "yes"})
    assert not Claim.objects.filter(pk=claim.pk).exists()


def test_the_verify_page_words_its_result_in_the_readers_language_and_the_api_keeps_english(client, credential):
    try:
        italian = {"accept-language": "it"}
        page = client.get(f"/verify/{credential.uuid}/", headers=italian).content.decode()
        issuer = credential.document["issuer"]["id"]
        assert f"Attestato digitale valido, rilasciato da {issuer}" in page
        assert "struttura, firma, stato, periodo di validità" in page
        assert "3 — autonomo" in page
        body = client.post(
            "/api/v1/credentials/verify",
            json.dumps(credential.document),
            content_type="application/json",
            headers=italian,
        ).json()
        assert (body["reason"], body["checks"]) == (
            f"Valid credential issued by {issuer}",
            ["shape", "signature", "status", "validity period"],
        )
        assert (body["summary"]["level"], "level_shown" in body["summary"]) == ("3 — independent", False)
        broken = client.post("/api/v1/credentials/verify", "{oops", content_type="application/json", headers=italian)
        assert broken.json()["reason"].startswith("This is not valid JSON: ")
    finally:
        translation.deactivate()  # the middleware leaves the request's language active in this thread
