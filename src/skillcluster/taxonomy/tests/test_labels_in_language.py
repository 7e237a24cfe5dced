"""A concept's name in the reader's language, English with an "EN" tag where ESCO has none, never blank."""

from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.selectors import indexes
from skillcluster.taxonomy.selectors.labels import forget_labels, label_for
from skillcluster.taxonomy.services import labels_load
from skillcluster.taxonomy.tests.esco_fixture import occupation_uri, skill_uri
from skillcluster.taxonomy.tests.test_labels import _write


def _load(tmp_path) -> None:
    _write(tmp_path / "labels_it.csv.gz", [["occupation", occupation_uri("shoemaker"), "calzolaio/calzolaia", "",
                                            "v1.0.8", "true", "x"]])  # fmt: skip
    _write(tmp_path / "labels_de.csv.gz", [["skill", skill_uri("sew"), "Stoffteile nähen", "", "v1.2.0", "true", "x"]])
    labels_load(tmp_path, ["it", "de"])
    forget_labels()


def test_the_label_follows_the_language_and_falls_back_to_english(small_esco, tmp_path):
    _load(tmp_path)
    shoemaker = Occupation.objects.get(uri=occupation_uri("shoemaker"))
    sew = Skill.objects.get(uri=skill_uri("sew"))
    italian_job = label_for(shoemaker.uri, shoemaker.preferred_label, "it")
    assert (italian_job.text, italian_job.is_fallback) == ("calzolaio/calzolaia", False)
    italian_skill = label_for(sew.uri, sew.preferred_label, "it")  # ESCO has no Italian skill labels
    assert (italian_skill.text, italian_skill.language, italian_skill.is_fallback) == (sew.preferred_label, "en", True)
    assert str(label_for(sew.uri, sew.preferred_label, "de")) == "Stoffteile nähen"
    assert not label_for(sew.uri, sew.preferred_label, "en").is_fallback


def test_the_template_filter_tags_english_fallbacks(small_esco, tmp_path):
    _load(tmp_path)
    sew = Skill.objects.get(uri=skill_uri("sew"))
    template = Template("{% load esco %}{{ skill|esco_label }}|{{ uri|esco_label:'fallback text' }}")
    context = Context({"skill": sew, "uri": sew.uri})
    with translation.override("de"):
        assert template.render(context) == "Stoffteile nähen|Stoffteile nähen"
    with translation.override("it"):
        rendered = template.render(context)
    assert rendered.startswith(f'<span lang="en">{sew.preferred_label}</span> <abbr class="lang-tag"')
    title = "ESCO non ha ancora un nome nella Sua lingua per questa voce: è mostrata in inglese"  # translated
    tag = f'<abbr class="lang-tag" title="{title}">EN</abbr>'
    assert rendered.endswith(f'<span lang="en">fallback text</span> {tag}')
    with translation.override("en"):
        assert template.render(context) == f"{sew.preferred_label}|fallback text"


def test_a_short_title_is_read_in_the_readers_language_first(small_esco, tmp_path):
    from skillcluster.taxonomy.selectors import indexes, lookup

    _write(tmp_path / "labels_it.csv.gz", [["occupation", occupation_uri("shoemaker"), "calzolaio/calzolaia",
                                            "orlatrice\nartigiano calzaturiero", "v1.0.8", "true", "x"]])  # fmt: skip
    labels_load(tmp_path, ["it"])
    indexes.reset()
    with translation.override("it"):
        ranking = lookup.link_text("orlatrice", kind="occupation", top_k=3)
    assert (ranking.language, [item.uri for item in ranking.items]) == ("it", [occupation_uri("shoemaker")])
    with translation.override("it"):  # no Italian word matches: the English labels answer
        assert lookup.link_text("shoemaker", kind="occupation", top_k=3).language == "en"
    with translation.override("en"):
        assert lookup.link_text("orlatrice", kind="occupation", top_k=3).language == "en"


def test_search_and_the_skill_page_name_it_in_german_with_the_english_aside(small_esco, tmp_path, world, client_for):
    _load(tmp_path)
    indexes.reset()  # the search index reads the German labels too
    sew = Skill.objects.get(uri=skill_uri("sew"))
    world.employee.language = "de"
    world.employee.save(update_fields=["language"])
    client = client_for(world.employee)
    tag = '<abbr class="lang-tag" title="Die ESCO-Bezeichnung auf Englisch">EN</abbr>'
    aside = f' <span class="small muted">{tag} <span lang="en">sew pieces of fabric</span></span>'
    found = client.get(reverse("taxonomy_search"), {"q": "Stoffteile"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'<a href="{reverse("taxonomy_skill", args=[sew.pk])}">Stoffteile nähen</a>' in found
    assert aside in found
    assert "auch „" not in found  # the label that matched is the name shown: no "also called"
    page = client.get(reverse("taxonomy_skill", args=[sew.pk])).content.decode()
    assert "<title>Stoffteile nähen · Skillcluster</title>" in page
    assert f'<h1>Stoffteile nähen</h1>\n<p class="small">{aside}</p>' in page
    world.employee.language = "en"
    world.employee.save(update_fields=["language"])
    english = client.get(reverse("taxonomy_search"), {"q": "sew"}, HTTP_HX_REQUEST="true").content.decode()
    assert ">sew pieces of fabric</a>" in english
    assert "lang-tag" not in english
    assert "Stoffteile" not in english
    forget_labels()
    indexes.reset()
