"""What the audit knows of named people's needs for given skills: their merged requirements (`gaps.py`: the
highest level and importance any of their roles asks) and their current levels. Pooled services weigh seat
requests with it; it reads only the people and skills asked for."""

from collections import defaultdict
from collections.abc import Iterable

from skillcluster.audits.models import RoleRequirement, SkillLevel

PersonKey = tuple[int, int]  # (firm id, person id)


def people_needs(
    people: Iterable[PersonKey], skill_ids: Iterable[int]
) -> tuple[dict[PersonKey, dict[int, tuple[int, int]]], dict[PersonKey, dict[int, int]]]:
    """(required, held) per (firm, person): skill id → (level, importance), and skill id → current level."""
    SkillLevel.all_objects.refresh_lapsed()  # a lapsed rating no longer counts here either
    wanted, skills = set(people), set(skill_ids)
    firms, persons = {f for f, _ in wanted}, {p for _, p in wanted}
    required: dict[PersonKey, dict[int, tuple[int, int]]] = defaultdict(dict)
    rows = RoleRequirement.all_objects.filter(
        skill_id__in=skills, role__firm_id__in=firms, role__assignments__membership__person_id__in=persons
    ).values_list("role__firm_id", "role__assignments__membership__person_id", "skill_id", "level", "importance")
    for firm, person, skill, level, importance in rows:
        if (firm, person) in wanted:
            known = required[(firm, person)].get(skill, (0, 0))
            required[(firm, person)][skill] = (max(known[0], level), max(known[1], importance))
    held: dict[PersonKey, dict[int, int]] = defaultdict(dict)
    levels = SkillLevel.all_objects.filter(skill_id__in=skills, firm_id__in=firms, person_id__in=persons)
    for firm, person, skill, level in levels.values_list("firm_id", "person_id", "skill_id", "level"):
        if (firm, person) in wanted:
            held[(firm, person)][skill] = level
    return required, held
