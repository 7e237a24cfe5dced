"""Search-as-you-type over concept labels, tolerant of typos and word order. A pure module: no Django.

How it ranks: each query word is matched against the vocabulary of label words (exactly, as a prefix, or
within a typo distance with rapidfuzz), so "custmer servise" reaches "customer service". A label's coverage
is the IDF-weighted share of query words it contains; the best candidates are re-ranked by coverage and an
order-free string similarity. A concept scores its best label. Work per query is bounded: the query is cut
to MAX_QUERY_CHARS and MAX_WORDS words.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

MAX_QUERY_CHARS = 200
MAX_WORDS = 8
MAX_PREFIX_WORDS = 60
RERANK = 400
_WORD = re.compile(r"[^\W_]+")
STOPWORDS = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"])


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "skill" or "occupation"
    id: int
    label: str  # preferred label
    labels: tuple[str, ...]  # alternative (and hidden) labels
    uri: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    id: int
    label: str
    matched_label: str
    score: float  # 0..100
    uri: str = ""


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class LabelIndex:
    """Built once per process from all concepts (about a second for ESCO); searching is read-only."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = tuple(entries)
        labels: list[str] = []
        owner: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for index, entry in enumerate(self.entries):
            for label in dict.fromkeys((entry.label, *entry.labels)):
                for word in set(words(label)):
                    postings[word].append(len(labels))
                labels.append(label)
                owner.append(index)
        self.labels = labels
        self.normalized = [" ".join(words(label)) for label in labels]
        self.owner = np.array(owner, dtype=np.int64)
        self.vocabulary = sorted(postings)
        self.postings = [np.array(postings[w], dtype=np.int64) for w in self.vocabulary]
        self.idf = np.array([math.log(1 + len(labels) / len(p)) for p in self.postings], dtype=np.float32)

    def search(self, query: str, *, limit: int = 10, kinds: Sequence[str] | None = None) -> list[Hit]:
        terms = _query_terms(query)
        if not terms:
            return []
        coverage = self._coverage(terms)
        candidates = np.flatnonzero(coverage >= 0.5)
        if len(candidates) > RERANK:
            candidates = candidates[np.argpartition(-coverage[candidates], RERANK - 1)[:RERANK]]
        text = " ".join(terms)
        best: dict[int, Hit] = {}
        for label_index in candidates.tolist():
            entry = self.entries[self.owner[label_index]]
            if kinds is not None and entry.kind not in kinds:
                continue
            similarity = fuzz.token_sort_ratio(text, self.normalized[label_index])
            # a small bonus prefers the preferred label on a tie
            bonus = 0.5 if entry.label == self.labels[label_index] else 0.0
            score = min(100.0, round(70 * float(coverage[label_index]) + 0.3 * similarity + bonus, 1))
            owner = int(self.owner[label_index])
            if owner not in best or score > best[owner].score:
                best[owner] = Hit(entry.kind, entry.id, entry.label, self.labels[label_index], score, entry.uri)
        return sorted(best.values(), key=lambda h: (-h.score, h.label))[:limit]

    def _coverage(self, terms: list[str]) -> NDArray[np.float32]:
        total = np.zeros(len(self.labels), dtype=np.float32)
        weights = 0.0
        for term in terms:
            matched = self._matching_words(term)
            if not matched:
                weights += 1.0  # an unknown word still counts: coverage stays honest
                continue
            weight = float(self.idf[max(matched, key=lambda m: (m[1], self.idf[m[0]]))[0]])
            per_label = np.zeros(len(self.labels), dtype=np.float32)
            for word_index, similarity in matched:
                np.maximum.at(per_label, self.postings[word_index], similarity)
            total += weight * per_label
            weights += weight
        return total / weights

    def _matching_words(self, term: str) -> list[tuple[int, float]]:
        """(vocabulary index, similarity 0..1) of the words a query word may stand for."""
        found: dict[int, float] = {}
        start = bisect.bisect_left(self.vocabulary, term)
        for i in range(start, min(start + MAX_PREFIX_WORDS, len(self.vocabulary))):
            if not self.vocabulary[i].startswith(term):
                break
            found[i] = 1.0 if self.vocabulary[i] == term else 0.9
        if len(term) >= 4:
            cutoff = 80 if len(term) <= 5 else 75
            for _, score, i in process.extract(term, self.vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20):
                found[i] = max(found.get(i, 0.0), float(score) / 100 * 0.95)
        return list(found.items())


def _query_terms(query: str) -> list[str]:
    terms = words(query[:MAX_QUERY_CHARS])
    content = [t for t in terms if t not in STOPWORDS]
    return list(dict.fromkeys(content or terms))[:MAX_WORDS]
