"""Writes of the skill record: ratings, append-only, and the current level they set.

`check_rating_add` validates and authorises one rating, then calls `do_ratings_add`, which acts on valid
input: it inserts and moves each (firm, person, skill)'s `SkillLevel` to the rating the current-level rule of
`domain/levels.py` picks, in the same transaction (`SkillLevel.all_objects.recompute`: the rule has one
home, the pure module; the table only stores its answer for SQL aggregates). Withdrawals and lapsed
validity move levels back the same way. The matrix import is in `imports.py`; credentials enter through
`skill_record.py`.
"""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.domain import levels
from skillcluster.audits.domain.levels import Source
from skillcluster.audits.domain.permissions import rating_refusal
from skillcluster.audits.models import Rating, RatingWithdrawal, SkillLevel
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL, is_valid_level
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.domain.links import LinkError, check_link
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Membership, Person


def check_rating_add(
    *, access: Access, rater: Person, firm: Firm, person: Person, skill: Skill, level: int,
    source: str, note: str = "", evidence_url: str = "",
) -> Rating:  # fmt: skip
    """Validate and authorise one rating, then add it. ``ValidationError`` names the field at fault."""
    try:
        kind = Source(source)
    except ValueError:
        raise ValidationError({"source": gettext("Choose self, manager or assessor.")}) from None
    if not Membership.objects.filter(firm=firm, person=person).exists():
        raise ValidationError({"person": gettext("That person does not work in this firm.")})
    refusal = rating_refusal(access, kind, about_self=person.pk == rater.pk)
    if refusal:
        raise ValidationError({"source": refusal})
    if not is_valid_level(level):
        message = gettext("A level is a whole number 0-%(most)s; got %(level)r.") % {"most": MAX_LEVEL, "level": level}
        raise ValidationError({"level": message})
    try:
        evidence_url = check_link(evidence_url)
    except LinkError as error:
        raise ValidationError({"evidence_url": str(error)}) from None
    rating = Rating(firm=firm, person=person, skill=skill, level=level, source=kind.value, rated_by=rater,
                    note=note.strip()[:2000], evidence_url=evidence_url)  # fmt: skip
    return do_ratings_add(ratings=[rating])[0]


def do_ratings_add(*, ratings: Sequence[Rating]) -> list[Rating]:
    """Insert ratings (already validated) and move the current levels, all in one transaction.

    A rating without ``valid_until`` gets its source's validity window from the moment it was given.
    """
    now = timezone.now()
    for rating in ratings:
        rating.created_at = rating.created_at or now
        if rating.valid_until is None:
            rating.valid_until = levels.valid_until(Source(rating.source), rating.created_at)
    with transaction.atomic():
        created = Rating.all_objects.bulk_create(ratings, batch_size=2000)
        SkillLevel.all_objects.recompute({(r.firm_id, r.person_id, r.skill_id) for r in created}, now=now)
    return created


def ratings_withdraw(*, reference: str, reason: str, at: datetime) -> int:
    """Mark every rating resting on ``reference`` (a revoked credential's id) as withdrawn, and move the current
    levels back to what still counts. The ratings stay in the history. Returns how many were withdrawn."""
    with transaction.atomic():
        ratings = list(Rating.all_objects.filter(reference=reference, withdrawal__isnull=True))
        RatingWithdrawal.all_objects.bulk_create(
            RatingWithdrawal(rating=r, at=at, reason=reason[:200]) for r in ratings
        )
        SkillLevel.all_objects.recompute({(r.firm_id, r.person_id, r.skill_id) for r in ratings})
    return len(ratings)
