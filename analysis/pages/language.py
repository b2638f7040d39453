"""The language page: the most frequent terms, the terms typical of one group against
another, collocations, keywords in context and where they fall in each document."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from ..corpus.keywords import COLLOCATION_MEASURES
from ..corpus.labels import (
    ALL_DOCUMENTS,
    Empty,
    document_labels,
    escape,
    shorten,
)
from . import Page, Parameter, shared
from .charts import LAYOUT

PAGE = Page(
    "03_language.ipynb",
    {
        **shared("group_by", "kwic", "top_n"),
        "collocation_measure": Parameter(
            str,
            "likelihood",
            "collocations ranked by likelihood (log-likelihood), t (t-score) or pmi",
            choices=tuple(COLLOCATION_MEASURES),
        ),
    },
)


def top_terms_figure(top: pd.DataFrame, *, title: str = "Most frequent terms") -> go.Figure:
    """Horizontal bars of :func:`analysis.corpus.keywords.top_terms`; with groups, a menu picks one."""
    if top.empty:
        return Empty("No term to count: the documents have no words outside the stop words.")
    has_groups = "group" in top
    parts = list(top.groupby("group", sort=True)) if has_groups else [(ALL_DOCUMENTS, top)]
    fig = go.Figure()
    for n, (name, rows) in enumerate(parts):
        rows = rows.sort_values("count")
        fig.add_trace(
            go.Bar(
                x=rows["count"],
                y=[escape(t, None) for t in rows["term"]],
                orientation="h",
                visible=n == 0,
                name=escape(name, None),
                marker_color="#0072B2",
                hovertext=[
                    f"<b>{escape(t, None)}</b>: {c} times in {d} document(s)"
                    for t, c, d in zip(rows["term"], rows["count"], rows["docfreq"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    menus = []
    if len(parts) > 1:
        menus = [
            {
                "buttons": [
                    {
                        "label": escape(shorten(name, 40), None),
                        "method": "update",
                        "args": [{"visible": [i == n for i in range(len(parts))]}],
                    }
                    for n, (name, _) in enumerate(parts)
                ],
                "x": 1,
                "xanchor": "right",
                "y": 1.12,
            }
        ]
    longest = max((len(p[1]) for p in parts), default=1)
    fig.update_layout(
        title=escape(title, None),
        xaxis_title="count",
        updatemenus=menus,
        height=max(360, 22 * longest + 140),
        **LAYOUT,
    )
    return fig


def keyness_figure(
    key: pd.DataFrame, *, top_n: int = 15, target: str = "target", reference: str = "reference"
) -> go.Figure | Empty:
    """The ``top_n`` terms most typical of each side (signed G², from :func:`analysis.corpus.keywords.keyness`)."""
    if key.empty:
        return Empty("No keyness: one side has no terms.")
    top = key.head(top_n)
    bottom = key[key["g2"] < 0].tail(top_n)
    rows = pd.concat([top[top["g2"] > 0], bottom]).drop_duplicates("term").sort_values("g2")
    fig = go.Figure(
        go.Bar(
            x=rows["g2"],
            y=[escape(t, None) for t in rows["term"]],
            orientation="h",
            marker_color=["#D55E00" if g > 0 else "#0072B2" for g in rows["g2"]],
            hovertext=[
                f"<b>{escape(r.term, None)}</b><br>G² {r.g2:.1f}, log ratio {r.log_ratio:.2f}, p {r.p:.3g}<br>"
                f"{r.target_count} in {escape(target, None)} ({r.target_per_10k:.1f}/10k), "
                f"{r.reference_count} in {escape(reference, None)} ({r.reference_per_10k:.1f}/10k)"
                for r in rows.itertuples()
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        title=f"Keyness: {escape(target, None)} (right)<br>against {escape(reference, None)} (left)",
        xaxis_title="signed log-likelihood G² (|G²| > 3.84: p < 0.05)",
        height=max(360, 22 * len(rows) + 140),
        **LAYOUT,
    )
    return fig


def dispersion_figure(
    dispersion: pd.DataFrame, documents: pd.DataFrame, *, max_documents: int = 40
) -> go.Figure | Empty:
    """Lexical dispersion: where each term occurs along each document (0 = start, 1 = end);
    with more documents using them than ``max_documents``, the ones using them most."""
    if dispersion.empty:
        terms = ", ".join(f'"{t}"' for t in dispersion.attrs.get("queries", [])) or "terms"
        return Empty(f"None of the terms {terms} occurs in these documents.")
    labels = document_labels(documents)
    used = dispersion["doc_id"].value_counts()
    title = "Where the terms occur in each document"
    if len(used) > max_documents:
        title += f" · the {max_documents} of {len(used)} documents using them most"
        dispersion = dispersion[dispersion["doc_id"].isin(used.index[:max_documents])]
    documents = documents[documents["doc_id"].isin(dispersion["doc_id"])]
    fig = go.Figure()
    for n, (term, rows) in enumerate(dispersion.groupby("term", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=rows["position"],
                y=[labels[d] for d in rows["doc_id"]],
                mode="markers",
                marker={"symbol": "line-ns-open", "size": 16, "color": qualitative.Safe[n % 11]},
                name=escape(term, None),
                hovertext=[
                    f"{escape(term, None)} at {p:.0%} of {labels[d]}"
                    for p, d in zip(rows["position"], rows["doc_id"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        title=escape(title, None),
        xaxis={"title": "position in the document (0 = start, 1 = end)", "range": [0, 1]},
        height=max(300, 40 * documents["doc_id"].nunique() + 160),
        **LAYOUT,
    )
    return fig
