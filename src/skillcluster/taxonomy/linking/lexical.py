"""BM25 over concept labels: the linker's mode when no model is shipped. Pure numpy, no Django.

Each label is a document. A query token absent from the vocabulary is replaced by its closest vocabulary
token (rapidfuzz ratio >= 85, tokens of 4+ characters), so "excell" still finds "excel".
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

K1 = 1.2
B = 0.75
FUZZY_CUTOFF = 85.0
_WORD = re.compile(r"[^\W_]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "our",
        "we",
        "you",
        "your",
        "i",
        "my",
        "their",
        "they",
        "this",
        "that",
        "will",
        "can",
    ]
)


def stem(word: str) -> str:
    """A deliberately light suffix stripper: plural and -ing/-ed forms meet their base form."""
    rules = (
        ("ies", "y"),
        ("sses", "ss"),
        ("shes", "sh"),
        ("ches", "ch"),
        ("xes", "x"),
        ("ing", ""),
        ("ed", ""),
        ("s", ""),
    )
    for suffix, repl in rules:
        if word.endswith(suffix) and len(word) - len(suffix) + len(repl) >= 3 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + repl
    return word


def tokens(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens without stop words."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


class Bm25Index:
    """Inverted index in CSR form: for vocabulary id t, postings[indptr[t]:indptr[t+1]] hold
    (label id, precomputed BM25 term weight)."""

    def __init__(self, labels: list[str]) -> None:
        docs = [Counter(tokens(label)) for label in labels]
        lengths = np.array([sum(d.values()) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if len(docs) else 1.0
        by_token: dict[str, list[tuple[int, int]]] = {}
        for doc_id, counts in enumerate(docs):
            for tok, tf in counts.items():
                by_token.setdefault(tok, []).append((doc_id, tf))
        self.vocab = {tok: i for i, tok in enumerate(by_token)}
        self._vocab_list = list(by_token)
        self.n_labels = len(labels)
        self.idf = np.zeros(len(by_token), dtype=np.float32)
        self.indptr = np.zeros(len(by_token) + 1, dtype=np.int64)
        ids: list[int] = []
        weights: list[float] = []
        for t, posts in enumerate(by_token.values()):
            df = len(posts)
            self.idf[t] = np.log(1.0 + (len(docs) - df + 0.5) / (df + 0.5))
            for doc_id, tf in posts:
                norm = tf + K1 * (1 - B + B * lengths[doc_id] / avg)
                ids.append(doc_id)
                weights.append(float(self.idf[t]) * tf * (K1 + 1) / norm)
            self.indptr[t + 1] = len(ids)
        self.postings = np.array(ids, dtype=np.int64)
        self.weights = np.array(weights, dtype=np.float32)

    def _resolve(self, tok: str) -> int | None:
        if tok in self.vocab:
            return self.vocab[tok]
        if len(tok) < 4 or not self._vocab_list:
            return None
        hit = process.extractOne(tok, self._vocab_list, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return None if hit is None else self.vocab[hit[0]]

    def scores(self, text: str) -> NDArray[np.float32]:
        """Per-label score in [0, 1]: BM25 divided by the best a label could reach for this query."""
        out = np.zeros(self.n_labels, dtype=np.float32)
        query = list(dict.fromkeys(tokens(text)))[:64]  # cap: a 2,000-character text still stays fast
        resolved = [t for t in (self._resolve(q) for q in query) if t is not None]
        if not resolved:
            return out
        ceiling = float(sum(self.idf[t] for t in resolved)) * (K1 + 1)
        for t in resolved:
            lo, hi = self.indptr[t], self.indptr[t + 1]
            out += np.bincount(self.postings[lo:hi], weights=self.weights[lo:hi], minlength=self.n_labels).astype(
                np.float32
            )
        # unresolved query words count against the ceiling too, so "java" alone beats "java and cobol" for "java"
        missing = len(query) - len(resolved)
        ceiling += missing * float(self.idf.mean()) * (K1 + 1)
        return out / max(ceiling, 1e-9)
