"""Figures and display tables for the notebooks: tables in, plotly figures or frames out.

Pure functions, like :mod:`analysis.timeline`: they never read files. Text from documents
goes through :func:`analysis.timeline.escape` before it reaches a label or hover text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from .labels import ALL_DOCUMENTS, Empty, actor_labels, document_labels, escape, groups, shorten
from .schema import MEASURES

if TYPE_CHECKING:
    import networkx as nx

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
KIND_COLORS = dict(
    zip(("state", "person", "igo", "group", "territory"), qualitative.Safe, strict=False)
)
_LAYOUT = {"template": "plotly_white", "hoverlabel": {"align": "left"}}


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


#: Up to this many documents, a bar each; more, a box per group with a point per document.
MAX_BARS = 60


def _per_document(documents: pd.DataFrame, by: str) -> tuple[list, str]:
    """The x of each document (in ``documents`` order) and a note for the title: its label
    for a bar each, or, past :data:`MAX_BARS` documents, its group (``by``)."""
    if len(documents) <= MAX_BARS:
        labels = document_labels(documents)
        return [labels[d] for d in documents["doc_id"]], ""
    group = groups(documents, by)
    note = f"{len(documents)} documents, too many for a bar each: a box per {by or 'corpus'}, a point per document"
    return [escape(shorten(group[d], 40), None) for d in documents["doc_id"]], note


def _trace(x, y, hover, *, boxes: bool, color: str, **options):
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


def length_figure(
    documents: pd.DataFrame, *, by: str = "", title: str = "Length of each document"
) -> go.Figure:
    """Words per document, in order of publication (past :data:`MAX_BARS` documents, a box
    per group of ``by``)."""
    docs = documents.sort_values(["published", "doc_id"], na_position="first")
    labels = document_labels(docs)
    x, note = _per_document(docs, by)
    hover = [
        f"<b>{labels[d]}</b><br>{w:,} words, {s} sentences, published {escape(p) or 'unknown'}"
        for d, w, s, p in zip(
            docs["doc_id"], docs["words"], docs["sentences"], docs["published"], strict=True
        )
    ]
    fig = go.Figure(_trace(x, docs["words"], hover, boxes=bool(note), color="#0072B2"))
    heading = escape(title, None) + (f"<br><sup>{escape(note, None)}</sup>" if note else "")
    fig.update_layout(title=heading, yaxis_title="words", **_LAYOUT)
    return fig


def readability_figure(
    readability: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    by: str = "",
    title: str = "Readability by document",
) -> go.Figure:
    """One bar per document for a measure (past :data:`MAX_BARS` documents, a box per group
    of ``by``); a menu switches between the measures."""
    frame = readability.merge(documents, on="doc_id")
    labels = document_labels(documents)
    x, note = _per_document(frame, by)
    measures = [m for m in (*MEASURES, "mtld", "ttr") if m in frame]
    fig = go.Figure()
    for n, measure in enumerate(measures):
        fig.add_trace(
            _trace(
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
        **_LAYOUT,
    )
    return fig


def readability_by_group(
    readability: pd.DataFrame, documents: pd.DataFrame, by: str
) -> pd.DataFrame | Empty:
    """Mean of every measure per group of column ``by``, with document counts (no ``by``:
    :class:`analysis.labels.Empty`)."""
    if not by:
        return Empty("No groups, so no readability by group.")
    group = groups(documents, by)
    frame = readability.assign(group=readability["doc_id"].map(group))
    measures = [m for m in (*MEASURES, "ttr", "mtld") if m in frame]
    out = frame.groupby("group")[measures].mean().round(2)
    out.insert(0, "documents", frame.groupby("group").size())
    return out.reset_index().rename(columns={"group": by})


def top_terms_figure(top: pd.DataFrame, *, title: str = "Most frequent terms") -> go.Figure:
    """Horizontal bars of :func:`analysis.terms.top_terms`; with groups, a menu picks one."""
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
        **_LAYOUT,
    )
    return fig


def keyness_figure(
    key: pd.DataFrame, *, n: int = 15, target: str = "target", reference: str = "reference"
) -> go.Figure | Empty:
    """The ``n`` terms most typical of each side (signed G², from :func:`analysis.terms.keyness`)."""
    if key.empty:
        return Empty("No keyness: one side has no terms.")
    top = key.head(n)
    bottom = key[key["g2"] < 0].tail(n)
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
        **_LAYOUT,
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
        **_LAYOUT,
    )
    return fig


def mentions_figure(mentions: pd.DataFrame, actors: pd.DataFrame, *, n: int = 20) -> go.Figure:
    """The ``n`` most mentioned actors (named as in the run's ``actors`` table), coloured by
    kind, with the documents naming them."""
    if mentions.empty:
        return Empty("No actor of the actor dictionary is named in these documents.")
    counts = (
        mentions.groupby("actor_id")
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .sort_values("mentions", ascending=False)
        .head(n)
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
        **_LAYOUT,
    )
    return fig


def cooccurrence_heatmap(
    cooccurrence: pd.DataFrame, actors: pd.DataFrame, *, window: str = "sentence", n: int = 15
) -> go.Figure:
    """How often each pair of the ``n`` most connected actors meets in one ``window``."""
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
    top = both.groupby("x")["count"].sum().sort_values(ascending=False).head(n).index
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
        **_LAYOUT,
    )
    return fig


def network_figure(graph: nx.Graph, *, max_nodes: int = 40, seed: int = 1) -> go.Figure:
    """The co-occurrence network (:func:`analysis.actors.cooccurrence_graph`): node size by
    weighted degree, edge width by weight; the layout is seeded, so it is the same each run."""
    strength = dict(graph.degree(weight="weight"))
    keep = set(sorted(strength, key=lambda node: (-strength[node], node))[:max_nodes])
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
        **_LAYOUT,
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
    above zero, :class:`analysis.labels.Empty` saying so."""
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
    fig.update_layout(title=escape(title, None), barmode="group", yaxis_title=axis, **_LAYOUT)
    return fig


def mention_rates(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    sides: tuple[tuple[str, list[str]], tuple[str, list[str]]],
    actors: pd.DataFrame,
    *,
    n: int = 12,
) -> pd.DataFrame:
    """Mentions per 1,000 words of the ``n`` actors most mentioned on either side."""
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
        frame.groupby("actor_id")["per_1000_words"].max().sort_values(ascending=False).head(n).index
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
