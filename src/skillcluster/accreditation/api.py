"""Accreditation endpoints: claims for the claimant, assessment, issue and revoke, and public verification.

Everything needs authentication (the API's default) except `POST /credentials/verify`, which is
public on purpose (anyone may check a credential) and caps the body it reads.
"""

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from skillcluster.accreditation.models import Claim, Decision, HowLearned
from skillcluster.accreditation.selectors import claims as claims_read
from skillcluster.accreditation.selectors.credential_check import MAX_CREDENTIAL_BYTES, verify_text
from skillcluster.accreditation.services import assessment, credentials
from skillcluster.accreditation.services import claims as claims_write
from skillcluster.tenancy.http import PersonRequest
from skillcluster.tenancy.selectors import firm_get_for_user
from skillcluster.web import rate_limit

router = Router(tags=["accreditation"])


class ClaimSkillOut(Schema):
    id: int
    esco_uri: str
    label: str


class ClaimOut(Schema):
    id: int
    uuid: str
    firm_id: int
    title: str
    level: int
    how_learned: str
    story: str
    status: str
    panel_size: int
    awarded_level: int | None
    round: int
    skills: list[ClaimSkillOut]
    evidence_count: int

    @staticmethod
    def resolve_uuid(obj: Claim) -> str:
        return str(obj.uuid)

    @staticmethod
    def resolve_skills(obj: Claim) -> list[Any]:
        return list(obj.skills.all())

    @staticmethod
    def resolve_evidence_count(obj: Claim) -> int:
        return obj.evidence.count()


class ClaimIn(Schema):
    firm_id: int
    title: str = Field(min_length=1, max_length=200)
    level: int = Field(ge=1, le=4)
    how_learned: HowLearned
    story: str = ""


class ClaimPatchIn(Schema):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    level: int | None = Field(default=None, ge=1, le=4)
    how_learned: HowLearned | None = None
    story: str | None = None


class SkillIn(Schema):
    esco_uri: str = Field(max_length=200)
    label: str = ""


class EvidenceIn(Schema):
    description: str = Field(min_length=1)
    link: str = ""


class AssessmentIn(Schema):
    decision: Decision
    reasons: str = Field(min_length=1)
    criteria_met: list[str] = []
    awarded_level: int | None = Field(default=None, ge=1, le=4)


class AssessmentOut(Schema):
    id: int
    claim_id: int
    round: int
    decision: str
    claim_status: str

    @staticmethod
    def resolve_claim_status(obj: Any) -> str:
        return str(Claim.objects.values_list("status", flat=True).get(pk=obj.claim_id))


class CredentialOut(Schema):
    id: str
    holder: str
    status: str
    issued_at: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    revocation_reason: str
    document: dict[str, Any]

    @staticmethod
    def resolve_id(obj: Any) -> str:
        return str(obj.uuid)

    @staticmethod
    def resolve_holder(obj: Any) -> str:
        return str(obj.holder.full_name)

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.state())


class RevokeIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


class VerifyOut(Schema):
    status: str
    valid: bool
    reason: str
    issuer: str | None
    checks: list[str]
    summary: dict[str, Any]


class ErrorOut(Schema):
    detail: str


@router.get("/credentials/claims", response=list[ClaimOut])
def claim_list(request: PersonRequest) -> object:
    return claims_read.claim_list_for_claimant(request.user).prefetch_related("skills")


@router.post("/credentials/claims", response={201: ClaimOut})
def claim_create(request: PersonRequest, payload: ClaimIn) -> object:
    firm, _ = firm_get_for_user(request.user, payload.firm_id)
    data = payload.dict(exclude={"firm_id"})
    return Status(201, claims_write.claim_create(claimant=request.user, firm=firm, **data))


@router.get("/credentials/claims/{claim_id}", response=ClaimOut)
def claim_get(request: PersonRequest, claim_id: int) -> object:
    return claims_read.claim_get_for_user(request.user, claim_id)[0]


