"""One document's features: its row of ``documents`` and its rows of every other table.

Parsing and every analysis of the registry (:mod:`analysis.features`) meet here, and only
here; the pipeline imports this module when
the first document is to be analysed, so a run that reuses every document never loads the
parser, the sentence splitter, the syllable dictionaries or trafilatura.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import pyarrow as pa

from ..errors import AnalysisError
from ..ingest.language import count_words, detect_language
from ..ingest.load import RawDocument, shown
from ..ingest.parse import ParsedDocument, parse_date, parse_document
from ..options import FeatureOptions
from ..tables.duplicates import encode, signature
from . import Document, by_table, table_columns
from .readability import document_counts

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


class DocumentSkipped(AnalysisError):
    """A document that cannot be analysed; the message says why (it is named in ``problems``)."""


def analyse_document(
    raw: RawDocument, options: FeatureOptions | None = None
) -> tuple[dict, dict[str, list[dict] | pa.Table]]:
    """One document's row of ``documents``, and its rows of every table of the registry
    (:func:`analysis.features.analyses`) by name (a list of rows, or an Arrow table).

    Manifest metadata wins; what the text says fills only what the manifest leaves empty.
    With no publication date in either, the document stays undated (:func:`_say_why_undated`
    says why no date is inferred from the years it cites). The analyses then read the
    document as of its date.

    Raises:
        DocumentSkipped: the document has no body text left after parsing.
    """
    options = options or FeatureOptions()

    def parse(language: str) -> ParsedDocument:
        return parse_document(
            raw.text,
            format=raw.markup or raw.format,
            reference_date=options.reference_date,
            blocks=raw.blocks,
            language=language,
        )

    parsed = parse("en")
    # Told from the body (not the markup); its sentences then end at its own marks.
    language = detect_language(parsed.text)
    if language != "en":
        parsed = parse(language)
    parsed.furniture = [*raw.furniture, *parsed.furniture]
    if not parsed.sentences:
        raise DocumentSkipped("no body text found after removing title, headings and boilerplate")
    doc = Document(raw, parsed, options)
    doc.language = language
    english = language == "en"
    words = document_counts(doc).words if english else count_words(parsed.text, language)
    row = document_row(raw, parsed, words=words)
    row["language"] = language
    row["minhash"] = encode(signature(parsed.text, language))
    if not english:
        skipped = [a.table.name for a in by_table().values() if a.english_only]
        row["warnings"].append(
            f"language {language}: left out of the English-only measures ({', '.join(skipped)})"
        )
    if row["published"] is None and "date_unreadable" not in raw.metadata:
        _say_why_undated(row, parsed, options)
    # Names and offices are read as of the document's date.
    doc.published = row["published"]
    return row, {name: doc.rows(name) for name in by_table()}


def document_row(raw: RawDocument, parsed: ParsedDocument, *, words: int) -> dict:
    """The document's row of ``documents``: what the manifest says, else what the text says.

    Loading read the metadata's date (:mod:`analysis.ingest.dates`); one it could not read
    leaves the document undated, said in ``warnings``: it is not dated from its text. A
    manifest column named like a column of another table is kept as ``meta_<name>``."""
    meta = dict(raw.metadata)
    warnings = list(raw.warnings)
    published, precision = parsed.published, parsed.date_precision
    unreadable = meta.pop("date_unreadable", None)
    given_precision = meta.pop("date_precision", None)
    if unreadable is not None:
        published, precision = None, "unknown"
        warnings.append(f"date {unreadable!r} not understood; left undated")
    elif meta.get("published"):
        found = (
            (meta["published"], given_precision)
            if given_precision
            else parse_date(meta["published"])
        )
        if found:
            published, precision = found
        else:
            warnings.append(f"date {meta['published']!r} not understood; left undated")
            published, precision = None, "unknown"
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
    row.update({f"meta_{k}" if k in table_columns() else k: value for k, value in meta.items()})
    return row


def _say_why_undated(row: dict, parsed: ParsedDocument, options: FeatureOptions) -> None:
    """A document with no date stays undated: a relative date that could not be resolved
    is said in its warnings.

    The date is not inferred from the years the text cites: "not before the latest year it
    cites" was the year of publication for 28% of the 471 dated documents it dated
    (``benchmarks/date_inference.py``: the seeds and the 607 of ``../shared/corpora`` with
    their dates hidden), far from the 95% a date must be right on; a date line at the top
    of the text was right on all 49 it dated, and is kept."""
    if row["date_precision"] == "relative":
        why = (
            "pass a reference date (--reference-date) to date it"
            if options.reference_date is None
            else "it is before year 1 counted from the reference date "
            f"{options.reference_date.isoformat()}"
        )
        row["warnings"].append(f"relative date {parsed.date_text!r} not resolved: {why}")
