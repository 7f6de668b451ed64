"""Near-duplicate articles (the same wire copy on several outlets, re-headlined or trimmed) through
MinHash over word shingles and locality-sensitive hashing (`datasketch`).

Two texts are near-duplicates when the estimated Jaccard similarity of their sets of word 3-grams is at
least `THRESHOLD`. Exact duplicates (same link, same content) are caught before this, by hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3  # words per shingle
THRESHOLD = 0.7  # estimated Jaccard similarity at and above which a text is a copy
MIN_SHINGLES = 8  # texts shorter than this are never called duplicates (too little to compare)

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> list[int] | None:
    """The MinHash values of `text`, or None when it is too short to compare."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in sh])
    return [int(v) for v in m.hashvalues]


def _minhash(values: list[int]) -> MinHash:
    import numpy as np

    return MinHash(num_perm=NUM_PERM, hashvalues=np.array(values, dtype=np.uint64))


class NearDuplicates:
    """An index of the signatures of articles already stored."""

    def __init__(self, items: Iterable[tuple[str, list[int]]] = (), threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.keys: dict[str, MinHash] = {}
        for key, values in items:
            if len(values) == NUM_PERM:
                self.add(key, values)

    def add(self, key: str, values: list[int]) -> None:
        self.remove(key)
        m = _minhash(values)
        self.lsh.insert(key, m)
        self.keys[key] = m

    def remove(self, key: str) -> None:
        if key in self.keys:
            self.lsh.remove(key)
            del self.keys[key]

    def find(self, values: list[int], exclude: str | None = None) -> tuple[str, float] | None:
        """The most similar stored article at or over the threshold (key, estimated Jaccard), or None."""
        m = _minhash(values)
        best: tuple[str, float] | None = None
        for key in self.lsh.query(m):
            if key == exclude:
                continue
            sim = float(m.jaccard(self.keys[key]))
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (key, sim)
        return best

    def __len__(self) -> int:
        return len(self.keys)
