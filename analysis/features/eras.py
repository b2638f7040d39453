"""The ``eras`` and ``era_mix`` tables: the era cues of each sentence, and how a document's
historical framing divides among the eras.

A document's *era mix* counts, for each era, the sentences that invoke it by a cue.
``share`` divides that by the sentences that invoke any era, so a document's shares sum to 1
and say how its historical framing divides; ``sentence_share`` divides it by all the
document's sentences, so it says how much of the text is framed by the era at all. Both
compare across documents of any length. Cited years are not counted in the mix: a year is
often the present ("the 1951 budget" in a 1951 speech), not a frame; they are the ``events``
table (:mod:`analysis.features.events`), placed on the timeline beside the mix.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..dictionaries.eras import EraDictionary
from ..schema import Table, columns
from . import Analysis


def era_rows(doc_id: str, sentences: list, dictionary: EraDictionary) -> list[dict]:
    """Rows of the ``eras`` table: each era cue in each sentence, with offsets into the body."""
    return [
        {
            "doc_id": doc_id,
            "sentence_id": sentence.sentence_id,
            "era_id": era_id,
            "cue": surface,
            "start": sentence.start + start,
            "end": sentence.start + end,
        }
        for sentence in sentences
        for start, end, era_id, surface in dictionary.matcher.find(sentence.text)
    ]


def era_mix_rows(
    doc_id: str, cues: list[dict], sentence_count: int, dictionary: EraDictionary
) -> list[dict]:
    """Rows of ``era_mix`` for one document: one per era it invokes, in the dictionary's order.

    Args:
        cues: The document's rows of ``eras``.
        sentence_count: All the document's sentences.
    """
    invoking: dict[str, set[int]] = defaultdict(set)
    counts: Counter = Counter()
    for row in cues:
        invoking[row["era_id"]].add(row["sentence_id"])
        counts[row["era_id"]] += 1
    total = sum(len(ids) for ids in invoking.values())
    return [
        {
            "doc_id": doc_id,
            "era_id": era_id,
            "sentences": len(invoking[era_id]),
            "cues": counts[era_id],
            "share": len(invoking[era_id]) / total,
            "sentence_share": len(invoking[era_id]) / sentence_count,
        }
        for era_id in dictionary.eras
        if era_id in invoking
    ]


ERAS = Table(
    "eras",
    "era cue in a sentence",
    columns(
        ("doc_id", "string", "the document"),
        ("sentence_id", "int64", "the sentence"),
        ("era_id", "string", "the era (the era_definitions table names it)"),
        ("cue", "string", "the cue as written"),
        ("start", "int64", "where it starts in the body"),
        ("end", "int64", "where it ends in the body"),
    ),
)
ERA_MIX = Table(
    "era_mix",
    "document and era it invokes",
    columns(
        ("doc_id", "string", "the document"),
        ("era_id", "string", "the era"),
        ("sentences", "int64", "sentences invoking it"),
        ("cues", "int64", "its cues in the document"),
        ("share", "float64", "its sentences / the sentences invoking any era"),
        ("sentence_share", "float64", "its sentences / all the document's sentences"),
    ),
)

ANALYSES = (
    Analysis(ERAS, lambda doc: era_rows(doc.doc_id, doc.sentences, doc.options.eras)),
    Analysis(
        ERA_MIX,
        lambda doc: era_mix_rows(
            doc.doc_id, doc.rows("eras"), len(doc.sentences), doc.options.eras
        ),
    ),
)
