"""NACE titles in the page's language: every code has them in it/de/fr/es, English stays the fallback."""

import csv

import pytest
from django.urls import reverse
from django.utils import translation

from skillcluster.tenancy.domain import codes
from skillcluster.tenancy.models import Cluster, Firm


def test_every_code_has_a_title_in_each_language_and_no_code_is_extra():
    with (codes.DATA_DIR / "nace_rev2_titles.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["code", "it", "de", "fr", "es"]
    assert [row["code"] for row in rows] == list(codes.nace_codes())
    assert len(rows) == 996
    empty = [(row["code"], lang) for row in rows for lang in codes.NACE_TITLE_LANGUAGES if not row[lang].strip()]
    assert empty == []


def test_section_titles_keep_the_capitals_of_the_english_list():
    sections = [code for code, entry in codes.nace_codes().items() if entry.level == 1]
    lowered = [
        (code, lang)
        for code in sections
        for lang in codes.NACE_TITLE_LANGUAGES
        if codes.nace_title(code, lang) != codes.nace_title(code, lang).upper()
    ]
    assert len(sections) == 21
    assert lowered == []


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Manufacture of footwear"),
        ("it", "Fabbricazione di calzature"),
        ("de", "Herstellung von Schuhen"),
        ("fr", "Fabrication de chaussures"),
        ("es", "Fabricación de calzado"),
    ],
)
def test_footwear_in_each_language(language, title):
    assert codes.nace_title("15.20", language) == title


def test_regional_variants_and_code_forms_find_the_same_title():
    assert codes.nace_title("1520", "de-ch") == "Herstellung von Schuhen"
    assert codes.nace_title(" 15.2 ", "it_IT") == "Fabbricazione di calzature"


@pytest.mark.parametrize("language", ["pt", "xx", ""])
def test_a_language_without_titles_gets_english(language):
    assert codes.nace_title("15.20", language or None) == "Manufacture of footwear"


def test_an_unknown_code_has_no_title_in_any_language():
    assert [codes.nace_title("99.99", lang) for lang in ("en", "it")] == ["", ""]


def test_without_a_language_the_active_one_decides():
    assert codes.nace_title("15.20") == "Manufacture of footwear"
    with translation.override("it"):
        assert codes.nace_title("15.20") == "Fabbricazione di calzature"
    with translation.override("en"):
        assert codes.nace_title("15.20") == "Manufacture of footwear"


def test_firm_and_cluster_labels_follow_the_active_language():
    firm = Firm(nace_code="15.20")
    cluster = Cluster(nace_sectors=["15", "22.19"])
    with translation.override("de"):
        assert firm.nace_title == "Herstellung von Schuhen"
        assert cluster.sector_labels() == [
            "15 Herstellung von Leder, Lederwaren und Schuhen",
            "22.19 Herstellung von sonstigen Gummiwaren",
        ]
    assert firm.nace_title == "Manufacture of footwear"


def test_the_firm_page_in_italian_names_the_activity_in_italian(client_for, world):
    url = reverse("firm_detail", args=[world.firm.pk])
    page = client_for(world.owner).get(url, headers={"accept-language": "it"})
    assert page.status_code == 200
    assert page.headers["Content-Language"] == "it"
    assert "Fabbricazione di calzature" in page.text
    assert "Manufacture of footwear" not in page.text
