"""Content hashes and near-duplicate detection (syndicated copies).

Near-duplicates are found with MinHash over word 5-gram shingles and
locality-sensitive hashing in bands: two articles whose signatures agree on
all rows of one band become candidates, and a candidate is a duplicate when
the estimated Jaccard similarity of the shingle sets reaches
``NEAR_DUPLICATE_JACCARD``. Band hashes are stored, so a new article is
compared with the whole store through an index lookup, not a scan.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: candidates from a Jaccard of about 0.4 upward
ROWS = NUM_PERM // BANDS
SHINGLE = 5
NEAR_DUPLICATE_JACCARD = 0.6

_WORDS = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed: the article's stable identity."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    bands: list[str]
    signature: bytes

    def similarity(self, other_signature: bytes) -> float:
        return jaccard(self.signature, other_signature)


def fingerprint(text: str) -> Fingerprint | None:
    """The MinHash fingerprint of a text, or None when it is too short to compare."""
    words = _WORDS.findall(text.lower())
    if len(words) < SHINGLE * 3:
        return None
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}
    # crc32 is stable across processes (stored band hashes must be) and fast
    mh = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(),
                 scheme="affine32")
    mh.update_batch(list(shingles))
    values = mh.hashvalues.astype(np.uint64)
    bands = [
        hashlib.blake2b(values[i * ROWS : (i + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
        for i in range(BANDS)
    ]
    return Fingerprint(bands, values.tobytes())


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The random permutations, drawn once: they are the costly part of a new MinHash."""
    return MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32").permutations  # type: ignore[no-any-return]


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    va = np.frombuffer(a, dtype=np.uint64)
    vb = np.frombuffer(b, dtype=np.uint64)
    if va.shape != vb.shape:
        return 0.0
    return float(np.mean(va == vb))
