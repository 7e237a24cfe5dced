"""The learning-organisation instrument as data: load and validate a versioned YAML file.

Pure module (no Django). An instrument file lives at ``instrument/v<version>.yaml`` next to this
module; :func:`load_instrument` parses it into frozen dataclasses or raises
:class:`InstrumentError` naming the scale, item or field that is wrong.

Translations live beside it, one per version and language (``instrument/v<version>.<language>.yaml``):
only the texts, keyed by the base file's stable codes (see :func:`translatable_texts`). Everything
that scoring reads (codes, scales, reverse keying, forms, minutes) comes from the base file alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

INSTRUMENT_DIR = Path(__file__).resolve().parent.parent / "data" / "instrument"
FORMS = ("owner", "staff")
OWNER_FORM = "owner"
STAFF_FORM = "staff"
TRIAD = ("information_gathering", "knowledge_acquisition", "competence_development")
# every version measures these; a version may add others (v1 "context", v2 "resources", "learning_networks")
REQUIRED_SCALES = (*TRIAD, "proactive_learning", "participative_learning")
DONT_KNOW = 0  # the stored answer "don't know", where a version offers it: treated as missing
_SCALE_CODE = re.compile(r"^[a-z][a-z_]{1,39}$")
MIN_ITEMS_PER_SCALE = 4
MAX_ITEMS_PER_SCALE = 6
_ITEM_CODE = re.compile(r"^[A-Z]{2}[0-9]{1,2}$")
BASE_LANGUAGE = "en"  # the language the base files are written in
# A language tag as Django gives it ("it", "de-at"); anything else is no language we look for on disk.
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$")


class InstrumentError(ValueError):
    """An instrument file is missing, malformed or breaks a rule; the message names where."""


@dataclass(frozen=True)
class ResponseOption:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    code: str
    scale: str
    text: str
    help: str
    reverse: bool
    forms: tuple[str, ...]
    staff_text: str | None = None

    def text_for(self, form: str) -> str:
        """The wording shown on ``form`` (staff wording where the item has one)."""
        if form == STAFF_FORM and self.staff_text:
            return self.staff_text
        return self.text


@dataclass(frozen=True)
class Scale:
    code: str
    name: str
    description: str
    items: tuple[Item, ...]

    def items_for(self, form: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if form in item.forms)


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    minutes: int
    intro: str


@dataclass(frozen=True)
class Instrument:
    version: str
    title: str
    privacy_notice: str
    response_scale: tuple[ResponseOption, ...]
    forms: tuple[Form, ...]
    scales: tuple[Scale, ...]
    dont_know: str | None = None  # the label of the "don't know" option, where offered
    language: str = BASE_LANGUAGE  # the language of every text above (a translation's, or the base's)

    def is_answer(self, value: object) -> bool:
        """A scored answer: a whole number on the response scale (not "don't know", not missing)."""
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return self.response_scale[0].value <= value <= self.response_scale[-1].value

    @property
    def min_value(self) -> int:
        return self.response_scale[0].value

    @property
    def max_value(self) -> int:
        return self.response_scale[-1].value

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for scale in self.scales for item in scale.items)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise InstrumentError(f"instrument {self.version}: no item {code!r}")

    def scale(self, code: str) -> Scale:
        for scale in self.scales:
            if scale.code == code:
                return scale
        raise InstrumentError(f"instrument {self.version}: no scale {code!r}")

    def form(self, code: str) -> Form:
        for form in self.forms:
            if form.code == code:
                return form
        raise InstrumentError(f"instrument {self.version}: no form {code!r}")

    def form_items(self, form: str) -> tuple[Item, ...]:
        self.form(form)
        return tuple(item for item in self.items if form in item.forms)


def comparable(instruments: Sequence[Instrument]) -> Instrument:
    """The last instrument cut down to what every one of ``instruments`` measures alike: the scales all of
    them have, each with the items (by code) that sit in that scale in every version. Rounds on different
    versions are compared by scoring each on this (an item that moved or changed meaning drops out)."""
    last = instruments[-1]
    if all(instrument.version == last.version for instrument in instruments):
        return last
    scales = []
    for scale in last.scales:
        versions = [next((s for s in i.scales if s.code == scale.code), None) for i in instruments]
        if any(version is None for version in versions):
            continue
        shared = set.intersection(*({item.code for item in v.items} for v in versions if v is not None))
        items = tuple(item for item in scale.items if item.code in shared)
        if items:
            scales.append(replace(scale, items=items))
    versions_named = "+".join(dict.fromkeys(i.version for i in instruments))
    return replace(last, version=versions_named, scales=tuple(scales))


def available_versions() -> tuple[str, ...]:
    """Versions shipped with the package, e.g. ``("1",)`` (translations are not versions)."""
    stems = (path.stem for path in INSTRUMENT_DIR.glob("v*.yaml"))
    return tuple(sorted(stem[1:] for stem in stems if not _is_translation(stem)))


def available_languages(version: str) -> tuple[str, ...]:
    """The languages ``version`` can be shown in: the base language first, then its translations."""
    found = (path.stem.rsplit(".", 1)[1] for path in INSTRUMENT_DIR.glob(f"v{version}.*.yaml"))
    return (BASE_LANGUAGE, *sorted(code for code in found if _LANGUAGE_TAG.match(code)))


def language_candidates(language: str) -> tuple[str, ...]:
    """Where to look for ``language``, most specific first: ``"de-AT"`` -> ``("de-at", "de")``. A value that
    is no language tag gives nothing to look for (the base language is then used)."""
    tag = language.strip().lower().replace("_", "-")
    if not _LANGUAGE_TAG.match(tag):
        return ()
    return tuple(dict.fromkeys((tag, tag.split("-")[0])))


def _is_translation(stem: str) -> bool:
    parts = stem.split(".")
    return len(parts) > 1 and bool(_LANGUAGE_TAG.match(parts[-1]))


@lru_cache(maxsize=32)
def load_instrument(version: str, language: str = BASE_LANGUAGE) -> Instrument:
    """Load and validate ``instrument/v<version>.yaml`` with its texts in ``language``; raises
    :class:`InstrumentError`. A language with no translation of this version gets the base texts (its
    ``language`` says which were given); a translation that is there must be complete and valid."""
    path = INSTRUMENT_DIR / f"v{version}.yaml"
    if not re.fullmatch(r"[0-9A-Za-z.\-]+", version) or _is_translation(path.stem) or not path.is_file():
        raise InstrumentError(f"unknown instrument version {version!r}; known: {available_versions()}")
    translation = translation_file(path, language)
    if translation is not None:
        data = yaml.safe_load(translation.read_text(encoding="utf-8"))
        return translate(load_instrument(version), data, language=translation.stem.rsplit(".", 1)[1])
    if language != BASE_LANGUAGE:
        return load_instrument(version)  # the one cached base object, whatever language fell back to it
    instrument = parse_instrument(yaml.safe_load(path.read_text(encoding="utf-8")), source=path.name)
    if instrument.version != version:
        raise InstrumentError(f"{path.name}: version is {instrument.version!r}, expected {version!r}")
    return instrument


def translation_file(base: Path, language: str) -> Path | None:
    """The translation of the file ``base`` into ``language`` that sits beside it (``v1.yaml`` ->
    ``v1.it.yaml``; ``de-at`` falls back to ``de``), or ``None``: the base's own texts are to be used."""
    for code in language_candidates(language):
        path = base.with_name(f"{base.stem}.{code}{base.suffix}")
        if code == BASE_LANGUAGE or path.is_file():
            return None if code == BASE_LANGUAGE else path
    return None


