"""Writes of a firm's audit set-up: roles mapped to ESCO occupations, their required skills, who holds which.

Keyword-only arguments; a `ValidationError` names the field at fault and nothing is written.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from skillcluster.audits.models import Role, RoleAssignment, RoleRequirement
from skillcluster.taxonomy.domain.proficiency import MAX_LEVEL
from skillcluster.taxonomy.models import Occupation, OccupationSkill, Relation, Skill
from skillcluster.taxonomy.selectors.labels import label_text
from skillcluster.tenancy.models import Firm, Membership

# What ESCO's relation suggests before the owner edits it: an essential skill is needed independently and
# matters; an optional one is useful at the guided level.
PREFILL = {Relation.ESSENTIAL: (3, 2), Relation.OPTIONAL: (2, 1)}


def role_create(
    *, firm: Firm, title: str, occupation: Occupation | None = None, include_optional: bool = False
) -> Role:
    """A role, its requirements pre-filled from the occupation's essential (and optionally optional) skills."""
    title = title.strip() or (occupation.preferred_label if occupation else "")
    if not title:
        raise ValidationError({"title": gettext("Give the role a title, e.g. 'Shoe finisher'.")})
    if len(title) > 200:
        raise ValidationError({"title": gettext("At most 200 characters.")})
    if Role.objects.filter(firm=firm, title__iexact=title).exists():
        taken = gettext("%(firm)s already has a role called '%(role)s'.") % {"firm": firm.legal_name, "role": title}
        raise ValidationError({"title": taken})
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
        errors["level"] = gettext("A required level is a whole number 1-%(most)s; got %(level)r.") % {
            "most": MAX_LEVEL, "level": level,
        }  # fmt: skip
    if not (isinstance(importance, int) and 1 <= importance <= 3):
        errors["importance"] = gettext(
            "Importance is 1 (useful), 2 (important) or 3 (critical); got %(importance)r."
        ) % {"importance": importance}
    if errors:
        raise ValidationError(errors)


def requirement_add(*, role: Role, skill: Skill, level: int, importance: int) -> RoleRequirement:
    """Add the skill to the role, or set its level and importance when it is already there."""
    _check_requirement(level, importance)
    requirement, _ = RoleRequirement.objects.update_or_create(
        role=role, skill=skill, defaults={"level": level, "importance": importance}
    )
    return requirement


@transaction.atomic
def requirements_edit(
    *, role: Role, levels: Mapping[int, tuple[int, int]], remove: Iterable[int] = ()
) -> tuple[int, list[str]]:
    """Set (level, importance) of the role's requirements by id and remove others, all in one go or none:
    an error names each skill at fault. Returns how many changed and the labels of those removed."""
    requirements = {r.pk: r for r in RoleRequirement.objects.filter(role=role).select_related("skill")}
    unknown = (set(levels) | set(remove)) - set(requirements)
    if unknown:
        not_here = gettext("Not a skill of '%(role)s': %(ids)s.") % {"role": role.title, "ids": sorted(unknown)}
        raise ValidationError({"requirement": not_here})
    errors: list[str] = []
    changed = []
    for pk, (level, importance) in levels.items():
        requirement = requirements[pk]
        try:
            _check_requirement(level, importance)
        except ValidationError as error:
            errors.extend(
                gettext("%(skill)s: %(problem)s") % {"skill": label_text(requirement.skill), "problem": m}
                for m in error.messages
            )
            continue
        if (requirement.level, requirement.importance) != (level, importance):
            requirement.level, requirement.importance = level, importance
            changed.append(requirement)
    if errors:
        raise ValidationError({"level": errors})
    removed = [requirements[pk] for pk in sorted(set(remove))]
    RoleRequirement.objects.bulk_update([r for r in changed if r not in removed], ["level", "importance"])
    RoleRequirement.objects.filter(pk__in=[r.pk for r in removed]).delete()
    return len([r for r in changed if r not in removed]), [label_text(r.skill) for r in removed]


def requirement_remove(*, requirement: RoleRequirement) -> None:
    requirement.delete()


def assignments_set(*, firm: Firm, membership: Membership, role_ids: Iterable[int]) -> None:
    """Make ``membership``'s roles exactly ``role_ids`` (roles of ``firm`` only)."""
    if membership.firm_id != firm.pk:
        raise ValidationError(gettext("That person does not work in this firm."))
    wanted = set(role_ids)
    known = set(Role.objects.filter(firm=firm, pk__in=wanted).values_list("pk", flat=True))
    if wanted - known:
        raise ValidationError({"roles": gettext("Unknown roles: %(ids)s.") % {"ids": sorted(wanted - known)}})
    with transaction.atomic():
        RoleAssignment.objects.filter(membership=membership).exclude(role_id__in=wanted).delete()
        have = set(RoleAssignment.objects.filter(membership=membership).values_list("role_id", flat=True))
        RoleAssignment.objects.bulk_create(RoleAssignment(role_id=r, membership=membership) for r in wanted - have)
