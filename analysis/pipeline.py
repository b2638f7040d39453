"""The feature pass: a folder of articles in, the contract's tidy tables out.

This is where loading, parsing and the measures meet; each of them knows nothing of the
others. From a notebook the tables are one call away::

    from analysis import build_tables
    tables = build_tables("seeds")
    tables.documents, tables.sentences, tables.readability
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import textstat
from tqdm import tqdm

from .actors import (
    COOCCURRENCE_COLUMNS,
    MENTION_COLUMNS,
    ActorDictionary,
    cooccurrence_rows,
    load_actors,
    mention_rows,
)
from .eras import ERA_COLUMNS, ERA_MIX_COLUMNS, EraDictionary, era_mix_rows, era_rows, load_eras
from .events import EVENT_COLUMNS, event_rows, latest_cited_year
from .load import LoadProblem, RawDocument, find_files, iter_corpus
from .parse import parse_date, parse_document
from .readability import MEASURES, lexical_diversity, readability
from .terms import TERM_COLUMNS, term_rows

#: Columns of the documents table, in order; extra manifest columns follow them.
DOCUMENT_COLUMNS = (
    "doc_id",
    "path",
    "title",
    "author",
    "source",
    "published",
    "date_precision",
    "text",
    "words",
    "sentences",
    "paragraphs",
    "headings",
    "boilerplate",
    "content_hash",
    "warnings",
    "format",
    "encoding",
    "byline",
    "date_text",
    "reading_time_minutes",
)
SENTENCE_COLUMNS = ("doc_id", "sentence_id", "paragraph_id", "section", "text", "start", "end")
READABILITY_COLUMNS = ("doc_id", *MEASURES, "tokens", "types", "ttr", "mtld")
PROBLEM_COLUMNS = ("path", "problem")
#: Tables built from per-document rows, with their columns, in the order they are written.
ROW_TABLES = {
    "sentences": SENTENCE_COLUMNS,
    "readability": READABILITY_COLUMNS,
    "terms": TERM_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "cooccurrence": COOCCURRENCE_COLUMNS,
    "eras": ERA_COLUMNS,
    "events": EVENT_COLUMNS,
    "era_mix": ERA_MIX_COLUMNS,
}


@dataclass
class CorpusTables:
    """The tables of one feature pass, and the files it could not use."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    readability: pd.DataFrame
    terms: pd.DataFrame
    mentions: pd.DataFrame
    cooccurrence: pd.DataFrame
    eras: pd.DataFrame
    events: pd.DataFrame
    era_mix: pd.DataFrame
    problems: pd.DataFrame
    ignored: int = 0  # files with endings that are not articles

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as they are written to Parquet."""
        return {name: getattr(self, name) for name in ("documents", *ROW_TABLES, "problems")}


def analyse_document(
    raw: RawDocument,
    *,
    reference_date: date | None = None,
    actors: ActorDictionary | None = None,
    eras: EraDictionary | None = None,
    stem: bool = False,
) -> tuple[dict, dict[str, list[dict]]]:
    """One document's row of ``documents``, and its rows of every other table by name.

    Manifest metadata wins; what the text says fills only what the manifest leaves empty.
    With no publication date in either, the date is inferred as "not before the latest year
    the text cites" (precision ``inferred``), and never invented when it cites none.

    Raises:
        ValueError: the document has no body text left after parsing.
    """
    parsed = parse_document(raw.text, format=raw.format, reference_date=reference_date)
    if not parsed.sentences:
        raise ValueError("no body text found after removing title, headings and boilerplate")
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
        "path": str(raw.path),
        "title": meta.pop("title", None) or parsed.title,
        "author": meta.pop("author", None) or parsed.author or parsed.byline,
        "source": meta.pop("source", None) or parsed.source,
        "published": published,
        "date_precision": precision,
        "text": parsed.text,
        "words": textstat.lexicon_count(parsed.text),
        "sentences": len(parsed.sentences),
        "paragraphs": len(parsed.paragraphs),
        "headings": parsed.headings,
        "boilerplate": parsed.boilerplate,
        "content_hash": raw.content_hash,
        "warnings": warnings,
        "format": raw.format,
        "encoding": raw.encoding,
        "byline": parsed.byline,
        "date_text": parsed.date_text,
        "reading_time_minutes": parsed.reading_time_minutes,
    }
    meta.pop("published", None)
    row.update(meta)
    actors = actors or load_actors()
    eras = eras or load_eras()
    mentions = mention_rows(raw.doc_id, parsed.sentences, actors)
    cues = era_rows(raw.doc_id, parsed.sentences, eras)
    events = event_rows(raw.doc_id, parsed.sentences, eras)
    if published is None:
        if precision == "relative":
            warnings.append(
                f"relative date {parsed.date_text!r} not resolved: pass a reference date "
                "(--reference-date) to date it"
            )
        latest = latest_cited_year(events, reference_date or date.today())
        if latest is not None:
            row["published"], row["date_precision"] = f"{latest:04d}", "inferred"
    rows = {
        "sentences": [{"doc_id": raw.doc_id, **asdict(sentence)} for sentence in parsed.sentences],
        "readability": [
            {"doc_id": raw.doc_id, **readability(parsed.text), **lexical_diversity(parsed.text)}
        ],
        "terms": term_rows(raw.doc_id, [s.text for s in parsed.sentences], stem=stem),
        "mentions": mentions,
        "cooccurrence": cooccurrence_rows(raw.doc_id, mentions, parsed.sentences),
        "eras": cues,
        "events": events,
        "era_mix": era_mix_rows(raw.doc_id, cues, len(parsed.sentences), eras),
    }
    return row, rows


def build_tables(
    corpus_dir: Path | str,
    *,
    reference_date: date | None = None,
    actors: ActorDictionary | None = None,
    eras: EraDictionary | None = None,
    stem: bool = False,
    progress: bool | None = None,
) -> CorpusTables:
    """Run the feature pass over every article below ``corpus_dir``.

    Args:
        corpus_dir: Folder of ``.txt``, ``.md`` and ``.html`` files, read recursively, with
            optional ``manifest.csv`` files.
        reference_date: The day relative dates such as ``1 day ago`` count back from.
        actors: The actor dictionary (see :func:`analysis.actors.load_actors`); default the
            shipped one.
        eras: The era dictionary (see :func:`analysis.eras.load_eras`); default the shipped
            one.
        stem: Snowball-stem the terms.
        progress: Draw a progress bar; ``None`` draws one only on a terminal.

    Files that cannot be used are skipped and listed in ``problems`` (path and reason); the
    pass goes on with the others.
    """
    corpus_dir = Path(corpus_dir)
    articles, ignored = find_files(corpus_dir) if corpus_dir.is_dir() else ([], [])
    actors = actors or load_actors()
    eras = eras or load_eras()
    documents: list[dict] = []
    problems: list[dict] = []
    collected: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
    disable = None if progress is None else not progress
    with tqdm(total=len(articles), unit="doc", disable=disable) as bar:
        for item in iter_corpus(corpus_dir):
            if isinstance(item, LoadProblem):
                problems.append({"path": str(item.path), "problem": item.problem})
                if item.path.name != "manifest.csv":
                    bar.update()
                continue
            try:
                row, rows = analyse_document(
                    item, reference_date=reference_date, actors=actors, eras=eras, stem=stem
                )
            except ValueError as exc:
                problems.append({"path": str(item.path), "problem": f"skipped: {exc}"})
            else:
                documents.append(row)
                for name, table_rows in rows.items():
                    collected[name].extend(table_rows)
            bar.update()
    frame = pd.DataFrame(documents)
    if not frame.empty:
        frame["reading_time_minutes"] = frame["reading_time_minutes"].astype("Int64")
    extra = [column for column in frame.columns if column not in DOCUMENT_COLUMNS]
    return CorpusTables(
        documents=frame.reindex(columns=[*DOCUMENT_COLUMNS, *extra]),
        **{
            name: pd.DataFrame(collected[name], columns=list(columns))
            for name, columns in ROW_TABLES.items()
        },
        problems=pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)),
        ignored=len(ignored),
    )
