"""The free-text linker: exact behaviour in lexical mode, bad input, the index cache, the shipped model."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from skillcluster.taxonomy.linking.lexical import K1, B, stem, tokens
from skillcluster.taxonomy.linking.linker import (
    MAX_CHARS,
    Concept,
    Linker,
    concepts_from_esco_csv,
    default_model_dir,
    prepare,
)

TINY = (
    Concept("u:sheets", "use spreadsheets software", ("Excel", "spreadsheet programs")),
    Concept("u:java", "Java (computer programming)", ("Java",)),
    Concept("u:horses", "provide care for horses", ("look after horses",)),
    Concept("u:social", "apply social media marketing", ("social media marketing",)),
    Concept("u:cook", "cook dishes", ()),
)
ESCO = "http://data.europa.eu/esco/skill/"
# real ESCO v1.1.1 skills (preferred label, first alternative labels): the model test's small world
REAL = (
    (
        "5303169c-75d6-4751-9136-a4b88343388c",
        "social media management",
        ("handling of social media strategies", "management of social media", "computer media management"),
    ),
    (
        "64e09849-a7db-4d6b-a932-66264420eb97",
        "apply social media marketing",
        ("utilise social media marketing", "administer social media marketing", "social media marketing application"),
    ),
    ("509909a2-4a8f-4ead-8ad0-968df63b77cc", "social media marketing techniques", ()),
    (
        "74cb80c4-df6b-4d79-a153-cb7b3b3b6eb0",
        "plan social media marketing campaigns",
        ("organise social media marketing campaigns", "organise digital campaigns"),
    ),
    (
        "67dbfc2a-3dd4-41a1-90bd-97035e7add60",
        "stay up to date with social media",
        ("keep abreast of social media", "keep track of social media", "staying up to date with social media"),
    ),
    (
        "f65159b4-97db-46fd-98bc-1e1d41dfd96b",
        "newsletter analysis",
        ("newsletter’s analysis", "newsletter analyses", "newsletter analytics"),
    ),
    (
        "2b3ac8b9-a5bd-4ec1-bb9a-f499fb3aa8d3",
        "social mediation",
        (
            "process of creation and management of social life",
            "social mediations",
            "non-violent social conflict resolution",
        ),
    ),
    (
        "c8ab7e5b-b786-412f-a519-dfd93517b698",
        "study media sources",
        ("study sources of media", "study social media sources", "study media development"),
    ),
    (
        "540e80b9-0e1e-4842-a9d8-e46804e567f0",
        "provide care for horses",
        ("looking after horses", "prepare horses", "horse care providing"),
    ),
    ("c0bec9eb-99f4-44f4-ae43-544475a39419", "tend hoses", ("tend a hose", "mind hoses", "take care of hoses")),
    (
        "1973c966-f236-40c9-b2d4-5d71a89019be",
        "use spreadsheets software",
        ("use spreadsheets program", "Calligra Sheets", "Myrtle"),
    ),
    ("19a8293b-8e95-4de3-983f-77484079c389", "Java (computer programming)", ("Java Posse", "Javax", "Java")),
    (
        "0005c151-5b5a-4a66-8aac-60e734beb1ab",
        "manage musical staff",
        ("manage staff of music", "coordinate duties of musical staff", "manage music staff"),
    ),
    (
        "d9449998-c1f5-478c-a103-2255398cf0b6",
        "apply hygiene standards",
        ("look after hygiene", "conform to hygienic work practices", "care for hygiene"),
    ),
    (
        "fdff4747-70f6-4f1a-8285-8d31eb3c11e1",
        "provide lawn care",
        ("providing lawn care", "provide care for lawns", "take care of lawn"),
    ),
    (
        "43dfbe7f-9e10-4871-b171-e5076737b4cf",
        "digital marketing techniques",
        ("web marketing techniques", "on-line marketing techniques", "online marketing techniques"),
    ),
    ("ac516e9b-8bfa-4b72-8e3e-340b0a3a51d5", "manage content development projects", ("implement content strategy",)),
    (
        "2239694b-771a-4586-8b54-2794e361a9ae",
        "maintain relationship with customers",
        ("sustain relationship with customers", "maintain a relationship with customers"),
    ),
    (
        "de03f4fd-c147-4477-a048-7109e5ba2d6f",
        "marketing principles",
        ("range of marketing principles", "principles of marketing", "typology of marketing principles"),
    ),
)


@pytest.fixture(scope="module")
def lexical(tmp_path_factory: pytest.TempPathFactory) -> Linker:
    return Linker.build(TINY, model_dir=None, cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def model_dir() -> Path:
    found = default_model_dir()
    assert found is not None, "the fine-tuned model ships in src/skillcluster/taxonomy/model/"
    return found


def test_tokens_stem_and_drop_stop_words() -> None:
    assert tokens("Looking after the Horses, cooked dishes!") == ["look", "after", "horse", "cook", "dish"]
    assert [stem(w) for w in ("companies", "glass", "bus", "boxes", "classes")] == [
        "company",
        "glass",
        "bus",
        "box",
        "class",
    ]


def test_lexical_score_is_bm25_over_its_ceiling(lexical: Linker) -> None:
    result = lexical.link("excel", top_k=3)
    avg_len = np.mean([len(tokens(label)) for label in lexical.labels])
    # one query word, a one-word label: tf / (tf + K1 * (1 - B + B * len / avg))
    assert result.matches[0].score == pytest.approx(1 / (1 + K1 * (1 - B + B / avg_len)), abs=1e-4)
    assert [(m.uri, m.label, m.matched_label) for m in result.matches] == [
        ("u:sheets", "use spreadsheets software", "Excel")
    ]
    assert (result.mode, result.reason, result.notes) == ("lexical", None, ())


def test_lexical_concept_scores_its_best_label(lexical: Linker) -> None:
    result = lexical.link("I look after horses and do social media marketing", top_k=5)
    assert [m.uri for m in result.matches] == ["u:horses", "u:social"]
    assert [m.matched_label for m in result.matches] == ["look after horses", "social media marketing"]


def test_lexical_tolerates_a_typo(lexical: Linker) -> None:
    assert [m.uri for m in lexical.link("spredsheets").matches] == ["u:sheets"]


def test_lexical_no_shared_word_is_an_empty_ranking_with_reason(lexical: Linker) -> None:
    result = lexical.link("quantum chromodynamics")
    assert (result.matches, result.reason) == ((), "no label shares a word with the text")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        ("   \n\t ", "empty text"),
        ("<br/><p></p>", "empty text"),
        ("😀🎉🚀", "no words: the text has no letters or digits"),
        ("!!! ??? ---", "no words: the text has no letters or digits"),
    ],
)
def test_input_without_words_gets_a_reason(lexical: Linker, text: str, reason: str) -> None:
    result = lexical.link(text)
    assert (result.matches, result.reason) == ((), reason)


def test_50kb_input_is_truncated_with_a_note(lexical: Linker) -> None:
    result = lexical.link("cook dishes " + "x" * 50_000)
    assert result.notes == (f"truncated: used the first {MAX_CHARS} of 50012 characters",)
    assert result.matches[0].uri == "u:cook"


def test_html_and_sql_are_plain_text(lexical: Linker) -> None:
    result = lexical.link("<script>alert(1)</script><b>Java</b>'; DROP TABLE skills; --")
    assert result.matches[0].uri == "u:java"
    assert result.notes == ("removed HTML tags or entities",)


def test_other_scripts_get_a_note() -> None:
    assert prepare("Я веду наш инстаграм и рассылку").notes == (
        "mostly non-Latin script: ESCO labels here are English, expect weak matches",
    )


def test_long_text_is_split_into_at_most_eight_sentence_chunks() -> None:
    sentence = "I cook dishes for forty guests every evening in a small restaurant kitchen. "
    assert len(prepare(sentence * 3).chunks) == 1
    assert len(prepare(sentence * 5).chunks) == 2
    assert len(prepare(sentence * 30).chunks) == 8
    run_on = prepare("word " * 150).chunks  # 750 characters, no sentence end: cut at spaces
    assert [len(c) for c in run_on] == [299, 299, 149]


def test_top_k_is_clamped(lexical: Linker) -> None:
    assert len(lexical.link("cook", top_k=0).matches) == 1
    assert len(lexical.link_many(["java"] * 3, top_k=1000)) == 3


def test_build_rejects_duplicate_uris_and_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="duplicate concept uri 'u:java'"):
        Linker.build([*TINY, Concept("u:java", "Java")], model_dir=None, cache_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="pass model_dir=None"):
        Linker.build(TINY, model_dir=tmp_path, cache_dir=tmp_path)


def test_concepts_from_esco_csv_reads_alt_and_hidden_labels(tmp_path: Path) -> None:
    path = tmp_path / "skills.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(
            'conceptUri,preferredLabel,altLabels,hiddenLabels\nu:1,cook dishes,"prepare food\nmake meals",cookin\n'
        )
    assert concepts_from_esco_csv(path) == [
        Concept("u:1", "cook dishes", ("prepare food", "make meals", "cookin"), "skill")
    ]


def test_dense_cache_is_written_once_and_reused(tmp_path: Path, model_dir: Path) -> None:
    first = Linker.build(TINY, model_dir=model_dir, cache_dir=tmp_path)
    second = Linker.build(TINY, model_dir=model_dir, cache_dir=tmp_path)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert len(list(tmp_path.glob("labels-*.keep.npy"))) == 1
    np.testing.assert_array_equal(np.asarray(first.embeddings), np.asarray(second.embeddings))
    Linker.build(TINY[:-1], model_dir=model_dir, cache_dir=tmp_path)  # other concepts: another key
    assert len(list(tmp_path.glob("labels-*.keep.npy"))) == 2


def test_shipped_model_links_a_plain_self_description(tmp_path: Path, model_dir: Path) -> None:
    linker = Linker.build([Concept(ESCO + u, p, a) for u, p, a in REAL], model_dir=model_dir, cache_dir=tmp_path)
    result = linker.link("I look after our Instagram and the newsletter", top_k=5)
    assert result.mode == "dense"
    assert [(m.label, m.matched_label) for m in result.matches[:2]] == [
        ("newsletter analysis", "newsletter analytics"),
        ("stay up to date with social media", "keep track of social media"),
    ]
    # the whole top 5 is social media, newsletter and media skills; "look after" horses, hoses and
    # hygiene, and "social mediation", stay out
    media = {ESCO + u for u, _, _ in REAL[:6]} | {ESCO + "c8ab7e5b-b786-412f-a519-dfd93517b698"}
    assert {m.uri for m in result.matches} < media
