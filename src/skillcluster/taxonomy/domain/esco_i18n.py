"""ESCO labels in other languages read from the project's files (pure): one record per concept and language,
and the URIs the loaded English ESCO does not know, counted (retired or newer concepts), never fatal."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("de", "es", "fr", "it")


@dataclass(frozen=True)
class LabelRecord:
    kind: str
    uri: str
    language: str
    preferred_label: str
    alt_labels: str
    esco_version: str


@dataclass(frozen=True)
class Read:
    records: list[LabelRecord]
    unknown: int  # rows whose URI the English ESCO loaded here does not have


def read_labels(path: Path, language: str, known: Iterable[str]) -> Read:
    known_uris = set(known)
    records, unknown = [], 0
    with gzip.open(path, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
            uri, label = row.get("conceptUri", "").strip(), row.get("preferredLabel", "").strip()
            kind = row.get("conceptKind", "").strip()
            if not uri or not label or kind not in ("skill", "occupation"):
                continue
            if uri not in known_uris:
                unknown += 1
                continue
            alts = "\n".join(a.strip() for a in row.get("altLabels", "").splitlines() if a.strip())
            records.append(LabelRecord(kind, uri, language, label[:400], alts, row.get("escoVersion", "")[:12]))
    return Read(records, unknown)
