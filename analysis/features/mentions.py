"""The ``mentions`` and ``cooccurrence`` tables: each actor a document names, where, and
which actors it names together in a sentence, a paragraph and the whole document.

Matching is the dictionary's (:func:`analysis.dictionaries.actors.find_mentions`), read as
of the document's date.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from ..dictionaries.actors import ActorDictionary, document_day, find_mentions

WINDOWS = ("sentence", "paragraph", "document")


def mention_rows(
    doc_id: str, sentences: list, dictionary: ActorDictionary, *, published: str | None = None
) -> list[dict]:
    """Rows of the ``mentions`` table for one document's sentences (offsets into its body),
    read as of ``published`` (its date, possibly inferred; ``None`` when undated)."""
    day = document_day(published)
    rows = []
    for sentence in sentences:
        for start, end, actor_id, surface, how in find_mentions(sentence.text, dictionary, day=day):
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": sentence.sentence_id,
                    "actor_id": actor_id,
                    "actor_kind": dictionary.actors[actor_id].kind,
                    "surface": surface,
                    "start": sentence.start + start,
                    "end": sentence.start + end,
                    "resolved_by": how,
                    "as_of": published or None,
                }
            )
    return rows


def cooccurrence_rows(doc_id: str, mentions: list[dict], sentences: list) -> list[dict]:
    """Rows of ``cooccurrence`` for one document: for each pair of distinct actors and window
    (sentence, paragraph, document), the number of such windows that name both."""
    paragraph_of = {s.sentence_id: s.paragraph_id for s in sentences}
    units: dict[str, dict[int, set[str]]] = {window: {} for window in WINDOWS}
    for mention in mentions:
        sid = mention["sentence_id"]
        for window, key in (("sentence", sid), ("paragraph", paragraph_of[sid]), ("document", 0)):
            units[window].setdefault(key, set()).add(mention["actor_id"])
    rows = []
    for window in WINDOWS:
        counts = Counter(
            pair for actors in units[window].values() for pair in combinations(sorted(actors), 2)
        )
        rows += [
            {"doc_id": doc_id, "actor_a": a, "actor_b": b, "window": window, "count": n}
            for (a, b), n in sorted(counts.items())
        ]
    return rows
