"""The linker's dense side: an ONNX bi-encoder and the on-disk cache of label embeddings. No Django.

The model directory holds `encoder.onnx` (input_ids, attention_mask -> L2-normalised sentence embedding)
and `tokenizer.json`. Label embeddings are cached as `.npy` files per (labels, model, pruning) triple, named by a
sha256 over the index format version, the model and tokenizer bytes, the pruning threshold and every label
in order; a stale or partial file can never be picked up, and a new ESCO release or model simply writes new
files (old ones can be deleted at any time).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray
from tokenizers import Tokenizer

INDEX_VERSION = "3"
MAX_TOKENS = 128
MODEL_FILE = "encoder.onnx"

Progress = Callable[[int, int], None]  # (texts encoded so far, total): for a progress bar on a cold cache
TOKENIZER_FILE = "tokenizer.json"


class Encoder:
    """Texts -> float32 unit vectors (mean-pooled, L2-normalised inside the ONNX graph)."""

    def __init__(self, model_dir: Path, *, threads: int | None = None) -> None:
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.enable_cpu_mem_arena = False  # the arena keeps its peak for the process's life
        if threads:
            options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(str(model_dir / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.dim = int(self.session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str], *, progress: Progress | None = None) -> NDArray[np.float32]:
        """One unit vector per text. Each text runs alone (batch of one, no padding): the int8 model
        quantises activations per call, so a text in a batch would score differently depending on its
        companions; alone, its embedding is deterministic, and on 2 CPU cores it costs no throughput."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, enc in enumerate(self.tokenizer.encode_batch(list(texts))):
            ids = np.array([enc.ids], dtype=np.int64)
            out[row] = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
            if progress is not None and (row % 500 == 499 or row == len(texts) - 1):
                progress(row + 1, len(texts))
        return out


def model_digest(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in (MODEL_FILE, TOKENIZER_FILE):
        with (model_dir / name).open("rb") as handle:  # streamed: a 90 MB model never sits in memory twice
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def cache_key(labels: Sequence[str], model_hash: str, prune_cosine: float) -> str:
    digest = hashlib.sha256(f"linker-index-v{INDEX_VERSION}\n{model_hash}\n{prune_cosine}\n".encode())
    for label in labels:
        digest.update(label.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()[:32]


def near_duplicate_mask(
    matrix: NDArray[np.float32], offsets: NDArray[np.int64], prune_cosine: float
) -> NDArray[np.bool_]:
    """Which labels to keep: per concept, its first (preferred) label, then each further label whose cosine
    to every label kept so far is below `prune_cosine`. A dropped label is a near-paraphrase of a kept one
    ("newsletter analyses" / "newsletter analysis"), so the concept's max barely moves, and scoring gets
    cheaper in proportion."""
    keep = np.zeros(matrix.shape[0], dtype=bool)
    for lo, hi in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True):
        kept = [lo]
        for j in range(lo + 1, hi):
            if float((matrix[kept] @ matrix[j]).max()) < prune_cosine:
                kept.append(j)
        keep[kept] = True
    return keep


def cached_embeddings(
    labels: Sequence[str],
    offsets: NDArray[np.int64],
    encoder: Encoder,
    model_hash: str,
    cache_dir: Path,
    *,
    prune_cosine: float,
    progress: Progress | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.bool_], bool]:
    """(embeddings of the kept labels transposed, dim x kept, memory-mapped; the keep mask over `labels`;
    whether it came from the cache). Computed on a miss and written atomically to `cache_dir`: first the
    mask, then the matrix, so a matrix file present means both are complete. The transposed layout makes
    the scoring matmul's right-hand side contiguous, about twice as fast."""
    stem = cache_dir / f"labels-{cache_key(labels, model_hash, prune_cosine)}"
    matrix_path, mask_path = stem.with_suffix(".npy"), stem.with_suffix(".keep.npy")
    if matrix_path.exists() and mask_path.exists():
        keep = np.load(mask_path)
        matrix = np.load(matrix_path, mmap_mode="r")
        if keep.shape == (len(labels),) and matrix.shape == (encoder.dim, int(keep.sum())):
            return matrix, keep, True
    full = encoder.encode(labels, progress=progress)
    keep = near_duplicate_mask(full, offsets, prune_cosine)
    cache_dir.mkdir(parents=True, exist_ok=True)
    _save_atomic(mask_path, keep)
    _save_atomic(matrix_path, np.ascontiguousarray(full[keep].T))
    return np.load(matrix_path, mmap_mode="r"), keep, False


def _save_atomic(path: Path, array: NDArray[np.generic]) -> None:
    # write to a temporary name then rename: a process killed mid-write leaves no half file under the key
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        np.save(handle, array)
    os.replace(tmp, path)
