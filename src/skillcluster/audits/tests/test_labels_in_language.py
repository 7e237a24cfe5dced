"""Skill names on the audit pages in the reader's language: German where ESCO has a German label, English with
an "EN" tag where it has none, and English readers see ESCO's English labels with no extra markup."""

import pytest
from django.urls import reverse

from skillcluster.audits.tests.conftest import ESCO
from skillcluster.taxonomy.selectors.labels import forget_labels
from skillcluster.taxonomy.services import labels_load
from skillcluster.taxonomy.tests.test_labels import _write

NO_GERMAN = "ESCO hat hierfür noch keine Bezeichnung in Ihrer Sprache: auf Englisch angezeigt"
EN_TAG = f'<abbr class="lang-tag" title="{NO_GERMAN}">EN</abbr>'


@pytest.fixture
def german(tmp_path, audit):
    """German labels for two of the audit's skills ("operate lasting machines" has none)."""
    rows = [[ESCO + "stitch", "Schuhschäfte steppen"], [ESCO + "cut", "Leder zuschneiden"]]
    _write(tmp_path / "labels_de.csv.gz", [["skill", uri, label, "", "v1.2.0", "true", "x"] for uri, label in rows])
    labels_load(tmp_path, ["de"])
    forget_labels()
    yield
    forget_labels()


def _report(client_for, person, firm) -> str:
    return client_for(person).get(reverse("audits_report", args=[firm.pk])).content.decode()


def test_a_german_reader_sees_the_german_skill_names_in_the_gap_report(client_for, world, german):
    world.owner.language = "de"
    world.owner.save(update_fields=["language"])
    report = _report(client_for, world.owner, world.firm)
    assert "<td>Schuhschäfte steppen</td>" in report  # what to train first
    assert f'<td><span lang="en">operate lasting machines</span> {EN_TAG}</td>' in report
    assert "stitch shoe uppers" not in report
    matrix = client_for(world.owner).get(reverse("audits_matrix", args=[world.firm.pk])).content.decode()
    assert 'title="Leder zuschneiden">Leder zuschneiden</th>' in matrix
    lasting = '<span lang="en">operate lasting machines</span>'
    assert f'title="operate lasting machines">{lasting} {EN_TAG}</th>' in matrix


def test_an_english_reader_sees_the_english_names_unmarked(client_for, world, german):
    report = _report(client_for, world.owner, world.firm)
    assert "<td>stitch shoe uppers</td>" in report
    assert "<td>operate lasting machines</td>" in report
    assert "Schuhschäfte" not in report
    assert "lang-tag" not in report
