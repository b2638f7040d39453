"""Figures and display tables for the notebooks: tables in, plotly figures or frames out.

Pure functions, like :mod:`analysis.pages.timeline`: they never read files. Text from documents
goes through :func:`analysis.pages.timeline.escape` before it reaches a label or hover text.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..corpus.labels import (
    document_labels,
    escape,
    groups,
    shorten,
)

LAYOUT = {"template": "plotly_white", "hoverlabel": {"align": "left"}}


#: Up to this many documents, a bar each; more, a box per group with a point per document.
MAX_BARS = 60


def per_document(documents: pd.DataFrame, group_by: str) -> tuple[list, str]:
    """The x of each document (in ``documents`` order) and a note for the title: its label
    for a bar each, or, past :data:`MAX_BARS` documents, its group (``group_by``)."""
    if len(documents) <= MAX_BARS:
        labels = document_labels(documents)
        return [labels[d] for d in documents["doc_id"]], ""
    group = groups(documents, group_by)
    note = f"{len(documents)} documents, too many for a bar each: a box per {group_by or 'corpus'}, a point per document"
    return [escape(shorten(group[d], 40), None) for d in documents["doc_id"]], note


def trace(x, y, hover, *, boxes: bool, color: str, **options):
    if boxes:
        return go.Box(
            x=x,
            y=y,
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"size": 4, "color": color},
            line={"color": color},
            hovertext=hover,
            hoverinfo="text",
            **options,
        )
    return go.Bar(x=x, y=y, marker_color=color, hovertext=hover, hoverinfo="text", **options)
