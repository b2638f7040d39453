"""Trends over time: how often actors and terms are named, per 1,000 words, by period of
publication and group, and each group's era mix over the same periods.

Tables in, tables or plotly figures out, like :mod:`analysis.pages.charts`. A rate is the count of
mentions in a group's documents of one period divided by all the words of those documents,
times 1,000; documents without a publication date are left out, and every point carries the
number of documents and words behind it.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from ..corpus.keywords import _query_pattern
from ..corpus.labels import (
    Empty,
    actor_labels,
    escape,
    groups,
    shorten,
)
from ..dictionaries.actors import check_actor_ids
from . import Page, Parameter, shared
from .timeline import era_colors, era_mix_frame, period_of

PAGE = Page(
    "07_trends.ipynb",
    {
        **shared("group_by", "kwic"),
        "trend_actors": Parameter(
            list,
            [],
            "actor ids for the trends page (default: the most named in the dated documents)",
            actor_ids=True,
        ),
        "trend_terms": Parameter(list, [], "words or phrases for the trends page (default: kwic)"),
        "trend_period": Parameter(
            str, "auto", "trends by year, decade or auto", choices=("auto", "year", "decade")
        ),
    },
)


PERIODS = ("year", "decade")
RATE_COLUMNS = ("group", "period", "series", "count", "documents", "words", "per_1000")
#: At most this many groups get a chart each (the ones with most documents).
MAX_GROUPS = 8
_LAYOUT = {"template": "plotly_white", "hoverlabel": {"align": "left"}}


def choose_period(documents: pd.DataFrame, asked: str = "auto") -> tuple[str, str]:
    """``year`` or ``decade`` (``auto``: years while the dated documents span at most 25
    distinct years, else decades), and a sentence saying it for the page.

    Raises:
        ValueError: ``asked`` is not auto, year or decade.
    """
    if asked not in ("auto", *PERIODS):
        raise ValueError(f"trend_period {asked!r} is not one of auto, year, decade")
    years = period_of(documents["published"], 1).dropna()
    undated = int(len(documents) - len(years))
    period = asked
    if asked == "auto":
        period = "year" if years.nunique() <= 25 else "decade"
    how = "as set by trend_period" if asked != "auto" else "by default"
    said = f"Rates per {period} of publication ({how})"
    said += f"; {undated} document(s) without a date are left out." if undated else "."
    return period, said


def choose_actors(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    asked: list[str],
    top_n: int = 6,
    *,
    actors: pd.DataFrame | None = None,
) -> tuple[list[str], str]:
    """The actors to follow: ``asked``, else the ``top_n`` most named in the documents with a
    date (the only ones a trend can show); and a sentence saying it.

    Raises:
        ValueError: an id in ``asked`` is not in ``actors`` (the run's ``actors`` table),
            with the closest known ones; a typo would otherwise draw nothing.
    """
    if asked and actors is not None:
        try:
            check_actor_ids(asked, actors)
        except ValueError as exc:
            raise ValueError(f"trend_actors: {exc}") from None
    if asked:
        return list(asked), "Actors: " + ", ".join(asked) + " (as set by trend_actors)."
    dated = documents.loc[period_of(documents["published"], 1).notna(), "doc_id"]
    named = mentions.loc[mentions["doc_id"].isin(dated), "actor_id"]
    top = list(named.value_counts().head(top_n).index)
    if not top:
        return [], "Actors: none is named in the documents with a date."
    return (
        top,
        f"Actors: the {len(top)} most named in the dated documents (set trend_actors to choose).",
    )


def _base(documents: pd.DataFrame, period: str, group_by: str) -> pd.DataFrame:
    """Dated documents with their group and period."""
    if period not in PERIODS:
        raise ValueError(f"period={period!r} is not one of {', '.join(PERIODS)}")
    docs = documents[["doc_id", "published", "words"]].copy()
    docs["group"] = docs["doc_id"].map(groups(documents, group_by))
    docs["period"] = period_of(docs["published"], 1 if period == "year" else 10)
    return docs[docs["period"].notna()].astype({"period": int})


def _rates(base: pd.DataFrame, counts: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """Rates per group, period and series from ``counts`` (doc_id, series, count); every
    group and period that has dated documents gets a row per series, zero when none."""
    if base.empty or not series:
        out = pd.DataFrame(columns=RATE_COLUMNS)
        out.attrs["why"] = "no document has a date" if base.empty else "nothing chosen to follow"
        return out
    cells = base.groupby(["group", "period"]).agg(
        documents=("doc_id", "nunique"), words=("words", "sum")
    )
    found = counts.merge(base[["doc_id", "group", "period"]], on="doc_id")
    found = found.groupby(["group", "period", "series"])["count"].sum()
    full = pd.MultiIndex.from_tuples(
        [(g, p, s) for g, p in cells.index for s in series], names=["group", "period", "series"]
    )
    out = found.reindex(full, fill_value=0).rename("count").reset_index()
    out = out.merge(cells.reset_index(), on=["group", "period"])
    out["per_1000"] = out["count"] / out["words"].where(out["words"] > 0) * 1000
    out["count"] = out["count"].astype(int)
    return out[list(RATE_COLUMNS)]


def actor_rates(
    mentions: pd.DataFrame,
    documents: pd.DataFrame,
    actor_ids: list[str],
    *,
    period: str = "decade",
    group_by: str = "",
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Mentions of each actor per 1,000 words, per group and period of publication.

    Returns:
        group, period (first year of the year or decade), series (the actor's label),
        count (mentions), documents and words (of the group in that period), per_1000.
    """
    named = actor_labels(actors) if actors is not None else {}
    label = {a: named.get(a, a) for a in actor_ids}
    found = mentions[mentions["actor_id"].isin(actor_ids)]
    counts = found.groupby(["doc_id", "actor_id"]).size().rename("count").reset_index()
    counts["series"] = counts["actor_id"].map(label)
    return _rates(_base(documents, period, group_by), counts, [label[a] for a in actor_ids])


def term_rates(
    documents: pd.DataFrame, queries: list[str], *, period: str = "decade", group_by: str = ""
) -> pd.DataFrame:
    """Occurrences of each word or phrase per 1,000 words, per group and period, counted in
    the documents' text as :func:`analysis.corpus.keywords.kwic` finds them (whole words, any case).

    Returns:
        The columns of :func:`actor_rates`; ``series`` is the query.
    """
    base = _base(documents, period, group_by)
    text = documents.set_index("doc_id")["text"]
    counts = pd.DataFrame(
        [
            {"doc_id": doc, "series": query, "count": len(pattern.findall(text[doc]))}
            for query in queries
            for pattern in [_query_pattern(query, False)]
            for doc in base["doc_id"]
        ],
        columns=["doc_id", "series", "count"],
    )
    return _rates(base, counts, list(queries))


def _facets(names: list[str], title: str, **options) -> go.Figure:
    cols = 1 if len(names) == 1 else 2
    rows = math.ceil(len(names) / cols)
    fig = make_subplots(
        rows=rows,
        cols=cols,
        shared_xaxes="all",
        shared_yaxes="all",
        subplot_titles=[escape(shorten(n, 60), None) for n in names],
        vertical_spacing=min(0.12, 0.4 / rows),
        horizontal_spacing=0.06,
    )
    fig.update_layout(
        title=escape(title, None),
        height=max(380, 260 * rows + 160),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1 + 50 / (260 * rows), "x": 0},
        margin={"t": 140},
        **_LAYOUT,
        **options,
    )
    return fig


