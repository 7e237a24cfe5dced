"""Reads of ESCO concepts: skills, occupations, their groups, categories and relations. ESCO is global
reference data, so every logged-in person may read all of it; views and the API still require a login.
Finding concepts from text (search, linking) is in `search.py`."""

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.http import Http404

from skillcluster.taxonomy.domain.categories import CATEGORIES
from skillcluster.taxonomy.models import (
    ConceptLabel,
    EscoLoad,
    IscoGroup,
    Occupation,
    OccupationSkill,
    Relation,
    Skill,
    SkillCategory,
    SkillGroup,
)


def esco_is_loaded() -> bool:
    """True once the database holds ESCO skills (what every skill picker needs)."""
    return Skill.objects.exists()


def skill_label(uri: str) -> str | None:
    """The preferred label of the ESCO skill with this URI; ``None`` when there is none."""
    return Skill.objects.filter(uri=uri).values_list("preferred_label", flat=True).first()


def esco_stats() -> dict[str, object]:
    load = EscoLoad.objects.order_by("-id").first()
    categories = dict(SkillCategory.objects.values_list("category").annotate(n=Count("id")).order_by("category"))
    return {
        "skills": Skill.objects.count(),
        "skill groups": SkillGroup.objects.count(),
        "occupations": Occupation.objects.count(),
        "ISCO groups": IscoGroup.objects.count(),
        "occupation-skill relations": OccupationSkill.objects.count(),
        **{f"category {c}": categories.get(c, 0) for c in CATEGORIES},
        "load": load,
    }


def category_stats() -> list[dict[str, object]]:
    """Per category: how many skills, and the share of all essential occupation-skill links whose skill has it
    (a skill of several categories counts in each), over every ESCO occupation."""
    essential = OccupationSkill.objects.filter(relation=Relation.ESSENTIAL)
    total = essential.count()
    per_category = dict(
        essential.filter(skill__categories__category__isnull=False)
        .values_list("skill__categories__category")
        .annotate(n=Count("id"))
        .order_by()
    )
    skills = dict(SkillCategory.objects.values_list("category").annotate(n=Count("id")).order_by())
    return [
        {"category": c, "skills": skills.get(c, 0), "essential_link_share": round(per_category.get(c, 0) / total, 4)}
        for c in CATEGORIES
        if total
    ]


def skill_get(key: int | str) -> Skill:
    """A skill by id or by ESCO URI; Http404 when there is none."""
    lookup = {"uri": key} if isinstance(key, str) and not key.isdigit() else {"id": int(key)}
    skill = Skill.objects.filter(**lookup).prefetch_related("categories").first()
    if skill is None:
        raise Http404("No such ESCO skill")
    return skill


def occupation_get(key: int | str) -> Occupation:
    lookup = {"uri": key} if isinstance(key, str) and not key.isdigit() else {"id": int(key)}
    occupation = Occupation.objects.filter(**lookup).select_related("broader").first()
    if occupation is None:
        raise Http404("No such ESCO occupation")
    return occupation


def skill_categories(skill: Skill) -> list[str]:
    order = list(CATEGORIES)
    return sorted((c.category for c in skill.categories.all()), key=order.index)


def skill_group_paths(skill: Skill) -> list[list[SkillGroup]]:
    """Each of the skill's nearest groups as a path from its pillar down."""
    return [group.path() for group in skill.groups.select_related("parent__parent__parent").order_by("pillar", "code")]


def skill_occupations(skill: Skill) -> dict[str, list[Occupation]]:
    """The occupations that need the skill, essential first; ordered by label."""
    found: dict[str, list[Occupation]] = {Relation.ESSENTIAL: [], Relation.OPTIONAL: []}
    relations = skill.occupation_relations.select_related("occupation").order_by("occupation__preferred_label")
    for relation in relations:
        found[relation.relation].append(relation.occupation)
    return found


def occupation_skills(occupation: Occupation) -> dict[str, dict[str, list[Skill]]]:
    """{relation: {category: [skills]}}: a skill with several categories shows under each of them."""
    grouped: dict[str, dict[str, list[Skill]]] = {r: defaultdict(list) for r in Relation.values}
    relations = occupation.skill_relations.select_related("skill").prefetch_related(
        Prefetch("skill__categories", queryset=SkillCategory.objects.only("skill_id", "category"))
    )
    for relation in relations.order_by("skill__preferred_label"):
        for category in relation.skill.categories.all():
            grouped[relation.relation][category.category].append(relation.skill)
    order = list(CATEGORIES)
    return {r: dict(sorted(cats.items(), key=lambda kv: order.index(kv[0]))) for r, cats in grouped.items()}


def occupation_isco_group(occupation: Occupation) -> IscoGroup | None:
    return IscoGroup.objects.filter(code=occupation.isco_group).first()


LANGUAGE_NAMES = {"de": "Deutsch", "es": "Español", "fr": "Français", "it": "Italiano"}


def other_labels(uri: str) -> list[tuple[str, str, list[str], str]]:
    """A concept's labels in the other loaded languages: (language name, preferred, alternatives, ESCO version)."""
    rows = ConceptLabel.objects.filter(uri=uri).order_by("language")
    return [(LANGUAGE_NAMES.get(r.language, r.language), r.preferred_label, [a for a in r.alt_labels.split("\n") if a],
             r.esco_version) for r in rows]  # fmt: skip
