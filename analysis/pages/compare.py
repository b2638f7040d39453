"""The compare page: two documents or two groups side by side (their measures, the terms
typical of each, the actors and eras each invokes)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..corpus.labels import (
    Empty,
    actor_labels,
    escape,
)
from ..schema import MEASURES
from . import Page, shared
from .charts import LAYOUT
from .readability import MEASURE_GUIDE

PAGE = Page("06_compare.ipynb", shared("group_by", "compare_by", "compare", "top_n"))


def comparison_table(
    readability: pd.DataFrame, sides: tuple[tuple[str, list[str]], tuple[str, list[str]]]
) -> pd.DataFrame:
    """Every readability measure for the two sides (means over their documents) and the
    difference, with what the measure means."""
    (name_a, ids_a), (name_b, ids_b) = sides
    if not ids_a or not ids_b:
        return Empty("Only one side has documents: nothing to compare.")
    measures = [m for m in (*MEASURES, "ttr", "mtld") if m in readability]
    a = readability[readability["doc_id"].isin(ids_a)][measures].mean()
    b = readability[readability["doc_id"].isin(ids_b)][measures].mean()
    return pd.DataFrame(
        {
            "measure": measures,
            name_a: a.to_numpy().round(2),
            name_b: b.to_numpy().round(2),
            "difference": (a - b).to_numpy().round(2),
            "what it means": [MEASURE_GUIDE[m] for m in measures],
        }
    )


def side_by_side_figure(
    values: pd.DataFrame, *, category: str, value: str, side: str, title: str, axis: str
) -> go.Figure:
    """Grouped bars: one bar per side for each category (actors, eras, ...); with nothing
    above zero, :class:`analysis.corpus.labels.Empty` saying so."""
    if values.empty or not (values[value] > 0).any():
        return Empty(f"{title}: none on either side.")
    fig = go.Figure()
    colors = ["#D55E00", "#0072B2"]
    for n, (name, rows) in enumerate(values.groupby(side, sort=False)):
        fig.add_trace(
            go.Bar(
                x=[escape(c, None) for c in rows[category]],
                y=rows[value],
                name=escape(name, None),
                marker_color=colors[n % 2],
                hovertemplate=f"{escape(name, None)}: %{{y:.2f}}<extra>%{{x}}</extra>",
            )
        )
    fig.update_layout(title=escape(title, None), barmode="group", yaxis_title=axis, **LAYOUT)
    return fig


def mention_rates(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    sides: tuple[tuple[str, list[str]], tuple[str, list[str]]],
    actors: pd.DataFrame,
    *,
    top_n: int = 12,
) -> pd.DataFrame:
    """Mentions per 1,000 words of the ``top_n`` actors most mentioned on either side."""
    rows = []
    for name, ids in sides:
        words = documents.loc[documents["doc_id"].isin(ids), "words"].sum()
        if not words:  # a side with no documents (or no words) has no rate
            continue
        counts = mentions[mentions["doc_id"].isin(ids)]["actor_id"].value_counts()
        rows += [
            {"side": name, "actor_id": a, "per_1000_words": c / words * 1000}
            for a, c in counts.items()
        ]
    frame = pd.DataFrame(rows, columns=["side", "actor_id", "per_1000_words"])
    top = (
        frame.groupby("actor_id")["per_1000_words"]
        .max()
        .sort_values(ascending=False)
        .head(top_n)
        .index
    )
    frame = frame[frame["actor_id"].isin(top)]
    named = [s for s, ids in sides if ids]
    full = pd.MultiIndex.from_product([named, top], names=["side", "actor_id"])
    frame = frame.set_index(["side", "actor_id"]).reindex(full, fill_value=0).reset_index()
    label = actor_labels(actors)
    frame["actor"] = [label.get(a, a) for a in frame["actor_id"]]
    return frame


def era_shares(
    era_mix: pd.DataFrame,
    sides: tuple[tuple[str, list[str]], tuple[str, list[str]]],
    eras: pd.DataFrame,
) -> pd.DataFrame:
    """Each side's era mix: of its era-framed sentences, the share (%) in each era."""
    rows = []
    for name, ids in sides:
        mix = era_mix[era_mix["doc_id"].isin(ids)].groupby("era_id")["sentences"].sum()
        total = mix.sum()
        rows += [
            {
                "side": name,
                "era": era.label,
                "share": (mix.get(era.era_id, 0) / total * 100) if total else 0.0,
            }
            for era in eras.itertuples()
        ]
    return pd.DataFrame(rows, columns=["side", "era", "share"])
