"""Copies and near copies of a document in the corpus: the same article as a file and as a
row of a table, saved twice, or syndicated with other boilerplate.

Two documents are copies when their bodies share at least :data:`THRESHOLD` of their word
5-shingles (Jaccard similarity: shared shingles over all shingles of the two). Every
document's shingles are summarised by a MinHash of :data:`PERMUTATIONS` permutations
(multiply-shift hashing, computed here with numpy a document at a time; datasketch's
``MinHash`` holds the values), and candidate pairs are found by
locality-sensitive hashing over bands of it (datasketch's ``MinHashLSH``), so the pass is
linear in the corpus rather than comparing every pair; a candidate is a copy when its estimated similarity reaches the
threshold. ``tests/tables/test_duplicates.py`` holds the threshold to hand-made pairs: a page
saved again with other navigation, a syndicated copy with its own title and a "first
published in" line, and an article with a paragraph added are copies (0.76 to 0.97); a
different article on the same event is not (below 0.05).

A group of copies keeps its first (the earliest date, then the path, then the doc_id, an
undated document after every dated one); each of the others names it in
``documents.duplicate_of``. The hashing is seeded, so the same corpus gives the same groups.
"""

from __future__ import annotations

import base64
import re
import zlib

import numpy as np
import pandas as pd

#: Similarity (Jaccard, of word 5-shingles) at which two documents are copies.
THRESHOLD = 0.6
#: Words to a shingle.
SHINGLE = 5
#: Permutations of the MinHash: its estimate of a similarity is off by about
#: sqrt(J(1-J)/128), 0.04 at the threshold.
PERMUTATIONS = 128
_SEED = 26
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _tokens(text: str, language: str) -> list[str]:
    text = text.lower()
    if language in ("zh", "ja"):
        return _CJK.findall(text) or _WORD.findall(text)
    return _WORD.findall(text)


def shingles(text: str, language: str = "en") -> set[bytes]:
    """The word 5-shingles of a text, lower-cased, as bytes (Chinese and Japanese: of
    characters). A text of fewer words is one shingle. (What :func:`signature` hashes; kept
    to measure similarities exactly.)"""
    tokens = _tokens(text, language)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


#: The permutations: multiply-shift hashing, h -> the top 32 bits of (a h + b) mod 2^64 for
#: an odd a (Dietzfelbinger et al. 1997, a universal family), one (a, b) per permutation,
#: drawn from a seeded generator. No division: four times faster than (a h + b) mod a prime.
_MAX_HASH = np.uint64((1 << 32) - 1)
_generator = np.random.default_rng(_SEED)
_A = _generator.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(
    1
)
_B = _generator.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64)
#: Multipliers that combine a shingle's five word hashes into one (wrapping at 2^64).
_MIX = np.array([0x9E3779B97F4A7C15**k % (1 << 64) for k in range(SHINGLE)], dtype=np.uint64)
#: Shingles hashed at once: bounds the (shingles x permutations) block in memory (64 MB).
_BLOCK = 65536


def signature(text: str, language: str = "en") -> np.ndarray | None:
    """The MinHash of a text's shingles (:data:`PERMUTATIONS` 32-bit values), computed with
    numpy: each word hashed once (CRC-32), a shingle's hash mixed from its words', every
    permutation applied to every distinct shingle. ``None`` for a text without words."""
    tokens = _tokens(text, language)
    if not tokens:
        return None
    words = np.fromiter((zlib.crc32(t.encode()) for t in tokens), np.uint64, len(tokens))
    span = min(SHINGLE, len(words))
    count = len(words) - span + 1
    with np.errstate(over="ignore"):
        mixed = np.zeros(count, dtype=np.uint64)
        for k in range(span):
            mixed += words[k : k + count] * _MIX[k]
        hashes = np.unique((mixed >> np.uint64(32)) ^ (mixed & _MAX_HASH))
        values = np.full(PERMUTATIONS, _MAX_HASH, dtype=np.uint64)
        for start in range(0, len(hashes), _BLOCK):
            block = hashes[start : start + _BLOCK, None]
            permuted = (block * _A + _B) >> np.uint64(32)
            values = np.minimum(values, permuted.min(axis=0))
    return values


def encode(values: np.ndarray | None) -> str | None:
    """A signature as the documents table keeps it (``minhash``): base64 of its 32-bit
    values, little-endian."""
    if values is None:
        return None
    return base64.b64encode(values.astype("<u4").tobytes()).decode("ascii")


def decode(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<u4").astype(np.uint64)


def _minhash(values: np.ndarray):
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=_SEED, hashvalues=values, scheme="legacy")


def find_duplicates(documents: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.Series:
    """The ``duplicate_of`` of each document (the doc_id of the first of its copies, or
    ``None``), in the order of ``documents`` (columns doc_id, path, published, and
    ``minhash``, the signature each document's analysis computed; where that is empty, it
    is computed from ``text`` and ``language``)."""
    from datasketch import MinHashLSH

    result = pd.Series([None] * len(documents), index=documents.index, dtype=object)
    if len(documents) < 2:
        return result
    languages = (
        documents["language"].fillna("en")
        if "language" in documents
        else pd.Series("en", index=documents.index)
    )
    index = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
    signatures = {}
    parent = {}
    kept = (
        documents["minhash"] if "minhash" in documents else pd.Series(None, index=documents.index)
    )
    texts = documents["text"] if "text" in documents else pd.Series("", index=documents.index)
    for position, (stored, text, language) in enumerate(
        zip(kept, texts.fillna(""), languages, strict=True)
    ):
        values = decode(stored) if isinstance(stored, str) else signature(text, language)
        if values is None:
            continue
        sketch = _minhash(values)
        for other in sorted(index.query(sketch)):
            if position in parent and _root(parent, other) == _root(parent, position):
                continue  # a copy of a copy it already matched: nothing to check
            if sketch.jaccard(signatures[other]) >= threshold:
                _union(parent, position, other)
        index.insert(position, sketch)
        signatures[position] = sketch
    groups: dict[int, list[int]] = {}
    for position in parent:
        groups.setdefault(_root(parent, position), []).append(position)
    doc_ids = documents["doc_id"].tolist()
    order = _first_order(documents)
    for members in groups.values():
        first = min(members, key=order.__getitem__)
        for member in members:
            if member != first:
                result.iloc[member] = doc_ids[first]
    return result


def _first_order(documents: pd.DataFrame) -> list[tuple]:
    """Each document's place among its copies: dated before undated, the earliest date
    (a year or a month counts from its first day), then the path, then the doc_id."""
    keys = []
    for published, path, doc_id in zip(
        documents["published"], documents["path"], documents["doc_id"], strict=True
    ):
        dated = isinstance(published, str) and bool(published)
        keys.append((not dated, published if dated else "", str(path), str(doc_id)))
    return keys


def _root(parent: dict[int, int], item: int) -> int:
    while parent.get(item, item) != item:
        parent[item] = parent.get(parent[item], parent[item])
        item = parent[item]
    return item


def _union(parent: dict[int, int], a: int, b: int) -> None:
    parent.setdefault(a, a)
    parent.setdefault(b, b)
    root_a, root_b = _root(parent, a), _root(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
