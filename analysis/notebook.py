"""What the notebooks call: start a page (:func:`start`), show tables and figures.

Notebooks stay thin: each cell is one call into the package, and a page reads tables only
(the dictionaries a run used are tables too). Every value that comes from a
document is escaped here before it is displayed, so a hostile title or sentence shows as
text and runs nothing, in JupyterLab and in the exported HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io as pio
from IPython.display import HTML, display
from plotly.io._base_renderers import NotebookRenderer

from .corpus.labels import Empty, shown_paths
from .report.runfile import RunError, RunFile

RECORD_MIME = "application/vnd.analysis.record+json"
RENDERER = "plotly_mimetype+offline_notebook"
#: Marks the output that embeds plotly.js, so a report run can keep one copy for all pages.
PLOTLYJS_MARK = "analysis/plotly.js"


class OfflineNotebookRenderer(NotebookRenderer):
    """plotly's notebook renderer without the MathJax it loads from a CDN for every figure.

    plotly.js itself is embedded once, when the renderer is activated (:func:`setup`), in an
    output marked :data:`PLOTLYJS_MARK` (a report run puts one shared copy in its place);
    each figure is then a ``div`` and a call to that copy, so the exported HTML reads offline.
    """

    def activate(self):
        from plotly.offline import get_plotlyjs

        script = f"<script>window.PlotlyConfig = {{MathJaxConfig: 'local'}};</script><script>{get_plotlyjs()}</script>"
        display({"text/html": script}, raw=True, metadata={PLOTLYJS_MARK: True})

    def to_mimebundle(self, fig_dict):
        return {
            "text/html": pio.to_html(
                fig_dict,
                config=self.config,
                include_plotlyjs=False,
                include_mathjax=False,
                full_html=False,
                default_width="100%",
                default_height=525,
                validate=False,
            )
        }


def setup() -> None:
    """Charts that draw in JupyterLab (plotly's mimetype) and in exported HTML (a ``div``
    per figure and plotly.js embedded once, no CDN)."""
    pio.renderers["offline_notebook"] = OfflineNotebookRenderer()
    pio.renderers.default = RENDERER
    pd.set_option("display.max_colwidth", 120)


@dataclass
class Page:
    """What a page works on: the tables (``tables["documents"]``, ...) after the run's
    document filter, and where its figures also go as PNG."""

    tables: dict[str, pd.DataFrame]
    title: str
    png_dir: str = ""
    #: The documents left out as copies of another (``duplicate_of``), unless the run keeps
    #: them.
    duplicates: pd.DataFrame | None = None

    @property
    def documents(self) -> pd.DataFrame:
        return self.tables["documents"]

    @property
    def problems(self) -> pd.DataFrame:
        """The files not analysed (``problems``), each named from the corpus folder's name
        on, never where it is on disk (:func:`analysis.corpus.labels.shown_paths`)."""
        problems, documents = self.tables["problems"], self.documents
        files = documents.get("path", [])  # where the corpus is
        paths = shown_paths([*problems["path"], *files])
        return problems.assign(path=paths[: len(problems)])

    def show(self, fig, name: str) -> None:
        """Display a figure (:func:`show`), also as ``<name>.png`` when the run asks for PNG."""
        show(fig, name, png_dir=self.png_dir)


def start(run: str | Path | Mapping) -> Page:
    """Start a page: offline charts, the tables ``run`` names
    (:meth:`analysis.report.runfile.RunFile.of`), its document filter, and a headline.

    Raises:
        analysis.report.runfile.RunError: ``run`` names nothing readable, a corpus with no document
            that could be analysed, or a document that is not in the corpus (the message
            lists the first 50 that are).
        analysis.dictionaries.actors.ActorDictionaryError, analysis.dictionaries.eras.EraDictionaryError: a dictionary
            file named in ``run`` cannot be used.
    """
    setup()
    settings = RunFile.of(run)
    tables = settings.read(log=say)
    if settings.documents:
        known = set(tables["documents"]["doc_id"])
        unknown = [doc for doc in settings.documents if doc not in known]
        if unknown:
            raise RunError(
                f"document(s) {', '.join(unknown)} not in the corpus; known: "
                f"{', '.join(sorted(known)[:50])}"
            )
        tables = {
            name: frame[frame["doc_id"].isin(settings.documents)] if "doc_id" in frame else frame
            for name, frame in tables.items()
        }
    tables, duplicates = _without_duplicates(tables, keep=settings.keep_duplicates)
    docs = tables["documents"]
    title = settings.title or Path(settings.corpus or settings.tables).name
    left_out = f" ({len(duplicates)} copies left out)" if len(duplicates) else ""
    say(f"{title} · {len(docs)} document(s), {int(docs['words'].sum()):,} words{left_out}")
    return Page(tables, title, settings.png_dir, duplicates)


def _without_duplicates(
    tables: dict[str, pd.DataFrame], *, keep: bool
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The tables without the documents that copy another (and their rows), and those
    documents; with ``keep``, the tables as they are."""
    documents = tables["documents"]
    if keep or "duplicate_of" not in documents:
        return tables, documents.iloc[:0]
    copies = documents["duplicate_of"].notna()
    if not copies.any():
        return tables, documents.iloc[:0]
    left_out = set(documents.loc[copies, "doc_id"])
    kept = {
        name: frame[~frame["doc_id"].isin(left_out)] if "doc_id" in frame else frame
        for name, frame in tables.items()
    }
    return kept, documents[copies]