def _ticks(periods: pd.Series, period: str) -> dict:
    """Whole years on the axis, a tick every year, 5, 10, 20 or 50 years, as the span allows."""
    span = periods.max() - periods.min() if len(periods) else 0
    steps = (10, 20, 50) if period == "decade" else (1, 5, 10)
    limits = (100, 200) if period == "decade" else (15, 60)
    step = next((s for s, limit in zip(steps, limits, strict=False) if span <= limit), steps[-1])
    return {"tickformat": "d", "dtick": step}


def _largest_groups(frame: pd.DataFrame) -> tuple[list[str], str]:
    sizes = frame.drop_duplicates(["group", "period"]).groupby("group")["documents"].sum()
    sizes = sizes.sort_index().sort_values(ascending=False, kind="stable")
    shown = list(sizes.index[:MAX_GROUPS])
    note = f" · the {MAX_GROUPS} largest of {len(sizes)} groups" if len(sizes) > MAX_GROUPS else ""
    return sorted(shown), note


def trends_figure(rates: pd.DataFrame, *, title: str = "Per 1,000 words") -> go.Figure | Empty:
    """Small multiples of :func:`actor_rates` or :func:`term_rates`: one chart per group (the
    :data:`MAX_GROUPS` with most documents), one line per actor or term, the same axes in
    each, so two groups read side by side. Hover: the rate, the count, the documents."""
    if rates.empty:
        return Empty(f"{title}: nothing to draw ({rates.attrs.get('why', 'no rate')}).")
    if not (rates["count"] > 0).any():
        names = ", ".join(dict.fromkeys(rates["series"]))
        return Empty(f"{title}: none of {names} occurs in the dated documents.")
    names, note = _largest_groups(rates)
    by = "decade" if (rates["period"] % 10 == 0).all() and rates["period"].nunique() > 1 else "year"
    fig = _facets(names, title + note)
    colors = dict(
        zip(dict.fromkeys(rates["series"]), qualitative.Safe + qualitative.Vivid, strict=False)
    )
    for n, group in enumerate(names):
        row, col = divmod(n, 1 if len(names) == 1 else 2)
        rows = rates[rates["group"] == group]
        for series, line in rows.groupby("series", sort=False):
            line = line.sort_values("period")
            fig.add_trace(
                go.Scatter(
                    x=line["period"],
                    y=line["per_1000"],
                    mode="lines+markers",
                    name=escape(series, None),
                    legendgroup=series,
                    showlegend=n == 0,
                    line={"color": colors[series]},
                    hovertext=[
                        f"<b>{escape(series, None)}</b> · {escape(group, None)} · "
                        f"{p}{'s' if by == 'decade' else ''}<br>{r:.2f} per 1,000 words: {c:,} in "
                        f"{w:,} words of {d} document(s)"
                        for p, r, c, w, d in zip(
                            line["period"],
                            line["per_1000"],
                            line["count"],
                            line["words"],
                            line["documents"],
                            strict=True,
                        )
                    ],
                    hoverinfo="text",
                ),
                row=row + 1,
                col=col + 1,
            )
    fig.update_yaxes(title_text="per 1,000 words", col=1, rangemode="tozero")
    fig.update_xaxes(**_ticks(rates["period"], by))
    return fig


