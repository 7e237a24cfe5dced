"""Assessment: an assessor (or a panel of two or three) judges a claim against the rubric of its level.

The rules: an approval ticks every rubric criterion of the level it awards, which may be lower than the
claimed one; an assessor from the claimant's firm, or from a firm in a declared competitor or customer
relation with it, is refused; one vote per assessor per round; the panel's majority decides
(rubric.panel_outcome); the first vote moves the claim to "in assessment".
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.permissions import AccreditationPerm
from skillcluster.accreditation.models import ASSESSABLE_STATUSES, Assessment, Claim, ClaimStatus, Decision
from skillcluster.accreditation.services import notify
from skillcluster.tenancy.models import Person
from skillcluster.tenancy.selectors import cluster_access, conflicted_firm_ids, works_in_firm

_OUTCOME_STATUS = {
    rubric.APPROVE: ClaimStatus.APPROVED,
    rubric.REJECT: ClaimStatus.REJECTED,
    rubric.MORE_EVIDENCE: ClaimStatus.MORE_EVIDENCE,
}


def check_assessor(*, claim: Claim, assessor: Person) -> None:
    if works_in_firm(assessor, claim.firm_id):
        raise PermissionDenied("You work in the claimant's firm: the rules require an assessor from outside it.")
    if claim.firm_id in conflicted_firm_ids(assessor):
        raise PermissionDenied(
            "Your firm and the claimant's are declared competitors or customer and supplier: "
            "the rules require an assessor without a conflict of interest."
        )
    if not cluster_access(assessor, claim.cluster).has(AccreditationPerm.ASSESS):
        raise PermissionDenied("Only an assessor of this cluster may assess this claim.")


def _validated(claim: Claim, decision: str, reasons: str, criteria_met: list[str], awarded: int | None) -> list[str]:
    """The ticked criteria in rubric order; an approval must tick every criterion of the level it awards."""
    if claim.status not in ASSESSABLE_STATUSES:
        raise ValidationError(f"This claim is {claim.get_status_display().lower()}; it is not waiting for assessment.")
    if decision not in Decision.values:
        raise ValidationError({"decision": f"Choose one of: {', '.join(Decision.values)}."})
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for your decision; the claimant reads them."})
    allowed = [criterion for _, criterion in rubric.criteria_up_to(claim.level)]
    unknown = [c for c in criteria_met if c not in allowed]
    if unknown:
        raise ValidationError({"criteria_met": f"Not a criterion of levels 1 to {claim.level}: {unknown[0]!r}"})
    if decision == Decision.APPROVE:
        if awarded is None or not 1 <= awarded <= claim.level:
            raise ValidationError({"awarded_level": f"Award the claimed level ({claim.level}) or a lower one."})
        missing = rubric.missing_for_approval(awarded, criteria_met)
        if missing:
            message = f"Approval at level {awarded} needs every criterion of that level; not ticked: "
            raise ValidationError({"criteria_met": message + "; ".join(missing)})
    elif awarded is not None:
        raise ValidationError({"awarded_level": "A level is awarded only with an approval."})
    return [c for c in allowed if c in criteria_met]


@transaction.atomic
def assessment_record(
    *,
    claim: Claim,
    assessor: Person,
    decision: str,
    reasons: str,
    criteria_met: list[str],
    awarded_level: int | None = None,
) -> Assessment:
    """Record one vote and apply the panel's outcome when a majority is reached. An approval awards the
    claimed level or a lower one (``awarded_level``, the claimed level when omitted); the panel awards the
    lowest level its approving members award."""
    check_assessor(claim=claim, assessor=assessor)
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if decision == Decision.APPROVE and awarded_level is None:
        awarded_level = claim.level
    criteria = _validated(claim, decision, reasons, criteria_met, awarded_level)
    if Assessment.objects.filter(claim=claim, assessor=assessor, round=claim.round).exists():
        raise ValidationError("You have already assessed this round of the claim.")
    assessment = Assessment.objects.create(
        claim=claim,
        assessor=assessor,
        round=claim.round,
        decision=decision,
        reasons=reasons.strip(),
        criteria_met=criteria,
        awarded_level=awarded_level,
    )
    _apply_outcome(claim)
    return assessment


def _apply_outcome(claim: Claim) -> None:
    """The panel's outcome so far: in assessment while votes are missing, else decided (and, on approval, the
    lowest level the approving members award)."""
    votes = list(Assessment.objects.filter(claim=claim, round=claim.round).values_list("decision", "awarded_level"))
    outcome = rubric.panel_outcome([decision for decision, _ in votes], claim.panel_size)
    if outcome is None:
        claim.status = ClaimStatus.IN_ASSESSMENT
        claim.save(update_fields=["status"])
        return
    claim.status, claim.decided_at = _OUTCOME_STATUS[outcome], timezone.now()
    if outcome == rubric.APPROVE:
        claim.awarded_level = rubric.awarded_level([level for d, level in votes if d == rubric.APPROVE and level])
    claim.save(update_fields=["status", "decided_at", "awarded_level"])
    reasons = Assessment.objects.filter(claim=claim, round=claim.round).values_list("reasons", flat=True)
    notify.claim_news(claim, claim.status, reasons="\n\n".join(reasons))
