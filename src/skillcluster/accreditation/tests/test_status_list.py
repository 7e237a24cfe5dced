"""Bitstring Status List: bits, encoding, entries and the list credential."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from skillcluster.accreditation.tests._vectors import EXAMPLES, VALIDATOR, load_json
from skillcluster.accreditation.vc.multibase import multibase_encode
from skillcluster.accreditation.vc.status_list import (
    MIN_ENTRIES,
    Bitstring,
    StatusListError,
    bitstring_of,
    is_set,
    parse_index,
    status_entries,
    status_entry,
    status_list_credential,
)

LIST_URL = "https://cluster.example/status/1"


def test_new_list_has_131072_clear_entries() -> None:
    bits = Bitstring()
    assert bits.size == MIN_ENTRIES == 131_072
    assert bits.set_indexes() == []


def test_bit_zero_is_the_most_significant_bit_of_byte_zero() -> None:
    bits = Bitstring()
    bits.set(0)
    bits.set(9)
    assert bits.to_bytes()[:2] == b"\x80\x40"


def test_set_get_clear() -> None:
    bits = Bitstring()
    bits.set(94567)
    assert (bits.get(94566), bits.get(94567), bits.get(94568)) == (False, True, False)
    bits.set(94567, False)
    assert bits.get(94567) is False


@pytest.mark.parametrize("index", [-1, MIN_ENTRIES])
def test_out_of_range_index_is_refused(index: int) -> None:
    with pytest.raises(StatusListError, match="outside the list"):
        Bitstring().get(index)


def test_round_trip_keeps_every_set_bit() -> None:
    bits = Bitstring()
    for index in (0, 7, 8, 4096, 94567, MIN_ENTRIES - 1):
        bits.set(index)
    encoded = bits.encode()
    assert encoded.startswith("uH4sI")  # multibase 'u' + base64url of the GZIP magic 1f 8b
    assert Bitstring.decode(encoded).set_indexes() == [0, 7, 8, 4096, 94567, MIN_ENTRIES - 1]


def test_encoding_reproduces_the_example_list_byte_for_byte() -> None:
    example = load_json(EXAMPLES / "example-status-list.json")
    bits = Bitstring()
    bits.set(94567)
    assert bits.encode() == example["credentialSubject"]["encodedList"]


def test_list_credential_body_matches_the_example() -> None:
    example = load_json(EXAMPLES / "example-status-list.json")
    bits = Bitstring()
    bits.set(94567)
    body = status_list_credential(
        list_url=LIST_URL,
        issuer="did:key:z6MkwUdLjsEGAnXCrCP98QBc26GQYNfPi3irTWJ5GPzdnp1b",
        valid_from=datetime(2026, 1, 15, 9, tzinfo=UTC),
        bitstring=bits,
    )
    assert body == {key: value for key, value in example.items() if key != "proof"}


def test_1edtech_test_list_has_bit_23_set() -> None:
    testlist = load_json(VALIDATOR / "ob30" / "bit-string-list" / "testlist")
    assert bitstring_of(testlist).set_indexes() == [23]


def test_entry_builder_and_lookup() -> None:
    entry = status_entry(list_url=LIST_URL, index=94567)
    assert entry == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }
    example = load_json(EXAMPLES / "example-status-list.json")
    assert is_set(example, entry) is True
    assert is_set(example, status_entry(list_url=LIST_URL, index=94566)) is False
    with pytest.raises(StatusListError, match="purpose mismatch"):
        is_set(example, status_entry(list_url=LIST_URL, index=94567, purpose="suspension"))


def test_status_entries_reads_object_or_array() -> None:
    entry = status_entry(list_url=LIST_URL, index=3)
    assert status_entries({"credentialStatus": entry}) == [entry]
    other = {"type": "1EdTechRevocationList", "id": "https://x"}
    assert status_entries({"credentialStatus": [other, entry]}) == [entry]
    assert status_entries({}) == []


@pytest.mark.parametrize(("value", "index"), [("23", 23), (23, 23), ("0", 0)])
def test_parse_index_accepts_strings_and_numbers(value: object, index: int) -> None:
    assert parse_index(value) == index


@pytest.mark.parametrize("value", ["-1", "1e3", "", " 3", True, None, 2.0, "²"])
def test_parse_index_refuses_anything_else(value: object) -> None:
    with pytest.raises(StatusListError, match="statusListIndex"):
        parse_index(value)


@pytest.mark.parametrize("encoded", ["uH4sInotgzip", "u!!!", "zabc"])
def test_decode_refuses_garbage(encoded: str) -> None:
    with pytest.raises(StatusListError):
        Bitstring.decode(encoded)


def test_decode_refuses_a_list_shorter_than_16_kib() -> None:
    short = multibase_encode(gzip.compress(b"\0" * 1024), "u")
    with pytest.raises(StatusListError, match="at least 131072"):
        Bitstring.decode(short)
