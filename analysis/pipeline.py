"""The feature pass: a folder of articles in, the contract's tidy tables out.

This is where loading, parsing and the measures meet; each of them knows nothing of the
others. From a notebook the tables are one call away::

    from analysis import build_tables
    tables = build_tables("seeds")
    tables.documents, tables.sentences, tables.readability
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
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
from .readability import MEASURES, readability_row
from .store import package_fingerprint
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
    "feature_key",
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
_INTEGER_COLUMNS = {"sentence_id", "paragraph_id", "start", "end", "ngram", "count", "year"}
_INTEGER_COLUMNS |= {"sentences", "cues", "tokens", "types"}
_FLOAT_COLUMNS = {*MEASURES, "ttr", "mtld", "share", "sentence_share"}
#: Column types of the row tables (text unless named here).
ROW_SCHEMAS = {
    name: pa.schema(
        (
            column,
            pa.int64()
            if column in _INTEGER_COLUMNS
            else pa.float64()
            if column in _FLOAT_COLUMNS
            else pa.string(),
        )
        for column in columns
    )
    for name, columns in ROW_TABLES.items()
}
#: Rows gathered before they are packed into one columnar block (and, with a ``sink``,
#: written as one Parquet row group): new rows are held as Python dicts only until then.
_BLOCK_ROWS = 50_000
#: A worker process costs about a second to start (imports, the sentence model), and a
#: document takes a few hundredths of one: one process per this many documents, at most.
_DOCUMENTS_PER_PROCESS = 16


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
    analysed: int = 0  # documents analysed in this run
    reused: int = 0  # documents taken unchanged from the previous tables
    dropped: int = 0  # documents of the previous tables no longer in the corpus
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table

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
) -> tuple[dict, dict[str, list[dict] | pa.Table]]:
    """One document's row of ``documents``, and its rows of every other table by name
    (a list of rows, or for ``terms``, which has thousands, an Arrow table).

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
    counted, readability = readability_row(parsed.text)
    row = {
        "doc_id": raw.doc_id,
        "path": str(raw.path),
        "title": meta.pop("title", None) or parsed.title,
        "author": meta.pop("author", None) or parsed.author or parsed.byline,
        "source": meta.pop("source", None) or parsed.source,
        "published": published,
        "date_precision": precision,
        "text": parsed.text,
        "words": counted.words,
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
    # Names and offices are read as of the document's date, inferred or not.
    mentions = mention_rows(raw.doc_id, parsed.sentences, actors, published=row["published"])
    rows = {
        "sentences": [{"doc_id": raw.doc_id, **vars(sentence)} for sentence in parsed.sentences],
        "readability": [{"doc_id": raw.doc_id, **readability}],
        "terms": term_rows(raw.doc_id, [s.text for s in parsed.sentences], stem=stem),
        "mentions": mentions,
        "cooccurrence": cooccurrence_rows(raw.doc_id, mentions, parsed.sentences),
        "eras": cues,
        "events": events,
        "era_mix": era_mix_rows(raw.doc_id, cues, len(parsed.sentences), eras),
    }
    return row, rows


def feature_options_key(
    *,
    reference_date: date | None,
    actors: ActorDictionary,
    eras: EraDictionary,
    stem: bool,
) -> str:
    """A hash of everything besides a document's own bytes that changes its features: the
    options, the actor and era dictionaries, and the package's code and data."""
    digest = hashlib.sha256(package_fingerprint().encode())
    for part in (
        str(reference_date),
        str(stem),
        repr(sorted(actors.entries.items())),
        repr(actors.ignore),
        repr(sorted(eras.entries.items())),
        repr(eras.ignore),
    ):
        digest.update(part.encode())
    return digest.hexdigest()


def document_key(raw: RawDocument, options_key: str) -> str:
    """The cache key of one document: its bytes, where it sits, its manifest row, the options."""
    digest = hashlib.sha256(options_key.encode())
    digest.update(raw.doc_id.encode())
    digest.update(raw.content_hash.encode())
    digest.update(json.dumps(raw.metadata, sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class _Job:
    """What a worker needs for every document, sent once per worker."""

    reference_date: date | None
    actors: ActorDictionary
    eras: EraDictionary
    stem: bool


_WORKER_JOB: _Job | None = None


def _start_worker(job: _Job) -> None:
    global _WORKER_JOB
    _WORKER_JOB = job


def _analyse(raw: RawDocument, job: _Job | None = None) -> tuple[dict, dict] | str:
    """One document's rows, or the reason it was skipped (for a worker process)."""
    job = job or _WORKER_JOB
    try:
        return analyse_document(
            raw, reference_date=job.reference_date, actors=job.actors, eras=job.eras, stem=job.stem
        )
    except ValueError as exc:
        return f"skipped: {exc}"


def build_tables(
    corpus_dir: Path | str,
    *,
    reference_date: date | None = None,
    actors: ActorDictionary | None = None,
    eras: EraDictionary | None = None,
    stem: bool = False,
    progress: bool | None = None,
    previous: Mapping[str, pd.DataFrame | pa.Table] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    sink: Path | str | None = None,
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
        previous: The tables of an earlier run: a document whose ``feature_key`` (bytes,
            manifest row, options, package) is unchanged is taken from them, not analysed.
        workers: Local processes for the analysis, at most (1: this process). Small
            corpora use fewer (one per 16 documents), and none start when every document
            is reused.
        scheduler: Address of a Dask scheduler (``tcp://host:port``) to run the analysis on
            instead; its workers must be able to import this package.
        sink: A folder to write every table to (``<name>.parquet``) as the pass goes, for
            corpora larger than memory: the row tables are then streamed to disk block by
            block and not kept, so their frames in the result are empty (``rows`` has their
            lengths); ``documents`` and ``problems`` are kept as well as written.

    Files that cannot be used are skipped and listed in ``problems`` (path and reason); the
    pass goes on with the others. The tables are the same, row for row, however the work is
    spread.
    """
    corpus_dir = Path(corpus_dir)
    articles, ignored = find_files(corpus_dir) if corpus_dir.is_dir() else ([], [])
    job = _Job(reference_date, actors or load_actors(), eras or load_eras(), stem)
    options_key = feature_options_key(
        reference_date=reference_date, actors=job.actors, eras=job.eras, stem=stem
    )
    cached = _cached_rows(previous)
    documents: list[dict] = []
    problems: list[dict] = []
    if sink is not None:
        sink = Path(sink)
        sink.mkdir(parents=True, exist_ok=True)
    tables = {
        name: _Blocks(schema, sink / f"{name}.parquet" if sink else None)
        for name, schema in ROW_SCHEMAS.items()
    }
    counts = {"analysed": 0, "reused": 0}

    def plan():
        """Corpus items in order, each with its cached rows when they can be reused."""
        for item in iter_corpus(corpus_dir):
            if isinstance(item, LoadProblem):
                yield item, None
                continue
            key = document_key(item, options_key)
            hit = cached.get(item.doc_id)
            yield item, (hit if hit is not None and hit[0].get("feature_key") == key else key)

    def run(analyse: Callable[[RawDocument], object]) -> Iterator:
        for item, found in plan():
            if isinstance(item, LoadProblem) or isinstance(found, tuple):
                yield item, found
            else:
                yield item, (found, analyse(item))

    disable = None if progress is None else not progress
    with ExitStack() as stack:
        bar = stack.enter_context(tqdm(total=len(articles), unit="doc", disable=disable))
        if scheduler:
            from dask.distributed import Client  # only for distributed runs

            client = stack.enter_context(Client(scheduler))
            shared = client.scatter(job, broadcast=True)
            stream = _distributed(
                plan(), lambda raw: client.submit(_analyse, raw, shared, pure=False)
            )
        elif (processes := min(workers, len(articles) // _DOCUMENTS_PER_PROCESS)) > 1:
            pool = None

            def submit(raw: RawDocument):
                nonlocal pool  # started for the first document to analyse: none if all reused
                if pool is None:
                    pool = stack.enter_context(
                        ProcessPoolExecutor(processes, initializer=_start_worker, initargs=(job,))
                    )
                return pool.submit(_analyse, raw)

            stream = _distributed(plan(), submit, window=8 * processes)
        else:
            stream = run(lambda raw: _analyse(raw, job))
        for item, outcome in stream:
            if isinstance(item, LoadProblem):
                problems.append({"path": str(item.path), "problem": item.problem})
                if item.path.name != "manifest.csv":
                    bar.update()
                continue
            bar.update()
            if isinstance(outcome, tuple) and isinstance(outcome[0], dict):
                row, rows = outcome  # reused from the previous tables
                counts["reused"] += 1
            else:
                key, result = outcome
                if isinstance(result, str):
                    problems.append({"path": str(item.path), "problem": result})
                    continue
                row, rows = result
                row["feature_key"] = key
                counts["analysed"] += 1
            documents.append(row)
            for name, table_rows in rows.items():
                tables[name].add(table_rows)
    frame = pd.DataFrame(documents)
    if not frame.empty:
        frame["reading_time_minutes"] = frame["reading_time_minutes"].astype("Int64")
    extra = [column for column in frame.columns if column not in DOCUMENT_COLUMNS]
    kept = set(frame["doc_id"]) if not frame.empty else set()
    result = CorpusTables(
        documents=frame.reindex(columns=[*DOCUMENT_COLUMNS, *extra]),
        **{name: blocks.frame() for name, blocks in tables.items()},
        problems=pd.DataFrame(problems, columns=list(PROBLEM_COLUMNS)),
        ignored=len(ignored),
        analysed=counts["analysed"],
        reused=counts["reused"],
        dropped=len(set(cached) - kept),
    )
    result.rows = {name: blocks.count for name, blocks in tables.items()}
    result.rows |= {"documents": len(result.documents), "problems": len(result.problems)}
    if sink:
        for name in ("documents", "problems"):
            getattr(result, name).to_parquet(sink / f"{name}.parquet", index=False)
    return result


def _distributed(plan: Iterator, submit: Callable, window: int = 64) -> Iterator:
    """``plan``'s items with their outcomes, the new documents analysed through ``submit``
    (futures), at most ``window`` in flight, in the plan's order."""
    pending: deque = deque()
    for item, found in plan:
        future = None
        if not isinstance(item, LoadProblem) and not isinstance(found, tuple):
            future = submit(item)
        pending.append((item, found, future))
        while len(pending) >= window or (pending and pending[0][2] is None):
            yield _settle(pending.popleft())
    while pending:
        yield _settle(pending.popleft())


def _settle(entry: tuple) -> tuple:
    item, found, future = entry
    if future is None:
        return item, found
    return item, (found, future.result())


def _cached_rows(
    previous: Mapping[str, pd.DataFrame | pa.Table] | None,
) -> dict[str, tuple[dict, dict[str, pa.Table]]]:
    """Each document of an earlier run's tables, by doc_id: its row of ``documents`` and its
    slice of every other table (zero-copy Arrow slices: a document's rows are contiguous)."""
    if not previous or "documents" not in previous:
        return {}
    documents = previous["documents"]
    if isinstance(documents, pa.Table):
        documents = documents.to_pandas()
    if "feature_key" not in documents or any(previous.get(n) is None for n in ROW_TABLES):
        return {}
    where: dict[str, tuple[pa.Table, dict[str, tuple[int, int]]]] = {}
    for name, schema in ROW_SCHEMAS.items():
        table = previous[name]
        if isinstance(table, pd.DataFrame):
            table = pa.Table.from_pandas(table, preserve_index=False)
        runs = (
            _runs(table.column("doc_id")) if set(schema.names) <= set(table.column_names) else None
        )
        if runs is None:
            return {}  # not tables this package wrote: analyse everything
        where[name] = table, runs
    cached = {}
    for row in documents.to_dict("records"):
        row = {key: _plain(value) for key, value in row.items()}
        slices = {}
        for name, (table, runs) in where.items():
            offset, length = runs.get(row["doc_id"], (0, 0))
            slices[name] = table.slice(offset, length)
        cached[row["doc_id"]] = (row, slices)
    return cached


def _runs(doc_ids: pa.ChunkedArray) -> dict[str, tuple[int, int]] | None:
    """Where each document's rows are, as (offset, length); None if a document's rows are
    not all together."""
    if not pa.types.is_dictionary(doc_ids.type):
        doc_ids = doc_ids.dictionary_encode()
    doc_ids = doc_ids.unify_dictionaries()
    if doc_ids.num_chunks == 0 or len(doc_ids) == 0:
        return {}
    names = doc_ids.chunk(0).dictionary.to_pylist()
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in doc_ids.chunks])
    starts = np.flatnonzero(np.diff(codes)) + 1
    starts = np.concatenate([[0], starts])
    ends = np.append(starts[1:], len(codes))
    runs = {
        names[code]: (int(s), int(e - s))
        for code, s, e in zip(codes[starts], starts, ends, strict=True)
    }
    return runs if len(runs) == len(starts) else None


class _Blocks:
    """One row table as it is built, in corpus order: rows of new documents (dicts) and
    slices of the previous tables are packed into Arrow blocks of the table's schema, then
    kept, or written to ``path`` as Parquet row groups and let go."""

    def __init__(self, schema: pa.Schema, path: Path | None = None) -> None:
        self.schema = schema
        self.rows: list[dict] = []  # new rows not yet packed
        self.pending: list[pa.Table] = []  # packed, not yet one block
        self.size = 0  # rows in rows and pending
        self.blocks: list[pa.Table] = []
        self.count = 0
        self.writer = pq.ParquetWriter(path, schema) if path else None

    def add(self, rows: list[dict] | pa.Table) -> None:
        if isinstance(rows, pa.Table):
            self._pack_rows()
            self.pending.append(rows.select(self.schema.names).cast(self.schema))
            self.size += rows.num_rows
        else:
            self.rows.extend(rows)
            self.size += len(rows)
        if self.size >= _BLOCK_ROWS:
            self._pack()

    def _pack_rows(self) -> None:
        if self.rows:
            self.pending.append(pa.Table.from_pylist(self.rows, self.schema))
            self.rows = []

    def _pack(self) -> None:
        self._pack_rows()
        if self.pending:
            block = pa.concat_tables(self.pending)
            self.pending, self.size = [], 0
            self.count += block.num_rows
            if self.writer:
                self.writer.write_table(block)
            else:
                self.blocks.append(block)

    def frame(self) -> pd.DataFrame:
        """The whole table (empty when it went to disk)."""
        self._pack()
        if self.writer:
            self.writer.close()
        table = pa.concat_tables(self.blocks) if self.blocks else self.schema.empty_table()
        self.blocks = []
        return table.to_pandas()


def _plain(value):
    """A value read back from Parquet as it was written: lists, not arrays; None, not NaN."""
    if hasattr(value, "tolist") and not isinstance(value, str):
        return value.tolist()
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value
