"""Timeline figures: eras on a year axis, and the era mix of documents over time.

Pure functions: tables in, plotly figures out. Every text that comes from a document
(titles, sentences, labels) is HTML-escaped before it reaches a hover label or an axis, so a
hostile document shows its markup literally and runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from ..corpus.labels import (
    ALL_DOCUMENTS,
    Empty,
    document_labels,
    escape,
    groups,
    shorten,
)
from . import Page, Parameter, shared

PAGE = Page(
    "05_timeline.ipynb",
    {
        **shared("group_by"),
        "max_timeline_documents": Parameter(
            int,
            40,
            "up to this many documents the timeline has a row each; more: per group and period",
        ),
    },
)


MIX_MEASURES = {
    "share": "Share of era-framed sentences (%)",
    "per_1000": "Era-framed sentences per 1,000 sentences",
}
_BINS = ("document", "year", "decade")
#: The most rows of the timeline per group and period: decades while they fit, else longer.
MAX_ROWS = 60


def era_colors(eras: pd.DataFrame) -> dict[str, str]:
    """Each era's colour: its own from the dictionary, else one from a safe palette."""
    palette = iter(qualitative.Safe)
    return {
        row.era_id: row.color if isinstance(row.color, str) and row.color else next(palette)
        for row in eras.itertuples()
    }


def publication_year(published) -> float | None:
    """A publication date as a decimal year for a time axis ("1965" -> 1965.5,
    "1965-03" -> 1965.21, "1965-03-15" -> 1965.20); ``None`` when unknown."""
    if not isinstance(published, str) or not published[:4].isdigit():
        return None
    parts = [int(p) for p in published.split("-")[:3]]
    if len(parts) == 1:
        return parts[0] + 0.5
    month_start = date(parts[0], parts[1], 1).timetuple().tm_yday - 1
    day = parts[2] - 1 if len(parts) == 3 else 15
    return parts[0] + (month_start + day) / 365.25


def _era_end(end, today: int) -> int:
    return today + 1 if pd.isna(end) else int(end) + 1


