"""ESCO labels in other languages: loaded by URI (unknown URIs counted, not loaded; a reload replaces the
language), and a search in any loaded language finds the concept, showing the label that matched."""

import csv
import gzip
import io

from skillcluster.taxonomy.models import ConceptLabel, Occupation
from skillcluster.taxonomy.selectors import lookup
from skillcluster.taxonomy.services import I18N_DIR, labels_load
from skillcluster.taxonomy.tests.esco_fixture import occupation_uri, skill_uri


def _write(path, rows) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["conceptKind", "conceptUri", "preferredLabel", "altLabels", "escoVersion", "inEnglishV111",
                     "sourceFile"])  # fmt: skip
    writer.writerows(rows)
    path.write_bytes(gzip.compress(out.getvalue().encode()))


def test_labels_load_by_uri_count_the_unknown_and_make_search_find_them(small_esco, tmp_path):
    _write(tmp_path / "labels_it.csv.gz", [
        ["occupation", occupation_uri("shoemaker"), "calzolaio/calzolaia", "orlatrice\nartigiano calzaturiero",
         "v1.0.8", "true", "x"],
        ["occupation", "http://data.europa.eu/esco/occupation/retired-long-ago", "vecchio mestiere", "", "v1.0.8",
         "false", "x"],
    ])  # fmt: skip
    _write(tmp_path / "labels_de.csv.gz", [["skill", skill_uri("sew"), "Stoffteile nähen", "", "v1.2.0", "true", "x"]])
    assert labels_load(tmp_path, ["it", "de", "es"]) == {"it": (1, 1), "de": (1, 0)}
    assert labels_load(tmp_path, ["it"]) == {"it": (1, 1)}  # a reload replaces, never doubles
    assert ConceptLabel.objects.count() == 2
    shoemaker = Occupation.objects.get(uri=occupation_uri("shoemaker"))
    hit = next(iter(lookup.search("orlatrice", limit=3, kinds=("occupation",))))
    assert (hit.id, hit.matched_label) == (shoemaker.pk, "orlatrice")
    assert next(iter(lookup.search("Stoffteile", limit=3, kinds=("skill",)))).matched_label == "Stoffteile nähen"


def test_the_shipped_files_are_there_for_each_language():
    assert sorted(p.name for p in I18N_DIR.glob("labels_*.csv.gz")) == [
        "labels_de.csv.gz", "labels_es.csv.gz", "labels_fr.csv.gz", "labels_it.csv.gz",
    ]  # fmt: skip


def test_a_concept_page_lists_its_labels_in_other_languages_with_their_release(small_esco, tmp_path, world,
                                                                              client_for):  # fmt: skip
    from django.urls import reverse

    _write(tmp_path / "labels_it.csv.gz", [["occupation", occupation_uri("shoemaker"), "calzolaio/calzolaia",
                                            "artigiano calzaturiero", "v1.0.8", "true", "x"]])  # fmt: skip
    labels_load(tmp_path, ["it"])
    shoemaker = Occupation.objects.get(uri=occupation_uri("shoemaker"))
    page = client_for(world.employee).get(reverse("taxonomy_occupation", args=[shoemaker.pk])).content.decode()
    assert "Italiano" in page
    assert "calzolaio/calzolaia" in page
    assert "ESCO v1.0.8" in page
