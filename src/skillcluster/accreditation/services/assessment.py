"""Assessment: an assessor (or a panel of two or three) judges a claim against the rubric of its level.

The rules: an approval ticks every rubric criterion of the level it awards, which may be lower than the
claimed one; an assessor from the claimant's firm, or from a firm in a declared competitor or customer
relation with it, is refused; one vote per assessor per round; the panel's majority decides
(rubric.panel_outcome); the first vote moves the claim to "in assessment".
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.accreditation.domain import rubric
from skillcluster.accreditation.domain.permissions import AccreditationPerm
from skillcluster.accreditation.models import (
    ASSESSABLE_STATUSES,
    Assessment,
    Claim,
    ClaimStatus,
    Decision,
    in_sentence,
)
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
        raise PermissionDenied(
            gettext("You work in the claimant's firm: the rules require an assessor from outside it.")
        )
    if claim.firm_id in conflicted_firm_ids(assessor):
        raise PermissionDenied(
            gettext(
                "Your firm and the claimant's are declared competitors or customer and supplier: "
                "the rules require an assessor without a conflict of interest."
            )
        )
    if not cluster_access(assessor, claim.cluster).has(AccreditationPerm.ASSESS):
        raise PermissionDenied(gettext("Only an assessor of this cluster may assess this claim."))


def _validated(claim: Claim, decision: str, reasons: str, criteria_met: list[str], awarded: int | None) -> list[str]:
    """The ticked criteria in rubric order; an approval must tick every criterion of the level it awards."""
    if claim.status not in ASSESSABLE_STATUSES:
        message = gettext("This claim is %(status)s; it is not waiting for assessment.")
        raise ValidationError(message % {"status": in_sentence(claim.get_status_display())})
    if decision not in Decision.values:
        raise ValidationError(
            {"decision": gettext("Choose one of: %(values)s.") % {"values": ", ".join(Decision.values)}}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": gettext("Give the reasons for your decision; the claimant reads them.")})
    allowed = [criterion for _, criterion in rubric.criteria_up_to(claim.level)]
    unknown = [c for c in criteria_met if c not in allowed]
    if unknown:
        message = gettext("Not a criterion of levels 1 to %(level)s: %(criterion)r")
        raise ValidationError({"criteria_met": message % {"level": claim.level, "criterion": unknown[0]}})
    if decision == Decision.APPROVE:
        if awarded is None or not 1 <= awarded <= claim.level:
            message = gettext("Award the claimed level (%(level)s) or a lower one.")
            raise ValidationError({"awarded_level": message % {"level": claim.level}})
        missing = rubric.missing_for_approval(awarded, criteria_met)
        if missing:
            message = gettext(
                "Approval at level %(level)s needs every criterion of that level; not ticked: %(missing)s"
            )
            raise ValidationError(
                {"criteria_met": message % {"level": awarded, "missing": "; ".join(gettext(c) for c in missing)}}
            )
    elif awarded is not None:
        raise ValidationError({"awarded_level": gettext("A level is awarded only with an approval.")})
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
        raise ValidationError(gettext("You have already assessed this round of the claim."))
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
