"""Reads of the learning network for a firm's mentoring page."""

from dataclasses import dataclass

from django.db.models import QuerySet

from skillcluster.audits.models import SkillLevel
from skillcluster.network.domain.mentors import MENTOR_LEVEL
from skillcluster.network.models import MentorOffer
from skillcluster.taxonomy.models import Skill
from skillcluster.tenancy.models import Firm, Person


@dataclass(frozen=True)
class Mentorable:
    skill: Skill
    level: int
    offer: MentorOffer | None


def mentorable(firm: Firm, person: Person) -> list[Mentorable]:
    """The skills ``person`` holds at the mentoring level in ``firm``, with their live offer if any."""
    levels = SkillLevel.all_objects.filter(firm=firm, person=person, level__gte=MENTOR_LEVEL).select_related("skill")
    offers = {o.skill_id: o for o in live_offers(firm).filter(person=person)}
    found = [Mentorable(s.skill, s.level, offers.get(s.skill_id)) for s in levels]
    return sorted(found, key=lambda m: (-m.level, m.skill.preferred_label))


def live_offers(firm: Firm) -> QuerySet[MentorOffer]:
    return (
        MentorOffer.all_objects.filter(firm=firm, withdrawn_at__isnull=True)
        .select_related("person", "skill", "agreed_by")
        .order_by("person__full_name", "skill__preferred_label")
    )
