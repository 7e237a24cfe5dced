"""The demo seed on a handful of ESCO rows standing in for the real footwear occupations."""

from django.db.models import Avg

from skillcluster.audits import seed as audit_seed
from skillcluster.audits.models import AuditCampaign, Rating, Role, RoleRequirement
from skillcluster.seeding import SeedContext
from skillcluster.taxonomy.models import Occupation, OccupationSkill
from skillcluster.tenancy import seed as tenancy_seed


def _esco_stand_in(esco) -> None:
    for index, suffix in enumerate(audit_seed.OCCUPATIONS.values()):
        occupation = Occupation.objects.create(
            uri=audit_seed.OCC + suffix, preferred_label=f"occ {index}", isco_group="7"
        )
        # as in ESCO: the occupations themselves ask for selling and teamwork, nothing is added by the seed
        for key in ("stitch", "last", "cut", "sell", "team"):
            OccupationSkill.objects.create(occupation=occupation, skill=esco.skills[key], relation="essential")


def test_seed_shows_the_pattern_and_is_idempotent(db, esco):
    _esco_stand_in(esco)
    ctx = SeedContext(seed=1, firm_count=8, current_year=2026, out=lambda _: None)
    tenancy_seed.seed(ctx)
    audit_seed.seed(ctx)
    counts = (Role.all_objects.count(), RoleRequirement.all_objects.count(), Rating.all_objects.count())
    assert counts == (18, 90, 235)  # seed 1, 8 firms: deterministic

    def mean(category: str, source: str) -> float:
        return Rating.all_objects.filter(source=source, skill__categories__category=category).aggregate(a=Avg("level"))[
            "a"
        ]

    assert mean("production", "manager") - mean("marketing", "manager") > 1.0
    assert mean("production", "manager") > mean("transversal", "manager")
    assert mean("production", "self") > mean("production", "manager")  # people rate themselves a little higher
    assert AuditCampaign.all_objects.count() >= 1
    audit_seed.seed(ctx)
    assert (Role.all_objects.count(), RoleRequirement.all_objects.count(), Rating.all_objects.count()) == counts
