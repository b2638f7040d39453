"""The HTML report: for now one self-contained page that lists the analysed documents.

Document titles and metadata are untrusted text, so every value is HTML-escaped. The page
loads nothing from outside and opens from disk in any browser.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .pipeline import CorpusTables
from .store import write_text

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #666; }
"""

_COLUMNS = (
    ("doc_id", "Document", False),
    ("title", "Title", False),
    ("author", "Author", False),
    ("source", "Source", False),
    ("published", "Published", False),
    ("words", "Words", True),
    ("sentences", "Sentences", True),
    ("flesch_reading_ease", "Flesch reading ease", True),
    ("flesch_kincaid_grade", "Grade (F-K)", True),
)


def render_index(tables: CorpusTables, *, corpus: str, generated: datetime | None = None) -> str:
    """The report's index page as an HTML string."""
    generated = generated or datetime.now(UTC)
    frame = tables.documents.merge(tables.readability, on="doc_id", how="left")
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label, _ in _COLUMNS)
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column, _, numeric in _COLUMNS:
            value = record.get(column)
            cells.append(
                f'<td class="num">{_format(value)}</td>'
                if numeric
                else f"<td>{_format(value)}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    problems = "".join(
        f"<li>{html.escape(str(p.path))}: {html.escape(str(p.problem))}</li>"
        for p in tables.problems.itertuples()
    )
    problems_html = f"<h2>Files not analysed</h2><ul>{problems}</ul>" if problems else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Policy discourse report: {html.escape(corpus)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>Policy discourse report</h1>
<p class="muted">Corpus <code>{html.escape(corpus)}</code> &middot; {len(frame)} documents &middot;
generated {html.escape(generated.strftime("%Y-%m-%d %H:%M UTC"))}. Feature tables (Parquet) are in
<code>tables/</code> beside this page.</p>
<h2>Documents</h2>
<table><thead><tr>{head}</tr></thead><tbody>
{"".join(rows)}
</tbody></table>
{problems_html}
</body></html>
"""


def _format(value) -> str:
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return '<span class="muted">&mdash;</span>'
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return html.escape(str(value))


def write_index(tables: CorpusTables, out_dir: Path, *, corpus: str) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    path = Path(out_dir) / "index.html"
    write_text(path, render_index(tables, corpus=corpus))
    return path
