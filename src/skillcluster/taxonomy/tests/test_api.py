import json
from urllib.parse import quote

import pytest

from skillcluster.taxonomy.models import Occupation, Skill
from skillcluster.taxonomy.tests.esco_fixture import occupation_uri, skill_uri


@pytest.fixture
def api(small_esco, world, client_for):
    client = client_for(world.employee)

    def call(method, path, body=None):
        if body is None:
            return getattr(client, method)(f"/api/v1{path}")
        return getattr(client, method)(f"/api/v1{path}", json.dumps(body), content_type="application/json")

    return call


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/skills/search?q=x"), ("post", "/skills/link"), ("post", "/occupations/link"), ("get", "/skills/1"),
     ("get", "/occupations/1")],
)  # fmt: skip
def test_anonymous_gets_401(db, client_for, method, path):
    assert getattr(client_for(None), method)(f"/api/v1{path}").status_code == 401


def test_search_skills_with_typos(api):
    response = api("get", "/skills/search?q=custmer%20servise&limit=2")
    assert response.status_code == 200
    cs = Skill.objects.get(uri=skill_uri("cs"))
    assert response.json() == [
        {"kind": "skill", "id": cs.pk, "uri": cs.uri, "label": "customer service", "matched_label": "customer service",
         "score": 87.1, "display_label": "customer service", "display_language": "en", "display_fallback": False}
    ]  # fmt: skip


def test_search_hits_name_the_concept_in_the_readers_language(small_esco, world, client_for, tmp_path):
    from skillcluster.taxonomy.selectors.labels import forget_labels
    from skillcluster.taxonomy.services import labels_load
    from skillcluster.taxonomy.tests.test_labels import _write

    _write(tmp_path / "labels_de.csv.gz", [["skill", skill_uri("sew"), "Stoffteile nähen", "", "v1.2.0", "true", "x"]])
    labels_load(tmp_path, ["de"])
    forget_labels()
    world.employee.language = "de"
    world.employee.save(update_fields=["language"])
    client = client_for(world.employee)

    def shown(q: str) -> list[tuple[str, str, str, bool]]:
        hits = client.get(f"/api/v1/skills/search?q={q}&limit=1").json()
        return [(h["label"], h["display_label"], h["display_language"], h["display_fallback"]) for h in hits]

    assert shown("sew%20fabric") == [("sew pieces of fabric", "Stoffteile nähen", "de", False)]
    assert shown("customer%20service") == [("customer service", "customer service", "en", True)]  # no German label
    forget_labels()


def test_search_occupations(api):
    shoemaker = Occupation.objects.get(uri=occupation_uri("shoemaker"))
    assert [h["id"] for h in api("get", "/occupations/search?q=shoe%20maker").json()] == [shoemaker.pk]


def test_search_query_too_long(api):
    response = api("get", "/skills/search?q=" + "a" * 201)
    assert response.status_code == 422
    assert response.json() == {"detail": "Invalid input", "errors": {"q": ["at most 200 characters; got 201"]}}


def test_link_skills(api):
    response = api("post", "/skills/link", {"text": "I sew fabric pieces together", "top_k": 2})
    assert response.status_code == 200
    body = response.json()
    assert (body["kind"], body["mode"], body["reason"], body["notes"]) == ("skill", "lexical", None, [])
    assert [r["uri"] for r in body["results"]] == [skill_uri("sew")]
    assert 0 < body["results"][0]["probability"] <= 1
    assert body["results"][0]["confidence"] in {"likely", "possible"}


def test_link_occupations(api):
    body = api("post", "/occupations/link", {"text": "head of marketing", "top_k": 5}).json()
    assert [r["uri"] for r in body["results"]] == [occupation_uri("mktman")]
    assert (body["results"][0]["probability"], body["results"][0]["confidence"]) == (None, "")  # fitted on skills


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": "x" * 50_000}, "text", "at most 2,000 characters; got 50,000"),
        ({"text": "sew", "top_k": 0}, "top_k", "expected at least 1"),
        ({"text": "sew", "top_k": 1000}, "top_k", "expected at most 100"),
    ],
)
def test_link_rejects_oversized_input_naming_the_field(api, body, field, message):
    response = api("post", "/skills/link", body)
    assert response.status_code == 422
    assert response.json() == {"detail": "Invalid input", "errors": {field: [message]}}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        ("   ", "empty text"),
        ("😀🎉", "no words: the text has no letters or digits"),
        ("'; DROP TABLE taxonomy_skill;--", "no label shares a word with the text"),
    ],
)
def test_link_junk_gives_an_empty_ranking_with_a_reason(api, text, reason):
    response = api("post", "/skills/link", {"text": text})
    assert response.status_code == 200
    assert (response.json()["results"], response.json()["reason"]) == ([], reason)


