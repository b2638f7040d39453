"""Copies and near copies of a document in the corpus: the same article as a file and as a
row of a table, saved twice, or syndicated with other boilerplate.

Two documents are copies when their bodies share at least :data:`THRESHOLD` of their word
5-shingles (Jaccard similarity: shared shingles over all shingles of the two). Every
document's shingles are summarised by a MinHash of :data:`PERMUTATIONS` permutations, and
candidate pairs are found by locality-sensitive hashing over bands of it (datasketch's
``MinHash`` and ``MinHashLSH``), so the pass is linear in the corpus rather than
comparing every pair; a candidate is a copy when its estimated similarity reaches the
threshold. ``tests/test_duplicates.py`` holds the threshold to hand-made pairs: a page
saved again with other navigation, a syndicated copy with its own title and a "first
published in" line, and an article with a paragraph added are copies (0.76 to 0.97); a
different article on the same event is not (below 0.05).

A group of copies keeps its first (the earliest date, then the path, then the doc_id, an
undated document after every dated one); each of the others names it in
``documents.duplicate_of``. The hashing is seeded, so the same corpus gives the same groups.
"""

from __future__ import annotations

import re
import zlib

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


def shingles(text: str, language: str = "en") -> set[bytes]:
    """The word 5-shingles of a text, lower-cased, as bytes (Chinese and Japanese: of
    characters). A text of fewer words is one shingle."""
    text = text.lower()
    if language in ("zh", "ja"):
        tokens = _CJK.findall(text) or _WORD.findall(text)
    else:
        tokens = _WORD.findall(text)
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def _minhash(items: set[bytes]):
    from datasketch import MinHash

    signature = MinHash(num_perm=PERMUTATIONS, seed=_SEED, hashfunc=zlib.crc32)
    signature.update_batch(sorted(items))
    return signature


def find_duplicates(documents: pd.DataFrame, *, threshold: float = THRESHOLD) -> pd.Series:
    """The ``duplicate_of`` of each document (the doc_id of the first of its copies, or
    ``None``), in the order of ``documents`` (columns doc_id, path, published, text and,
    if there, language)."""
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
    for position, (text, language) in enumerate(
        zip(documents["text"].fillna(""), languages, strict=True)
    ):
        items = shingles(text, language)
        if not items:
            continue
        signature = _minhash(items)
        for other in index.query(signature):
            if signature.jaccard(signatures[other]) >= threshold:
                _union(parent, position, other)
        index.insert(position, signature)
        signatures[position] = signature
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
