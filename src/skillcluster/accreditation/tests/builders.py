"""Claims at each stage of the workflow, built through the services (tests of other contexts use them too)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.models import Claim
from skillcluster.accreditation.services import assessment, credentials, policy
from skillcluster.accreditation.services import claims as services_claims

SKILL_URI = "http://data.europa.eu/esco/skill/aeb6686c-f72e-4160-a815-7fd41ecfc3e8"
SKILL_LABEL = "apply footwear uppers pre-assembling techniques"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_upload(name: str = "logbook.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_claim(world, *, panel_size: int = 1, level: int = 3, evidence: bool = True, skill: bool = True) -> Claim:
    """A draft; ``panel_size`` sets the cluster's validation policy, which the claim takes when submitted."""
    policy.validation_policy_set(cluster=world.cluster, panel_size=panel_size)
    claim = services_claims.claim_create(
        claimant=world.employee,
        firm=world.firm,
        title="Hand-lasting of uppers",
        level=level,
        how_learned="mentor",
        story="Learned from a master laster at a partner firm.",
    )
    if skill:
        services_claims.claim_skill_add(claim=claim, esco_uri=SKILL_URI, label=SKILL_LABEL)
    if evidence:
        services_claims.evidence_add(claim=claim, description="Six months of lasting logbook", file=pdf_upload())
    return claim


def submitted_claim(world, **kwargs) -> Claim:
    return services_claims.claim_submit(claim=make_claim(world, **kwargs))


def approved_claim(world) -> Claim:
    claim = submitted_claim(world)
    assessment.assessment_record(
        claim=claim,
        assessor=world.assessor,
        decision="approve",
        reasons="Logbook and statement convince.",
        criteria_met=list(rubric.criteria_for(claim.level)),
    )
    claim.refresh_from_db()
    return claim


def issued(world):
    return credentials.credential_issue(claim=approved_claim(world), issued_by=world.cluster_manager)
