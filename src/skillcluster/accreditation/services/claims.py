"""Identification and documentation: the claimant writes a claim, adds skills and evidence, submits.

Each function checks the claim's state and raises ValidationError with a message that names the
field; authorisation (who may call) is the selectors' job, done before.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.accreditation.domain.files import EvidenceFileError, check_evidence_file
from skillcluster.accreditation.models import (
    Claim,
    ClaimSkill,
    ClaimStatus,
    Evidence,
    HowLearned,
    Statement,
    StatementRelation,
    in_sentence,
)
from skillcluster.accreditation.selectors.claims import validation_policy
from skillcluster.accreditation.services import notify
from skillcluster.accreditation.vc.ob3 import ESCO_SKILL_PREFIX
from skillcluster.taxonomy.selectors import concepts
from skillcluster.tenancy.domain.links import LinkError, check_link
from skillcluster.tenancy.models import Firm, Membership, Person


def _require_editable(claim: Claim) -> None:
    if not claim.is_editable:
        message = gettext("This claim is %(status)s; it can no longer be changed.")
        raise ValidationError(message % {"status": in_sentence(claim.get_status_display())})


def claim_create(*, claimant: Person, firm: Firm, title: str, level: int, how_learned: str, story: str = "") -> Claim:
    if not Membership.objects.filter(person=claimant, firm=firm).exists():
        raise ValidationError({"firm": gettext("You can claim skills only in a firm you work in.")})
    if level not in range(1, 5):
        raise ValidationError({"level": gettext("Choose a level from 1 (aware) to 4 (expert who can teach others).")})
    if how_learned not in HowLearned.values:
        message = gettext("Choose one of: %(values)s.")
        raise ValidationError({"how_learned": message % {"values": ", ".join(HowLearned.values)}})
    return Claim.objects.create(
        claimant=claimant,
        firm=firm,
        cluster_id=firm.cluster_id,
        title=title.strip()[:200],
        level=level,
        how_learned=how_learned,
        story=story,
    )


def claim_update(*, claim: Claim, title: str, level: int, how_learned: str, story: str) -> Claim:
    _require_editable(claim)
    if level not in range(1, 5):
        raise ValidationError({"level": gettext("Choose a level from 1 to 4.")})
    if how_learned not in HowLearned.values:
        message = gettext("Choose one of: %(values)s.")
        raise ValidationError({"how_learned": message % {"values": ", ".join(HowLearned.values)}})
    claim.title, claim.level, claim.how_learned, claim.story = title.strip()[:200], level, how_learned, story
    claim.save(update_fields=["title", "level", "how_learned", "story"])
    return claim


def claim_delete(*, claim: Claim) -> None:
    if claim.status != ClaimStatus.DRAFT:
        raise ValidationError(gettext("Only a draft claim can be deleted."))
    claim.delete()


def claim_skill_add(*, claim: Claim, esco_uri: str, label: str = "") -> ClaimSkill:
    _require_editable(claim)
    uri = esco_uri.strip()
    if not uri.startswith(ESCO_SKILL_PREFIX):
        message = gettext("Expected an ESCO skill URI starting with %(prefix)s")
        raise ValidationError({"esco_uri": message % {"prefix": ESCO_SKILL_PREFIX}})
    known = concepts.skill_label(uri)
    if known is None and concepts.esco_is_loaded():
        raise ValidationError({"esco_uri": gettext("%(uri)s is not an ESCO skill.") % {"uri": uri}})
    skill, _ = ClaimSkill.objects.update_or_create(claim=claim, esco_uri=uri, defaults={"label": known or label or uri})
    return skill


def claim_skill_remove(*, claim: Claim, skill_id: int) -> None:
    _require_editable(claim)
    ClaimSkill.objects.filter(claim=claim, pk=skill_id).delete()


def evidence_add(
    *, claim: Claim, description: str, link: str = "", file: UploadedFile[bytes] | None = None
) -> Evidence:
    """Add evidence; a file is checked by its first bytes (PDF, PNG, JPEG only) and its size (5 MB)."""
    _require_editable(claim)
    if not description.strip():
        raise ValidationError({"description": gettext("Say what this evidence shows.")})
    try:
        link = check_link(link)
    except LinkError as error:
        raise ValidationError({"link": str(error)}) from None
    evidence = Evidence(claim=claim, description=description.strip(), link=link)
    if file is not None:
        head = file.read(16)
        file.seek(0)
        try:
            evidence.content_type = check_evidence_file(name=file.name or "", size=file.size or 0, head=head)
        except EvidenceFileError as error:
            raise ValidationError({"file": str(error)}) from None
        evidence.file_name = (file.name or "")[:200]
        evidence.file.save(evidence.file_name, file, save=False)
    evidence.save()
    return evidence


def statement_add(*, claim: Claim, author: Person, relation: str, text: str) -> Statement:
    if claim.status in (ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.CREDENTIALED, ClaimStatus.REVOKED):
        raise ValidationError(gettext("This claim is decided; statements are closed."))
    if author.pk == claim.claimant_id:
        raise ValidationError(gettext("You cannot confirm your own claim."))
    if relation not in StatementRelation.values:
        message = gettext("Choose one of: %(values)s.")
        raise ValidationError({"relation": message % {"values": ", ".join(StatementRelation.values)}})
    if not text.strip():
        raise ValidationError({"text": gettext("Write what you saw the claimant do.")})
    statement, _ = Statement.objects.update_or_create(
        claim=claim, author=author, defaults={"relation": relation, "text": text.strip()}
    )
    return statement


def claim_submit(*, claim: Claim) -> Claim:
    """Draft → submitted. A claim needs at least one ESCO skill and one piece of evidence; its panel size is
    the cluster's validation policy at this moment."""
    if claim.status != ClaimStatus.DRAFT:
        message = gettext("Only a draft can be submitted; this claim is %(status)s.")
        raise ValidationError(message % {"status": in_sentence(claim.get_status_display())})
    _require_complete(claim)
    claim.status, claim.submitted_at = ClaimStatus.SUBMITTED, timezone.now()
    claim.panel_size = validation_policy(claim.cluster).panel_size
    claim.save(update_fields=["status", "submitted_at", "panel_size"])
    notify.claim_news(claim, "submitted")
    return claim


def _require_complete(claim: Claim) -> None:
    errors = {}
    if not claim.skills.exists():
        errors["skills"] = gettext("Add at least one ESCO skill.")
    if not claim.evidence.exists():
        errors["evidence"] = gettext("Add at least one piece of evidence (a file, a link or a description).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def claim_respond(*, claim: Claim, response: str) -> Claim:
    """More evidence requested → submitted again, in a new assessment round."""
    if claim.status != ClaimStatus.MORE_EVIDENCE:
        raise ValidationError(gettext("The assessors have not asked for more evidence on this claim."))
    if not response.strip():
        raise ValidationError({"response": gettext("Say what you added or changed.")})
    _require_complete(claim)
    claim.status, claim.response, claim.round = ClaimStatus.SUBMITTED, response.strip(), claim.round + 1
    claim.submitted_at = timezone.now()
    claim.save(update_fields=["status", "response", "round", "submitted_at"])
    return claim