def period_of(published: pd.Series, years: int = 10) -> pd.Series:
    """The period of each publication date: the first year of its span of ``years``
    (1965 -> 1960 for decades); missing when there is no date."""
    year = pd.to_numeric(published.astype("string").str[:4], errors="coerce")
    return (year // years) * years


def _period_years(published: pd.Series, group: pd.Series, max_rows: int) -> int:
    """The shortest span (a decade, a quarter or half century, a century) for which the
    rows (the groups' periods that have documents) fit in ``max_rows``."""
    for years in (10, 25, 50):
        rows = pd.DataFrame({"g": group.to_numpy(), "p": period_of(published, years).to_numpy()})
        if len(rows.drop_duplicates()) <= max_rows:
            return years
    return 100


def _timeline_rows(
    documents: pd.DataFrame, max_documents: int, group_by: str
) -> tuple[pd.DataFrame, str]:
    """The rows of the timeline: one per document when there are at most ``max_documents``,
    else one per group of ``group_by`` and period. Returns each document's row (columns
    doc_id, row, label, start, end: the period's span) and a note for the title."""
    docs = documents.assign(_x=documents["published"].map(publication_year))
    if len(docs) <= max_documents:
        docs = docs.sort_values(["_x", "doc_id"], na_position="first")
        labels = document_labels(docs)
        return (
            pd.DataFrame(
                {"doc_id": docs["doc_id"], "label": labels[docs["doc_id"]].to_numpy()}
            ).assign(row=range(len(docs)), start=None, end=None),
            "",
        )
    group = groups(docs, group_by)
    years = _period_years(docs["published"], group[docs["doc_id"]], MAX_ROWS)
    period = period_of(docs["published"], years)
    frame = pd.DataFrame(
        {"doc_id": docs["doc_id"], "group": group[docs["doc_id"]].to_numpy(), "start": period}
    )
    frame["end"] = frame["start"] + years
    keys = frame.groupby(["group", "start"], dropna=False).size().rename("documents")
    keys = keys.reset_index().sort_values(["group", "start"], na_position="first")
    unit = "s" if years == 10 else "–"

    def name(row) -> str:
        if pd.isna(row.start):
            span = "undated"
        else:
            span = (
                f"{int(row.start)}s"
                if unit == "s"
                else f"{int(row.start)}–{int(row.start) + years - 1}"
            )
        who = "" if row.group == ALL_DOCUMENTS else f"{escape(shorten(row.group, 32), None)} · "
        return f"{who}{span} ({row.documents} doc.)"

    keys["label"] = [name(row) for row in keys.itertuples()]
    keys["row"] = range(len(keys))
    frame = frame.merge(keys[["group", "start", "label", "row"]], on=["group", "start"], how="left")
    by = f" by {group_by} and" if group_by else " by"
    span = "decade" if years == 10 else f"{years} years"
    note = (
        f"{len(docs)} documents, too many for a row each (more than {max_documents}):"
        f" one row{by} {span} of publication"
    )
    return frame[["doc_id", "row", "label", "start", "end"]], note


@dataclass(frozen=True)
class TimelineMarks:
    """What the timeline draws below the era bands, one frame per layer.

    Attributes:
        rows: One per row of the timeline: row, label (the y axis tick), start and end (its
            span of publication; missing when the rows are documents).
        cues: One per era and row that invokes it: era_id, row, y (the row, shifted into the
            era's lane), start and end (the era's span), x (its middle), size, hover.
        events: One per row and cited year or date: row, date, x, size, hover.
        published: One per dated document when the rows are documents: row, x, hover.
        x_range: The years the axis shows.
        note: For the title, when the rows are groups and periods rather than documents.
    """

    rows: pd.DataFrame
    cues: pd.DataFrame
    events: pd.DataFrame
    published: pd.DataFrame
    x_range: list[int]
    note: str

    @property
    def per_document(self) -> bool:
        return not self.note


def timeline_marks(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    eras: pd.DataFrame,
    era_cues: pd.DataFrame,
    events: pd.DataFrame,
    *,
    max_documents: int = 40,
    group_by: str = "",
    today: int | None = None,
) -> TimelineMarks:
    """The marks of :func:`timeline_figure` (its arguments), layer by layer; ``today``: the
    year open-ended eras run to (default: this year)."""
    today = date.today().year if today is None else today
    text_of = sentences.set_index(["doc_id", "sentence_id"])["text"]
    rows, note = _timeline_rows(documents, max_documents, group_by)
    row_of = dict(zip(rows["doc_id"], rows["row"], strict=True))
    dated = documents.assign(x=documents["published"].map(publication_year))
    dated = dated[dated["x"].notna()]
    years = [int(y) for y in eras["start"]] + [today + 1]
    years += [int(y) for y in events["year"]] + [int(x) for x in dated["x"]]
    return TimelineMarks(
        rows=rows.drop_duplicates("row").sort_values("row")[["row", "label", "start", "end"]],
        cues=_cue_marks(era_cues, eras, row_of, text_of, per_document=not note, today=today),
        events=_event_marks(events, eras, row_of, text_of),
        published=_publication_marks(dated if not note else dated.iloc[:0], row_of),
        x_range=[max(min(years), 1900) - 3, max(years) + 3],
        note=note,
    )


def _cue_marks(era_cues, eras, row_of, text_of, *, per_document: bool, today: int) -> pd.DataFrame:
    """A dot per era and row, in the era's lane of the row, sized by the sentences invoking
    it; the first of them in the hover."""
    cues = era_cues.assign(_row=era_cues["doc_id"].map(row_of))
    marks = []
    for k, era in enumerate(eras.itertuples()):
        lane = (k - (len(eras) - 1) / 2) * 0.6 / max(len(eras), 1)
        end = _era_end(era.end, today)
        for row, group in cues[cues["era_id"] == era.era_id].groupby("_row", sort=True):
            n_sentences = len(group.drop_duplicates(["doc_id", "sentence_id"]))
            first = group.iloc[0]
            cue_list = ", ".join(dict.fromkeys(group["cue"].str.strip()))
            in_docs = "" if per_document else f" in {group['doc_id'].nunique()} document(s)"
            hover = (
                f"<b>{escape(era.label, None)}</b> · {n_sentences} sentence(s){in_docs}<br>"
                f"cues: {escape(shorten(cue_list, 120))}<br>"
                f"<i>{escape(text_of.get((first['doc_id'], first['sentence_id']), ''))}</i>"
            )
            marks.append(
                {
                    "era_id": era.era_id,
                    "row": row,
                    "y": row + lane,
                    "start": era.start,
                    "end": end,
                    "x": (era.start + end) / 2,
                    "size": 6 + 4 * min(n_sentences, 100) ** 0.5,
                    "hover": hover,
                }
            )
    return pd.DataFrame(marks, columns=["era_id", "row", "y", "start", "end", "x", "size", "hover"])


def _event_marks(events, eras, row_of, text_of) -> pd.DataFrame:
    """A diamond per row and cited year or date, bigger when cited more often; the first
    citing sentence in the hover."""
    era_label = dict(zip(eras["era_id"], eras["label"], strict=True))
    cited = events.assign(_row=events["doc_id"].map(row_of))
    marks = []
    for (row, when), group in cited.groupby(["_row", "date"], sort=True):
        first = next(group.itertuples())
        era = (
            f" · {escape(era_label.get(first.era_id, ''))}" if isinstance(first.era_id, str) else ""
        )
        times = f" · cited {len(group)} times" if len(group) > 1 else ""
        sentence = escape(text_of.get((first.doc_id, first.sentence_id), ""))
        hover = f"<b>{escape(first.label)}</b> ({escape(when)}){era}{times}<br><i>{sentence}</i>"
        marks.append((row, when, publication_year(when), 8 + 2 * min(len(group), 25) ** 0.5, hover))
    return pd.DataFrame(marks, columns=["row", "date", "x", "size", "hover"])


def _publication_marks(dated: pd.DataFrame, row_of: dict) -> pd.DataFrame:
    """A star per dated document, at its publication date."""
    hover = [
        f"published {escape(p)}"
        + (" (inferred: not before the latest year it cites)" if q == "inferred" else "")
        for p, q in zip(dated["published"], dated["date_precision"], strict=True)
    ]
    return pd.DataFrame(
        {"row": [row_of[d] for d in dated["doc_id"]], "x": dated["x"], "hover": hover}
    )


def timeline_figure(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    eras: pd.DataFrame,
    era_cues: pd.DataFrame,
    events: pd.DataFrame,
    *,
    max_documents: int = 40,
    group_by: str = "",
    title: str = "Eras and cited events",
) -> go.Figure | Empty:
    """Era bands on a year axis; under them, one row per document with the eras it invokes
    (a bar across the era, a dot sized by the sentences that invoke it), the years and dates
    it cites (diamonds, bigger when cited more often) and its publication date (a star).
    With more than ``max_documents`` documents, one row per group of ``group_by`` and
    decade of publication (or 25 or 50 years, so that the rows stay within
    :data:`MAX_ROWS`), with its span of publication as a grey bar. Hover shows the evidence sentence.

    Args:
        documents, sentences, era_cues, events: The tables ``documents``, ``sentences``,
            ``eras`` and ``events`` of a feature pass.
        eras: The era definitions: a run's ``era_definitions`` table
            (:meth:`analysis.dictionaries.eras.EraDictionary.frame`).

    Returns:
        The figure, or :class:`analysis.corpus.labels.Empty` saying why there is none.
    """
    if documents.empty:
        return Empty("No document to place on a timeline.")
    if era_cues.empty and events.empty:
        return Empty(
            "No timeline: no sentence invokes an era of the era dictionary and none cites a "
            "year or a date."
        )
    today = date.today().year
    marks = timeline_marks(
        documents,
        sentences,
        eras,
        era_cues,
        events,
        max_documents=max_documents,
        group_by=group_by,
        today=today,
    )
    colors = era_colors(eras)
    fig = _timeline_canvas(eras, colors, today, n_rows=len(marks.rows))
    layers = [
        *_cue_traces(marks.cues, eras, colors),
        *_event_traces(marks.events),
        *_publication_traces(marks.published),
        *_period_traces(marks.rows),
    ]
    for trace in layers:
        fig.add_trace(trace, row=2, col=1)
    _timeline_layout(fig, marks, len(eras), title)
    return fig


def _timeline_heights(n_eras: int, n_rows: int) -> tuple[int, int]:
    """Pixels for the era bands and for the rows."""
    return 22 * n_eras, 46 * max(n_rows, 2)


def _timeline_canvas(eras: pd.DataFrame, colors: dict, today: int, *, n_rows: int) -> go.Figure:
    """Two axes, one year axis: each era as a bar on the upper one and a faint band behind
    the rows on the lower one."""
    lanes_px, docs_px = _timeline_heights(len(eras), n_rows)
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[lanes_px, docs_px],
        vertical_spacing=40 / (lanes_px + docs_px),
    )
    for era in eras.itertuples():
        end = _era_end(era.end, today)
        span = f"{era.start}–{'' if pd.isna(era.end) else int(era.end)}"
        fig.add_trace(
            go.Bar(
                y=[escape(era.label, None)],
                x=[end - era.start],
                base=[era.start],
                orientation="h",
                marker_color=colors[era.era_id],
                name=escape(era.label, None),
                legendgroup=era.era_id,
                showlegend=False,
                hovertemplate=f"<b>{escape(era.label, None)}</b> {span}<extra></extra>",
            ),
            row=1,
            col=1,
        )
        fig.add_vrect(
            x0=era.start,
            x1=end,
            fillcolor=colors[era.era_id],
            opacity=0.06,
            layer="below",
            line_width=0,
            row=2,
            col=1,
        )
    return fig


