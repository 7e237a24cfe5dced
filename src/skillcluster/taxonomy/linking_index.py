"""The linker's dense side: an ONNX bi-encoder and the on-disk cache of label embeddings. No Django.

The model directory holds `encoder.onnx` (input_ids, attention_mask -> L2-normalised sentence embedding)
and `tokenizer.json`. Label embeddings are cached as one `.npy` file per (labels, model) pair, named by a
sha256 over the index format version, the model and tokenizer bytes and every label in order; a stale or
partial file can never be picked up, and a new ESCO release or model simply writes a new file.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray
from tokenizers import Tokenizer

INDEX_VERSION = "2"
MAX_TOKENS = 128
MODEL_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"


class Encoder:
    """Texts -> float32 unit vectors, in length-sorted batches to keep padding small."""

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

    def encode(self, texts: Sequence[str], *, batch_size: int = 8) -> NDArray[np.float32]:
        """Small batches are fastest for sentences on CPU (less padding, cache-sized attention)."""
        ids = [enc.ids for enc in self.tokenizer.encode_batch(list(texts))]
        order = np.argsort([len(x) for x in ids], kind="stable")
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        for start in range(0, len(ids), batch_size):
            chunk = order[start : start + batch_size]
            width = max(len(ids[i]) for i in chunk)
            input_ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            out[chunk] = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return out


def model_digest(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in (MODEL_FILE, TOKENIZER_FILE):
        with (model_dir / name).open("rb") as handle:  # streamed: a 90 MB model never sits in memory twice
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def cache_key(labels: Sequence[str], model_hash: str) -> str:
    digest = hashlib.sha256(f"linker-index-v{INDEX_VERSION}\n{model_hash}\n".encode())
    for label in labels:
        digest.update(label.encode("utf-8", "surrogatepass") + b"\x00")
    return digest.hexdigest()[:32]


def cached_embeddings(
    labels: Sequence[str], encoder: Encoder, model_hash: str, cache_dir: Path
) -> tuple[NDArray[np.float32], bool]:
    """The label embeddings transposed, dim x labels (a contiguous right-hand side makes the scoring
    matmul twice as fast), from `cache_dir` when present (memory-mapped), else computed and written
    atomically. Returns (embeddings, was_cached)."""
    path = cache_dir / f"labels-{cache_key(labels, model_hash)}.npy"
    if path.exists():
        matrix = np.load(path, mmap_mode="r")
        if matrix.shape == (encoder.dim, len(labels)):
            return matrix, True
    matrix = np.ascontiguousarray(encoder.encode(labels, batch_size=64).T)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # write to a temporary name then rename: a process killed mid-write leaves no half file under the key
    fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        np.save(handle, matrix)
    os.replace(tmp, path)
    return matrix, False
