"""The overview page: what the corpus holds, document by document."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..corpus.labels import (
    document_labels,
    escape,
)
from . import Page, shared
from .charts import LAYOUT, per_document, trace

PAGE = Page("01_overview.ipynb", shared("group_by"))


def document_overview(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document for the overview table, with the label the pages name it by."""
    return pd.DataFrame(
        {
            "document": documents["doc_id"],
            "label": document_labels(documents, plain=True).to_numpy(),
            "title": documents["title"],
            "source": documents["source"],
            "published": documents["published"],
            "date known by": documents["date_precision"],
            "words": documents["words"],
            "sentences": documents["sentences"],
            "paragraphs": documents["paragraphs"],
            "headings": documents["headings"].map(len),
            "boilerplate removed": documents["boilerplate"].map(lambda b: " | ".join(b)),
            "warnings": documents["warnings"].map(lambda w: " | ".join(w)),
        }
    )


def copies(duplicates: pd.DataFrame | None, documents: pd.DataFrame) -> pd.DataFrame:
    """The documents left out as copies, each beside the original it copies (its first
    copy: the earliest, then by path)."""
    if duplicates is None or duplicates.empty:
        return pd.DataFrame(columns=["copy", "path", "published", "original", "original title"])
    originals = documents.set_index("doc_id")
    return pd.DataFrame(
        {
            "copy": duplicates["doc_id"].to_numpy(),
            "path": duplicates["path"].to_numpy(),
            "published": duplicates["published"].to_numpy(),
            "original": duplicates["duplicate_of"].to_numpy(),
            "original title": [
                originals["title"].get(original) for original in duplicates["duplicate_of"]
            ],
        }
    )


def other_languages(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents not in English, with their language: the English-only measures
    (readability, terms, actors, eras, events) leave them out."""
    if "language" not in documents:
        return pd.DataFrame(columns=["document", "language", "title", "words"])
    other = documents[documents["language"].fillna("en") != "en"]
    return pd.DataFrame(
        {
            "document": other["doc_id"].to_numpy(),
            "language": other["language"].to_numpy(),
            "title": other["title"].to_numpy(),
            "words": other["words"].to_numpy(),
        }
    )


def length_figure(
    documents: pd.DataFrame, *, group_by: str = "", title: str = "Length of each document"
) -> go.Figure:
    """Words per document, in order of publication (past :data:`MAX_BARS` documents, a box
    per group of ``group_by``)."""
    docs = documents.sort_values(["published", "doc_id"], na_position="first")
    labels = document_labels(docs)
    x, note = per_document(docs, group_by)
    hover = [
        f"<b>{labels[d]}</b><br>{w:,} words, {s} sentences, published {escape(p) or 'unknown'}"
        for d, w, s, p in zip(
            docs["doc_id"], docs["words"], docs["sentences"], docs["published"], strict=True
        )
    ]
    fig = go.Figure(trace(x, docs["words"], hover, boxes=bool(note), color="#0072B2"))
    heading = escape(title, None) + (f"<br><sup>{escape(note, None)}</sup>" if note else "")
    fig.update_layout(title=heading, yaxis_title="words", **LAYOUT)
    return fig
