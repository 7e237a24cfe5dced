"""The workflow stage by stage, the rules, issuing, revocation and verification of what we issue."""

import copy
import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from skillcluster import events
from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.events import CredentialIssued, CredentialRevoked
from skillcluster.accreditation.models import Claim, Evidence, IssuedCredential, IssuerKey, StatusList
from skillcluster.accreditation.selectors.credential_check import summarise, verify_document, verify_text
from skillcluster.accreditation.services import assessment as services_assessment
from skillcluster.accreditation.services import claims, credentials, keys
from skillcluster.accreditation.tests.builders import (
    SKILL_URI,
    approved_claim,
    issued,
    make_claim,
    pdf_upload,
    submitted_claim,
)
from skillcluster.accreditation.vc import ob3
from skillcluster.accreditation.vc.status_list import bitstring_of
from skillcluster.tenancy.domain.roles import ClusterRoleKind, FirmRole
from skillcluster.tenancy.tests.factories import ClusterRoleFactory, FirmFactory, MembershipFactory, PersonFactory


def _assess(claim, assessor, decision="approve"):
    criteria = list(rubric.criteria_for(claim.level)) if decision == "approve" else []
    return services_assessment.assessment_record(
        claim=claim, assessor=assessor, decision=decision, reasons="Seen the logbook.", criteria_met=criteria
    )


def _extra_assessor(world):
    person = PersonFactory()
    ClusterRoleFactory(person=person, cluster=world.cluster, role=ClusterRoleKind.ASSESSOR)
    return person


# --- identification and documentation ----------------------------------------------------


def test_claim_starts_as_draft_with_skill_and_file(world):
    claim = make_claim(world)
    assert (claim.status, claim.cluster_id, claim.firm_id) == ("draft", world.cluster.pk, world.firm.pk)
    assert list(claim.skills.values_list("esco_uri", flat=True)) == [SKILL_URI]
    evidence = claim.evidence.get()
    assert (evidence.kind, evidence.content_type, evidence.file_name) == ("file", "application/pdf", "logbook.pdf")


def test_claim_only_in_own_firm(world):
    with pytest.raises(ValidationError, match="only in a firm you work in"):
        claims.claim_create(claimant=world.employee, firm=world.outsider_firm, title="x", level=2, how_learned="mentor")
    assert Claim.objects.count() == 0


def test_claim_without_evidence_cannot_be_submitted(world):
    claim = make_claim(world, evidence=False)
    with pytest.raises(ValidationError) as error:
        claims.claim_submit(claim=claim)
    assert error.value.message_dict == {
        "evidence": ["Add at least one piece of evidence (a file, a link or a description)."]
    }
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_claim_without_skill_cannot_be_submitted(world):
    with pytest.raises(ValidationError, match="Add at least one ESCO skill"):
        claims.claim_submit(claim=make_claim(world, skill=False))


def test_non_esco_uri_refused(world):
    claim = make_claim(world, skill=False)
    with pytest.raises(ValidationError, match="Expected an ESCO skill URI"):
        claims.claim_skill_add(claim=claim, esco_uri="https://example.org/skill/1")
    assert claim.skills.count() == 0


def test_disguised_file_refused_and_nothing_saved(world):
    claim = make_claim(world, evidence=False)
    fake = SimpleUploadedFile("logbook.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    with pytest.raises(ValidationError) as error:
        claims.evidence_add(claim=claim, description="Logbook", file=fake)
    assert error.value.message_dict["file"] == [
        "Only PDF, PNG and JPEG files are accepted; this file's content is none of them."
    ]
    assert Evidence.objects.count() == 0


def test_oversized_file_refused(world):
    claim = make_claim(world, evidence=False)
    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="the limit is 5 MB"):
        claims.evidence_add(claim=claim, description="Scan", file=big)
    assert Evidence.objects.count() == 0


def test_submitted_claim_is_frozen(world):
    claim = submitted_claim(world)
    with pytest.raises(ValidationError, match="submitted; it can no longer be changed"):
        claims.evidence_add(claim=claim, description="late")
    assert claim.evidence.count() == 1


