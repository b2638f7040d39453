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
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from .actors import (
    cooccurrence_rows,
    mention_rows,
)
from .eras import era_mix_rows, era_rows
from .events import event_rows, latest_cited_year
from .load import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    CorpusFiles,
    LoadProblem,
    RawDocument,
    find_files,
    iter_corpus,
)
from .options import FeatureOptions
from .parse import parse_date, parse_document
from .readability import readability_row
from .schema import (
    DOCUMENT_COLUMNS,
    PROBLEM_COLUMNS,
    ROW_TABLES,
    TABLE_COLUMNS,
    TABLES,
    column_type,
)
from .terms import term_rows

#: Arrow schemas of the row tables, from the contract in ``schema``.
ROW_SCHEMAS = {
    name: pa.schema((column, pa.type_for_alias(column_type(column))) for column in columns)
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
    actors: pd.DataFrame  # the dictionaries the pass used, so no page reads their files
    era_definitions: pd.DataFrame
    ignored: int = 0  # files with endings that are not articles
    analysed: int = 0  # documents analysed in this run
    reused: int = 0  # documents taken unchanged from the previous tables
    dropped: int = 0  # documents of the previous tables no longer in the corpus
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as they are written to Parquet."""
        return {name: getattr(self, name) for name in TABLES}


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
    reference_date = options.reference_date
    parsed = parse_document(raw.text, format=raw.format, reference_date=reference_date)
    if not parsed.sentences:
        raise DocumentSkipped("no body text found after removing title, headings and boilerplate")
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
    # A manifest column named like a column of another table ("flesch_reading_ease") would
    # shadow it wherever the tables are joined: it is kept as meta_<name>.
    row.update({f"meta_{k}" if k in TABLE_COLUMNS else k: value for k, value in meta.items()})
    actors, eras = options.actors, options.eras
    cues = era_rows(raw.doc_id, parsed.sentences, eras)
    events = event_rows(raw.doc_id, parsed.sentences, eras)
    if published is None:
        if precision == "relative":
            warnings.append(
                f"relative date {parsed.date_text!r} not resolved: pass a reference date "
                "(--reference-date) to date it"
            )
        latest = latest_cited_year(events, options.latest_date)
        if latest is not None:
            row["published"], row["date_precision"] = f"{latest:04d}", "inferred"
    # Names and offices are read as of the document's date, inferred or not.
    mentions = mention_rows(raw.doc_id, parsed.sentences, actors, published=row["published"])
    rows = {
        "sentences": [{"doc_id": raw.doc_id, **vars(sentence)} for sentence in parsed.sentences],
        "readability": [{"doc_id": raw.doc_id, **readability}],
        "terms": term_rows(raw.doc_id, [s.text for s in parsed.sentences], stem=options.stem),
        "mentions": mentions,
        "cooccurrence": cooccurrence_rows(raw.doc_id, mentions, parsed.sentences),
        "eras": cues,
        "events": events,
        "era_mix": era_mix_rows(raw.doc_id, cues, len(parsed.sentences), eras),
    }
    return row, rows


def document_key(raw: RawDocument, options: FeatureOptions) -> str:
    """The cache key of one document: its bytes, where it sits, its manifest row, the options."""
    digest = hashlib.sha256(options.key.encode())
    digest.update(raw.doc_id.encode())
    digest.update(raw.content_hash.encode())
    digest.update(json.dumps(raw.metadata, sort_keys=True).encode())
    return digest.hexdigest()


def _analyse(raw: RawDocument, options: FeatureOptions | None = None) -> tuple[dict, dict] | str:
    """One document's rows, or the reason it was skipped (run by the executors' workers).

    A document that makes the analysis fail for any other reason is skipped too, and said to
    be an internal error, so that one document never stops a run over thousands."""
    try:
        return analyse_document(raw, options or _WORKER_OPTIONS)
    except DocumentSkipped as exc:
        return f"skipped: {exc}"
    except Exception as exc:  # a bug on this input: name it, go on with the others
        return f"skipped: internal error ({type(exc).__name__}: {exc}); please report it"


_WORKER_OPTIONS: FeatureOptions | None = None


def _start_worker(options: FeatureOptions) -> None:
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


class _Done:
    """A result already there, with the interface of a future."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


