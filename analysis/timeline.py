"""Timeline figures: eras on a year axis, and the era mix of documents over time.

Pure functions: tables in, plotly figures out. Every text that comes from a document
(titles, sentences, labels) is HTML-escaped before it reaches a hover label or an axis, so a
hostile document shows its markup literally and runs nothing.
"""

from __future__ import annotations

import html
import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

MIX_MEASURES = {
    "share": "Share of era-framed sentences (%)",
    "per_1000": "Era-framed sentences per 1,000 sentences",
}
_BINS = ("document", "year", "decade")


def escape(text, width: int | None = 80) -> str:
    """Document text made safe for a plotly label: HTML-escaped, wrapped with ``<br>``."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    text = " ".join(str(text).split())
    lines = textwrap.wrap(text, width) if width else [text]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def shorten(text, width: int = 48) -> str:
    """A title cut to ``width`` characters (with an ellipsis), not yet escaped."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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


def document_labels(
    documents: pd.DataFrame, label: str = "title", *, width: int = 48, dated: bool = True
) -> pd.Series:
    """An escaped, unique label per document (by doc_id): the shortened ``label`` column
    (else doc_id) and, when ``dated``, its publication date ("≥ 2025" when inferred)."""
    if label not in documents:
        raise ValueError(f"label {label!r} is not a column of documents")
    title = documents[label].where(documents[label].notna(), documents["doc_id"])
    labels = [escape(shorten(t, width), None) for t in title]
    if dated:
        date_text = documents["published"].fillna("undated")
        inferred = documents["date_precision"].eq("inferred").map({True: "≥ ", False: ""})
        labels = [f"{t} ({i}{d})" for t, i, d in zip(labels, inferred, date_text, strict=True)]
    # Two documents with one title and date still get a row each.
    series = pd.Series(labels, index=documents["doc_id"].to_numpy())
    dupes = series.duplicated(keep=False)
    series[dupes] = [
        f"{text} [{doc}]" for text, doc in zip(series[dupes], series.index[dupes], strict=True)
    ]
    return series


def _era_end(end, today: int) -> int:
    return today + 1 if pd.isna(end) else int(end) + 1


