"""A handful of ESCO rows (not the full ESCO) and audit fixtures on top of the shared `world` personas."""

from dataclasses import dataclass

import pytest

from skillcluster.taxonomy import indexes
from skillcluster.taxonomy.models import Occupation, OccupationSkill, Skill, SkillCategory

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
