"""Demo seed step for the skills audit: roles from real ESCO occupations of a footwear district (their
essential skills only, none added by hand), people assigned by job title, and synthetic self and manager
ratings: people hold production skills well and marketing and cross-job skills less well, as the seed study
found, with realistic disagreement (people rate themselves a little higher than their managers do). The
categories come from ESCO through the mapping, so the gap pattern shows from the data. Runs after tenancy and
taxonomy; idempotent (a cluster with roles is kept).
"""

import random
from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from skillcluster.audits.models import AuditCampaign, AuditStep, Rating, Role, RoleAssignment, RoleRequirement
from skillcluster.audits.services.ratings import do_ratings_add
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Occupation, OccupationSkill, SkillCategory
from skillcluster.tenancy.models import Cluster, Membership

OCC = "http://data.europa.eu/esco/occupation/"
OCCUPATIONS = {  # role title: ESCO occupation
    "Cutter": "1d188cae-90e9-4950-9666-3e1a9500de50",  # leather goods hand cutting operator
    "Stitcher": "6e102a30-2c0a-4a31-aee3-ae7b1fac5466",  # footwear stitching machine operator
    "Machine operator": "1b4e795d-6e49-4b7b-bb34-585edfd6eb18",  # footwear production machine operator
    "Pattern maker": "93aa611c-a58c-43ff-bc34-6e201dfdd0dd",  # footwear patternmaker
    "Production lead": "a659968d-0804-4357-bc60-735e4d41e65c",  # footwear production supervisor
    "Quality controller": "2b48a4cd-2333-4abf-ac3e-6f63d6ed3663",  # footwear quality controller
    "Sales": "72149e37-f4f4-4570-8c17-27444160aa16",  # shoe and leather accessories specialised seller
    "Office clerk": "6c999fc7-c6b7-4ef3-a4b9-af124a1783a2",  # office clerk
    "Warehouse operator": "143e49fc-832f-477c-8cac-8eabe6fd7bc2",  # footwear factory warehouse operator
    "Leather goods artisan": "72d03aad-2003-404e-ae71-a37206e3566b",  # leather goods artisanal worker
    "Designer": "06f89f2c-c6e9-40c5-a4a5-0e34d5fbc184",  # footwear designer
}
JOB_ROLE = {
    "cutter": "Cutter", "stitching": "Stitcher", "pattern": "Pattern maker", "quality": "Quality controller",
    "sales": "Sales", "marketing": "Sales", "export": "Sales", "office": "Office clerk",
    "warehouse": "Warehouse operator", "artisan": "Leather goods artisan", "design": "Designer",
    "modeller": "Designer", "owner": "Production lead", "production manager": "Production lead",
}  # fmt: skip
SKILLS_PER_ROLE = 12  # essential skills of the role's ESCO occupation, as an owner keeps them
TRUE_LEVEL = {  # category: (levels, weights) of what people really hold
    "production": ([2, 3, 4], [0.25, 0.5, 0.25]),
    "marketing": ([0, 1, 2], [0.35, 0.45, 0.2]),
    "transversal": ([1, 2, 3], [0.45, 0.4, 0.15]),
}
DEFAULT_LEVEL = ([1, 2, 3], [0.3, 0.45, 0.25])


def seed(ctx: SeedContext) -> None:
    cluster = ctx.shared.get("cluster")
    if not isinstance(cluster, Cluster):
        return
    if Role.all_objects.filter(firm__cluster=cluster).exists():
        ctx.out("Skills audit: reusing existing roles and ratings.")
        return
    occupations = {o.uri: o for o in Occupation.objects.filter(uri__in=[OCC + u for u in OCCUPATIONS.values()])}
    if len(occupations) < len(OCCUPATIONS):
        ctx.out("Skills audit: ESCO is not loaded; no audit data seeded.")
        return
    with transaction.atomic():
        count = _seed_cluster(ctx, cluster, occupations)
    ctx.out(f"Skills audit: {count} ratings in {cluster.name}.")