def era_trends_figure(
    documents: pd.DataFrame,
    era_mix: pd.DataFrame,
    eras: pd.DataFrame,
    *,
    period: str = "decade",
    group_by: str = "",
    title: str = "Era mix over time",
) -> go.Figure | Empty:
    """Small multiples of the era mix (:func:`analysis.pages.timeline.era_mix_frame`): one chart
    per group, stacked bars per period, each era's share of the group's era-framed sentences
    in that period. Hover: the share, the sentences and the documents behind it."""
    group = groups(documents, group_by)
    frame = era_mix_frame(documents, era_mix, period=period, groups=group)
    if frame.empty:
        return Empty(
            "No era mix over time: no dated document invokes an era of the era dictionary."
        )
    sizes = frame.drop(columns="documents").rename(
        columns={"bin": "period", "bin_documents": "documents"}
    )
    names, note = _largest_groups(sizes)
    fig = _facets(names, title + note, barmode="stack")
    legend: set[str] = set()  # each era in the legend once, where it first appears
    for n, name in enumerate(names):
        row, col = divmod(n, 1 if len(names) == 1 else 2)
        for bar in _era_share_bars(frame[frame["group"] == name], name, eras, period, legend):
            fig.add_trace(bar, row=row + 1, col=col + 1)
    fig.update_yaxes(title_text="% of era-framed sentences", col=1, range=[0, 100])
    fig.update_xaxes(**_ticks(frame["bin"], period))
    return fig


def _era_share_bars(
    rows: pd.DataFrame, name: str, eras: pd.DataFrame, period: str, legend: set[str]
) -> list[go.Bar]:
    """One group's bars: a trace per era it invokes; an era not yet in ``legend`` is shown
    there (and added)."""
    colors = era_colors(eras)
    unit = "s" if period == "decade" else ""
    bars = []
    for era in eras.itertuples():
        part = rows[rows["era_id"] == era.era_id]
        if part.empty:
            continue
        label = escape(era.label, None)
        hover = [
            f"<b>{label}</b> · {escape(name, None)} · {b}{unit}<br>"
            f"{s:.0%} of era-framed sentences ({k} sentence(s) in {d} of {t} document(s))"
            for b, s, k, d, t in zip(
                *(part[c] for c in ("bin", "share", "sentences", "documents", "bin_documents")),
                strict=True,
            )
        ]
        bars.append(
            go.Bar(
                x=part["bin"],
                y=part["share"] * 100,
                name=label,
                legendgroup=era.era_id,
                showlegend=era.era_id not in legend,
                marker_color=colors[era.era_id],
                hovertext=hover,
                hoverinfo="text",
            )
        )
        legend.add(era.era_id)
    return bars
