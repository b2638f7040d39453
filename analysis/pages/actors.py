"""The actors page: who is named, how often, which pairs are named together, and the
sentences where they meet."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from ..corpus.labels import (
    Empty,
    actor_labels,
    escape,
)
from ..features.mentions import WINDOWS
from . import Page, Parameter, shared
from .charts import LAYOUT

if TYPE_CHECKING:
    import networkx as nx


PAGE = Page(
    "04_actors.ipynb",
    {
        "window": Parameter(
            str,
            "sentence",
            "actor co-occurrence window: sentence, paragraph, document",
            choices=WINDOWS,
        ),
        **shared("top_n"),
    },
)

KIND_COLORS = dict(
    zip(("state", "person", "igo", "group", "territory"), qualitative.Safe, strict=False)
)


def mentions_figure(mentions: pd.DataFrame, actors: pd.DataFrame, *, top_n: int = 20) -> go.Figure:
    """The ``top_n`` most mentioned actors (named as in the run's ``actors`` table), coloured by
    kind, with the documents naming them."""
    if mentions.empty:
        return Empty("No actor of the actor dictionary is named in these documents.")
    counts = (
        mentions.groupby("actor_id")
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .sort_values("mentions", ascending=False)
        .head(top_n)
        .iloc[::-1]
    )
    names = actor_labels(actors)
    kind = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    kinds = [kind.get(a, "") for a in counts.index]
    fig = go.Figure(
        go.Bar(
            x=counts["mentions"],
            y=[escape(names.get(a, a), None) for a in counts.index],
            orientation="h",
            marker_color=[KIND_COLORS.get(k, "#888") for k in kinds],
            hovertext=[
                f"<b>{escape(names.get(a, a), None)}</b> ({k})<br>{m} mentions in {d} document(s)"
                for a, k, m, d in zip(
                    counts.index, kinds, counts["mentions"], counts["documents"], strict=True
                )
            ],
            hoverinfo="text",
        )
    )
    fig.update_layout(
        title="Most mentioned actors (colour: state, person, IGO, group, territory)",
        xaxis_title="mentions",
        height=max(360, 22 * len(counts) + 140),
        **LAYOUT,
    )
    return fig


def cooccurrence_heatmap(
    cooccurrence: pd.DataFrame, actors: pd.DataFrame, *, window: str = "sentence", top_n: int = 15
) -> go.Figure:
    """How often each pair of the ``top_n`` most connected actors meets in one ``window``."""
    rows = cooccurrence[cooccurrence["window"] == window]
    if rows.empty:
        return Empty(f"No two actors are named in the same {window}.")
    pairs = rows.groupby(["actor_a", "actor_b"])["count"].sum().reset_index()
    both = pd.concat(
        [
            pairs.rename(columns={"actor_a": "x", "actor_b": "y"}),
            pairs.rename(columns={"actor_b": "x", "actor_a": "y"}),
        ]
    )
    top = both.groupby("x")["count"].sum().sort_values(ascending=False).head(top_n).index
    matrix = (
        both[both["x"].isin(top) & both["y"].isin(top)]
        .pivot_table(index="y", columns="x", values="count", aggfunc="sum", fill_value=0)
        .reindex(index=top, columns=top, fill_value=0)
    )
    label = actor_labels(actors)
    names = [escape(label.get(a, a), None) for a in top]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=names,
            y=names,
            colorscale="Blues",
            hovertemplate="%{y} and %{x}: %{z} " + window + "(s)<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Actors named in the same {window}",
        height=max(400, 28 * len(top) + 200),
        yaxis={"autorange": "reversed"},
        **LAYOUT,
    )
    return fig


def network_figure(graph: nx.Graph, *, top_n: int = 40, seed: int = 1) -> go.Figure:
    """The co-occurrence network (:func:`analysis.corpus.networks.cooccurrence_graph`): node size by
    weighted degree, edge width by weight; the layout is seeded, so it is the same each run."""
    strength = dict(graph.degree(weight="weight"))
    keep = set(sorted(strength, key=lambda node: (-strength[node], node))[:top_n])
    # A copy keeps the graph's node order; a subgraph view of a few nodes iterates them in
    # set order, which changes with the hash seed and so moves the seeded layout between runs.
    graph = graph.copy()
    graph.remove_nodes_from([node for node in strength if node not in keep])
    if not graph.number_of_edges():
        return Empty("No actor network: no two actors are named together.")
    import networkx as nx  # only for the network figure

    position = nx.spring_layout(graph, seed=seed, weight="weight")
    fig = go.Figure([*_edge_traces(graph, position), _node_trace(graph, position, strength)])
    fig.update_layout(
        title="Actor network (who is named with whom); drag to zoom, hover for details",
        xaxis={"visible": False},
        yaxis={"visible": False},
        height=620,
        **LAYOUT,
    )
    return fig


def _edge_traces(graph: nx.Graph, position: dict) -> list[go.Scatter]:
    """A line per pair of actors, wider the more often they meet."""
    heaviest = max((d["weight"] for _, _, d in graph.edges(data=True)), default=1)
    return [
        go.Scatter(
            x=[position[a][0], position[b][0]],
            y=[position[a][1], position[b][1]],
            mode="lines",
            line={"width": 0.5 + 5 * data["weight"] / heaviest, "color": "#9ab"},
            hoverinfo="skip",
            showlegend=False,
        )
        for a, b, data in graph.edges(data=True)
    ]


def _node_trace(graph: nx.Graph, position: dict, strength: dict) -> go.Scatter:
    """A dot per actor, coloured by kind, bigger the more it meets the others (weighted
    degree ``strength``, in the whole graph)."""
    nodes = list(graph.nodes)
    label = {v: escape(graph.nodes[v].get("label", v), None) for v in nodes}
    strongest = max(strength.values())
    return go.Scatter(
        x=[position[v][0] for v in nodes],
        y=[position[v][1] for v in nodes],
        mode="markers+text",
        text=[label[v] for v in nodes],
        textposition="top center",
        marker={
            "size": [10 + 20 * (strength[v] / strongest) ** 0.5 for v in nodes],
            "color": [KIND_COLORS.get(graph.nodes[v].get("kind"), "#888") for v in nodes],
            "line": {"width": 1, "color": "#333"},
        },
        hovertext=[
            f"<b>{label[v]}</b><br>{graph.degree(v)} partner(s), weight {strength[v]}"
            for v in nodes
        ],
        hoverinfo="text",
        showlegend=False,
    )
