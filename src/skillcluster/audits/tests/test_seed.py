"""The demo seed on a handful of ESCO rows standing in for the real footwear occupations."""

from django.db.models import Avg

from skillcluster.audits import seed as audit_seed
from skillcluster.audits.models import AuditCampaign, Rating, Role, RoleRequirement
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Occupation, OccupationSkill, Skill, SkillCategory
from skillcluster.tenancy import seed as tenancy_seed


def _esco_stand_in(esco) -> None:
    for index, suffix in enumerate(audit_seed.OCCUPATIONS.values()):
        occupation = Occupation.objects.create(
            uri=audit_seed.OCC + suffix, preferred_label=f"occ {index}", isco_group="7"
        )
        for key in ("stitch", "last", "cut"):
            OccupationSkill.objects.create(occupation=occupation, skill=esco.skills[key], relation="essential")
    marketing = {label for label, _, _ in audit_seed.OWNER_MARKETING}
    for label, _, _ in audit_seed.CROSS_JOB + audit_seed.OWNER_MARKETING:
        skill = Skill.objects.create(uri=f"http://data.europa.eu/esco/skill/{label}", preferred_label=label)
        category = "marketing" if label in marketing else "transversal"
        SkillCategory.objects.create(skill=skill, category=category)


def test_seed_shows_the_pattern_and_is_idempotent(db, esco):
    _esco_stand_in(esco)
    ctx = SeedContext(seed=1, firm_count=8, current_year=2026, out=lambda _: None)
    tenancy_seed.seed(ctx)
    audit_seed.seed(ctx)
    counts = (Role.all_objects.count(), RoleRequirement.all_objects.count(), Rating.all_objects.count())
    assert counts == (19, 138, 304)  # seed 1, 8 firms: deterministic

    def mean(category: str, source: str) -> float:
        return Rating.all_objects.filter(source=source, skill__categories__category=category).aggregate(a=Avg("level"))[
            "a"
        ]

    assert mean("production", "manager") - mean("marketing", "manager") > 1.0
    assert mean("production", "self") > mean("production", "manager")  # people rate themselves a little higher
    assert AuditCampaign.all_objects.count() >= 1
    audit_seed.seed(ctx)
    assert (Role.all_objects.count(), RoleRequirement.all_objects.count(), Rating.all_objects.count()) == counts