def timeline_figure(
    documents: pd.DataFrame,
    sentences: pd.DataFrame,
    eras: pd.DataFrame,
    era_cues: pd.DataFrame,
    events: pd.DataFrame,
    *,
    max_documents: int = 40,
    label: str = "title",
    title: str = "Eras and cited events, document by document",
) -> go.Figure:
    """Era bands on a year axis; under them, one row per document with the eras it invokes
    (a bar across the era, a dot sized by the sentences that invoke it), the years and dates
    it cites (diamonds) and its publication date (a star). Hover shows the evidence sentence.

    Args:
        documents, sentences, era_cues, events: The tables ``documents``, ``sentences``,
            ``eras`` and ``events`` of a feature pass.
        eras: The era definitions (:meth:`analysis.eras.EraDictionary.frame`).
        max_documents: With more documents, the ones with the most era cues and cited
            events are shown (the title says how many).
        label: The documents column that names each row (``title``, ``doc_id``, a manifest
            column); a missing value falls back to ``doc_id``.
    """
    today = date.today().year
    colors = era_colors(eras)
    era_label = dict(zip(eras["era_id"], eras["label"], strict=True))
    text_of = sentences.set_index(["doc_id", "sentence_id"])["text"]

    weight = era_cues.groupby("doc_id").size().add(events.groupby("doc_id").size(), fill_value=0)
    docs = documents.assign(_weight=documents["doc_id"].map(weight).fillna(0))
    shown_note = ""
    if len(docs) > max_documents:
        docs = docs.nlargest(max_documents, "_weight", keep="first")
        shown_note = f" · the {max_documents} of {len(documents)} documents with most references"
    docs = docs.assign(_x=docs["published"].map(publication_year)).sort_values(
        ["_x", "doc_id"], na_position="first"
    )
    labels = document_labels(docs, label)
    row_of = {doc_id: n for n, doc_id in enumerate(docs["doc_id"])}
    lane = {
        era_id: (k - (len(eras) - 1) / 2) * 0.6 / max(len(eras), 1)
        for k, era_id in enumerate(eras["era_id"])
    }
    shown = set(docs["doc_id"])

    lanes_px, docs_px = 22 * len(eras), 46 * max(len(docs), 2)
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

    cues = era_cues[era_cues["doc_id"].isin(shown)]
    for era in eras.itertuples():
        rows = cues[cues["era_id"] == era.era_id]
        if rows.empty:
            continue
        end = _era_end(era.end, today)
        xs, ys, mid_x, mid_y, sizes, hovers = [], [], [], [], [], []
        for doc_id, group in rows.groupby("doc_id", sort=False):
            y = row_of[doc_id] + lane[era.era_id]
            xs += [era.start, end, None]
            ys += [y, y, None]
            n_sentences = group["sentence_id"].nunique()
            first = group.iloc[0]
            cue_list = ", ".join(dict.fromkeys(group["cue"].str.strip()))
            mid_x.append((era.start + end) / 2)
            mid_y.append(y)
            sizes.append(6 + 4 * n_sentences**0.5)
            hovers.append(
                f"<b>{escape(era.label, None)}</b> · {n_sentences} sentence(s)<br>"
                f"cues: {escape(shorten(cue_list, 120))}<br>"
                f"<i>{escape(text_of.get((doc_id, first['sentence_id']), ''))}</i>"
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": colors[era.era_id], "width": 5},
                opacity=0.45,
                legendgroup=era.era_id,
                showlegend=False,
                hoverinfo="skip",
            ),
            row=2,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                marker={"color": colors[era.era_id], "size": sizes, "line_width": 0},
                name=escape(era.label, None),
                legendgroup=era.era_id,
                hovertext=hovers,
                hoverinfo="text",
            ),
            row=2,
            col=1,
        )

    cited = events[events["doc_id"].isin(shown)]
    if not cited.empty:
        fig.add_trace(
            go.Scatter(
                x=[publication_year(d) for d in cited["date"]],
                y=[row_of[d] for d in cited["doc_id"]],
                mode="markers",
                marker={"symbol": "diamond", "size": 10, "color": "#222", "line_width": 0},
                name="cited year or date",
                hovertext=[
                    f"<b>{escape(row.label)}</b> ({escape(row.date)})"
                    f"{' · ' + escape(era_label.get(row.era_id, '')) if isinstance(row.era_id, str) else ''}<br>"
                    f"<i>{escape(text_of.get((row.doc_id, row.sentence_id), ''))}</i>"
                    for row in cited.itertuples()
                ],
                hoverinfo="text",
            ),
            row=2,
            col=1,
        )
    dated = docs[docs["_x"].notna()]
    if not dated.empty:
        fig.add_trace(
            go.Scatter(
                x=dated["_x"],
                y=[row_of[d] for d in dated["doc_id"]],
                mode="markers",
                marker={"symbol": "star", "size": 13, "color": "#FFD700", "line": {"width": 1}},
                name="published",
                hovertext=[
                    f"published {escape(p)}"
                    + (
                        " (inferred: not before the latest year it cites)"
                        if q == "inferred"
                        else ""
                    )
                    for p, q in zip(dated["published"], dated["date_precision"], strict=True)
                ],
                hoverinfo="text",
            ),
            row=2,
            col=1,
        )

    years = [int(y) for y in eras["start"]] + [today + 1]
    years += [int(y) for y in cited["year"]] + [int(x) for x in dated["_x"]]
    low = max(min(years), 1900) - 3
    fig.update_xaxes(range=[low, max(years) + 3], row=2, col=1, title_text="year")
    fig.update_xaxes(showgrid=True, row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(range(len(docs))),
        ticktext=list(labels),
        range=[len(docs) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        row=2,
        col=1,
    )
    fig.update_layout(
        title={"text": escape(title, None) + escape(shown_note, None)},
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
    return fig


def era_mix_frame(
    documents: pd.DataFrame, era_mix: pd.DataFrame, *, by: str = "year"
) -> pd.DataFrame:
    """The era mix per bin of documents: bin, era_id, sentences (invoking the era), documents
    (invoking it), share (of the bin's era-framed sentences) and per_1000 (per 1,000 of all
    the bin's sentences). Documents without a publication date are left out, unless ``by``
    is ``document``.

    Args:
        by: ``document``, ``year`` or ``decade``.
    """
    if by not in _BINS:
        raise ValueError(f"by={by!r} is not one of {', '.join(_BINS)}")
    docs = documents[["doc_id", "published", "sentences"]].copy()
    years = pd.to_numeric(docs["published"].str[:4], errors="coerce")
    if by == "document":
        docs["bin"] = docs["doc_id"]
    else:
        docs["bin"] = years if by == "year" else (years // 10) * 10
        docs = docs[docs["bin"].notna()]
        docs["bin"] = docs["bin"].astype(int)
    mix = era_mix.merge(docs[["doc_id", "bin"]], on="doc_id")
    out = mix.groupby(["bin", "era_id"], sort=True).agg(
        sentences=("sentences", "sum"), documents=("doc_id", "nunique")
    )
    out = out.reset_index()
    framed = out.groupby("bin")["sentences"].transform("sum")
    total = out["bin"].map(docs.groupby("bin")["sentences"].sum())
    out["share"] = out["sentences"] / framed
    out["per_1000"] = out["sentences"] / total * 1000
    out["bin_documents"] = out["bin"].map(docs.groupby("bin").size())
    return out


def era_mix_figure(
    documents: pd.DataFrame,
    era_mix: pd.DataFrame,
    eras: pd.DataFrame,
    *,
    by: str = "auto",
    title: str = "Era mix over publication dates",
) -> go.Figure:
    """Stacked bars: for each publication year (or decade, or document), how its era-framed
    sentences divide among the eras. A menu switches to sentences per 1,000, which shows how
    much of the text is framed at all.

    Args:
        by: ``document``, ``year``, ``decade``, or ``auto``: documents up to 30, then years
            while there are at most 60 of them, else decades.
    """
    years = pd.to_numeric(documents["published"].str[:4], errors="coerce").dropna()
    if by == "auto":
        by = "document" if len(documents) <= 30 else "year" if years.nunique() <= 60 else "decade"
    frame = era_mix_frame(documents, era_mix, by=by)
    colors = era_colors(eras)
    fig = go.Figure()
    if by == "document":
        ordered = documents.assign(_x=documents["published"].map(publication_year)).sort_values(
            ["_x", "doc_id"], na_position="first"
        )
        labels = document_labels(ordered)
        frame["x"] = frame["bin"].map(labels)
        category = {"categoryorder": "array", "categoryarray": list(labels)}
    else:
        frame["x"] = frame["bin"]
        category = {"dtick": 10} if by == "decade" else {}
    unit = {"document": "", "year": "", "decade": "s"}[by]
    for n, measure in enumerate(MIX_MEASURES):
        for era in eras.itertuples():
            rows = frame[frame["era_id"] == era.era_id]
            values = rows[measure] * (100 if measure == "share" else 1)
            fig.add_trace(
                go.Bar(
                    x=rows["x"],
                    y=values,
                    name=escape(era.label, None),
                    marker_color=colors[era.era_id],
                    visible=n == 0,
                    legendgroup=era.era_id,
                    hovertext=[
                        f"<b>{x if by == 'document' else f'{x}{unit}'}</b> · {escape(era.label, None)}<br>"
                        f"{share:.0%} of era-framed sentences; {per:.1f} per 1,000 sentences<br>"
                        f"{s} sentence(s) in {d} of {b} document(s)"
                        for x, share, per, s, d, b in zip(
                            rows["x"],
                            rows["share"],
                            rows["per_1000"],
                            rows["sentences"],
                            rows["documents"],
                            rows["bin_documents"],
                            strict=True,
                        )
                    ],
                    hoverinfo="text",
                )
            )
    n_eras = len(eras)
    buttons = [
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
    undated = int(documents["published"].isna().sum()) if by != "document" else 0
    note = f" ({undated} document(s) without a date not shown)" if undated else ""
    fig.update_layout(
        title={"text": escape(title, None) + note},
        barmode="stack",
        yaxis={"title": {"text": MIX_MEASURES["share"]}},
        xaxis={"title": {"text": "" if by == "document" else f"publication {by}"}, **category},
        updatemenus=[
            {"buttons": buttons, "direction": "down", "x": 1, "xanchor": "right", "y": 1.15}
        ],
        hoverlabel={"align": "left"},
        legend={"orientation": "h", "y": -0.25 if by == "document" else -0.15},
        template="plotly_white",
        height=520,
    )
    return fig
