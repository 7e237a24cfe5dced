"""A few ESCO skills in the database and a lexical linker over them (exact, model-free scores)."""

from pathlib import Path

import pytest

from skillcluster.taxonomy.linking.linker import Concept, Linker
from skillcluster.taxonomy.models import Skill

SKILLS = {
    "http://data.europa.eu/esco/skill/ecom": ("e-commerce systems", ("online shop", "webshop")),
    "http://data.europa.eu/esco/skill/cad": ("use CAD for soles", ("CAD software for soles",)),
    "http://data.europa.eu/esco/skill/cut": ("cut footwear uppers", ("cutting uppers",)),
    "http://data.europa.eu/esco/skill/fair": ("attend trade fairs", ("trade fairs",)),
}


@pytest.fixture
def skills(db) -> dict[str, Skill]:
    return {label: Skill.objects.create(uri=uri, preferred_label=label, alt_labels="\n".join(alts))
            for uri, (label, alts) in SKILLS.items()}  # fmt: skip


def lexical_linker(skills: dict[str, Skill], cache_dir: Path) -> Linker:
    concepts = [Concept(s.uri, s.preferred_label, tuple(s.alt_labels.split("\n"))) for s in skills.values()]
    return Linker.build(concepts, model_dir=None, cache_dir=cache_dir)


@pytest.fixture
def lexical(skills, tmp_path: Path) -> Linker:
    return lexical_linker(skills, tmp_path)


def ads_csv(*rows: tuple[str, str, str]) -> bytes:
    lines = ["title,text,date"] + [",".join(f'"{v}"' for v in row) for row in rows]
    return "\n".join(lines).encode()
