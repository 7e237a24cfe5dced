"""Free text -> ranked ESCO concepts. A pure module: no Django, concepts come in as arguments.

How it ranks: every concept contributes all its labels (preferred, alternative, hidden) to one index, and a
concept scores the best of its labels' scores.

* dense mode (a model directory is given): the text and every label are embedded by the fine-tuned
  bi-encoder shipped in `model/` (ONNX, see model/MODEL.md); score = cosine similarity in [-1, 1]. Label
  embeddings are computed once and cached on disk under `cache_dir` (see linking_index.py).
* lexical mode (no model): BM25 over the same labels with light stemming and typo-tolerant query words;
  score in [0, 1]. Nothing is cached; the index builds in about a second for all of ESCO.

The two modes are not fused: after fine-tuning, reciprocal-rank fusion with BM25 no longer helped on sentences,
so dense mode is dense only and lexical mode is the fallback when the model files are absent.

A skill linker for English text also says how sure each match is: a probability that the text names it, and
a word for the page, "likely" or "possible" (calibration.py). A sentence often names several skills, so every
match is judged, not only the best.

Input is capped at MAX_CHARS characters (the rest is ignored, with a note), HTML tags and entities are
removed, and a text longer than CHUNK_CHARS is split into sentence chunks (at most MAX_CHUNKS) whose scores
are max-pooled, so a long self-description still finds the skill of each sentence. No input takes a slow
path: the work per text is bounded by MAX_CHARS.
"""

from __future__ import annotations

import csv
import gzip
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from skillcluster.taxonomy.linking import calibration
from skillcluster.taxonomy.linking.calibration import Calibration, Confidence
from skillcluster.taxonomy.linking.dense import MODEL_FILE, Encoder, Progress, cached_embeddings, model_digest
from skillcluster.taxonomy.linking.lexical import Bm25Index
from skillcluster.words import gettext

MAX_CHARS = 2_000
CHUNK_CHARS = 300
MAX_CHUNKS = 8
MAX_TOP_K = 100
PRUNE_COSINE = 0.92
SHIPPED_MODEL_DIR = Path(__file__).resolve().parent / "model"

Kind = Literal["skill", "occupation"]
_TAG = re.compile(r"<[^<>]{0,200}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORDLIKE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Concept:
    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...] = ()
    kind: Kind = "skill"


@dataclass(frozen=True, slots=True)
class Match:
    uri: str
    label: str  # the concept's preferred label
    score: float
    matched_label: str  # the label of this concept that scored best
    probability: float | None = None  # that the text names this concept (None: the linker is not calibrated)
    confidence: Confidence = ""  # "likely", "possible" or "" (a candidate only; or not calibrated)


@dataclass(frozen=True, slots=True)
class LinkResult:
    matches: tuple[Match, ...]
    mode: Literal["dense", "lexical"]
    reason: str | None = None  # set exactly when matches is empty: why
    notes: tuple[str, ...] = ()  # what was done to the input (truncated, tags removed, ...)


@dataclass(frozen=True, slots=True)
class _Prepared:
    chunks: tuple[str, ...]
    reason: str | None
    notes: tuple[str, ...]


def default_model_dir() -> Path | None:
    """The model shipped with the package, or None when its files are absent (then use lexical mode)."""
    return SHIPPED_MODEL_DIR if (SHIPPED_MODEL_DIR / MODEL_FILE).exists() else None


def prepare(text: str) -> _Prepared:
    """Clean and cap the input; never more than MAX_CHARS characters of work."""
    notes: list[str] = []
    if len(text) > MAX_CHARS:
        notes.append(
            gettext("truncated: used the first %(used)s of %(length)s characters")
            % {"used": MAX_CHARS, "length": len(text)}
        )
        text = text[:MAX_CHARS]
    cleaned = html.unescape(_TAG.sub(" ", text))
    if cleaned != text:
        notes.append(gettext("removed HTML tags or entities"))
    cleaned = re.sub(r"[ \t]+", " ", _CONTROL.sub(" ", cleaned)).strip()
    if not cleaned:
        return _Prepared((), gettext("empty text"), tuple(notes))
    letters = [c for c in cleaned if c.isalpha()]
    if not _WORDLIKE.search(cleaned):
        return _Prepared((), gettext("no words: the text has no letters or digits"), tuple(notes))
    if letters and sum(c.isascii() for c in letters) < len(letters) / 2:
        notes.append(gettext("mostly non-Latin script: ESCO labels here are English, expect weak matches"))
    return _Prepared(_chunks(cleaned), None, tuple(notes))


def _chunks(text: str) -> tuple[str, ...]:
    if len(text) <= CHUNK_CHARS:
        return (text,)
    chunks: list[str] = []
    for piece in (p.strip() for s in _SENTENCE_END.split(text) for p in _windows(s)):
        if chunks and len(chunks[-1]) + len(piece) < CHUNK_CHARS:
            chunks[-1] = f"{chunks[-1]} {piece}"
        elif piece:
            chunks.append(piece)
    return tuple(chunks[:MAX_CHUNKS])


