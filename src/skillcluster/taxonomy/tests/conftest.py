"""Fixtures for the taxonomy tests: a tiny ESCO loaded into the test database, lexical linking."""

from pathlib import Path

import pytest

from skillcluster.taxonomy.domain.categories import load_mapping
from skillcluster.taxonomy.selectors import indexes
from skillcluster.taxonomy.services import LoadReport, esco_load
from skillcluster.taxonomy.tests.esco_fixture import MAPPING_FILE, write_esco

SHARED_ESCO = Path(__file__).resolve().parents[5] / "shared" / "data" / "esco"


@pytest.fixture
def esco_dir(tmp_path: Path) -> Path:
    return write_esco(tmp_path / "esco")


@pytest.fixture
def small_esco(db, esco_dir: Path, settings) -> LoadReport:
    """The fixture ESCO in the database; the linker in lexical mode (exact, model-free scores)."""
    settings.TAXONOMY_LINKER_MODEL = "lexical"
    settings.VAR_DIR = esco_dir.parent / "var"
    indexes.reset()
    yield esco_load(data_dir=esco_dir, mapping=load_mapping(MAPPING_FILE))
    indexes.reset()
