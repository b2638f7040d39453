"""The readability page: how hard each document is to read, by eight measures and two of
lexical diversity, per document and per group."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..corpus.labels import (
    Empty,
    document_labels,
    escape,
    groups,
)
from ..schema import MEASURES
from . import Page, shared
from .charts import LAYOUT, per_document, trace

PAGE = Page("02_readability.ipynb", shared("group_by"))


#: What each readability measure means, for captions and tables.
MEASURE_GUIDE = {
    "flesch_reading_ease": "Flesch reading ease: 0–100, higher is easier (60–70 plain English, under 30 very hard)",
    "flesch_kincaid_grade": "Flesch–Kincaid grade: US school grade needed, higher is harder",
    "gunning_fog": "Gunning fog: years of schooling to read it on first pass, higher is harder",
    "smog_index": "SMOG: grade from words of 3+ syllables, higher is harder",
    "coleman_liau_index": "Coleman–Liau: grade from letters and sentences per word, higher is harder",
    "automated_readability_index": "ARI: grade from characters per word and words per sentence",
    "dale_chall_readability_score": "Dale–Chall: from words outside a list of 3,000 familiar ones; 9+ is college level",
    "text_standard": "Consensus grade of the measures above (textstat's text_standard)",
    "ttr": "Type–token ratio: distinct words / words; falls as texts get longer",
    "mtld": "MTLD: lexical diversity that does not fall with length, higher is more varied",
}


def readability_figure(
    readability: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    group_by: str = "",
    title: str = "Readability by document",
) -> go.Figure:
    """One bar per document for a measure (past :data:`MAX_BARS` documents, a box per group
    of ``group_by``); a menu switches between the measures."""
    frame = readability.merge(documents, on="doc_id")
    labels = document_labels(documents)
    x, note = per_document(frame, group_by)
    measures = [m for m in (*MEASURES, "mtld", "ttr") if m in frame]
    fig = go.Figure()
    for n, measure in enumerate(measures):
        fig.add_trace(
            trace(
                x,
                frame[measure],
                [
                    f"<b>{labels[d]}</b><br>{measure}: {v:.2f}"
                    for d, v in zip(frame["doc_id"], frame[measure], strict=True)
                ],
                boxes=bool(note),
                color="#009E73",
                name=measure,
                visible=n == 0,
            )
        )
    sub = f" · {escape(note, None)}" if note else ""
    buttons = [
        {
            "label": measure,
            "method": "update",
            "args": [
                {"visible": [i == n for i in range(len(measures))]},
                {
                    "yaxis.title.text": measure,
                    "title.text": f"{escape(title, None)}<br><sup>{MEASURE_GUIDE[measure]}{sub}</sup>",
                },
            ],
        }
        for n, measure in enumerate(measures)
    ]
    fig.update_layout(
        title=f"{escape(title, None)}<br><sup>{MEASURE_GUIDE[measures[0]]}{sub}</sup>",
        yaxis_title=measures[0],
        updatemenus=[{"buttons": buttons, "x": 1, "xanchor": "right", "y": 1.18}],
        **LAYOUT,
    )
    return fig


def readability_by_group(
    readability: pd.DataFrame, documents: pd.DataFrame, group_by: str
) -> pd.DataFrame | Empty:
    """Mean of every measure per group of column ``group_by``, with document counts (no ``group_by``:
    :class:`analysis.corpus.labels.Empty`)."""
    if not group_by:
        return Empty("No groups, so no readability by group.")
    group = groups(documents, group_by)
    frame = readability.assign(group=readability["doc_id"].map(group))
    measures = [m for m in (*MEASURES, "ttr", "mtld") if m in frame]
    out = frame.groupby("group")[measures].mean().round(2)
    out.insert(0, "documents", frame.groupby("group").size())
    return out.reset_index().rename(columns={"group": group_by})
