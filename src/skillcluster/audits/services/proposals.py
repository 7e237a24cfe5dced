"""Levels proposed from outside the audit (after a pooled training) and their confirmation.

A proposal never counts by itself: the person's manager (the firm's owner or manager) or an assessor of the
cluster confirms it, at the proposed level or another one, and that adds an ordinary rating of their source
through `ratings.check_rating_add` (same checks: nobody confirms their own). The gap report then moves by
exactly what was confirmed.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import AuditPerm
from skillcluster.audits.models import ProposalStatus, RatingProposal
from skillcluster.audits.services.ratings import check_rating_add
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person


def proposals_add(
    *, firm: Firm, person: Person, levels: Iterable[tuple[Skill, int]], reference: str, note: str, origin: str
) -> list[RatingProposal]:
    """Propose ``levels`` for ``person``; a (reference, skill) already proposed is left as it is."""
    made = []
    for skill, level in levels:
        try:
            with transaction.atomic():
                made.append(RatingProposal.all_objects.create(
                    firm=firm, person=person, skill=skill, level=level, reference=reference, note=note[:300],
                    origin=origin,
                ))  # fmt: skip
        except IntegrityError:
            continue
    return made


def check_proposal_decide(
    *, access: Access, decider: Person, proposal: RatingProposal, confirm: bool, level: int | None = None
) -> RatingProposal:
    """Confirm (adding a rating of the decider's source, at ``level`` or the proposed one) or decline."""
    about_self = proposal.person_id == decider.pk
    if about_self:
        raise ValidationError(
            {"proposal": gettext("Someone else confirms what you learned: your manager or an assessor.")}
        )
    if not (access.has(AuditPerm.RATE_MANAGER) or access.has(AuditPerm.RATE_ASSESSOR)):
        raise ValidationError(
            {"proposal": gettext("Only the person's manager or an assessor confirms a training result.")}
        )
    chosen = proposal.level if level is None else level
    if not 0 <= chosen <= MAX_LEVEL:
        message = gettext("A level is a whole number 0-%(most)s; got %(level)r.") % {"most": MAX_LEVEL, "level": chosen}
        raise ValidationError({"level": message})
    with transaction.atomic():
        locked = RatingProposal.all_objects.select_for_update().select_related("skill", "person").get(pk=proposal.pk)
        if locked.status != ProposalStatus.PENDING:
            raise ValidationError({"proposal": _already(locked.status)})
        if confirm:
            source = Source.MANAGER if access.has(AuditPerm.RATE_MANAGER) else Source.ASSESSOR
            locked.rating = check_rating_add(
                access=access, rater=decider, firm=locked.firm, person=locked.person, skill=locked.skill,
                level=chosen, source=source.value, note=f"Confirmed after training: {locked.note}",
            )  # fmt: skip
        locked.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.DECLINED
        locked.decided_by, locked.decided_at = decider, timezone.now()
        locked.save(update_fields=["rating", "status", "decided_by", "decided_at"])
    return locked


def _already(status: str) -> str:
    if status == ProposalStatus.CONFIRMED:
        return gettext("Already confirmed.")
    return gettext("Already declined.")