class _InProcess:
    """Analyse in this process, one document at a time."""

    window = 1

    def __init__(self, options: FeatureOptions) -> None:
        self.options = options

    def submit(self, raw: RawDocument) -> _Done:
        return _Done(_analyse(raw, self.options))

    def close(self) -> None:
        pass


class _Processes:
    """Analyse in local worker processes, started for the first document to analyse (none
    when every document is reused); the options go to each worker once."""

    def __init__(self, options: FeatureOptions, processes: int) -> None:
        self.options, self.processes = options, processes
        self.window = 8 * processes
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, raw: RawDocument):
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.processes, initializer=_start_worker, initargs=(self.options,)
            )
        return self.pool.submit(_analyse, raw)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class _Dask:
    """Analyse on a Dask cluster; the options are scattered to every worker once."""

    window = 64

    def __init__(self, options: FeatureOptions, scheduler: str) -> None:
        from dask.distributed import Client  # only for distributed runs

        self.client = Client(scheduler)
        self.options = self.client.scatter(options, broadcast=True)

    def submit(self, raw: RawDocument):
        return self.client.submit(_analyse, raw, self.options, pure=False)

    def close(self) -> None:
        self.client.close()


def _executor(options: FeatureOptions, documents: int, workers: int, scheduler: str | None):
    """Where the documents are analysed: a Dask cluster, local processes (at most one per
    16 documents, since a process costs about a second to start) or this process."""
    if scheduler:
        return _Dask(options, scheduler)
    processes = min(workers, documents // _DOCUMENTS_PER_PROCESS)
    return _Processes(options, processes) if processes > 1 else _InProcess(options)


def build_tables(
    corpus_dir: Path | str,
    *,
    options: FeatureOptions | None = None,
    progress: bool | None = None,
    previous: Mapping[str, pd.DataFrame | pa.Table] | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    sink: Path | str | None = None,
    follow_links: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
) -> CorpusTables:
    """Run the feature pass over every article below ``corpus_dir``.

    Three steps: plan (find the files, and for each one whether the previous tables already
    hold its rows), execute (analyse the others, here, in local processes or on Dask) and
    collect (the rows into tables, in corpus order).

    Args:
        corpus_dir: Folder of ``.txt``, ``.md`` and ``.html`` files, read recursively, with
            optional ``manifest.csv`` files.
        options: Dictionaries, reference date and stemming
            (:class:`analysis.options.FeatureOptions`); default the shipped dictionaries.
        progress: Draw a progress bar; ``None`` draws one only on a terminal.
        previous: The tables of an earlier run: a document whose ``feature_key`` (bytes,
            manifest row, options, feature code) is unchanged is taken from them, not
            analysed.
        workers: Local processes for the analysis, at most (1: this process). Small
            corpora use fewer (one per 16 documents), and none start when every document
            is reused.
        scheduler: Address of a Dask scheduler (``tcp://host:port``) to run the analysis on
            instead; its workers must be able to import this package.
        sink: A folder to write every table to (``<name>.parquet``) as the pass goes, for
            corpora larger than memory: the row tables are then streamed to disk block by
            block and not kept, so their frames in the result are empty (``rows`` has their
            lengths); ``documents``, ``problems`` and the dictionary tables are kept as well
            as written.
        follow_links: Read symbolic links that lead outside ``corpus_dir`` (by default
            they are skipped, each named in ``problems``).
        max_bytes: Files larger than this are skipped, each named in ``problems``.

    Files that cannot be used are skipped and listed in ``problems`` (path and reason); the
    pass goes on with the others. The tables are the same, row for row, however the work is
    spread.
    """
    corpus_dir = Path(corpus_dir)
    options = options or FeatureOptions()
    files = find_files(corpus_dir, follow_links=follow_links, max_bytes=max_bytes)
    cached = _cached_rows(previous)
    collected = _Collected(sink)
    disable = None if progress is None else not progress
    total = len(files.articles) + len(files.skipped)
    with ExitStack() as stack:
        bar = stack.enter_context(tqdm(total=total, unit="doc", disable=disable))
        executor = _executor(options, len(files.articles), workers, scheduler)
        stack.callback(executor.close)
        steps = _plan(corpus_dir, files, options, cached)
        for item, outcome in _execute(steps, executor):
            if not (isinstance(item, LoadProblem) and item.path.name == MANIFEST_NAME):
                bar.update()
            collected.add(item, outcome)
    return collected.result(files, options, dropped=len(set(cached) - collected.doc_ids))


def _plan(
    corpus_dir: Path, files: CorpusFiles, options: FeatureOptions, cached: dict
) -> Iterator[tuple[RawDocument | LoadProblem, tuple | str | None]]:
    """Corpus items in order, each with its rows from the previous tables when they can be
    reused, else its cache key (``None`` for a problem)."""
    for item in iter_corpus(corpus_dir, files):
        if isinstance(item, LoadProblem):
            yield item, None
            continue
        key = document_key(item, options)
        hit = cached.get(item.doc_id)
        yield item, (hit if hit is not None and hit[0].get("feature_key") == key else key)


def _execute(steps: Iterator, executor) -> Iterator:
    """The planned items with their outcomes, in the plan's order: reused rows as they are,
    new documents as ``(key, result)`` from ``executor``, at most ``executor.window`` of
    them in flight."""
    pending: deque = deque()
    for item, found in steps:
        future = executor.submit(item) if isinstance(found, str) else None
        pending.append((item, found, future))
        while len(pending) >= executor.window or (pending and pending[0][2] is None):
            yield _settle(pending.popleft())
    while pending:
        yield _settle(pending.popleft())


def _settle(entry: tuple) -> tuple:
    item, found, future = entry
    if future is None:
        return item, found
    return item, (found, future.result())


class _Collected:
    """The rows of the pass as they come, gathered into tables in corpus order."""

    def __init__(self, sink: Path | str | None) -> None:
        self.sink = Path(sink) if sink is not None else None
        if self.sink is not None:
            self.sink.mkdir(parents=True, exist_ok=True)
        self.tables = {
            name: _Blocks(schema, self.sink / f"{name}.parquet" if self.sink else None)
            for name, schema in ROW_SCHEMAS.items()
        }
        self.documents: list[dict] = []
        self.problems: list[dict] = []
        self.analysed = self.reused = 0

    @property
    def doc_ids(self) -> set[str]:
        return {row["doc_id"] for row in self.documents}

    def add(self, item: RawDocument | LoadProblem, outcome) -> None:
        if isinstance(item, LoadProblem):
            self.problems.append({"path": str(item.path), "problem": item.problem})
            return
        if isinstance(outcome, tuple) and isinstance(outcome[0], dict):
            row, rows = outcome  # reused from the previous tables
            self.reused += 1
        else:
            key, result = outcome
            if isinstance(result, str):
                self.problems.append({"path": str(item.path), "problem": result})
                return
            row, rows = result
            row["feature_key"] = key
            self.analysed += 1
        self.documents.append(row)
        for name, table_rows in rows.items():
            self.tables[name].add(table_rows)

    def result(self, files: CorpusFiles, options: FeatureOptions, *, dropped: int) -> CorpusTables:
        frame = pd.DataFrame(self.documents)
        if not frame.empty:
            frame["reading_time_minutes"] = frame["reading_time_minutes"].astype("Int64")
        extra = [column for column in frame.columns if column not in DOCUMENT_COLUMNS]
        result = CorpusTables(
            documents=frame.reindex(columns=[*DOCUMENT_COLUMNS, *extra]),
            **{name: blocks.frame() for name, blocks in self.tables.items()},
            problems=pd.DataFrame(self.problems, columns=list(PROBLEM_COLUMNS)),
            actors=options.actors.frame(),
            era_definitions=options.eras.frame(),
            ignored=len(files.ignored),
            analysed=self.analysed,
            reused=self.reused,
            dropped=dropped,
        )
        result.rows = {name: blocks.count for name, blocks in self.tables.items()}
        kept = ("documents", "problems", "actors", "era_definitions")
        result.rows |= {name: len(getattr(result, name)) for name in kept}
        if self.sink:
            for name in kept:
                getattr(result, name).to_parquet(self.sink / f"{name}.parquet", index=False)
        return result


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
    if documents["doc_id"].duplicated().any():
        return {}  # tables of a version that gave two files one id: analyse everything
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