def _seed_cluster(ctx: SeedContext, cluster: Cluster, occupations: dict[str, Occupation]) -> int:
    rng = ctx.rng("audits")
    skills = _role_skills(rng, occupations)
    categories = _categories({s for reqs in skills.values() for s, _, _ in reqs})
    members = defaultdict(list)
    for m in (
        Membership.all_objects.filter(firm__cluster=cluster).select_related("firm", "person").order_by("firm_id", "id")
    ):
        members[m.firm_id].append(m)
    ratings: list[Rating] = []
    for firm_members in members.values():
        persona_firm = any(m.person.email.endswith("@skillcluster.demo") for m in firm_members)
        if rng.random() < 0.15 and not persona_firm:
            continue  # a few firms have not audited yet
        ratings += _seed_firm(rng, firm_members, skills, categories, occupations)
    do_ratings_add(ratings=ratings)
    return len(ratings)


def _role_skills(rng: random.Random, occupations: dict[str, Occupation]) -> dict[str, list[tuple[int, int, int]]]:
    """Role title → [(skill id, level, importance)]: essential skills of the ESCO occupation alone (no skill is
    added by hand: the cross-job and marketing gaps must come from ESCO's own requirements)."""
    result = {}
    for title, suffix in OCCUPATIONS.items():
        essential = sorted(
            OccupationSkill.objects.filter(occupation=occupations[OCC + suffix], relation="essential")
            .values_list("skill_id", flat=True)
        )  # fmt: skip
        kept = rng.sample(essential, min(SKILLS_PER_ROLE, len(essential)))
        result[title] = [(s, rng.choice([2, 3, 3, 4]), rng.choice([2, 3])) for s in kept]
    return result


def _categories(skill_ids: set[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for skill_id, code in SkillCategory.objects.filter(skill_id__in=skill_ids).values_list("skill_id", "category"):
        if code in TRUE_LEVEL or skill_id not in found:
            found[skill_id] = code
    return found


def _role_for(job_title: str) -> str:
    lowered = job_title.lower()
    return next((role for key, role in JOB_ROLE.items() if key in lowered), "Machine operator")


def _seed_firm(
    rng: random.Random,
    members: list[Membership],
    skills: dict[str, list[tuple[int, int, int]]],
    categories: dict[int, str],
    occupations: dict[str, Occupation],
) -> list[Rating]:
    firm = members[0].firm
    titles = sorted({_role_for(m.job_title or "") for m in members})
    roles = {
        t: Role.all_objects.create(firm=firm, title=t, occupation=occupations[OCC + OCCUPATIONS[t]]) for t in titles
    }
    RoleRequirement.all_objects.bulk_create(
        RoleRequirement(role=roles[t], skill_id=s, level=lvl, importance=imp)
        for t in titles
        for s, lvl, imp in skills[t]
    )
    RoleAssignment.all_objects.bulk_create(
        RoleAssignment(role=roles[_role_for(m.job_title or "")], membership=m) for m in members
    )
    owner = next((m.person for m in members if m.role == "owner"), None)
    managed = rng.random() < 0.8
    steps = [AuditStep.ROLES, AuditStep.ASSIGN, AuditStep.SELF] + ([AuditStep.MANAGER] if managed else [])
    AuditCampaign.all_objects.create(firm=firm, started_by=owner, steps_done=[s.value for s in steps])
    now = timezone.now()
    selfs, managers = [], []
    for m in members:
        for skill_id, _, _ in skills[_role_for(m.job_title or "")]:
            levels, weights = TRUE_LEVEL.get(categories.get(skill_id, ""), DEFAULT_LEVEL)
            true = rng.choices(levels, weights)[0]
            if rng.random() < 0.9:
                level = _clamp(true + rng.choices([-1, 0, 1], [0.15, 0.5, 0.35])[0])
                selfs.append(Rating(firm=firm, person=m.person, skill_id=skill_id, level=level, source="self",
                                    rated_by=m.person, created_at=now - timedelta(days=20)))  # fmt: skip
            if managed and owner is not None and m.person != owner:
                level = _clamp(true + rng.choices([-1, 0, 1], [0.15, 0.75, 0.10])[0])
                managers.append(Rating(firm=firm, person=m.person, skill_id=skill_id, level=level, source="manager",
                                       rated_by=owner, created_at=now - timedelta(days=6)))  # fmt: skip
    return selfs + managers


def _clamp(level: int) -> int:
    return max(0, min(4, level))
