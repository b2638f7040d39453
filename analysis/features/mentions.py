"""The ``mentions`` and ``cooccurrence`` tables: each actor a document names, where, and
which actors it names together in a sentence, a paragraph and the whole document.

Matching is the dictionary's (:func:`analysis.dictionaries.actors.read_mentions`): each
mention is read as of the date its sentence speaks of (a year or date it cites, as the
``events`` table finds them), else as of the document's date.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from ..dictionaries.actors import ActorDictionary, document_day, last_day, read_mentions
from ..schema import Table, columns
from . import Analysis
from .events import find_dates

WINDOWS = ("sentence", "paragraph", "document")


def mention_rows(
    doc_id: str,
    sentences: list,
    dictionary: ActorDictionary,
    *,
    published: str | None = None,
    events: list[dict] | None = None,
) -> list[dict]:
    """Rows of the ``mentions`` table for one document's sentences (offsets into its body),
    read as of the dates each sentence cites (``events``: the document's rows of the
    ``events`` table; ``None``: found here) or else as of ``published`` (its date, possibly
    inferred; ``None`` when undated). ``as_of`` is the date a mention was read as of."""
    day = document_day(published)
    through = last_day(published) if day is not None else None
    cited: dict[int, list[tuple[int, int, str]]] = {}
    if events is None:
        for sentence in sentences:
            cited[sentence.sentence_id] = [
                (d.start, d.end, d.date) for d in find_dates(sentence.text)
            ]
    else:
        starts = {s.sentence_id: s.start for s in sentences}
        for event in events:
            offset = starts[event["sentence_id"]]
            cited.setdefault(event["sentence_id"], []).append(
                (event["start"] - offset, event["end"] - offset, event["date"])
            )
    rows = []
    for sentence in sentences:
        found = read_mentions(
            sentence.text,
            dictionary,
            day=day,
            through=through,
            cited=cited.get(sentence.sentence_id, ()),
        )
        for mention in found:
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": sentence.sentence_id,
                    "actor_id": mention.actor_id,
                    "actor_kind": dictionary.actors[mention.actor_id].kind,
                    "surface": mention.surface,
                    "start": sentence.start + mention.start,
                    "end": sentence.start + mention.end,
                    "resolved_by": mention.resolved_by,
                    "as_of": mention.as_of or published or None,
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


MENTIONS = Table(
    "mentions",
    "actor mention",
    columns(
        ("doc_id", "string", "the document"),
        ("sentence_id", "int64", "the sentence"),
        ("actor_id", "string", "the actor (the actors table names it)"),
        ("actor_kind", "string", "state, person, igo, group or territory"),
        ("surface", "string", "the words as written"),
        ("start", "int64", "where they start in the body"),
        ("end", "int64", "where they end in the body"),
        ("resolved_by", "string", "name, or office (a title read as its holder on the date)"),
        (
            "as_of",
            "string",
            "the date the mention was read as of: one its sentence cites, else the "
            "document's (empty: undated, as of today)",
        ),
    ),
)
COOCCURRENCE = Table(
    "cooccurrence",
    "document, actor pair and window",
    columns(
        ("doc_id", "string", "the document"),
        ("actor_a", "string", "one actor (the first in sorted order)"),
        ("actor_b", "string", "the other"),
        ("window", "string", "sentence, paragraph or document"),
        ("count", "int64", "windows of the document naming both"),
    ),
)

ANALYSES = (
    Analysis(
        MENTIONS,
        lambda doc: mention_rows(
            doc.doc_id,
            doc.sentences,
            doc.options.actors,
            published=doc.published,
            events=doc.rows("events"),
        ),
    ),
    Analysis(
        COOCCURRENCE,
        lambda doc: cooccurrence_rows(doc.doc_id, doc.rows("mentions"), doc.sentences),
    ),
)
