"""Which of the linker's matches for a sentence become links (pure): the best, and the second when it scores
within MARGIN of it, above the review threshold;
those from the accept threshold up count in the figures at once, those between wait for the manager's decision.
Thresholds are per linker mode (cosine for the shipped model, BM25 share for the lexical fallback), set on the
demo's hand-labelled ads (`bench/intelligence.py` reports precision and recall at them)."""

import hashlib
import re
from collections.abc import Sequence

THRESHOLDS = {"dense": (0.62, 0.52), "lexical": (0.18, 0.1)}  # (accept, review) per linker mode
PER_SENTENCE = 2
MARGIN = 0.03  # a second skill only when it scores nearly as well as the first (a sentence asking for two)
_WORD = re.compile(r"[^\W_]+")


def choose(matches: Sequence[tuple[str, float]], mode: str = "dense") -> list[tuple[str, float, str]]:
    """(uri, score) best first → (uri, score, "accepted" or "review") for the ones kept."""
    accept, review = THRESHOLDS[mode]
    best = matches[0][1] if matches else 0.0
    kept = [(uri, score) for uri, score in matches if score >= review and score >= best - MARGIN][:PER_SENTENCE]
    return [(uri, score, "accepted" if score >= accept else "review") for uri, score in kept]


def sentence_key(sentence: str) -> str:
    """The same sentence, whatever its case and punctuation: decisions on it are reused."""
    return hashlib.sha256(" ".join(w.lower() for w in _WORD.findall(sentence)).encode()).hexdigest()[:32]
