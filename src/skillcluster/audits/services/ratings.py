"""Writes of the skill record: ratings, append-only, and the current level they set.

`check_rating_add` validates and authorises one rating, then calls `do_ratings_add`, which acts on valid
input: it inserts and moves each (firm, person, skill)'s `SkillLevel` to the rating the current-level rule of
`domain/levels.py` picks, in the same transaction. The matrix import is in `imports.py`.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from skillcluster.audits.domain.levels import SOURCE_RANK, Source
from skillcluster.audits.domain.permissions import rating_refusal
from skillcluster.audits.models import Rating, SkillLevel
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL, is_valid_level
from skillcluster.taxonomy.models import Skill
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
        raise ValidationError({"source": "Choose self, manager or assessor."}) from None
    if not Membership.objects.filter(firm=firm, person=person).exists():
        raise ValidationError({"person": "That person does not work in this firm."})
    refusal = rating_refusal(access, kind, about_self=person.pk == rater.pk)
    if refusal:
        raise ValidationError({"source": refusal})
    if not is_valid_level(level):
        raise ValidationError({"level": f"A level is a whole number 0-{MAX_LEVEL}; got {level!r}."})
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise ValidationError({"evidence_url": "An evidence link starts with https:// or http://."}) from None
    rating = Rating(firm=firm, person=person, skill=skill, level=level, source=kind.value, rated_by=rater,
                    note=note.strip()[:2000], evidence_url=evidence_url)  # fmt: skip
    return do_ratings_add(ratings=[rating])[0]


def do_ratings_add(*, ratings: Sequence[Rating]) -> list[Rating]:
    """Insert ratings (already validated) and move the current levels, all in one transaction."""
    now = timezone.now()
    for rating in ratings:
        rating.created_at = rating.created_at or now
    with transaction.atomic():
        created = Rating.all_objects.bulk_create(ratings, batch_size=2000)
        levels_apply(created)
    return created


def levels_apply(ratings: Sequence[Rating]) -> None:
    """Move each (firm, person, skill)'s current level to the latest rating of the best source rank.

    ``ratings`` are newer than every rating already stored, in append order, so within one rank the later
    one wins and a higher rank always wins: the rule of `levels.py`.
    """
    best: dict[tuple[int, int, int], Rating] = {}
    for rating in ratings:
        key = (rating.firm_id, rating.person_id, rating.skill_id)
        if key not in best or SOURCE_RANK[Source(rating.source)] >= SOURCE_RANK[Source(best[key].source)]:
            best[key] = rating
    existing = {
        (s.firm_id, s.person_id, s.skill_id): s
        for s in SkillLevel.all_objects.filter(
            firm_id__in={k[0] for k in best}, person_id__in={k[1] for k in best}, skill_id__in={k[2] for k in best}
        )
    }
    new, changed = [], []
    for key, rating in best.items():
        rank = SOURCE_RANK[Source(rating.source)]
        current = existing.get(key)
        if current is None:
            new.append(SkillLevel(firm_id=key[0], person_id=key[1], skill_id=key[2], level=rating.level,
                                  source_rank=rank, rating=rating))  # fmt: skip
        elif rank >= current.source_rank:
            current.level, current.source_rank, current.rating = rating.level, rank, rating
            changed.append(current)
    SkillLevel.all_objects.bulk_create(new, batch_size=2000)
    SkillLevel.all_objects.bulk_update(changed, ["level", "source_rank", "rating"], batch_size=2000)