def test_statement_by_colleague_not_by_claimant(world):
    claim = make_claim(world)
    statement = claims.statement_add(claim=claim, author=world.owner, relation="supervisor", text="Saw it.")
    assert (statement.author, statement.relation) == (world.owner, "supervisor")
    with pytest.raises(ValidationError, match="cannot confirm your own claim"):
        claims.statement_add(claim=claim, author=world.employee, relation="colleague", text="Me")
    assert claim.statements.count() == 1


# --- assessment ---------------------------------------------------------------------------


def test_single_assessor_approves(world):
    claim = submitted_claim(world)
    assessment = _assess(claim, world.assessor)
    claim.refresh_from_db()
    assert (assessment.round, claim.status) == (1, "approved")


def test_assessor_from_claimants_firm_refused(world):
    MembershipFactory(person=world.assessor, firm=world.firm, role=FirmRole.EMPLOYEE)
    claim = submitted_claim(world)
    with pytest.raises(PermissionDenied, match="You work in the claimant's firm"):
        _assess(claim, world.assessor)
    claim.refresh_from_db()
    assert (claim.status, claim.assessments.count()) == ("submitted", 0)


@pytest.mark.parametrize("declared_by", ["claimant_firm", "assessor_firm"])
def test_assessor_from_a_declared_competitor_or_customer_refused_and_not_queued(world, declared_by):
    from skillcluster.accreditation.selectors.claims import assessor_queue, may_assess
    from skillcluster.tenancy.models import RelationKind
    from skillcluster.tenancy.selectors import cluster_access
    from skillcluster.tenancy.services import firm_relations_set

    rival = FirmFactory(cluster=world.cluster)
    MembershipFactory(person=world.assessor, firm=rival, role=FirmRole.EMPLOYEE)
    claim = submitted_claim(world)
    access = cluster_access(world.assessor, world.cluster)
    assert may_assess(world.assessor, claim, access)
    assert claim in assessor_queue(world.assessor, world.cluster, access)
    firm, other = (world.firm, rival) if declared_by == "claimant_firm" else (rival, world.firm)
    firm_relations_set(firm=firm, kind=RelationKind.COMPETITOR, others=[other])
    assert not may_assess(world.assessor, claim, access)
    assert claim not in assessor_queue(world.assessor, world.cluster, access)
    with pytest.raises(PermissionDenied, match="conflict of interest"):
        _assess(claim, world.assessor)
    assert claim.assessments.count() == 0


def test_non_assessor_refused(world):
    claim = submitted_claim(world)
    with pytest.raises(PermissionDenied):
        _assess(claim, world.cluster_manager)
    assert claim.assessments.count() == 0


def test_draft_cannot_be_assessed(world):
    claim = make_claim(world)
    with pytest.raises(ValidationError, match="not waiting for assessment"):
        _assess(claim, world.assessor)


def test_unknown_rubric_criterion_refused(world):
    claim = submitted_claim(world)
    with pytest.raises(ValidationError, match="Not a criterion of levels 1 to 3"):
        services_assessment.assessment_record(
            claim=claim, assessor=world.assessor, decision="approve", reasons="ok", criteria_met=["Can juggle"]
        )


def test_approval_without_every_criterion_of_the_level_is_refused_naming_the_missing_ones(world):
    claim = submitted_claim(world)
    first, *rest = rubric.criteria_for(3)
    with pytest.raises(ValidationError, match="needs every criterion of that level; not ticked: ") as error:
        services_assessment.assessment_record(
            claim=claim, assessor=world.assessor, decision="approve", reasons="ok", criteria_met=[first]
        )
    assert error.value.message_dict["criteria_met"][0].endswith("; ".join(rest))
    with pytest.raises(ValidationError, match="claimed level \\(3\\) or a lower one"):
        services_assessment.assessment_record(
            claim=claim, assessor=world.assessor, decision="approve", reasons="ok", criteria_met=[], awarded_level=4
        )
    with pytest.raises(ValidationError, match="only with an approval"):
        services_assessment.assessment_record(
            claim=claim, assessor=world.assessor, decision="reject", reasons="no", criteria_met=[], awarded_level=2
        )
    assert claim.assessments.count() == 0


