"""BM25 over concept labels: the linker's mode when no model is shipped, and its only mode in the other
languages ESCO has labels in (the shipped model reads English). Pure numpy, no Django.

Each label is a document. English words go through a light suffix stripper tuned on ESCO's labels; Italian,
German, French and Spanish through that language's Snowball stemmer, with its own short words left out.
A query token absent from the vocabulary is replaced by its closest vocabulary
token (rapidfuzz ratio >= 85, tokens of 4+ characters), so "excell" still finds "excel".
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from snowballstemmer import stemmer

from skillcluster.taxonomy.linking.language import STOPWORDS

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


SNOWBALL = {"it": "italian", "de": "german", "fr": "french", "es": "spanish"}
# Short words of the other languages beyond the ones that tell languages apart.
_MORE_STOP = {
    "it": "a al alla allo ai agli alle da dal dalla dei degli delle gli i in l le lo o su sul sulla tra fra come",
    "de": "am an auf aus bei dem des einer eines einem im in oder zum zur sich als auch",
    "fr": "à aux ce ces de d en l la sur par ou son sa ses leur leurs qui",
    "es": "a al como e en lo o su sus sobre u entre",
}
LANGUAGES = ("en", *SNOWBALL)


def tokens(text: str, language: str = "en") -> list[str]:
    """Lower-cased, stemmed word tokens without stop words, in `language` (an ISO 639-1 code of LANGUAGES)."""
    words = _WORD.findall(text.lower())
    if language == "en":
        return [stem(w) for w in words if w not in _STOP]
    stop = STOPWORDS[language] | set(_MORE_STOP[language].split())
    kept = [w for w in words if w not in stop]
    # A stemmer keeps state while it works: one per call (microseconds) keeps the index safe across threads.
    stemmed: list[str] = stemmer(SNOWBALL[language]).stemWords(kept)
    # Snowball conflates more than the English stripper ("modellista" and "modella" both give "modell"):
    # the word as written counts too, so the label that has the very word wins.
    return stemmed + [f"={w}" for w in kept]


class Bm25Index:
    """Inverted index in CSR form: for vocabulary id t, postings[indptr[t]:indptr[t+1]] hold
    (label id, precomputed BM25 term weight)."""

    def __init__(self, labels: list[str], language: str = "en") -> None:
        self.language = language
        docs = [Counter(tokens(label, language)) for label in labels]
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
        query = list(dict.fromkeys(tokens(text, self.language)))[:64]  # cap: a 2,000-character text still stays fast
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
