"""A mentorship's skill named in the reader's language where ESCO has a label in it, English otherwise."""

import pytest
from django.urls import reverse

from skillcluster.accreditation.tests.builders import SKILL_LABEL, SKILL_URI
from skillcluster.network.tests.conftest import agreed
from skillcluster.taxonomy.selectors.labels import forget_labels
from skillcluster.taxonomy.services import labels_load
from skillcluster.taxonomy.tests.test_labels import _write

GERMAN = "Vormontagetechniken für Schuhschäfte anwenden"


@pytest.fixture
def german(tmp_path, pair):
    _write(tmp_path / "labels_de.csv.gz", [["skill", SKILL_URI, GERMAN, "", "v1.2.0", "true", "x"]])
    labels_load(tmp_path, ["de"])
    forget_labels()
    yield
    forget_labels()


def _page(client_for, person, mentorship) -> str:
    return client_for(person).get(reverse("network_mentorship", args=[mentorship.pk])).content.decode()


def test_a_german_reader_sees_the_german_skill_name(client_for, world, pair, german):
    mentorship = agreed(world, pair)
    world.employee.language = "de"
    world.employee.save(update_fields=["language"])
    page = _page(client_for, world.employee, mentorship)
    assert f"<title>Mentoring in {GERMAN} · Skillcluster</title>" in page
    assert f"<h1>Mentoring: {GERMAN}</h1>" in page
    assert f"„{GERMAN}“ von Stufe 1 auf Stufe 3" in page
    assert SKILL_LABEL not in page


def test_an_english_reader_sees_the_english_skill_name_unmarked(client_for, world, pair, german):
    page = _page(client_for, world.employee, agreed(world, pair))
    assert f"<h1>Mentoring: {SKILL_LABEL}</h1>" in page
    assert f"“{SKILL_LABEL}” from level 1 to level 3" in page
    assert GERMAN not in page
    assert "lang-tag" not in page