def test_a_lower_level_awarded_is_what_the_credential_says(world):
    claim = submitted_claim(world)  # claims level 3
    services_assessment.assessment_record(
        claim=claim,
        assessor=world.assessor,
        decision="approve",
        reasons="Independent work is not shown yet; the guided work is.",
        criteria_met=list(rubric.criteria_for(2)),
        awarded_level=2,
    )
    claim.refresh_from_db()
    assert (claim.status, claim.level, claim.awarded_level) == ("approved", 3, 2)
    credential = credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    achievement = credential.document["credentialSubject"]["achievement"]
    assert "at level 2 (" in achievement["description"]
    assert achievement["criteria"]["narrative"] == (
        "Assessed by the assessors of the cluster against the rubric of level 2; criteria met: "
        + "; ".join(rubric.criteria_for(2))
    )
    assert all(c not in achievement["criteria"]["narrative"] for c in rubric.criteria_for(3))
    assert credential.document["credentialSubject"]["result"][0]["achievedLevel"].endswith("#proficiency-2")
    assert summarise(credential.document)["criteria"] == achievement["criteria"]["narrative"]  # shown on the page


def test_panel_awards_the_lowest_level_its_approving_members_award(world):
    claim = submitted_claim(world, panel_size=2)
    second = _extra_assessor(world)
    for who, level in ((world.assessor, 3), (second, 2)):
        services_assessment.assessment_record(
            claim=claim,
            assessor=who,
            decision="approve",
            reasons="Seen it.",
            criteria_met=list(rubric.criteria_for(level)),
            awarded_level=level,
        )
    claim.refresh_from_db()
    assert (claim.status, claim.awarded_level) == ("approved", 2)


def test_panel_size_is_the_clusters_policy_when_submitted_not_the_claimants_choice(world):
    from skillcluster.accreditation.services.policy import validation_policy_set

    validation_policy_set(cluster=world.cluster, panel_size=2)
    claim = claims.claim_create(
        claimant=world.employee, firm=world.firm, title="Lasting", level=2, how_learned="mentor"
    )
    claims.claim_skill_add(claim=claim, esco_uri=SKILL_URI, label="x")
    claims.evidence_add(claim=claim, description="Logbook")
    claims.claim_submit(claim=claim)
    validation_policy_set(cluster=world.cluster, panel_size=3)  # later changes do not move a running claim
    claim.refresh_from_db()
    assert claim.panel_size == 2
    with pytest.raises(ValidationError, match="one, two or three"):
        validation_policy_set(cluster=world.cluster, panel_size=5)


def test_credential_refused_for_an_approval_that_recorded_no_criteria(world):
    claim = submitted_claim(world)
    _assess(claim, world.assessor)
    claim.assessments.update(criteria_met=[])  # as approvals were recorded before criteria were required
    claim.refresh_from_db()
    with pytest.raises(ValidationError, match="did not record every criterion"):
        credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    assert not IssuedCredential.objects.exists()


def test_panel_of_three_majority_decides(world):
    claim = submitted_claim(world, panel_size=3)
    second, third = _extra_assessor(world), _extra_assessor(world)
    _assess(claim, world.assessor, "approve")
    claim.refresh_from_db()
    assert claim.status == "in_assessment"
    _assess(claim, second, "reject")
    claim.refresh_from_db()
    assert claim.status == "in_assessment"
    _assess(claim, third, "reject")
    claim.refresh_from_db()
    assert claim.status == "rejected"


def test_one_vote_per_round(world):
    claim = submitted_claim(world, panel_size=2)
    _assess(claim, world.assessor)
    with pytest.raises(ValidationError, match="already assessed this round"):
        _assess(claim, world.assessor)
    assert claim.assessments.count() == 1


def test_more_evidence_then_answer_starts_new_round(world):
    claim = submitted_claim(world)
    _assess(claim, world.assessor, "more_evidence")
    claim.refresh_from_db()
    assert claim.status == "more_evidence"
    claims.evidence_add(claim=claim, description="Report from my mentor", link="https://example.org/r")
    claims.claim_respond(claim=claim, response="Added my mentor's report.")
    claim.refresh_from_db()
    assert (claim.status, claim.round) == ("submitted", 2)
    _assess(claim, world.assessor, "approve")
    claim.refresh_from_db()
    assert (claim.status, claim.assessments.count()) == ("approved", 2)


