"""Near-duplicate articles (the same wire copy on several outlets, re-headlined or trimmed) through
MinHash over word shingles and locality-sensitive hashing (`datasketch`).

Two texts are near-duplicates when most of the shorter one's word 3-grams are in the longer one: the
overlap |A & B| / min(|A|, |B|), estimated from the MinHash Jaccard similarity J and the set sizes
(|A & B| = J (|A| + |B|) / (1 + J)), is at least `OVERLAP`. A copy cut to its first paragraphs, or with
a credit line added, is still a copy, which Jaccard similarity alone misses. Candidates come from LSH at
Jaccard `CANDIDATE_JACCARD`. Exact duplicates (same link, same content) are caught before this, by hash.
A signature is stored as its NUM_PERM MinHash values followed by the number of shingles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 3  # words per shingle
CANDIDATE_JACCARD = 0.45  # LSH threshold: pairs this similar are compared
OVERLAP = 0.8  # estimated share of the shorter text's shingles in the other at and above which it is a copy
MIN_SHINGLES = 8  # texts shorter than this are never called duplicates (too little to compare)
SCHEME = "affine32"  # datasketch's hashing scheme (named explicitly: stored values must be read back with it)
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> list[int] | None:
    """The MinHash values of `text` and its number of shingles, or None when it is too short to compare."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sh])
    return [int(v) for v in m.hashvalues] + [len(sh)]


def _minhash(values: list[int]) -> MinHash:
    import numpy as np

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=np.array(values, dtype=np.uint64), scheme=SCHEME)


def overlap(jaccard: float, size_a: int, size_b: int) -> float:
    """|A & B| / min(|A|, |B|) from the Jaccard similarity and the two set sizes."""
    if jaccard <= 0 or min(size_a, size_b) <= 0:
        return 0.0
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))


class NearDuplicates:
    """An index of the signatures of articles already stored."""

    def __init__(self, items: Iterable[tuple[str, list[int]]] = (), threshold: float = OVERLAP) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
        self.keys: dict[str, tuple[MinHash, int]] = {}
        for key, values in items:
            if len(values) == NUM_PERM + 1:  # signatures of another layout are ignored
                self.add(key, values)

    def add(self, key: str, values: list[int]) -> None:
        self.remove(key)
        m = _minhash(values[:NUM_PERM])
        self.lsh.insert(key, m)
        self.keys[key] = (m, int(values[NUM_PERM]))

    def remove(self, key: str) -> None:
        if key in self.keys:
            self.lsh.remove(key)
            del self.keys[key]

    def find(self, values: list[int], exclude: str | None = None) -> tuple[str, float] | None:
        """The stored article the text is a copy of (key, estimated overlap), or None."""
        m = _minhash(values[:NUM_PERM])
        size = int(values[NUM_PERM])
        best: tuple[str, float] | None = None
        for key in self.lsh.query(m):
            if key == exclude:
                continue
            other, other_size = self.keys[key]
            ov = overlap(float(m.jaccard(other)), size, other_size)
            if ov >= self.threshold and (best is None or ov > best[1]):
                best = (key, ov)
        return best

    def __len__(self) -> int:
        return len(self.keys)