def _cue_traces(cues: pd.DataFrame, eras: pd.DataFrame, colors: dict) -> list[go.Scatter]:
    """Per era that is invoked: a line across the era on each row, and the dots."""
    traces = []
    for era in eras.itertuples():
        found = cues[cues["era_id"] == era.era_id]
        if found.empty:
            continue
        marks = list(found.itertuples())
        traces.append(
            go.Scatter(
                x=[x for m in marks for x in (m.start, m.end, None)],
                y=[y for m in marks for y in (m.y, m.y, None)],
                mode="lines",
                line={"color": colors[era.era_id], "width": 5},
                opacity=0.45,
                legendgroup=era.era_id,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        traces.append(
            go.Scatter(
                x=list(found["x"]),
                y=list(found["y"]),
                mode="markers",
                marker={"color": colors[era.era_id], "size": list(found["size"]), "line_width": 0},
                name=escape(era.label, None),
                legendgroup=era.era_id,
                hovertext=list(found["hover"]),
                hoverinfo="text",
            )
        )
    return traces


def _event_traces(events: pd.DataFrame) -> list[go.Scatter]:
    """The cited years and dates, as diamonds."""
    if events.empty:
        return []
    marker = {"symbol": "diamond", "size": list(events["size"]), "color": "#222", "line_width": 0}
    return [
        go.Scatter(
            x=list(events["x"]),
            y=list(events["row"]),
            mode="markers",
            marker=marker,
            name="cited year or date",
            hovertext=list(events["hover"]),
            hoverinfo="text",
        )
    ]


def _publication_traces(published: pd.DataFrame) -> list[go.Scatter]:
    """The publication dates, as stars."""
    if published.empty:
        return []
    return [
        go.Scatter(
            x=published["x"],
            y=list(published["row"]),
            mode="markers",
            marker={"symbol": "star", "size": 13, "color": "#FFD700", "line": {"width": 1}},
            name="published",
            hovertext=list(published["hover"]),
            hoverinfo="text",
        )
    ]


def _period_traces(rows: pd.DataFrame) -> list[go.Scatter]:
    """The span of publication of each row that is a period, as a grey bar."""
    spans = rows[rows["start"].notna()]
    if spans.empty:
        return []
    return [
        go.Scatter(
            x=[x for row in spans.itertuples() for x in (row.start, row.end, None)],
            y=[y for row in spans.itertuples() for y in (row.row, row.row, None)],
            mode="lines",
            line={"color": "#999", "width": 9},
            opacity=0.5,
            name="period of publication",
            hoverinfo="skip",
        )
    ]


def _timeline_layout(fig: go.Figure, marks: TimelineMarks, n_eras: int, title: str) -> None:
    """Axes (the rows' labels on the lower one), title, height and legend."""
    lanes_px, docs_px = _timeline_heights(n_eras, len(marks.rows))
    fig.update_xaxes(range=marks.x_range, row=2, col=1, title_text="year")
    fig.update_xaxes(showgrid=True, row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(marks.rows["row"]),
        ticktext=list(marks.rows["label"]),
        range=[len(marks.rows) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        row=2,
        col=1,
    )
    note = f" · {escape(marks.note, None)}" if marks.note else ""
    fig.update_layout(
        title={"text": escape(title, None) + note},
        height=lanes_px + docs_px + 230,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -60 / (lanes_px + docs_px),
            "itemsizing": "constant",
        },
        hovermode="closest",
        hoverlabel={"align": "left"},
        margin={"l": 10},
        bargap=0.25,
        template="plotly_white",
    )


def era_mix_frame(
    documents: pd.DataFrame,
    era_mix: pd.DataFrame,
    *,
    period: str = "year",
    groups: pd.Series | None = None,
) -> pd.DataFrame:
    """The era mix per bin of documents: bin, era_id, sentences (invoking the era), documents
    (invoking it), share (of the bin's era-framed sentences), per_1000 (per 1,000 of all
    the bin's sentences) and bin_documents. Documents without a publication date are left
    out, unless ``period`` is ``document``. Empty (with these columns) when no dated document
    invokes an era.

    Args:
        by: ``document``, ``year`` or ``decade``.
        group: Each document's group (by doc_id, :func:`analysis.corpus.labels.groups`): the bins
            are then per group too, in a first column ``groups``.
    """
    if period not in _BINS:
        raise ValueError(f"period={period!r} is not one of {', '.join(_BINS)}")
    docs = documents[["doc_id", "published", "sentences"]].copy()
    keys = ["bin"]
    if groups is not None:
        docs["group"] = docs["doc_id"].map(groups)
        keys = ["group", "bin"]
    if period == "document":
        docs["bin"] = docs["doc_id"]
    else:
        docs["bin"] = period_of(docs["published"], 1 if period == "year" else 10)
        docs = docs[docs["bin"].notna()]
        docs["bin"] = docs["bin"].astype(int)
    columns = [*keys, "era_id", "sentences", "documents", "share", "per_1000", "bin_documents"]
    mix = era_mix.merge(docs[["doc_id", *keys]], on="doc_id")
    if mix.empty:
        return pd.DataFrame(columns=columns)
    out = mix.groupby([*keys, "era_id"], sort=True).agg(
        sentences=("sentences", "sum"), documents=("doc_id", "nunique")
    )
    out = out.reset_index()
    framed = out.groupby(keys)["sentences"].transform("sum")
    index = pd.MultiIndex.from_frame(out[keys])
    total = docs.groupby(keys)["sentences"].sum().reindex(index).to_numpy()
    out["share"] = out["sentences"] / framed
    out["per_1000"] = out["sentences"] / total * 1000
    out["bin_documents"] = docs.groupby(keys).size().reindex(index).to_numpy()
    return out[columns]


def era_mix_figure(
    documents: pd.DataFrame,
    era_mix: pd.DataFrame,
    eras: pd.DataFrame,
    *,
    period: str = "auto",
    title: str = "Era mix over publication dates",
) -> go.Figure | Empty:
    """Stacked bars: for each publication year (or decade, or document), how its era-framed
    sentences divide among the eras. A menu switches to sentences per 1,000, which shows how
    much of the text is framed at all.

    Args:
        by: ``document``, ``year``, ``decade``, or ``auto``: documents up to 30, then years
            while there are at most 60 of them, else decades.

    Returns:
        The figure, or :class:`analysis.corpus.labels.Empty` saying why there is none.
    """
    years = period_of(documents["published"], 1).dropna()
    if period == "auto":
        period = (
            "document" if len(documents) <= 30 else "year" if years.nunique() <= 60 else "decade"
        )
    frame = era_mix_frame(documents, era_mix, period=period)
    if frame.empty:
        return Empty(
            "No era mix to draw: no sentence invokes an era of the era dictionary"
            if era_mix.empty
            else "No era mix to draw over time: the documents that invoke an era have no date."
        )
    frame, category = _mix_x(frame, documents, period)
    fig = go.Figure(_mix_bars(frame, eras, period))
    undated = int(documents["published"].isna().sum()) if period != "document" else 0
    note = f" ({undated} document(s) without a date not shown)" if undated else ""
    fig.update_layout(
        title={"text": escape(title, None) + note},
        barmode="stack",
        yaxis={"title": {"text": MIX_MEASURES["share"]}},
        xaxis={
            "title": {"text": "" if period == "document" else f"publication {period}"},
            **category,
        },
        updatemenus=[
            {
                "buttons": _mix_menu(len(eras)),
                "direction": "down",
                "x": 1,
                "xanchor": "right",
                "y": 1.15,
            }
        ],
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "y": -0.25 if period == "document" else -0.15},
        template="plotly_white",
        height=520,
    )
    return fig


def _mix_x(frame: pd.DataFrame, documents: pd.DataFrame, period: str) -> tuple[pd.DataFrame, dict]:
    """The era mix with its x (a document's label, or the year or decade) and the x axis's
    category order: documents in order of publication."""
    if period != "document":
        return frame.assign(x=frame["bin"]), {"dtick": 10} if period == "decade" else {}
    ordered = documents.assign(_x=documents["published"].map(publication_year)).sort_values(
        ["_x", "doc_id"], na_position="first"
    )
    labels = document_labels(ordered)
    category = {"categoryorder": "array", "categoryarray": list(labels)}
    return frame.assign(x=frame["bin"].map(labels)), category


def _mix_bars(frame: pd.DataFrame, eras: pd.DataFrame, period: str) -> list[go.Bar]:
    """A bar trace per measure and era (every era, so that the menu's visibility lists line
    up), the share shown first."""
    colors = era_colors(eras)
    unit = "s" if period == "decade" else ""
    bars = []
    for n, measure in enumerate(MIX_MEASURES):
        for era in eras.itertuples():
            rows = frame[frame["era_id"] == era.era_id]
            label = escape(era.label, None)
            hover = [
                f"<b>{x if period == 'document' else f'{x}{unit}'}</b> · {label}<br>"
                f"{share:.0%} of era-framed sentences; {per:.1f} per 1,000 sentences<br>"
                f"{s} sentence(s) in {d} of {b} document(s)"
                for x, share, per, s, d, b in zip(
                    *(rows[c] for c in ("x", "share", "per_1000", "sentences", "documents")),
                    rows["bin_documents"],
                    strict=True,
                )
            ]
            bars.append(
                go.Bar(
                    x=rows["x"],
                    y=rows[measure] * (100 if measure == "share" else 1),
                    name=label,
                    marker_color=colors[era.era_id],
                    visible=n == 0,
                    legendgroup=era.era_id,
                    hovertext=hover,
                    hoverinfo="text",
                )
            )
    return bars


def _mix_menu(n_eras: int) -> list[dict]:
    """Buttons that show one measure's bars and name it on the y axis."""
    return [
        {
            "label": axis_title,
            "method": "update",
            "args": [
                {"visible": [i // n_eras == n for i in range(2 * n_eras)]},
                {"yaxis.title.text": axis_title},
            ],
        }
        for n, axis_title in enumerate(MIX_MEASURES.values())
    ]
