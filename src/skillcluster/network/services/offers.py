"""Writes of the learning network: offers to mentor, the owner's agreement, withdrawing an offer."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from skillcluster.audits.models import SkillLevel
from skillcluster.network.domain.mentors import LANGUAGES, MAX_AVAILABILITY, MAX_CAPACITY, MENTOR_LEVEL
from skillcluster.network.domain.permissions import NetworkPerm
from skillcluster.network.models import MentorOffer
from skillcluster.taxonomy.models import Skill
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.domain.permissions import Access
from skillcluster.tenancy.models import Firm, Person


def check_offer_create(
    *,
    access: Access,
    firm: Firm,
    person: Person,
    skill: Skill,
    capacity: int,
    languages: Iterable[str],
    availability: str = "",
) -> MentorOffer:
    """``person`` offers to mentor others of the cluster in ``skill``; an owner's own offer is agreed at once."""
    if not access.has(NetworkPerm.OFFER):
        raise ValidationError({"person": gettext("Only people working in the firm offer to mentor.")})
    level = SkillLevel.all_objects.filter(firm=firm, person=person, skill=skill).values_list("level", flat=True)
    held = next(iter(level), 0)
    if held < MENTOR_LEVEL:
        raise ValidationError({"skill": gettext("Mentors hold the skill at level %(level)d or 4 in the audit; your "
                                                "current level is %(held)d.")
                                        % {"level": MENTOR_LEVEL, "held": held}})  # fmt: skip
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError({"capacity": gettext("Mentor 1 to %(most)d people at once; got %(got)s.") % {
            "most": MAX_CAPACITY, "got": capacity}})  # fmt: skip
    chosen = sorted(set(languages))
    if not chosen or any(code not in LANGUAGES for code in chosen):
        raise ValidationError({"languages": gettext("Choose at least one of: %(choices)s.") % {
            "choices": ", ".join(LANGUAGES)}})  # fmt: skip
    if len(availability.strip()) > MAX_AVAILABILITY:
        raise ValidationError(
            {
                "availability": gettext("At most %(most)d characters; got %(got)d.")
                % {"most": MAX_AVAILABILITY, "got": len(availability.strip())}
            }
        )
    owner = access.has(NetworkPerm.AGREE)
    try:
        with transaction.atomic():
            return MentorOffer.all_objects.create(
                firm=firm, person=person, skill=skill, capacity=capacity, languages=chosen,
                availability=availability.strip(),
                agreed_by=person if owner else None, agreed_at=timezone.now() if owner else None,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError(
            {"skill": gettext("You already offer to mentor in '%(skill)s'.") % {"skill": label_text(skill)}}
        ) from None


def check_offer_agree(*, access: Access, offer: MentorOffer, actor: Person) -> MentorOffer:
    if not access.has(NetworkPerm.AGREE):
        raise ValidationError({"offer": gettext("The firm's owner agrees that its people mentor outside the firm.")})
    if offer.withdrawn_at is not None:
        raise ValidationError({"offer": gettext("This offer was withdrawn.")})
    offer.agreed_by, offer.agreed_at = actor, offer.agreed_at or timezone.now()
    offer.save(update_fields=["agreed_by", "agreed_at"])
    return offer


def offer_withdraw(*, offer: MentorOffer) -> MentorOffer:
    offer.withdrawn_at = offer.withdrawn_at or timezone.now()
    offer.save(update_fields=["withdrawn_at"])
    return offer