def test_link_strips_html(api):
    body = api("post", "/skills/link", {"text": "<script>sew</script> <b>fabric</b>", "top_k": 1}).json()
    assert body["notes"] == ["removed HTML tags or entities"]
    assert [r["uri"] for r in body["results"]] == [skill_uri("sew")]


def test_missing_body_field(api):
    response = api("post", "/skills/link", {"top_k": 3})
    assert response.status_code == 422


def test_skill_by_id_and_by_uri(api):
    skill = Skill.objects.get(uri=skill_uri("budget"))
    by_id = api("get", f"/skills/{skill.pk}").json()
    assert api("get", f"/skills/{quote(skill.uri, safe='')}").json() == by_id
    assert by_id == {
        "id": skill.pk, "uri": skill_uri("budget"), "preferred_label": "manage budgets",
        "alt_labels": ["budget management"], "description": "About manage budgets.", "skill_type": "skill/competence",
        "reuse_level": "cross-sector", "categories": ["management"], "collections": [],
        "groups": [["skills", "management skills", "allocating resources", "managing budgets or finances"],
                   ["transversal skills", "core skills", "working with numbers"]],
    }  # fmt: skip


def test_occupation(api):
    occupation = Occupation.objects.get(uri=occupation_uri("shoemaker"))
    body = api("get", f"/occupations/{occupation.pk}").json()
    assert (body["preferred_label"], body["isco_group"], body["alt_labels"]) == ("shoemaker", "7536", ["shoe maker"])
    assert [s["label"] for s in body["essential_skills"]] == ["sew pieces of fabric"]
    assert [s["label"] for s in body["optional_skills"]] == ["customer service"]


@pytest.mark.parametrize("path", ["/skills/999999", "/occupations/999999", "/skills/http%3A%2F%2Fnope"])
def test_missing_is_404(api, path):
    assert api("get", path).status_code == 404


def test_link_other_script_is_noted(api):
    body = api("post", "/skills/link", {"text": "Ράβω παπούτσια"}).json()
    assert body["notes"] == ["mostly non-Latin script: ESCO labels here are English, expect weak matches"]
    assert (body["results"], body["reason"]) == ([], "no label shares a word with the text")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Taglio la tomaia a mano e controllo le pelli prima di cucire", "Italian"),
        ("Ich schneide das Leder für die Schuhe und nähe die Teile mit der Maschine", "German"),
    ],
)
def test_link_says_it_cannot_read_a_language_instead_of_answering_nonsense(api, text, name):
    """No labels of that language are loaded here: the linker says so rather than answer in English."""
    body = api("post", "/skills/link", {"text": text}).json()
    assert body["results"] == []
    assert body["reason"] == (f"This text looks {name}; ESCO has no skill names in that language yet. Write it in "
                              "English, or search by an ESCO label.")  # fmt: skip


def test_link_reads_a_language_whose_labels_are_loaded(api, tmp_path):
    from skillcluster.taxonomy.services import labels_load
    from skillcluster.taxonomy.tests.esco_fixture import skill_uri
    from skillcluster.taxonomy.tests.test_labels import _write

    _write(tmp_path / "labels_de.csv.gz", [["skill", skill_uri("sew"), "Schuhteile nähen", "Leder nähen",
                                            "v1.2.0", "true", "x"]])  # fmt: skip
    labels_load(tmp_path, ["de"])
    text = "Ich nähe das Leder für die Schuhe mit der Maschine und prüfe die Teile"
    body = api("post", "/skills/link", {"text": text}).json()
    assert (body["language"], body["mode"], body["reason"]) == ("de", "lexical", None)
    assert [r["uri"] for r in body["results"]][:1] == [skill_uri("sew")]
