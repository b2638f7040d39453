"""The report's index page, from a Jinja template (``templates/report-index.html.j2``), as
the pages are: what the report holds, its documents, the files not analysed and the run.
The page is sent on (in ``report.html``), so it names the corpus by its folder's name, and
the files not analysed from there on, never by where they are on disk.

The page lists up to :data:`MAX_INDEX_DOCUMENTS` documents, a row each, so that it stays
readable (and small) at any size of corpus; past that it says how many more there are and
links :data:`DOCUMENTS_FILE`, written beside it (:func:`document_list`), which lists every
document with the same columns."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import TEMPLATES_DIR
from ..corpus.labels import document_labels, shown_paths
from ..options import versions
from .spreadsheets import write_csv

#: Documents the index lists, a row each; the others are in :data:`DOCUMENTS_FILE`.
MAX_INDEX_DOCUMENTS = 200
#: Every document, with the index's columns, beside the index (CSV, as ``export`` writes).
DOCUMENTS_FILE = "documents.csv"
#: The documents table of the index: column, heading, whether it is a number.
COLUMNS = (
    ("doc_id", "Document", False),
    ("label", "Label (how the pages name it)", False),
    ("title", "Title", False),
    ("author", "Author", False),
    ("source", "Source", False),
    ("published", "Published", False),
    ("words", "Words", True),
    ("sentences", "Sentences", True),
    ("flesch_reading_ease", "Flesch reading ease", True),
    ("flesch_kincaid_grade", "Grade (F-K)", True),
)
_TEMPLATES = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    keep_trailing_newline=True,
)


def render_index(
    tables: Mapping[str, pd.DataFrame],
    *,
    corpus: Path | str,
    title: str = "Policy discourse report",
    pages: list[tuple[str, str, str]] = (),
    params: Mapping[str, object] | None = None,
    fingerprint: str = "",
    reused: bool = False,
    generated: datetime | None = None,
    fragment: bool = False,
    single_file: str = "report.html",
) -> str:
    """The index page: the pages (file, heading, introduction), the documents with their
    readability (the first :data:`MAX_INDEX_DOCUMENTS`, and a link to
    :data:`DOCUMENTS_FILE` for all), the files not analysed, and the run's parameters,
    fingerprint and versions. Every value is escaped. ``corpus`` is the corpus folder, shown by its name, and the
    files not analysed from there on (:func:`analysis.corpus.labels.shown_paths`). With
    ``fragment``, only its content, for the single file (``single_file``): the links then
    point at the pages' anchors inside it."""
    generated = generated or datetime.now(UTC)
    corpus = Path(corpus)
    documents = document_list(tables)
    return _TEMPLATES.get_template("report-index.html.j2").render(
        title=title,
        corpus=corpus.name,
        generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
        fragment=fragment,
        single_file=single_file,
        pages=[
            {
                "href": "#" + Path(name).stem if fragment else name,
                "heading": heading or name,
                "text": text,
            }
            for name, heading, text in pages
        ],
        columns=[heading for _, heading, _ in COLUMNS],
        rows=_rows(documents.head(MAX_INDEX_DOCUMENTS)),
        documents=len(documents),
        documents_file=DOCUMENTS_FILE,
        problems=list(
            zip(
                shown_paths(tables["problems"]["path"], corpus),
                tables["problems"]["problem"].astype(str),
                strict=True,
            )
        ),
        params=[(k, json.dumps(v, ensure_ascii=False)) for k, v in (params or {}).items()],
        fingerprint=fingerprint,
        reused=reused,
        versions=", ".join(f"{k} {v}" for k, v in versions().items()),
    )


def document_list(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every document with the columns of the index (:data:`COLUMNS`; ``date_precision``
    after ``published``, which says the index's "or later (inferred)"), in the order of the
    documents table: what the index lists and :data:`DOCUMENTS_FILE` holds."""
    documents = tables["documents"]
    frame = documents.merge(tables["readability"], on="doc_id", how="left")
    frame["label"] = frame["doc_id"].map(document_labels(documents, plain=True))
    names = [column for column, _, _ in COLUMNS]
    at = names.index("published") + 1
    return frame[[*names[:at], "date_precision", *names[at:]]]


def write_document_list(tables: Mapping[str, pd.DataFrame], path: Path) -> None:
    """:data:`DOCUMENTS_FILE`: every document with the index's columns
    (:func:`document_list`), as CSV (:func:`analysis.report.spreadsheets.write_csv`)."""
    write_csv(pa.Table.from_pandas(document_list(tables), preserve_index=False), path)


def _rows(frame: pd.DataFrame) -> list[list[tuple[str | None, bool]]]:
    """Each document's cells (text, or None for a missing value; whether it is a number)."""
    frame = frame.copy()
    inferred = frame["date_precision"].eq("inferred") & frame["published"].notna()
    frame.loc[inferred, "published"] = frame.loc[inferred, "published"] + " or later (inferred)"
    return [
        [(_format(record.get(column)), numeric) for column, _, numeric in COLUMNS]
        for record in frame.to_dict("records")
    ]


def _format(value) -> str | None:
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return None
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