# --- certification ------------------------------------------------------------------------


def test_issue_builds_valid_signed_ob3(world):
    credential = issued(world)
    ob3.validate_ob3(credential.document)
    assert credential.claim.status == "credentialed"
    assert ob3.skill_uris(credential.document) == [SKILL_URI]
    assert credential.document["issuer"]["name"] == world.cluster.support_organisation.name
    assert isinstance(credential.document["proof"], list)
    assert verify_document(credential.document).status == "valid"


def test_issue_refuses_unapproved_claim(world):
    claim = submitted_claim(world)
    with pytest.raises(ValidationError, match="Only an approved claim"):
        credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    assert IssuedCredential.objects.count() == 0


def test_issue_twice_refused_and_first_kept(world):
    credential = issued(world)
    with pytest.raises(ValidationError, match="this one is credentialed"):
        credentials.credential_issue(claim=credential.claim, issued_by=world.cluster_manager)
    assert IssuedCredential.objects.get().pk == credential.pk


@pytest.fixture
def published(monkeypatch):
    """The accreditation events published during the test, delivered to nobody else."""
    seen = []
    monkeypatch.setattr(events, "_handlers", {CredentialIssued: [seen.append], CredentialRevoked: [seen.append]})
    return seen


def test_issue_and_revoke_publish_their_events_in_the_transaction(world, published):
    credential = issued(world)
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Copied evidence")
    credential.refresh_from_db()
    assert published == [
        CredentialIssued(
            credential_id=f"urn:uuid:{credential.uuid}", holder_id=world.employee.pk, firm_id=world.firm.pk,
            skill_uris=(SKILL_URI,), level=3, title="Hand-lasting of uppers", issued_by_id=world.cluster_manager.pk,
            issued_at=credential.issued_at, valid_until=credential.valid_until,
        ),
        CredentialRevoked(
            credential_id=f"urn:uuid:{credential.uuid}", holder_id=world.employee.pk, firm_id=world.firm.pk,
            revoked_at=credential.revoked_at,
        ),
    ]  # fmt: skip


def test_a_failing_subscriber_rolls_the_issue_back(world, monkeypatch):
    def broken(event):
        raise RuntimeError("skill record unavailable")

    monkeypatch.setattr(events, "_handlers", {CredentialIssued: [broken]})
    claim = approved_claim(world)
    with pytest.raises(RuntimeError, match="unavailable"):
        credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    claim.refresh_from_db()
    assert (claim.status, IssuedCredential.objects.count()) == ("approved", 0)


def test_status_indexes_never_reused(world):
    organisation = world.cluster.support_organisation
    indexes = [credentials.status_index_allocate(organisation=organisation)[1] for _ in range(3)]
    assert indexes == [0, 1, 2]
    assert StatusList.objects.get().next_index == 3


def test_full_status_list_opens_a_new_one(world):
    organisation = world.cluster.support_organisation
    StatusList.objects.create(organisation=organisation, size=2, next_index=2)
    status, index = credentials.status_index_allocate(organisation=organisation)
    assert (StatusList.objects.count(), index, status.next_index) == (2, 0, 0)


def test_revoke_flips_bit_and_verification_says_revoked(world):
    credential = issued(world)
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Error")
    credential.refresh_from_db()
    assert (credential.state(), credential.revocation_reason) == ("revoked", "Error")
    credential.claim.refresh_from_db()
    assert credential.claim.get_status_display() == "Credential revoked"  # no longer "Credentialed"
    report = verify_document(credential.document)
    assert (report.status, report.result.reason) == ("revoked", "The issuer has revoked this credential")
    published = credentials.status_list_document(credential.status_list)
    assert bitstring_of(published).set_indexes() == [credential.status_index]


def test_revoke_needs_reason_and_only_once(world):
    credential = issued(world)
    with pytest.raises(ValidationError, match="Give the reason"):
        credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason=" ")
    credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="x")
    with pytest.raises(ValidationError, match="already revoked"):
        credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="y")


