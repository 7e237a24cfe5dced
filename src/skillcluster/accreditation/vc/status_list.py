"""W3C Bitstring Status List v1.0: the bitstring, its encoding, and the credential shapes.

Bit 0 is the left-most (most significant) bit of the first byte. ``encodedList`` is the
multibase base64url ('u', no padding) of the GZIP-compressed bitstring. A list holds at
least 131,072 entries (16 KiB) so that one set bit does not single out its holder.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from skillcluster.accreditation.vc.multibase import MultibaseError, multibase_decode, multibase_encode

MIN_ENTRIES = 131_072
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
CREDENTIAL_TYPE = "BitstringStatusListCredential"
VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
# Level 9 and zlib's gzip header (mtime 0, OS Unix) reproduce the encodedList of reference
# implementations byte for byte; any gzip decodes, but stable bytes make tests exact.
_GZIP_LEVEL = 9
_GZIP_WBITS = 31


class StatusListError(ValueError):
    """An encoded list, an index or a status entry is invalid."""


class Bitstring:
    """A mutable bitstring of ``size`` entries (a multiple of 8, at least MIN_ENTRIES)."""

    def __init__(self, size: int = MIN_ENTRIES, data: bytes | None = None) -> None:
        if size < MIN_ENTRIES or size % 8:
            raise StatusListError(f"A status list has at least {MIN_ENTRIES} entries, in whole bytes")
        if data is not None and len(data) * 8 != size:
            raise StatusListError("data length does not match size")
        self._bytes = bytearray(data if data is not None else size // 8)

    @property
    def size(self) -> int:
        return len(self._bytes) * 8

    def _locate(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self.size:
            raise StatusListError(f"Index {index} is outside the list (0..{self.size - 1})")
        return index // 8, 0x80 >> (index % 8)

    def get(self, index: int) -> bool:
        position, mask = self._locate(index)
        return bool(self._bytes[position] & mask)

    def set(self, index: int, value: bool = True) -> None:
        position, mask = self._locate(index)
        if value:
            self._bytes[position] |= mask
        else:
            self._bytes[position] &= ~mask & 0xFF

    def set_indexes(self) -> list[int]:
        """Every index whose bit is 1, ascending."""
        return [i for i in range(self.size) if self._bytes[i // 8] & (0x80 >> (i % 8))]

    def to_bytes(self) -> bytes:
        return bytes(self._bytes)

    def encode(self) -> str:
        """``encodedList``: 'u' + base64url(gzip(bitstring))."""
        compressor = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, _GZIP_WBITS)
        return multibase_encode(compressor.compress(self.to_bytes()) + compressor.flush(), "u")

    @classmethod
    def decode(cls, encoded_list: str) -> Bitstring:
        """Parse an ``encodedList``; StatusListError when it is not u-base64url GZIP of ≥16 KiB.

        A leading 'u' is expected; 1EdTech and VC 1.1 lists without it are accepted too.
        """
        body = encoded_list if encoded_list.startswith("u") else "u" + encoded_list
        try:
            raw = zlib.decompress(multibase_decode(body), _GZIP_WBITS)
        except (MultibaseError, zlib.error) as error:
            raise StatusListError(f"encodedList is not base64url-encoded GZIP: {error}") from error
        return cls(size=len(raw) * 8, data=raw)


def parse_index(value: object) -> int:
    """``statusListIndex`` as an int; the spec writes a base-10 string, some issuers a number."""
    if isinstance(value, bool):
        raise StatusListError("statusListIndex must be a base-10 integer string")
    if isinstance(value, int):
        index = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        index = int(value)
    else:
        raise StatusListError(f"statusListIndex must be a base-10 integer string, got {value!r}")
    if index < 0:
        raise StatusListError("statusListIndex must not be negative")
    return index


def status_entry(*, list_url: str, index: int, purpose: str = "revocation") -> dict[str, str]:
    """A ``credentialStatus`` entry pointing at bit ``index`` of the list at ``list_url``."""
    if index < 0:
        raise StatusListError("statusListIndex must not be negative")
    return {
        "id": f"{list_url}#{index}",
        "type": ENTRY_TYPE,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


def status_entries(credential: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The credential's BitstringStatusListEntry objects (``credentialStatus`` object or array)."""
    status = credential.get("credentialStatus")
    if status is None:
        return []
    items = status if isinstance(status, list) else [status]
    return [dict(item) for item in items if isinstance(item, dict) and item.get("type") == ENTRY_TYPE]


def status_list_credential(
    *,
    list_url: str,
    issuer: str,
    valid_from: datetime | str,
    bitstring: Bitstring,
    purpose: str = "revocation",
) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential body published at ``list_url``."""
    stamp = valid_from if isinstance(valid_from, str) else _xsd_datetime(valid_from)
    return {
        "@context": [VC_V2_CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "issuer": issuer,
        "validFrom": stamp,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": LIST_TYPE,
            "statusPurpose": purpose,
            "encodedList": bitstring.encode(),
        },
    }


def bitstring_of(list_credential: Mapping[str, Any]) -> Bitstring:
    """Decode the bitstring of a BitstringStatusListCredential (StatusListError if malformed)."""
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("type") != LIST_TYPE:
        raise StatusListError("Not a BitstringStatusListCredential: credentialSubject type")
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        raise StatusListError("credentialSubject.encodedList is missing")
    return Bitstring.decode(encoded)


def is_set(list_credential: Mapping[str, Any], entry: Mapping[str, Any]) -> bool:
    """True when ``entry``'s bit is 1 in ``list_credential`` (purposes must match)."""
    subject = list_credential.get("credentialSubject")
    purpose = subject.get("statusPurpose") if isinstance(subject, dict) else None
    if purpose != entry.get("statusPurpose"):
        raise StatusListError(f"Status purpose mismatch: entry {entry.get('statusPurpose')!r}, list {purpose!r}")
    return bitstring_of(list_credential).get(parse_index(entry.get("statusListIndex")))


def _xsd_datetime(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("validFrom must be timezone-aware")
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
