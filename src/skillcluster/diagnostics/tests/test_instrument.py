"""Instrument file: loading, content rules, and clear errors naming the item or field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from skillcluster.diagnostics.domain.instrument import (
    INSTRUMENT_DIR,
    REQUIRED_SCALES,
    InstrumentError,
    available_versions,
    comparable,
    load_instrument,
    parse_instrument,
)


@pytest.fixture
def raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((INSTRUMENT_DIR / "v1.yaml").read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def test_v1_loads_with_its_shape() -> None:
    instrument = load_instrument("1")
    assert instrument.version == "1"
    assert available_versions() == ("1", "2")
    assert tuple(scale.code for scale in instrument.scales) == (*REQUIRED_SCALES, "context")
    assert instrument.dont_know is None
    assert [len(scale.items) for scale in instrument.scales] == [5, 5, 6, 5, 5, 5]
    assert len(instrument.form_items("owner")) == 31
    assert len(instrument.form_items("staff")) == 23
    assert [o.value for o in instrument.response_scale] == [1, 2, 3, 4, 5]
    assert instrument.response_scale[0].label == "Strongly disagree"
    assert (instrument.min_value, instrument.max_value) == (1, 5)


def test_v1_content_rules() -> None:
    instrument = load_instrument("1")
    reverse = [item.code for item in instrument.items if item.reverse]
    assert reverse == ["IG3", "KA4", "CD5", "PL2", "PL3", "PA2", "PA5", "CX2", "CX5"]
    assert all(item.help for item in instrument.items)
    assert "pseudonymised answers" in instrument.privacy_notice.lower()
    assert "cluster's analysts" in instrument.privacy_notice
    assert instrument.form("owner").minutes == 10


def test_staff_wording_and_shared_codes() -> None:
    instrument = load_instrument("1")
    item = instrument.item("PA1")
    assert item.text_for("owner") == "Staff have a say in what training the firm pays for."
    assert item.text_for("staff") == "I have a say in what training the firm pays for."
    assert instrument.item("IG1").text_for("staff") == instrument.item("IG1").text
    owner_codes = {i.code for i in instrument.form_items("owner")}
    assert {i.code for i in instrument.form_items("staff")} < owner_codes


def test_unknown_version_and_lookups() -> None:
    with pytest.raises(InstrumentError, match="unknown instrument version '9'"):
        load_instrument("9")
    with pytest.raises(InstrumentError, match="no item 'ZZ1'"):
        load_instrument("1").item("ZZ1")
    with pytest.raises(InstrumentError, match="no form 'guest'"):
        load_instrument("1").form_items("guest")


def test_error_names_item_and_field(raw: dict[str, Any]) -> None:
    raw["scales"][0]["items"][2]["reverse"] = "yes"
    with pytest.raises(InstrumentError, match=r"scale information_gathering item IG3: field 'reverse'"):
        parse_instrument(raw, source="v1.yaml")


def test_missing_help_is_named(raw: dict[str, Any]) -> None:
    del raw["scales"][1]["items"][0]["help"]
    with pytest.raises(InstrumentError, match=r"item KA1: field 'help' must be a non-empty text"):
        parse_instrument(raw)


def test_duplicate_codes_rejected(raw: dict[str, Any]) -> None:
    raw["scales"][1]["items"][0]["code"] = "IG1"
    with pytest.raises(InstrumentError, match=r"item codes used twice: \['IG1'\]"):
        parse_instrument(raw)


def test_item_count_per_scale(raw: dict[str, Any]) -> None:
    raw["scales"][0]["items"] = raw["scales"][0]["items"][:3]
    with pytest.raises(InstrumentError, match=r"scale information_gathering: has 3 items, expected 4\.\.6"):
        parse_instrument(raw)


def test_response_scale_must_run_from_one(raw: dict[str, Any]) -> None:
    raw["response_scale"][1]["value"] = 3
    with pytest.raises(InstrumentError, match=r"response_scale\[1\]: field 'value' must be 2"):
        parse_instrument(raw)


def test_owner_form_holds_every_item(raw: dict[str, Any]) -> None:
    raw["scales"][2]["items"][0]["forms"] = ["staff"]
    with pytest.raises(InstrumentError, match="item CD1: field 'forms' must include 'owner'"):
        parse_instrument(raw)


def test_bad_item_code(raw: dict[str, Any]) -> None:
    raw["scales"][0]["items"][0]["code"] = "ig-1"
    with pytest.raises(InstrumentError, match="item ig-1: code must look like 'IG1'"):
        parse_instrument(raw)


def test_staff_form_needs_three_items_per_scale(raw: dict[str, Any]) -> None:
    for item in raw["scales"][5]["items"]:
        item["forms"] = ["owner"]
    with pytest.raises(InstrumentError, match="scale context: the staff form needs at least 3"):
        parse_instrument(raw)


def test_missing_scale_rejected(raw: dict[str, Any]) -> None:
    raw["scales"] = raw["scales"][1:]  # no market intelligence
    with pytest.raises(InstrumentError, match="scales must include"):
        parse_instrument(raw)


def test_not_a_mapping() -> None:
    with pytest.raises(InstrumentError, match="instrument: expected a mapping, got list"):
        parse_instrument([])


def test_v2_splits_networks_from_resources_and_offers_dont_know() -> None:
    v1, v2 = load_instrument("1"), load_instrument("2")
    assert v2.dont_know == "Don't know"
    assert [s.code for s in v2.scales] == [*REQUIRED_SCALES, "resources", "learning_networks"]
    codes = {s.code: [i.code for i in s.items] for s in v2.scales}
    assert "IG2" not in codes["information_gathering"]
    assert {"IG6", "IG7"} <= set(codes["information_gathering"])
    assert "PL5" in codes["participative_learning"]
    assert "PL5" not in codes["proactive_learning"]
    assert codes["learning_networks"] == ["CX3", "CX4", "CX5", "LN1", "LN2", "LN3"]
    # rounds on both versions compare on what both measure alike
    both = comparable([v1, v2])
    assert both.version == "1+2"
    shared = {s.code: [i.code for i in s.items] for s in both.scales}
    assert list(shared) == list(REQUIRED_SCALES)
    assert shared["information_gathering"] == ["IG1", "IG3", "IG4", "IG5"]
    assert shared["proactive_learning"] == ["PL1", "PL2", "PL3", "PL4"]
    assert shared["participative_learning"] == ["PA1", "PA2", "PA3", "PA4", "PA5"]
    assert comparable([v2, v2]) is v2