def translatable_texts(instrument: Instrument) -> dict[str, str]:
    """Every text of ``instrument`` a translation must give, by dotted key: ``title``, ``privacy_notice``,
    ``dont_know`` (where offered), ``response_scale.<value>``, ``forms.<form>.title|intro``,
    ``scales.<code>.name|description``, ``items.<code>.text|help|staff_text`` (staff text where the item
    has one)."""
    texts = {"title": instrument.title, "privacy_notice": instrument.privacy_notice}
    if instrument.dont_know is not None:
        texts["dont_know"] = instrument.dont_know
    texts.update({f"response_scale.{option.value}": option.label for option in instrument.response_scale})
    for form in instrument.forms:
        texts.update({f"forms.{form.code}.title": form.title, f"forms.{form.code}.intro": form.intro})
    for scale in instrument.scales:
        texts.update({f"scales.{scale.code}.name": scale.name, f"scales.{scale.code}.description": scale.description})
    for item in instrument.items:
        texts.update({f"items.{item.code}.text": item.text, f"items.{item.code}.help": item.help})
        if item.staff_text is not None:
            texts[f"items.{item.code}.staff_text"] = item.staff_text
    return texts


def check_translation(
    base: Mapping[str, str], data: Any, *, source: str, base_source: str, error: type[ValueError]
) -> dict[str, str]:
    """The texts of a parsed translation file, by the dotted keys of ``base`` (nested mappings in the file).
    Raises ``error`` naming ``source`` and the keys when a text of ``base`` is missing, a key is not in
    ``base``, or a text is empty."""
    if not isinstance(data, Mapping):
        raise error(f"{source}: expected a mapping of texts by code, got {type(data).__name__}")
    texts = _flatten(data)
    missing = [key for key in base if key not in texts]
    if missing:
        raise error(f"{source}: missing the translation of {_some(missing)}")
    unknown = [key for key in texts if key not in base]
    if unknown:
        raise error(f"{source}: {_some(unknown)} not in {base_source} (a code or key the base does not have)")
    empty = [key for key, text in texts.items() if not isinstance(text, str) or not text.strip()]
    if empty:
        raise error(f"{source}: {_some(empty)} must be a non-empty text")
    return {key: str(text).strip() for key, text in texts.items()}


