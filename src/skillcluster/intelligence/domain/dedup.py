"""Duplicate job ads (pure): the same ad posted on several boards, and near-identical re-posts.

* exact: the same title and text once case, spacing and punctuation are set aside;
* near: MinHash over word 5-shingles (128 permutations, `datasketch`), candidate pairs from LSH banding at a
  Jaccard similarity of 0.8, each candidate confirmed by the MinHash estimate (Broder 1997; Leskovec, Rajaraman
  and Ullman, Mining of Massive Datasets, ch. 3). A re-post with a changed date or a sentence more stays a
  duplicate; two ads of one employer for different jobs do not.

The earliest ad of a group is kept; each other one points to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.8
PERMUTATIONS = 128
SHINGLE = 5
SCHEME = "affine32"  # stored signatures are read back with the scheme that made them
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def fingerprint(title: str, text: str) -> str:
    """The exact-duplicate key: a hash of the ad's words."""
    return hashlib.sha256(" ".join([*words(title), "|", *words(text)]).encode()).hexdigest()[:32]


def _shingles(text: str) -> list[bytes]:
    found = words(text)
    if len(found) < SHINGLE:
        return [" ".join(found).encode()]
    return [" ".join(found[i : i + SHINGLE]).encode() for i in range(len(found) - SHINGLE + 1)]


def signature(title: str, text: str) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME)
    minhash.update_batch(_shingles(f"{title} {text}"))
    return minhash


def signature_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(data, dtype=np.uint64))


def duplicates(ads: Sequence[tuple[str, str]], *, known: Sequence[tuple[int, str, bytes]] = ()) -> dict[int, Kept]:
    """For each ad (title, text) that duplicates another, its index → the ad kept: an earlier one of ``ads``
    or one already stored (``known``: key, fingerprint, signature), stored ones first."""
    seen: dict[str, Kept] = {fp: Kept(key, stored=True) for key, fp, _ in known}
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    kept: dict[str, Kept] = {}
    for key, _, data in known:
        name = f"k{len(kept)}"
        signatures[name], kept[name] = from_bytes(data), Kept(key, stored=True)
        lsh.insert(name, signatures[name])
    found: dict[int, Kept] = {}
    for index, (title, text) in enumerate(ads):
        exact = fingerprint(title, text)
        if exact in seen:
            found[index] = seen[exact]
            continue
        minhash = signature(title, text)
        near = [n for n in lsh.query(minhash) if signatures[n].jaccard(minhash) >= THRESHOLD]
        if near:
            found[index] = kept[min(near, key=lambda n: (n[0] != "k", int(n[1:])))]
            continue
        name = f"a{index}"
        seen[exact] = kept[name] = Kept(index, stored=False)
        signatures[name] = minhash
        lsh.insert(name, minhash)
    return found


@dataclass(frozen=True)
class Kept:
    key: int  # the stored ad's key, or the index of an earlier ad of the batch
    stored: bool