def _windows(sentence: str) -> list[str]:
    """A sentence longer than CHUNK_CHARS cut at spaces into pieces of at most about CHUNK_CHARS, so no
    part of a run-on text falls beyond the encoder's token limit unseen."""
    pieces: list[str] = []
    while len(sentence) > CHUNK_CHARS:
        cut = sentence.rfind(" ", 0, CHUNK_CHARS)
        cut = cut if cut > 0 else CHUNK_CHARS
        pieces.append(sentence[:cut])
        sentence = sentence[cut:].lstrip()
    return [*pieces, sentence]


class Linker:
    """Ranks concepts for free text. Build with `Linker.build`; thread-safe for reading."""

    def __init__(
        self,
        concepts: Sequence[Concept],
        labels: list[str],
        offsets: NDArray[np.int64],
        *,
        encoder: Encoder | None,
        embeddings: NDArray[np.float32] | None,
        from_cache: bool,
        language: str = "en",
        calibrated: Calibration | None = None,
    ) -> None:
        self.concepts = tuple(concepts)
        self.labels = labels
        self.offsets = offsets  # labels of concept i are labels[offsets[i]:offsets[i + 1]]
        self.encoder = encoder
        self.embeddings = embeddings
        self.from_cache = from_cache
        self.language = language  # of the labels, and of the text it reads
        self.lexical = Bm25Index(labels, language) if encoder is None else None
        self.calibrated = calibrated

    @property
    def mode(self) -> Literal["dense", "lexical"]:
        return "lexical" if self.encoder is None else "dense"

    @classmethod
    def build(
        cls,
        concepts: Iterable[Concept],
        *,
        model_dir: Path | None,
        cache_dir: Path,
        prune_cosine: float = PRUNE_COSINE,
        progress: Progress | None = None,
        language: str = "en",
    ) -> Linker:
        """Index `concepts` (unique URIs, non-empty preferred labels). With `model_dir` (holding encoder.onnx
        and tokenizer.json) the linker is dense and its label embeddings live in `cache_dir`; with None it
        is lexical. In dense mode a label within `prune_cosine` of another label of the same concept is
        left out of the index (see linking_index.near_duplicate_mask; 1.0 keeps all). Raises ValueError
        on a duplicate URI or empty label, FileNotFoundError on a model_dir without the model files. Labels in
        another `language` than English make a lexical linker for text in that language (the model reads
        English only)."""
        concepts = tuple(concepts)
        labels, offsets = _label_table(concepts)
        # fitted on English sentences naming skills: it says nothing of occupations or of other languages
        calibratable = language == "en" and all(c.kind == "skill" for c in concepts)
        if model_dir is None or language != "en":
            # the lexical calibration needs no model: it ships beside the model's, and holds without it
            lexical = calibration.load(SHIPPED_MODEL_DIR, "lexical") if calibratable else None
            return cls(
                concepts, labels, offsets, encoder=None, embeddings=None, from_cache=False, language=language,
                calibrated=lexical,
            )  # fmt: skip
        if not (model_dir / MODEL_FILE).exists():
            raise FileNotFoundError(f"no {MODEL_FILE} in {model_dir}; pass model_dir=None for lexical mode")
        encoder = Encoder(model_dir)
        matrix, keep, hit = cached_embeddings(
            labels, offsets, encoder, model_digest(model_dir), cache_dir, prune_cosine=prune_cosine, progress=progress
        )
        kept_offsets = np.concatenate(([0], np.cumsum(keep)))[offsets]
        kept_labels = [label for label, k in zip(labels, keep.tolist(), strict=True) if k]
        return cls(
            concepts, kept_labels, kept_offsets, encoder=encoder, embeddings=matrix, from_cache=hit,
            calibrated=calibration.load(model_dir, "dense") if calibratable else None,
        )  # fmt: skip

    def link(self, text: str, *, top_k: int = 10) -> LinkResult:
        return self.link_many([text], top_k=top_k)[0]

    def link_many(self, texts: Sequence[str], *, top_k: int = 10) -> list[LinkResult]:
        """One LinkResult per text, in order; texts are encoded together (faster than one by one)."""
        top_k = max(1, min(top_k, MAX_TOP_K, len(self.concepts)))
        prepared = [prepare(t) for t in texts]
        results: list[LinkResult] = []
        for start in range(0, len(prepared), 64):
            results += self._link_batch(prepared[start : start + 64], top_k)
        return results

    def _link_batch(self, batch: list[_Prepared], top_k: int) -> list[LinkResult]:
        chunks = [c for p in batch for c in p.chunks]
        label_scores = self._label_scores(chunks) if chunks else np.zeros((0, len(self.labels)), np.float32)
        # a concept scores its best label: one reduceat over the whole batch of chunks
        concept_scores = np.maximum.reduceat(label_scores, self.offsets[:-1], axis=1) if chunks else label_scores
        out, row = [], 0
        for p in batch:
            if p.reason is not None:
                out.append(LinkResult((), self.mode, p.reason, p.notes))
                continue
            rows = slice(row, row + len(p.chunks))
            row += len(p.chunks)
            out.append(self._rank(concept_scores[rows].max(axis=0), label_scores[rows], top_k, p.notes))
        return out

    def _label_scores(self, chunks: list[str]) -> NDArray[np.float32]:
        if self.encoder is not None and self.embeddings is not None:
            return self.encoder.encode(chunks) @ np.asarray(self.embeddings)
        if self.lexical is None:  # unreachable: a linker without an encoder always has a lexical index
            raise RuntimeError("linker has neither an encoder nor a lexical index")
        return np.stack([self.lexical.scores(c) for c in chunks])

    def _best_labels(self, top: NDArray[np.intp], label_scores: NDArray[np.float32]) -> NDArray[np.intp]:
        """For each concept in `top`, the index of its best-scoring label (first one on ties); touches only
        the labels of those concepts, not the whole index."""
        lo, lens = self.offsets[top], self.offsets[top + 1] - self.offsets[top]
        seg_start = np.concatenate(([0], np.cumsum(lens)[:-1]))
        idx = np.repeat(lo - seg_start, lens) + np.arange(int(lens.sum()))
        values = label_scores[:, idx].max(axis=0)
        order = np.lexsort((idx, -values, np.repeat(np.arange(len(top)), lens)))
        return idx[order[seg_start]]

    def _rank(
        self, concept_scores: NDArray[np.float32], label_scores: NDArray[np.float32], top_k: int, notes: tuple[str, ...]
    ) -> LinkResult:
        if self.mode == "lexical" and not concept_scores.any():
            return LinkResult((), self.mode, gettext("no label shares a word with the text"), notes)
        top = np.argpartition(-concept_scores, top_k - 1)[:top_k]
        # ties broken by position in the concept list, so results are deterministic
        top = top[np.lexsort((top, -concept_scores[top]))]
        best = self._best_labels(top, label_scores)
        scores = concept_scores[top]
        probabilities = self.calibrated.probabilities(scores).tolist() if self.calibrated else [None] * len(top)
        # built once with their confidence (not replaced afterwards): a hundred matches a text add up
        matches = [
            Match(self.concepts[i].uri, self.concepts[i].preferred_label, round(s, 4), self.labels[b], *self._judge(p))
            for i, b, s, p in zip(top.tolist(), best.tolist(), scores.tolist(), probabilities, strict=True)
        ]
        if self.mode == "lexical":
            matches = [m for m in matches if m.score > 0]
        return LinkResult(tuple(matches), self.mode, None, notes)

    def _judge(self, probability: float | None) -> tuple[float | None, Confidence]:
        """A match's probability, rounded, and its word for the page; nothing from a linker without calibration."""
        if probability is None or self.calibrated is None:
            return None, ""
        return round(probability, 3), self.calibrated.confidence(probability)