def _flatten(data: Mapping[Any, Any], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        flat.update(_flatten(value, f"{dotted}.") if isinstance(value, Mapping) else {dotted: value})
    return flat


def _some(keys: Sequence[str]) -> str:
    shown = ", ".join(keys[:5])
    return shown if len(keys) <= 5 else f"{shown} … ({len(keys)} in all)"


def translate(base: Instrument, data: Any, *, language: str) -> Instrument:
    """``base`` with the texts of a parsed translation file (``v<version>.<language>.yaml``) in place of
    its own; codes, scales, reverse keying, forms and minutes stay the base's. Raises
    :class:`InstrumentError` naming the file and key (see :func:`check_translation`)."""
    texts = check_translation(
        translatable_texts(base),
        data,
        source=f"v{base.version}.{language}.yaml",
        base_source=f"v{base.version}.yaml",
        error=InstrumentError,
    )

    def item(it: Item) -> Item:
        key = f"items.{it.code}"
        staff_text = texts.get(f"{key}.staff_text")
        return replace(it, text=texts[f"{key}.text"], help=texts[f"{key}.help"], staff_text=staff_text)

    def scale(sc: Scale) -> Scale:
        key = f"scales.{sc.code}"
        items = tuple(item(it) for it in sc.items)
        return replace(sc, name=texts[f"{key}.name"], description=texts[f"{key}.description"], items=items)

    return replace(
        base,
        title=texts["title"],
        privacy_notice=texts["privacy_notice"],
        response_scale=tuple(replace(o, label=texts[f"response_scale.{o.value}"]) for o in base.response_scale),
        forms=tuple(
            replace(f, title=texts[f"forms.{f.code}.title"], intro=texts[f"forms.{f.code}.intro"]) for f in base.forms
        ),
        scales=tuple(scale(sc) for sc in base.scales),
        dont_know=texts.get("dont_know"),
        language=language,
    )


def parse_instrument(data: Any, *, source: str = "instrument") -> Instrument:
    """Build an :class:`Instrument` from parsed YAML/JSON; every rule failure names its place."""
    top = _mapping(data, source)
    instrument = Instrument(
        version=_text(top, "version", source),
        title=_text(top, "title", source),
        privacy_notice=_text(top, "privacy_notice", source),
        response_scale=_response_scale(top.get("response_scale"), f"{source}: response_scale"),
        forms=_forms(top.get("forms"), f"{source}: forms"),
        scales=tuple(_scales(top.get("scales"), source)),
        dont_know=_text(top, "dont_know", source) if "dont_know" in top else None,
    )
    _check_whole(instrument, source)
    return instrument


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InstrumentError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def _sequence(value: Any, where: str) -> Sequence[Any]:
    if not isinstance(value, list) or not value:
        raise InstrumentError(f"{where}: expected a non-empty list")
    return value


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InstrumentError(f"{where}: field {key!r} must be a non-empty text")
    return value.strip()


def _response_scale(value: Any, where: str) -> tuple[ResponseOption, ...]:
    options = []
    for index, raw in enumerate(_sequence(value, where)):
        option = _mapping(raw, f"{where}[{index}]")
        number = option.get("value")
        if not isinstance(number, int) or isinstance(number, bool) or number != index + 1:
            raise InstrumentError(f"{where}[{index}]: field 'value' must be {index + 1}")
        options.append(ResponseOption(number, _text(option, "label", f"{where}[{index}]")))
    if len(options) < 3:
        raise InstrumentError(f"{where}: needs at least 3 options, has {len(options)}")
    return tuple(options)


def _forms(value: Any, where: str) -> tuple[Form, ...]:
    forms = _mapping(value, where)
    if set(forms) != set(FORMS):
        raise InstrumentError(f"{where}: expected exactly the forms {list(FORMS)}, got {sorted(forms)}")
    return tuple(_form(code, _mapping(forms[code], f"{where}.{code}"), f"{where}.{code}") for code in FORMS)


def _form(code: str, data: Mapping[str, Any], where: str) -> Form:
    minutes = data.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        raise InstrumentError(f"{where}: field 'minutes' must be a positive whole number")
    return Form(code, _text(data, "title", where), minutes, _text(data, "intro", where))


def _scales(value: Any, source: str) -> list[Scale]:
    scales = []
    for index, raw in enumerate(_sequence(value, f"{source}: scales")):
        data = _mapping(raw, f"{source}: scales[{index}]")
        code = _text(data, "code", f"{source}: scales[{index}]")
        where = f"{source}: scale {code}"
        if not _SCALE_CODE.match(code):
            raise InstrumentError(f"{where}: code must be lower-case letters and underscores")
        items = tuple(
            _item(_mapping(r, f"{where} item[{i}]"), code, f"{where} item[{i}]")
            for i, r in enumerate(_sequence(data.get("items"), f"{where}: items"))
        )
        if not MIN_ITEMS_PER_SCALE <= len(items) <= MAX_ITEMS_PER_SCALE:
            raise InstrumentError(
                f"{where}: has {len(items)} items, expected {MIN_ITEMS_PER_SCALE}..{MAX_ITEMS_PER_SCALE}"
            )
        scales.append(Scale(code, _text(data, "name", where), _text(data, "description", where), items))
    return scales


def _item(data: Mapping[str, Any], scale: str, where: str) -> Item:
    code = _text(data, "code", where)
    where = f"{where.rsplit(' item[', 1)[0]} item {code}"
    if not _ITEM_CODE.match(code):
        raise InstrumentError(f"{where}: code must look like 'IG1' (two capitals, a number)")
    reverse = data.get("reverse", False)
    if not isinstance(reverse, bool):
        raise InstrumentError(f"{where}: field 'reverse' must be true or false")
    forms = tuple(_sequence(data.get("forms"), f"{where}: forms"))
    if OWNER_FORM not in forms or any(form not in FORMS for form in forms):
        raise InstrumentError(f"{where}: field 'forms' must include 'owner' and name only {list(FORMS)}")
    staff_text = _text(data, "staff_text", where) if "staff_text" in data else None
    return Item(code, scale, _text(data, "text", where), _text(data, "help", where), reverse, forms, staff_text)


def _check_whole(instrument: Instrument, source: str) -> None:
    codes = [item.code for item in instrument.items]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        raise InstrumentError(f"{source}: item codes used twice: {duplicates}")
    scale_codes = [scale.code for scale in instrument.scales]
    missing = [code for code in REQUIRED_SCALES if code not in scale_codes]
    if missing or len(set(scale_codes)) != len(scale_codes):
        raise InstrumentError(f"{source}: scales must include {list(REQUIRED_SCALES)} once each, got {scale_codes}")
    for scale in instrument.scales:
        if len(scale.items_for(STAFF_FORM)) < 3:
            raise InstrumentError(f"{source}: scale {scale.code}: the staff form needs at least 3 of its items")