def table(
    frame: pd.DataFrame | Empty, caption: str = "", *, max_rows: int = 50, empty: str = ""
) -> None:
    """Display a table: every cell escaped, long text wrapped, numbers rounded, the caption
    above it, and a note when rows were cut. A table with no rows is said in words:
    ``empty``, else "<caption>: none."."""
    if isinstance(frame, Empty) or frame.empty:
        say(frame if isinstance(frame, Empty) else empty or f"{caption}: none.")
        return
    shown = frame.head(max_rows)
    note = f" (first {max_rows} of {len(frame)} rows)" if len(frame) > max_rows else ""
    body = shown.to_html(
        index=False,
        escape=True,
        na_rep="",
        float_format=lambda x: f"{x:,.2f}",
        classes="analysis-table",
        border=0,
    )
    display(
        HTML(
            f'<p class="analysis-caption">{html.escape(caption + note)}</p>'
            f'<div class="analysis-table-wrap">{body}</div>'
            if caption or note
            else f'<div class="analysis-table-wrap">{body}</div>'
        )
    )


def say(text: str) -> None:
    """A line of text (a caption or a finding) that may contain document text: escaped."""
    display(HTML(f'<p class="analysis-caption">{html.escape(text)}</p>'))


def show(fig, name: str = "", *, png_dir: str = "") -> None:
    """Display a figure; with ``png_dir``, also write it there as ``<name>.png`` for slides.
    :class:`analysis.corpus.labels.Empty` (a chart with nothing to draw) is said in words."""
    if isinstance(fig, Empty):
        display(HTML(f'<p class="analysis-empty">{html.escape(fig)}</p>'))
        return
    if png_dir and name:
        folder = Path(png_dir)
        folder.mkdir(parents=True, exist_ok=True)
        _write_png(fig, folder / f"{name}.png")
    fig.show()


#: Attempts at a PNG: Kaleido's browser tab now and then takes the figure before its own
#: script has loaded ("kaleido_scopes is not defined"), most often on a busy machine.
PNG_ATTEMPTS = 3


def _write_png(fig, path: Path) -> None:
    for attempt in range(1, PNG_ATTEMPTS + 1):
        try:
            fig.write_image(path, width=1200, height=fig.layout.height or 600)
            return
        except Exception:  # a failure that lasts is raised on the last attempt
            if attempt == PNG_ATTEMPTS:
                raise


def record(name: str, value) -> None:
    """Keep a value in the executed notebook (a JSON output that HTML reports don't show),
    for tests and scheduled runs to check."""
    value = json.loads(json.dumps(value, default=str))
    display({RECORD_MIME: {name: value}}, raw=True)


def recorded(notebook: dict | Path | str) -> dict:
    """The values an executed notebook recorded, by name."""
    if not isinstance(notebook, dict):
        notebook = json.loads(Path(notebook).read_text(encoding="utf-8"))
    values = {}
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            values.update(output.get("data", {}).get(RECORD_MIME, {}))
    return values
