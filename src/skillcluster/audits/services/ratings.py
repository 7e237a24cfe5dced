"""Writes of the skills audit: roles and requirements, assignments, ratings, campaigns.

Keyword-only arguments; `check_*` validates and authorises, then calls `do_*`, which acts on valid input.
Ratings are append-only: `do_ratings_add` inserts and moves each (firm, person, skill)'s `SkillLevel` to the
rating the current-level rule of `levels.py` picks, in the same transaction. The matrix import lives in
`import_service.py`.
"""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from skillcluster.audits.domain.levels import MAX_LEVEL, SOURCE_RANK, Source, is_valid_level
from skillcluster.audits.domain.permissions import AuditPerm, rating_refusal
from skillcluster.audits.models import (
    AuditCampaign,
    AuditStep,
    CampaignStatus,
    Rating,
    Role,
    RoleAssignment,
    RoleRequirement,
    SkillLevel,
)
from skillcluster.audits.selectors.records import AuditAccess
from skillcluster.taxonomy.models import Occupation, OccupationSkill, Relation, Skill
from skillcluster.tenancy.models import Firm, Membership, Person

# What ESCO's relation suggests before the owner edits it: an essential skill is needed independently and
# matters; an optional one is useful at the guided level.
PREFILL = {Relation.ESSENTIAL: (3, 2), Relation.OPTIONAL: (2, 1)}


def role_create(
    *, firm: Firm, title: str, occupation: Occupation | None = None, include_optional: bool = False
) -> Role:
    """A role, its requirements pre-filled from the occupation's essential (and optionally optional) skills."""
    title = title.strip() or (occupation.preferred_label if occupation else "")
    if not title:
        raise ValidationError({"title": "Give the role a title, e.g. 'Shoe finisher'."})
    if len(title) > 200:
        raise ValidationError({"title": "At most 200 characters."})
    if Role.objects.filter(firm=firm, title__iexact=title).exists():
        raise ValidationError({"title": f"{firm.legal_name} already has a role called '{title}'."})
    with transaction.atomic():
        role = Role.objects.create(firm=firm, title=title, occupation=occupation)
        if occupation is not None:
            relations = [Relation.ESSENTIAL, Relation.OPTIONAL] if include_optional else [Relation.ESSENTIAL]
            links = OccupationSkill.objects.filter(occupation=occupation, relation__in=relations)
            RoleRequirement.objects.bulk_create(
                RoleRequirement(role=role, skill_id=link.skill_id, level=PREFILL[Relation(link.relation)][0],
                                importance=PREFILL[Relation(link.relation)][1])
                for link in links
            )  # fmt: skip
    return role


def role_delete(*, role: Role) -> None:
    role.delete()


def _check_requirement(level: int, importance: int) -> None:
    errors = {}
    if not (isinstance(level, int) and 1 <= level <= MAX_LEVEL):
        errors["level"] = f"A required level is a whole number 1-{MAX_LEVEL}; got {level!r}."
    if not (isinstance(importance, int) and 1 <= importance <= 3):
        errors["importance"] = f"Importance is 1 (useful), 2 (important) or 3 (critical); got {importance!r}."
    if errors:
        raise ValidationError(errors)


def requirement_add(*, role: Role, skill: Skill, level: int, importance: int) -> RoleRequirement:
    """Add the skill to the role, or set its level and importance when it is already there."""
    _check_requirement(level, importance)
    requirement, _ = RoleRequirement.objects.update_or_create(
        role=role, skill=skill, defaults={"level": level, "importance": importance}
    )
    return requirement


def requirement_update(*, requirement: RoleRequirement, level: int, importance: int) -> RoleRequirement:
    _check_requirement(level, importance)
    requirement.level, requirement.importance = level, importance
    requirement.save(update_fields=["level", "importance"])
    return requirement


def requirement_remove(*, requirement: RoleRequirement) -> None:
    requirement.delete()


def assignments_set(*, firm: Firm, membership: Membership, role_ids: Iterable[int]) -> None:
    """Make ``membership``'s roles exactly ``role_ids`` (roles of ``firm`` only)."""
    if membership.firm_id != firm.pk:
        raise ValidationError("That person does not work in this firm.")
    wanted = set(role_ids)
    known = set(Role.objects.filter(firm=firm, pk__in=wanted).values_list("pk", flat=True))
    if wanted - known:
        raise ValidationError({"roles": f"Unknown roles: {sorted(wanted - known)}."})
    with transaction.atomic():
        RoleAssignment.objects.filter(membership=membership).exclude(role_id__in=wanted).delete()
        have = set(RoleAssignment.objects.filter(membership=membership).values_list("role_id", flat=True))
        RoleAssignment.objects.bulk_create(RoleAssignment(role_id=r, membership=membership) for r in wanted - have)


def check_rating_add(
    *, access: AuditAccess, rater: Person, firm: Firm, person: Person, skill: Skill, level: int,
    source: str, note: str = "", evidence_url: str = "",
) -> Rating:  # fmt: skip
    """Validate and authorise one rating, then add it. ``ValidationError`` names the field at fault."""
    try:
        kind = Source(source)
    except ValueError:
        raise ValidationError({"source": "Choose self, manager or assessor."}) from None
    if not Membership.objects.filter(firm=firm, person=person).exists():
        raise ValidationError({"person": "That person does not work in this firm."})
    refusal = rating_refusal(access.perms, kind, about_self=person.pk == rater.pk)
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


def campaign_start(*, firm: Firm, started_by: Person) -> AuditCampaign:
    """The firm's open guided audit, started now when there is none."""
    current = AuditCampaign.objects.filter(firm=firm, status=CampaignStatus.OPEN).first()
    if current is not None:
        return current
    try:
        with transaction.atomic():
            return AuditCampaign.objects.create(firm=firm, started_by=started_by)
    except IntegrityError:  # another request started it a moment ago
        return AuditCampaign.objects.get(firm=firm, status=CampaignStatus.OPEN)


def campaign_step_done(*, campaign: AuditCampaign, step: str) -> AuditCampaign:
    if step not in AuditStep.values:
        raise ValidationError({"step": f"Unknown step '{step}'."})
    if step not in campaign.steps_done:
        campaign.steps_done = [s for s in AuditStep.values if s in {*campaign.steps_done, step}]
        campaign.save(update_fields=["steps_done"])
    if step == AuditStep.REPORT:
        campaign.status, campaign.finished_at = CampaignStatus.DONE, timezone.now()
        campaign.save(update_fields=["status", "finished_at"])
    return campaign


def check_run(access: AuditAccess) -> None:
    if not access.has(AuditPerm.RUN):
        raise ValidationError("Only the firm's owner or manager, or a skills auditor of its cluster, runs the audit.")
