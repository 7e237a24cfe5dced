"""Reads of the learning network for a firm's mentoring page."""

from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from skillcluster.audits.models import RoleRequirement, SkillLevel
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


@dataclass(frozen=True)
class Invitation:
    """Skills a person holds at the mentoring level, not yet offered, that people of other firms lack."""

    skills: list[Skill]
    people: int  # people of other firms of the cluster short of one of them


def invitation(firm: Firm, person: Person) -> Invitation | None:
    offered = MentorOffer.all_objects.filter(person=person, withdrawn_at__isnull=True).values("skill_id")
    held = dict(
        SkillLevel.all_objects.filter(firm=firm, person=person, level__gte=MENTOR_LEVEL)
        .exclude(skill_id__in=offered)
        .values_list("skill_id", "level")
    )
    if not held:
        return None
    # Counted in the database: at a region's scale the cluster's assignments of these skills run to thousands.
    have = SkillLevel.all_objects.filter(
        firm_id=OuterRef("firm_id"), person_id=OuterRef("person_id"), skill_id=OuterRef("skill_id")
    ).values("level")[:1]
    short = (
        RoleRequirement.all_objects.filter(role__firm__cluster_id=firm.cluster_id, skill_id__in=held)
        .exclude(role__firm=firm)
        .annotate(firm_id=F("role__firm_id"), person_id=F("role__assignments__membership__person_id"))
        .filter(person_id__isnull=False)
        .annotate(have=Coalesce(Subquery(have), 0))
        .filter(have__lt=F("level"))
        .values_list("person_id", "skill_id")
        .distinct()
    )
    pairs = set(short)
    skills = {s for _, s in pairs}
    if not skills:
        return None
    found = sorted(Skill.objects.filter(pk__in=skills), key=lambda s: (-held[s.pk], s.preferred_label))
    return Invitation(found, len({p for p, _ in pairs}))