@router.patch("/credentials/claims/{claim_id}", response=ClaimOut)
def claim_patch(request: PersonRequest, claim_id: int, payload: ClaimPatchIn) -> object:
    claim = claims_read.claim_get_for_claimant(request.user, claim_id)
    fields = {f: getattr(claim, f) for f in ("title", "level", "how_learned", "story")}
    fields |= payload.dict(exclude_none=True)
    return claims_write.claim_update(claim=claim, **fields)


@router.delete("/credentials/claims/{claim_id}", response={204: None})
def claim_delete(request: PersonRequest, claim_id: int) -> object:
    claims_write.claim_delete(claim=claims_read.claim_get_for_claimant(request.user, claim_id))
    return Status(204, None)


@router.post("/credentials/claims/{claim_id}/skills", response={201: ClaimSkillOut})
def claim_skill_add(request: PersonRequest, claim_id: int, payload: SkillIn) -> object:
    claim = claims_read.claim_get_for_claimant(request.user, claim_id)
    return Status(201, claims_write.claim_skill_add(claim=claim, **payload.dict()))


@router.post("/credentials/claims/{claim_id}/evidence", response={201: dict[str, int]})
def claim_evidence_add(request: PersonRequest, claim_id: int, payload: EvidenceIn) -> object:
    """Descriptions and links; files are uploaded on the claim page (multipart)."""
    claim = claims_read.claim_get_for_claimant(request.user, claim_id)
    evidence = claims_write.evidence_add(claim=claim, **payload.dict())
    return Status(201, {"id": evidence.pk})


@router.post("/credentials/claims/{claim_id}/submit", response=ClaimOut)
def claim_submit(request: PersonRequest, claim_id: int) -> object:
    return claims_write.claim_submit(claim=claims_read.claim_get_for_claimant(request.user, claim_id))


@router.post("/credentials/claims/{claim_id}/assessments", response={201: AssessmentOut})
def claim_assess(request: PersonRequest, claim_id: int, payload: AssessmentIn) -> object:
    claim, _ = claims_read.claim_get_for_user(request.user, claim_id)
    data = payload.dict()
    return Status(201, assessment.assessment_record(claim=claim, assessor=request.user, **data))


@router.post("/credentials/claims/{claim_id}/issue", response={201: CredentialOut})
def claim_issue(request: PersonRequest, claim_id: int) -> object:
    claim = claims_read.claim_get_for_issuer(request.user, claim_id)
    return Status(201, credentials.credential_issue(claim=claim, issued_by=request.user))


@router.get("/credentials/issued/{credential_id}", response=CredentialOut)
def credential_get(request: PersonRequest, credential_id: uuid.UUID) -> object:
    return claims_read.credential_get_for_user(request.user, str(credential_id))[0]


@router.post("/credentials/issued/{credential_id}/revoke", response=CredentialOut)
def credential_revoke(request: PersonRequest, credential_id: uuid.UUID, payload: RevokeIn) -> object:
    credential = claims_read.credential_get_for_issuer(request.user, str(credential_id))
    return credentials.credential_revoke(credential=credential, revoked_by=request.user, **payload.dict())


@router.post("/credentials/verify", auth=None, response={200: VerifyOut, 413: ErrorOut, 429: ErrorOut})
@rate_limit(key="ip", rate="30/m")
def credential_verify(request: HttpRequest) -> object:
    """PUBLIC: verify the credential JSON sent as the request body (at most 256 KB)."""
    declared = int(request.headers.get("Content-Length") or 0)
    if declared > MAX_CREDENTIAL_BYTES or len(request.body) > MAX_CREDENTIAL_BYTES:
        return Status(413, {"detail": f"A credential is at most {MAX_CREDENTIAL_BYTES // 1024} KB"})
    report = verify_text(request.body)
    return {
        "status": report.status,
        "valid": report.result.is_valid,
        "reason": report.result.reason,
        "issuer": report.result.issuer,
        "checks": list(report.result.checks),
        "summary": {k: v for k, v in report.summary.items() if k not in {"evidence", "level_shown"}},
    }
