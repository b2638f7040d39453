"""Example plugin: the questions a document asks.

A per-document analysis (the ``questions`` table: one row per body sentence that ends in a
question mark) and a page that charts them, added to every report through the entry points
in ``pyproject.toml``. It is the smallest complete example of an analysis: a table declared
with its columns, a function from one parsed document to its rows, and a page (a notebook
and the parameters it takes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from analysis.features import Analysis, Document
from analysis.pages import Page, Parameter
from analysis.schema import Table, columns

TABLE = Table(
    "questions",
    "question in a document's body",
    columns(
        ("doc_id", "string", "the document"),
        ("sentence_id", "int64", "the sentence (the sentences table has its text)"),
        ("words", "int64", "words in the question"),
    ),
)


def question_rows(doc: Document) -> list[dict]:
    """The document's sentences that end in a question mark (after closing quotes)."""
    return [
        {
            "doc_id": doc.doc_id,
            "sentence_id": sentence.sentence_id,
            "words": len(sentence.text.split()),
        }
        for sentence in doc.sentences
        if sentence.text.rstrip("\"'”’)] ").endswith("?")
    ]


ANALYSES = [Analysis(TABLE, question_rows)]

PAGE = Page(
    Path(__file__).resolve().parent / "questions.ipynb",
    {"max_questions": Parameter(int, 20, "questions listed on the questions page")},
)


def questions_figure(questions: pd.DataFrame, documents: pd.DataFrame) -> go.Figure:
    """Questions per 100 sentences of each document, most inquisitive first."""
    counts = questions.groupby("doc_id").size().reindex(documents["doc_id"], fill_value=0)
    rate = (100 * counts / documents.set_index("doc_id")["sentences"]).sort_values()
    figure = go.Figure(go.Bar(x=rate.to_numpy(), y=rate.index, orientation="h"))
    figure.update_layout(
        title="Questions per 100 sentences", template="plotly_white", xaxis_title="questions"
    )
    return figure