def _label_table(concepts: Sequence[Concept]) -> tuple[list[str], NDArray[np.int64]]:
    labels: list[str] = []
    offsets = [0]
    seen: set[str] = set()
    for c in concepts:
        if c.uri in seen:
            raise ValueError(f"duplicate concept uri {c.uri!r}")
        seen.add(c.uri)
        if not c.preferred_label.strip():
            raise ValueError(f"concept {c.uri!r} has an empty preferred label")
        own: dict[str, str] = {}
        for label in (c.preferred_label, *c.alt_labels):
            own.setdefault(label.strip().casefold(), label.strip())
        labels += [v for k, v in own.items() if k]
        offsets.append(len(labels))
    return labels, np.array(offsets, dtype=np.int64)


def concepts_from_rows(rows: Iterable[Mapping[str, object]], *, kind: Kind) -> list[Concept]:
    """Concepts from ESCO-shaped rows (conceptUri, preferredLabel, altLabels and hiddenLabels as
    newline-separated cells), whatever they come from: a CSV reader, a queryset's values()."""
    return [
        Concept(
            uri=str(r["conceptUri"]),
            preferred_label=str(r["preferredLabel"]).strip(),
            alt_labels=tuple(
                s.strip() for s in f"{r.get('altLabels') or ''}\n{r.get('hiddenLabels') or ''}".split("\n") if s.strip()
            ),
            kind=kind,
        )
        for r in rows
    ]


def concepts_from_esco_csv(path: Path, *, kind: Kind = "skill") -> list[Concept]:
    """Concepts from an ESCO CSV, gzip or plain: skills.csv.gz (kind "skill") or occupations.csv.gz
    (kind "occupation")."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return concepts_from_rows(csv.DictReader(handle), kind=kind)
