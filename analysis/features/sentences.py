"""The ``sentences`` table: the body's sentences as the parser splits them
(:mod:`analysis.ingest.sentences`), with their paragraph, section and offsets."""

from __future__ import annotations

from ..schema import Table, columns
from . import Analysis, Document

TABLE = Table(
    "sentences",
    "body sentence",
    columns(
        ("doc_id", "string", "the document"),
        ("sentence_id", "int64", "the sentence's place in the body, from 0"),
        ("paragraph_id", "int64", "its paragraph's place in the body, from 0"),
        ("section", "string", "the heading it stands under"),
        ("text", "string", "the sentence: text[start:end] of the document's body"),
        ("start", "int64", "where it starts in the body"),
        ("end", "int64", "where it ends in the body"),
    ),
)


def sentence_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, **vars(sentence)} for sentence in doc.sentences]


ANALYSES = (Analysis(TABLE, sentence_rows, english_only=False),)
