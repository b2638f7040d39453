"""One document's features: its row of ``documents`` and its rows of every other table.

Parsing and every measure meet here, and only here; the pipeline imports this module when
the first document is to be analysed, so a run that reuses every document never loads the
parser, the sentence splitter, the syllable dictionaries or trafilatura.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import pyarrow as pa

from .actors import cooccurrence_rows, mention_rows
from .eras import era_mix_rows, era_rows
from .events import event_rows, latest_cited_year
from .load import RawDocument, shown
from .options import FeatureOptions
from .parse import ParsedDocument, parse_date, parse_document
from .readability import readability_row
from .schema import TABLE_COLUMNS
from .terms import term_rows

#: A short document that takes every path of the analysis: an office, a cited year, an era
#: cue, a word the syllable dictionary lacks.
_WARM_UP_TEXT = (
    "The Prime Minister of Pakistan met the President of the United States in 1999, "
    "years after the Cold War. Both spoke of Kashmirwallahs and peace.\n"
)


def warm_up(options: FeatureOptions) -> None:
    """Analyse one short document, so that what every document needs (the modules, the
    dictionaries and their automata, the syllable dictionary) is loaded in this process:
    worker processes forked from it then share it rather than each loading its own."""
    raw = RawDocument(
        doc_id="warm-up",
        path=Path("warm-up.txt"),
        format="text",
        text=_WARM_UP_TEXT,
        encoding="utf-8",
        content_hash="",
    )
    # Only a head start: whatever fails here fails again, and is reported, on the
    # document that meets it.
    with suppress(Exception):
        analyse_document(raw, options)


class DocumentSkipped(Exception):
    """A document that cannot be analysed; the message says why (it is named in ``problems``)."""


def analyse_document(
    raw: RawDocument, options: FeatureOptions | None = None
) -> tuple[dict, dict[str, list[dict] | pa.Table]]:
    """One document's row of ``documents``, and its rows of every other table by name
    (a list of rows, or for ``terms``, which has thousands, an Arrow table).

    Manifest metadata wins; what the text says fills only what the manifest leaves empty.
    With no publication date in either, the date is inferred as "not before the latest year
    the text cites" (precision ``inferred``), and never invented when it cites none.

    Raises:
        DocumentSkipped: the document has no body text left after parsing.
    """
    options = options or FeatureOptions()
    parsed = parse_document(raw.text, format=raw.format, reference_date=options.reference_date)
    if not parsed.sentences:
        raise DocumentSkipped("no body text found after removing title, headings and boilerplate")
    counted, readability = readability_row(parsed.text)
    row = document_row(raw, parsed, words=counted.words)
    cues = era_rows(raw.doc_id, parsed.sentences, options.eras)
    events = event_rows(raw.doc_id, parsed.sentences, options.eras)
    if row["published"] is None:
        _infer_date(row, parsed, events, options)
    # Names and offices are read as of the document's date, inferred or not.
    mentions = mention_rows(
        raw.doc_id, parsed.sentences, options.actors, published=row["published"]
    )
    sentences = parsed.sentences
    rows = {
        "sentences": [{"doc_id": raw.doc_id, **vars(sentence)} for sentence in sentences],
        "readability": [{"doc_id": raw.doc_id, **readability}],
        "terms": term_rows(raw.doc_id, [s.text for s in sentences], stem=options.stem),
        "mentions": mentions,
        "cooccurrence": cooccurrence_rows(raw.doc_id, mentions, sentences),
        "eras": cues,
        "events": events,
        "era_mix": era_mix_rows(raw.doc_id, cues, len(sentences), options.eras),
    }
    return row, rows


def document_row(raw: RawDocument, parsed: ParsedDocument, *, words: int) -> dict:
    """The document's row of ``documents``: what the manifest says, else what the text says.

    A manifest date that cannot be read is said in ``warnings`` and the text's date used;
    a manifest column named like a column of another table is kept as ``meta_<name>``."""
    meta = dict(raw.metadata)
    warnings = list(raw.warnings)
    published, precision = parsed.published, parsed.date_precision
    if meta.get("published"):
        found = parse_date(meta["published"])
        if found:
            published, precision = found
        else:
            warnings.append(
                f"manifest date {meta['published']!r} not understood; date from text used"
            )
    row = {
        "doc_id": raw.doc_id,
        "path": shown(raw.path),
        "title": meta.pop("title", None) or parsed.title,
        "author": meta.pop("author", None) or parsed.author or parsed.byline,
        "source": meta.pop("source", None) or parsed.source,
        "published": published,
        "date_precision": precision,
        "text": parsed.text,
        "words": words,
        "sentences": len(parsed.sentences),
        "paragraphs": len(parsed.paragraphs),
        "headings": parsed.headings,
        "boilerplate": parsed.boilerplate,
        "furniture": parsed.furniture,
        "content_hash": raw.content_hash,
        "warnings": warnings,
        "format": raw.format,
        "encoding": raw.encoding,
        "byline": parsed.byline,
        "date_text": parsed.date_text,
        "reading_time_minutes": parsed.reading_time_minutes,
    }
    meta.pop("published", None)
    # Shadowing a column of another table ("flesch_reading_ease") would confuse every join.
    row.update({f"meta_{k}" if k in TABLE_COLUMNS else k: value for k, value in meta.items()})
    return row


def _infer_date(
    row: dict, parsed: ParsedDocument, events: list[dict], options: FeatureOptions
) -> None:
    """A document with no date: "not before the latest year it cites", if it cites one; a
    relative date that could not be resolved is said in its warnings."""
    if row["date_precision"] == "relative":
        why = (
            "pass a reference date (--reference-date) to date it"
            if options.reference_date is None
            else "it is before year 1 counted from the reference date "
            f"{options.reference_date.isoformat()}"
        )
        row["warnings"].append(f"relative date {parsed.date_text!r} not resolved: {why}")
    latest = latest_cited_year(events, options.latest_date)
    if latest is not None:
        row["published"], row["date_precision"] = f"{latest:04d}", "inferred"
