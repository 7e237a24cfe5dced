"""The lexical linker over another language's ESCO labels reads text in that language (the model reads English)."""

from skillcluster.taxonomy.linking.lexical import tokens
from skillcluster.taxonomy.linking.linker import Concept, Linker

ITALIAN = [
    Concept("u:stitcher", "orlatore/orlatrice", ("addetta all'orlatura di tomaie",), "occupation"),
    Concept("u:pattern", "modellista di calzature", ("modellista calzaturiero",), "occupation"),
    Concept("u:cutter", "tagliatore di pelli", ("addetto al taglio della pelle",), "occupation"),
    Concept("u:model", "indossatore/indossatrice", ("modella",), "occupation"),
]


def test_italian_words_meet_their_stem_and_short_words_are_dropped():
    assert tokens("Cerchiamo orlatrici per le tomaie", "it") == [
        "cerc", "orlatric", "tomai", "=cerchiamo", "=orlatrici", "=tomaie",
    ]  # fmt: skip
    assert tokens("Wir suchen Schuhmacher", "de")[:2] == ["such", "schuhmach"]


def test_an_italian_job_ad_finds_the_italian_occupation(tmp_path):
    linker = Linker.build(ITALIAN, model_dir=tmp_path, cache_dir=tmp_path, language="it")  # model ignored: English
    assert (linker.mode, linker.language) == ("lexical", "it")
    assert linker.link("Cerchiamo orlatrici esperte per tomaie", top_k=1).matches[0].uri == "u:stitcher"
    assert linker.link("modellista", top_k=1).matches[0].uri == "u:pattern"
    assert linker.link("taglio della pelle a mano", top_k=1).matches[0].uri == "u:cutter"
