"""A handful of ESCO rows (not the full ESCO) and audit fixtures on top of the shared `world` personas."""

from dataclasses import dataclass

import pytest

from skillcluster.taxonomy.models import Occupation, OccupationSkill, Skill, SkillCategory
from skillcluster.taxonomy.selectors import indexes

ESCO = "http://data.europa.eu/esco/skill/"
SKILLS = {
    # key: (uri suffix, label, categories)
    "stitch": ("stitch", "stitch shoe uppers", ["production"]),
    "last": ("last", "operate lasting machines", ["production"]),
    "cut": ("cut", "cut leather", ["production"]),
    "sell": ("sell", "sell footwear products", ["marketing"]),
    "market": ("market", "marketing principles", ["marketing"]),
    "team": ("team", "work in teams", ["transversal"]),
}


@dataclass
class Esco:
    skills: dict[str, Skill]
    shoemaker: Occupation
    clerk: Occupation


@pytest.fixture
def esco(db, settings) -> Esco:
    settings.TAXONOMY_LINKER_MODEL = "lexical"
    indexes.reset()
    skills = {}
    for key, (suffix, label, categories) in SKILLS.items():
        skills[key] = Skill.objects.create(uri=ESCO + suffix, preferred_label=label)
        SkillCategory.objects.bulk_create(SkillCategory(skill=skills[key], category=c) for c in categories)
    shoemaker = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/shoemaker", preferred_label="shoemaker", isco_group="7536"
    )
    clerk = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/clerk", preferred_label="sales office clerk", isco_group="4110"
    )
    for key in ("stitch", "last", "cut"):
        OccupationSkill.objects.create(occupation=shoemaker, skill=skills[key], relation="essential")
    OccupationSkill.objects.create(occupation=shoemaker, skill=skills["team"], relation="optional")
    OccupationSkill.objects.create(occupation=clerk, skill=skills["sell"], relation="essential")
    yield Esco(skills, shoemaker, clerk)
    indexes.reset()


@dataclass
class Audit:
    esco: Esco
    maker: object  # Role
    seller: object  # Role


@pytest.fixture
def audit(world, esco) -> Audit:
    """Two roles in world.firm: the employee is a maker, the manager a maker and a seller; a few ratings.

    Ratings (levels): employee stitch self 4 / manager 2, cut self 3, sell self 1;
    manager (person) stitch self 3, sell self 2 then assessor 1.
    """
    from skillcluster.audits.models import Rating, RoleAssignment
    from skillcluster.audits.services import ratings, roles
    from skillcluster.tenancy.models import Membership

    maker = roles.role_create(firm=world.firm, title="Shoe maker", occupation=esco.shoemaker)
    seller = roles.role_create(firm=world.firm, title="Sales")
    roles.requirement_add(role=seller, skill=esco.skills["sell"], level=3, importance=3)
    roles.requirement_add(role=seller, skill=esco.skills["team"], level=2, importance=1)
    member = {m.person_id: m for m in Membership.objects.filter(firm=world.firm)}
    RoleAssignment.objects.create(role=maker, membership=member[world.employee.pk])
    RoleAssignment.objects.create(role=maker, membership=member[world.manager.pk])
    RoleAssignment.objects.create(role=seller, membership=member[world.manager.pk])
    s = esco.skills
    rows = [
        (world.employee, s["stitch"], 4, "self", world.employee),
        (world.employee, s["stitch"], 2, "manager", world.owner),
        (world.employee, s["cut"], 3, "self", world.employee),
        (world.employee, s["sell"], 1, "self", world.employee),
        (world.manager, s["stitch"], 3, "self", world.manager),
        (world.manager, s["sell"], 2, "self", world.manager),
        (world.manager, s["sell"], 1, "assessor", world.auditor),
    ]
    ratings.do_ratings_add(
        ratings=[
            Rating(firm=world.firm, person=p, skill=sk, level=lvl, source=src, rated_by=by)
            for p, sk, lvl, src, by in rows
        ]
    )
    return Audit(esco, maker, seller)


# The diagnostic's fixtures, for the tests here that span every context (data rights, navigation).
from skillcluster.diagnostics.tests.conftest import add_peers, diag_round  # noqa: E402, F401
