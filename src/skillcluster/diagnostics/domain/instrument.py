"""The learning-organisation instrument as data: load and validate a versioned YAML file.

Pure module (no Django). An instrument file lives at ``instrument/v<version>.yaml`` next to this
module; :func:`load_instrument` parses it into frozen dataclasses or raises
:class:`InstrumentError` naming the scale, item or field that is wrong.
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
    """Versions shipped with the package, e.g. ``("1",)``."""
    return tuple(sorted(path.stem[1:] for path in INSTRUMENT_DIR.glob("v*.yaml")))


@lru_cache(maxsize=8)
def load_instrument(version: str) -> Instrument:
    """Load and validate ``instrument/v<version>.yaml``; raises :class:`InstrumentError`."""
    path = INSTRUMENT_DIR / f"v{version}.yaml"
    if not re.fullmatch(r"[0-9A-Za-z.\-]+", version) or not path.is_file():
        raise InstrumentError(f"unknown instrument version {version!r}; known: {available_versions()}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    instrument = parse_instrument(data, source=path.name)
    if instrument.version != version:
        raise InstrumentError(f"{path.name}: version is {instrument.version!r}, expected {version!r}")
    return instrument


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
