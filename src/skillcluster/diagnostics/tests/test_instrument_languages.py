"""The instrument and the recommendations in the respondent's language: shipped translations, the overlay,
the fallback to English, the refusal of broken translation files, and scoring that ignores the language."""

from __future__ import annotations

import shutil
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.exceptions import ValidationError

from skillcluster.diagnostics import services
from skillcluster.diagnostics.domain import instrument as instrument_module
from skillcluster.diagnostics.domain.instrument import (
    INSTRUMENT_DIR,
    InstrumentError,
    available_languages,
    available_versions,
    load_instrument,
    translatable_texts,
    translate,
)
from skillcluster.diagnostics.domain.recommendations import (
    RULES_PATH,
    RecommendationError,
    load_rules,
    reason_scale_names,
    recommend,
    rule_texts,
)
from skillcluster.diagnostics.domain.scoring import profile, score_answers, straight_lining
from skillcluster.diagnostics.tests.conftest import answers_for

TRANSLATED = ("de", "es", "fr", "it")


def _raw(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _placeholders(template: str) -> set[tuple[str, str, str | None]]:
    return {(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template) if name is not None}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped instrument files the loader reads instead; its cache is cleared around the test."""
    for path in INSTRUMENT_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(instrument_module, "INSTRUMENT_DIR", tmp_path)
    load_instrument.cache_clear()
    yield tmp_path
    load_instrument.cache_clear()


@pytest.fixture
def rules_dir(tmp_path: Path) -> Iterator[Path]:
    """A copy of the rules file and its Italian translation (the loader takes the path)."""
    for name in ("recommendations.yaml", "recommendations.it.yaml"):
        shutil.copy(RULES_PATH.with_name(name), tmp_path / name)
    load_rules.cache_clear()
    yield tmp_path
    load_rules.cache_clear()


def _break(path: Path, change: Any) -> None:
    data = _raw(path)
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- shipped translations ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("version", ["1", "2"])
def test_every_shipped_translation_loads_complete_and_translated(version: str, language: str) -> None:
    english, translated = load_instrument(version), load_instrument(version, language)
    assert translated.language == language
    assert list(translatable_texts(translated)) == list(translatable_texts(english))
    left_in_english = [
        k for k, text in translatable_texts(translated).items() if text == translatable_texts(english)[k]
    ]
    assert left_in_english == []


def test_every_version_is_shipped_in_the_five_languages() -> None:
    assert available_versions() == ("1", "2")  # translation files are not versions
    assert [available_languages(v) for v in available_versions()] == [("en", "de", "es", "fr", "it")] * 2


@pytest.mark.parametrize("language", TRANSLATED)
def test_an_item_both_versions_share_reads_the_same_in_each(language: str) -> None:
    texts = [translatable_texts(load_instrument(v, language)) for v in ("1", "2")]
    shared = [key for key in texts[0] if key.startswith("items.") and key in texts[1]]
    assert len(shared) == 66  # 30 items: text and help, 6 with a staff wording
    assert [key for key in shared if texts[0][key] != texts[1][key]] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_scoring_structure_comes_from_the_base(language: str) -> None:
    def structure(version: str, lang: str) -> list[tuple[str, str, bool, tuple[str, ...]]]:
        return [(i.code, i.scale, i.reverse, i.forms) for i in load_instrument(version, lang).items]

    for version in ("1", "2"):
        assert structure(version, language) == structure(version, "en")
        translated, english = load_instrument(version, language), load_instrument(version)
        assert [(f.code, f.minutes) for f in translated.forms] == [(f.code, f.minutes) for f in english.forms]
        assert [o.value for o in translated.response_scale] == [1, 2, 3, 4, 5]


# --- the overlay -----------------------------------------------------------------------------------------------


def test_the_italian_overlay_gives_the_translated_texts() -> None:
    instrument = load_instrument("1", "it")
    item = instrument.item("IG3")
    assert item.text == (
        "Veniamo a sapere di nuove tecnologie o nuovi materiali del nostro settore solo quando ce ne parla "
        "un cliente o un fornitore."
    )
    assert item.reverse  # a statement a crisis-driven firm agrees with, in Italian too
    assert instrument.item("PA1").text_for("staff") == "Posso dire la mia su quale formazione paga l'impresa."
    assert instrument.item("IG1").text_for("staff") == instrument.item("IG1").text
    assert instrument.title == "Come impara la Sua impresa?"
    assert instrument.form("owner").title == "Questionario per il titolare o responsabile"
    assert instrument.scale("information_gathering").name == "Osservazione del mercato"
    assert [o.label for o in instrument.response_scale] == [
        "Completamente in disaccordo",
        "In disaccordo",
        "Né d'accordo né in disaccordo",
        "D'accordo",
        "Completamente d'accordo",
    ]
    assert instrument.dont_know is None  # version 1 offers no "don't know", in any language
    assert load_instrument("2", "it").dont_know == "Non so"


def test_german_and_french_specifics() -> None:
    german = load_instrument("2", "de")
    assert (
        german.item("PA2").text
        == "Über das Lernen entscheidet in unserem Betrieb der Inhaber oder die Inhaberin allein."
    )
    assert german.response_scale[2].label == "Weder noch"
    # French puts a no-break space before ? and : (a line never starts with one)
    assert load_instrument("2", "fr").title == "Comment votre entreprise apprend-elle\u00a0?"


@pytest.mark.parametrize(
    ("asked", "given"),
    [("pt", "en"), ("", "en"), ("EN", "en"), ("../v1", "en"), ("de-AT", "de"), ("it_IT", "it"), ("FR", "fr")],
)
def test_a_language_without_translation_falls_back_to_english(asked: str, given: str) -> None:
    instrument = load_instrument("2", asked)
    assert instrument.language == given
    assert instrument.item("IG1").text == load_instrument("2", given).item("IG1").text


def test_a_translation_file_is_no_version() -> None:
    with pytest.raises(InstrumentError, match=r"unknown instrument version '1\.it'"):
        load_instrument("1.it")


def test_caching_is_per_version_and_language() -> None:
    assert load_instrument("1", "it") is load_instrument("1", "it")
    assert load_instrument("1", "pt") is load_instrument("1")
    assert load_instrument("1", "it") is not load_instrument("1", "de")
    assert load_instrument("1", "it") is not load_instrument("2", "it")


# --- broken translation files ----------------------------------------------------------------------------------


def test_a_missing_text_is_refused_naming_file_and_key(data_dir: Path) -> None:
    _break(data_dir / "v1.it.yaml", lambda data: data["items"]["IG3"].pop("help"))
    with pytest.raises(InstrumentError, match=r"^v1\.it\.yaml: missing the translation of items\.IG3\.help$"):
        load_instrument("1", "it")
    assert load_instrument("1", "de").language == "de"  # the other files are unaffected


def test_a_code_the_base_lacks_is_refused(data_dir: Path) -> None:
    _break(data_dir / "v1.it.yaml", lambda data: data["items"].update(ZZ9={"text": "Testo", "help": "Aiuto"}))
    with pytest.raises(
        InstrumentError,
        match=r"^v1\.it\.yaml: items\.ZZ9\.text, items\.ZZ9\.help not in v1\.yaml \(a code or key the base does not",
    ):
        load_instrument("1", "it")


def test_a_key_the_base_item_lacks_is_refused(data_dir: Path) -> None:
    # IG3 has no staff wording in the base: a translation may not invent one
    _break(data_dir / "v1.fr.yaml", lambda data: data["items"]["IG3"].update(staff_text="Je ..."))
    with pytest.raises(InstrumentError, match=r"^v1\.fr\.yaml: items\.IG3\.staff_text not in v1\.yaml"):
        load_instrument("1", "fr")


def test_an_empty_text_is_refused(data_dir: Path) -> None:
    _break(data_dir / "v2.de.yaml", lambda data: data["scales"]["resources"].update(name="  "))
    with pytest.raises(InstrumentError, match=r"^v2\.de\.yaml: scales\.resources\.name must be a non-empty text$"):
        load_instrument("2", "de")


def test_v2_translation_without_dont_know_is_refused(data_dir: Path) -> None:
    _break(data_dir / "v2.es.yaml", lambda data: data.pop("dont_know"))
    with pytest.raises(InstrumentError, match=r"^v2\.es\.yaml: missing the translation of dont_know$"):
        load_instrument("2", "es")


def test_translate_names_every_missing_key_up_to_five() -> None:
    data = _raw(INSTRUMENT_DIR / "v2.it.yaml")
    del data["items"]
    with pytest.raises(InstrumentError, match=r"items\.IG1\.text, items\.IG1\.help, .* \(86 in all\)$"):
        translate(load_instrument("2"), data, language="it")
    with pytest.raises(InstrumentError, match=r"^v2\.it\.yaml: expected a mapping of texts by code, got list$"):
        translate(load_instrument("2"), ["not", "a", "mapping"], language="it")


# --- scoring does not depend on the language -------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_scores_from_a_translated_instrument_equal_the_english(language: str) -> None:
    answers = answers_for(75) | {"IG3": 1, "KA4": 5, "CD2": 2, "PA2": 4, "CX5": 3}
    english, translated = load_instrument("1"), load_instrument("1", language)
    scores = score_answers(translated, answers)
    assert scores == score_answers(english, answers)
    assert scores["information_gathering"] == 80.0
    assert score_answers(translated, answers_for(50, "staff"), "staff") == score_answers(
        english, answers_for(50, "staff"), "staff"
    )
    assert straight_lining(translated, answers) is straight_lining(english, answers)


# --- recommendations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_shipped_rules_translation_keeps_the_placeholders(language: str) -> None:
    english, translated = load_rules(), load_rules(language=language)
    assert translated.language == language
    assert [r.code for r in translated.rules] == [r.code for r in english.rules]
    en_texts, texts = rule_texts(english), rule_texts(translated)
    assert list(texts) == list(en_texts)
    assert [k for k in texts if _placeholders(texts[k]) != _placeholders(en_texts[k])] == []
    assert [k for k in texts if texts[k] == en_texts[k]] == []


def test_recommendations_in_italian() -> None:
    rules = load_rules(language="it")
    names = reason_scale_names(load_instrument("1", "it"))
    firm = profile(
        {
            "information_gathering": 80.0,
            "knowledge_acquisition": 80.0,
            "competence_development": 75.0,
            "proactive_learning": 70.0,
            "participative_learning": 70.0,
        }
    )
    actions = recommend(firm, rules=rules, scale_names=names)
    assert [a.code for a in actions] == ["first_step_competence", "mentor_others"]  # the same as in English
    assert actions[1].title == "Si offra come mentore ad altre imprese del cluster"
    assert actions[1].reason.startswith(
        "La Sua impresa rientra nel profilo «organizzazione che apprende», con un indice di equilibrio di 95/100."
    )
    assert actions[0].reason.startswith(
        "La Sua area più debole è «sviluppo delle competenze» (75/100, contro 80 di «osservazione del mercato»)."
    )
    assert actions[0].activity_label == "Piani di sviluppo individuali e verifiche delle competenze"
    assert recommend(firm, rules=rules) == actions  # default names: version 1's, in the rules' language


def test_german_scale_names_keep_their_capitals_in_a_reason() -> None:
    assert reason_scale_names(load_instrument("2", "de"))["information_gathering"] == "Marktbeobachtung"
    assert reason_scale_names(load_instrument("2", "fr"))["information_gathering"] == "observer le marché"
    assert reason_scale_names(load_instrument("2"))["information_gathering"] == "market intelligence"


def test_rules_fall_back_to_english() -> None:
    assert load_rules(language="pt") == load_rules()
    assert load_rules(language="pt").language == "en"
    assert load_rules(language="es-MX").language == "es"


def test_a_reason_with_other_placeholders_is_refused(rules_dir: Path) -> None:
    def reformat(data: dict[str, Any]) -> None:
        data["rules"]["join_market_intelligence"]["reason"] = "Punteggio {score:.1f}/100 (sotto {threshold:.0f})."

    _break(rules_dir / "recommendations.it.yaml", reformat)
    with pytest.raises(
        RecommendationError,
        match=r"^recommendations\.it\.yaml: rules\.join_market_intelligence\.reason has the placeholders "
        r"\['\{score:\.1f\}', '\{threshold:\.0f\}'\], expected those of the base: "
        r"\['\{score:\.0f\}', '\{threshold:\.0f\}'\]$",
    ):
        load_rules(rules_dir / "recommendations.yaml", "it")


def test_a_reason_that_drops_a_figure_is_refused(rules_dir: Path) -> None:
    def drop(data: dict[str, Any]) -> None:
        data["rules"]["rebalance_triad"]["title"] = "Sposti l'impegno verso l'area più debole"

    _break(rules_dir / "recommendations.it.yaml", drop)
    with pytest.raises(RecommendationError, match=r"^recommendations\.it\.yaml: rules\.rebalance_triad\.title has"):
        load_rules(rules_dir / "recommendations.yaml", "it")


def test_a_broken_brace_is_refused(rules_dir: Path) -> None:
    _break(rules_dir / "recommendations.it.yaml", lambda data: data["activities"].update(mentoring="Mentoring {"))
    with pytest.raises(
        RecommendationError, match=r"^recommendations\.it\.yaml: activities\.mentoring: bad placeholder"
    ):
        load_rules(rules_dir / "recommendations.yaml", "it")


def test_a_missing_learning_type_name_is_refused(rules_dir: Path) -> None:
    _break(rules_dir / "recommendations.it.yaml", lambda data: data["learning_types"].pop("early_learner"))
    with pytest.raises(
        RecommendationError, match=r"^recommendations\.it\.yaml: missing the translation of learning_types\.early_l"
    ):
        load_rules(rules_dir / "recommendations.yaml", "it")


def test_a_rule_the_base_lacks_is_refused(rules_dir: Path) -> None:
    yoga = {"title": "Yoga", "reason": "{score:.0f}"}
    _break(rules_dir / "recommendations.it.yaml", lambda data: data["rules"].update(yoga=yoga))
    with pytest.raises(RecommendationError, match=r"rules\.yoga\.title, rules\.yoga\.reason not in recommendations\."):
        load_rules(rules_dir / "recommendations.yaml", "it")


def test_two_rules_with_one_title_are_refused(rules_dir: Path) -> None:
    def same_title(data: dict[str, Any]) -> None:
        data["rules"]["development_plans"]["title"] = data["rules"]["mentor_others"]["title"]

    _break(rules_dir / "recommendations.it.yaml", same_title)
    with pytest.raises(RecommendationError, match=r"^recommendations\.it\.yaml: rule 'mentor_others': .* repeats rule"):
        load_rules(rules_dir / "recommendations.yaml", "it")


# --- the response records its language -------------------------------------------------------------------------


@pytest.mark.parametrize(("asked", "stored"), [("it", "it"), ("de-at", "de"), ("pt", "en")])
def test_response_save_records_the_language_shown(world, diag_round, asked: str, stored: str) -> None:
    response = services.response_save(
        diagnostic_round=diag_round,
        firm=world.firm,
        respondent=world.owner,
        form="owner",
        answers={"IG1": 4},
        language=asked,
    )
    response.refresh_from_db()
    assert (response.language, response.answers) == (stored, {"IG1": 4})


def test_response_save_defaults_to_english(world, diag_round) -> None:
    response = services.response_save(
        diagnostic_round=diag_round, firm=world.firm, respondent=world.owner, form="owner", answers={}
    )
    response.refresh_from_db()
    assert response.language == "en"
    assert services.personal_data_export(world.owner)["answers"][0]["language"] == "en"  # type: ignore[index]


def test_an_incomplete_submission_quotes_the_statement_in_the_language_shown(world, diag_round) -> None:
    with pytest.raises(ValidationError) as error:
        services.response_save(
            diagnostic_round=diag_round,
            firm=world.firm,
            respondent=world.owner,
            form="owner",
            answers={"IG1": 4},
            submit=True,
            language="de",
        )
    assert (
        "“Wir behalten im Auge, was die Konkurrenz anbietet und wie viel sie dafür verlangt.”"
        in error.value.message_dict["answers"][0]
    )