# --- keys ---------------------------------------------------------------------------------


def test_private_key_encrypted_at_rest(world):
    key = keys.issuer_key_active(organisation=world.cluster.support_organisation)
    seed = keys.fernet().decrypt(bytes(key.private_key_encrypted))
    assert len(seed) == 32
    assert seed not in bytes(key.private_key_encrypted)
    assert key.did.startswith("did:key:z6Mk")


def test_rotation_keeps_old_credentials_verifiable(world):
    credential = issued(world)
    new_key = keys.issuer_key_create(organisation=world.cluster.support_organisation)
    assert IssuerKey.objects.filter(retired_at__isnull=True).get() == new_key
    assert verify_document(credential.document).status == "valid"


def test_did_web_when_domain_configured(world, settings, client):
    settings.CREDENTIAL_DID_WEB_DOMAIN = "skills.example.org"
    credential = issued(world)
    assert credential.document["issuer"]["id"] == "did:web:skills.example.org"
    document = client.get("/.well-known/did.json").json()
    assert document["assertionMethod"] == [credential.document["proof"][0]["verificationMethod"]]
    assert verify_document(credential.document).status == "valid"


def test_no_did_json_without_domain(db, client):
    assert client.get("/.well-known/did.json").status_code == 404


# --- verification of bad input -------------------------------------------------------------


def test_one_changed_character_is_tampered(credential):
    document = copy.deepcopy(credential.document)
    document["name"] = document["name"].replace("H", "h", 1)
    assert verify_document(document).status == "tampered"


def test_unknown_context(credential):
    document = copy.deepcopy(credential.document)
    document["@context"].append("https://example.org/evil-context.jsonld")
    report = verify_document(document)
    assert report.status == "unknown_context"


def test_wrong_key(world, credential):
    from skillcluster.accreditation.vc import signing

    other = signing.generate_private_key()
    public = signing.public_key_bytes(other)
    document = signing.unsecured(credential.document)
    document["issuer"] = {**document["issuer"], "id": signing.did_key(public)}
    method = signing.did_key_verification_method(public)
    forged = signing.sign_document(
        document, private_key=other, verification_method=method, created="2026-01-01T00:00:00Z"
    )
    assert verify_document(forged).status == "wrong_key"


def test_expired(credential):
    later = credential.valid_until + dt.timedelta(seconds=1)
    report = verify_document(credential.document, now=later)
    assert report.status == "expired"


def test_malformed_json_text(db):
    report = verify_text(b"{not json")
    assert report.status == "malformed"
    assert report.result.reason.startswith("This is not valid JSON:")


def test_oversized_text(db):
    report = verify_text(b" " * (256 * 1024 + 1))
    assert (report.status, report.result.reason) == (
        "malformed",
        "The file is larger than 256 KB; a credential is far smaller.",
    )


def test_stored_credential_round_trips_and_validates_against_ob3(world):
    claim = approved_claim(world)
    credential = credentials.credential_issue(claim=claim, issued_by=world.cluster_manager)
    stored = IssuedCredential.objects.get(pk=credential.pk).document
    ob3.validate_ob3(json.loads(json.dumps(stored)))
    assert verify_document(stored).status == "valid"


def test_the_claimant_hears_of_each_step_by_email(world, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        claim = submitted_claim(world)
    with django_capture_on_commit_callbacks(execute=True):
        _assess(claim, world.assessor, decision="more_evidence")
    with django_capture_on_commit_callbacks(execute=True):
        credential = issued(world)
    with django_capture_on_commit_callbacks(execute=True):
        credentials.credential_revoke(credential=credential, revoked_by=world.cluster_manager, reason="Wrong person")
    subjects = [message.subject.split(": ", 1)[1] for message in mail.outbox]
    assert subjects == [
        "submitted", "more evidence asked", "submitted", "approved", "credential issued", "credential revoked",
    ]  # fmt: skip
    assert {tuple(message.to) for message in mail.outbox} == {(world.employee.email,)}
    assert "Seen the logbook." in mail.outbox[1].body  # the assessors' reasons travel with the news
    assert "Wrong person" in mail.outbox[-1].body
