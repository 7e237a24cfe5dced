"""The skill-linking benchmark's scoring, with no product import: the benchmark, the calibration tool and the
training tool (which runs where the product is not installed) score sentences the same way."""

from __future__ import annotations

import csv
import hashlib
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

DROP = {"LABEL NOT PRESENT", "UNDERSPECIFIED"}


class Labelled(Protocol):
    uri: str
    preferred_label: str
    alt_labels: Sequence[str]


def read_annotations(path: Path) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """(sentence -> gold labels in file order, [(span text, label)]) with the two markers dropped."""
    sentences: dict[str, list[str]] = {}
    spans: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = row["label"].strip()
            if label in DROP or not label:
                continue
            gold = sentences.setdefault(row["sentence"], [])
            if label not in gold:
                gold.append(label)
            span = (row.get("sub_span") or "").strip() or (row.get("span") or "").strip()
            if span:
                spans.append((span, label))
    return sentences, spans


class LabelResolver:
    def __init__(self, concepts: Iterable[Labelled]) -> None:
        concepts = list(concepts)
        self.exact = {c.preferred_label: c.uri for c in concepts}
        self.folded = {c.preferred_label.casefold(): c.uri for c in concepts}
        alt: dict[str, set[str]] = {}
        for c in concepts:
            for a in c.alt_labels:
                alt.setdefault(a.casefold(), set()).add(c.uri)
        self.alt = {k: next(iter(v)) for k, v in alt.items() if len(v) == 1}

    def __call__(self, label: str) -> str | None:
        return self.exact.get(label) or self.folded.get(label.casefold()) or self.alt.get(label.casefold())


def scores(ranked: list[str], gold: set[str]) -> tuple[float, float, float]:
    """(RP@5, reciprocal rank, Recall@10) for one query; unresolved gold labels can never be hit."""
    rp5 = len(gold.intersection(ranked[:5])) / min(5, len(gold))
    rr = next((1.0 / (i + 1) for i, uri in enumerate(ranked) if uri in gold), 0.0)
    return rp5, rr, len(gold.intersection(ranked[:10])) / len(gold)


def mean_pct(values: list[float]) -> float | None:
    return round(100 * statistics.fmean(values), 2) if values else None


def half_of(sentence: str) -> str:
    """ "a" or "b", fixed by the sentence's text (the parity of its SHA-256): a variant chosen on one half of a
    validation set is scored on the other, so the choice cannot have fitted the sentences it is scored on."""
    return "ab"[hashlib.sha256(sentence.encode()).digest()[0] % 2]
