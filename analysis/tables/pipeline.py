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
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from ..errors import AnalysisError
from ..features import row_tables
from ..ingest.load import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    CorpusFiles,
    LoadProblem,
    RawDocument,
    find_files,
    iter_corpus,
    shown,
)
from ..options import FeatureOptions
from ..processes import become_worker, starting_workers
from ..schema import DICTIONARY_TABLES, DOCUMENT_COLUMNS, PROBLEM_COLUMNS
from .duplicates import find_duplicates
from .store import StoredTables, Tables, copy_file


@cache
def row_schemas() -> dict[str, pa.Schema]:
    """Arrow schemas of the row tables, from their declarations in the registry."""
    return {
        name: pa.schema((column.name, _arrow_type(column.type)) for column in table.columns)
        for name, table in row_tables().items()
    }


def _arrow_type(kind: str) -> pa.DataType:
    return pa.list_(pa.string()) if kind == "list<string>" else pa.type_for_alias(kind)


#: Rows gathered before they are packed into one columnar block (and, with a ``sink``,
#: written as one Parquet row group): new rows are held as Python dicts only until then.
_BLOCK_ROWS = 50_000
#: A worker process costs about a second to start (imports, the sentence model), and a
#: document takes a few hundredths of one: one process per this many documents, at most.
_DOCUMENTS_PER_PROCESS = 16


def document_key(raw: RawDocument, options: FeatureOptions) -> str:
    """The cache key of one document: everything its rows are made of but its ``path``.

    Its bytes, its ``doc_id``, how it is read (the format its ending gives, the encoding
    decided from its bytes), its manifest row and what loading warned of (a manifest that
    does not list it), and the options. A reused row is given its ``path`` as it is now
    (:func:`_plan`), so that a corpus folder that moved is not analysed again."""
    digest = hashlib.sha256(options.key.encode())
    loaded = [raw.doc_id, raw.content_hash, raw.format, raw.encoding, raw.metadata, raw.warnings]
    digest.update(json.dumps(loaded, sort_keys=True).encode())
    return digest.hexdigest()


def _analyse(raw: RawDocument, options: FeatureOptions | None = None) -> tuple[dict, dict] | str:
    """One document's rows, or the reason it was skipped (run by the executors' workers).

    A document that makes the analysis fail for any other reason is skipped too, and said to
    be an internal error, so that one document never stops a run over thousands."""
    # Imported here, where a document is analysed: a run that reuses every document
    # never loads the parser and the measures.
    from ..features.document import DocumentSkipped, analyse_document

    try:
        return analyse_document(raw, options or _WORKER_OPTIONS)
    except DocumentSkipped as exc:
        return f"skipped: {exc}"
    except Exception as exc:  # a bug on this input: name it, go on with the others
        return _internal_error(exc)


def _internal_error(exc: Exception) -> str:
    return f"skipped: internal error ({type(exc).__name__}: {exc}); please report it"


_WORKER_OPTIONS: FeatureOptions | None = None


def _start_worker(options: FeatureOptions, parent: int) -> None:
    """A worker process's start: it takes the options and ends with the run, even one
    killed by ``kill -9`` (it would otherwise live on, blocked on a pipe no one reads)."""
    global _WORKER_OPTIONS
    become_worker(parent)
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

    def flush(self) -> None:
        pass

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
            context = multiprocessing.get_context()
            if context.get_start_method() == "fork":  # the workers inherit what is loaded
                from ..features.document import warm_up

                warm_up(self.options)
            self.pool = ProcessPoolExecutor(
                self.processes,
                mp_context=context,
                initializer=_start_worker,
                initargs=(self.options, os.getpid()),
            )
        with starting_workers():  # the pool starts its processes as it is given work
            return self.pool.submit(_analyse, raw)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


class SchedulerUnreachable(AnalysisError, RuntimeError):
    """The Dask scheduler of ``--scheduler`` did not answer; the message names its address
    and what the connection said."""

    exit_code = 69  # sysexits' EX_UNAVAILABLE: a service, not the disk


class _Dask:
    """Analyse on a Dask cluster, several documents to a task; the options are scattered to
    every worker once.

    A task costs the client and the scheduler (in the client's process on a local cluster)
    about what a short document costs a worker, so one task per document left a second
    worker with little to win. A batch is sent once it holds :attr:`batch` documents (fewer
    for a small corpus, so that every worker gets some) or at least
    :attr:`batch_characters` of text, when its first result is asked for, and at the end."""

    batch = 16
    batch_characters = 1_000_000

    def __init__(self, options: FeatureOptions, scheduler: str, documents: int) -> None:
        from dask.distributed import Client  # only for distributed runs

        try:
            self.client = Client(scheduler)
        except OSError as exc:  # refused, timed out, no such host
            raise SchedulerUnreachable(
                f"could not reach the Dask scheduler at {scheduler} ({exc}); check that it "
                "runs there (`dask scheduler` starts one)"
            ) from None
        self.options = self.client.scatter(options, broadcast=True)
        threads = sum(self.client.nthreads().values()) or 1
        self.size = self.batch_size(documents, threads)
        # Enough batches in flight that no worker waits while the client gathers.
        self.window = self.size * 4 * threads
        self._filling = _Batch()

    @classmethod
    def batch_size(cls, documents: int, threads: int) -> int:
        """Documents to a task: :attr:`batch`, or fewer, so that the cluster's threads get
        four tasks each."""
        return max(1, min(cls.batch, documents // (4 * threads)))

    def submit(self, raw: RawDocument) -> _InBatch:
        batch = self._filling
        batch.documents.append(raw)
        batch.characters += len(raw.text)
        place = _InBatch(self, batch, len(batch.documents) - 1)
        if len(batch.documents) >= self.size or batch.characters >= self.batch_characters:
            self.flush()
        return place

    def flush(self) -> None:
        """Send the batch being filled, if it holds anything."""
        batch, self._filling = self._filling, _Batch()
        if batch.documents:
            batch.future = self.client.submit(
                _analyse_batch, batch.documents, self.options, pure=False
            )
            batch.documents = []

    def close(self) -> None:
        self.client.close()


class _Batch:
    """Documents that go to a Dask worker as one task, and what came back."""

    def __init__(self) -> None:
        self.documents: list[RawDocument] = []
        self.characters = 0
        self.future = None
        self.results: list | None = None


class _InBatch:
    """One document's place in a batch, with the interface of a future."""

    def __init__(self, executor: _Dask, batch: _Batch, index: int) -> None:
        self.executor, self.batch, self.index = executor, batch, index

    def result(self):
        batch = self.batch
        if batch.results is None:
            if batch.future is None:  # still filling: send it as it is
                self.executor.flush()
            batch.results, batch.future = batch.future.result(), None
        return batch.results[self.index]


def _analyse_batch(documents: list[RawDocument], options: FeatureOptions) -> list:
    """The outcomes of a batch of documents, their rows packed into Arrow tables here, on
    the worker: the client then only stacks tables, and they travel as buffers."""
    return [_packed(_analyse(raw, options)) for raw in documents]


def _packed(outcome: tuple[dict, dict] | str) -> tuple[dict, dict] | str:
    if isinstance(outcome, str):
        return outcome
    row, rows = outcome
    try:
        return row, {
            name: table
            if isinstance(table, pa.Table)
            else pa.Table.from_pylist(table, row_schemas()[name])
            for name, table in rows.items()
        }
    except Exception as exc:  # as in _analyse: name the document, go on with the others
        return _internal_error(exc)


def _executor(options: FeatureOptions, documents: int, workers: int, scheduler: str | None):
    """Where the documents are analysed: a Dask cluster, local processes (at most one per
    16 documents, since a process costs about a second to start) or this process."""
    if scheduler:
        return _Dask(options, scheduler, documents)
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
) -> Tables:
    """Run the feature pass over every article below ``corpus_dir``.

    Three steps: plan (find the files, and for each one whether the previous tables already
    hold its rows), execute (analyse the others, here, in local processes or on Dask) and
    collect (the rows into tables, in corpus order).

    Args:
        corpus_dir: Folder of articles (``.txt``, ``.md``, ``.html``, ``.pdf``, ``.docx``, and
            tables of them: ``.json``, ``.jsonl``, ``.csv``, ``.tsv``, ``.xlsx``), read
            recursively, with optional ``manifest.csv`` files.
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
            instead; its workers must be able to import this package. One that does not
            answer raises :class:`SchedulerUnreachable`.
        sink: A folder to write every table to (``<name>.parquet``) as the pass goes, for
            corpora larger than memory: the row tables are then streamed to disk block by
            block and not kept, so their frames in the result are empty (``rows`` has their
            lengths); ``documents`` (but its ``text``), ``problems`` and the dictionary
            tables are kept as well as written.
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
    stored = _Previous(previous) if previous else None
    cached = _cached_rows(stored)
    collected = _Collected(sink, stored if cached else None)
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
    for item in iter_corpus(
        corpus_dir, files, text_column=options.text_column, date_order=options.date_order
    ):
        if isinstance(item, LoadProblem):
            yield item, None
            continue
        key = document_key(item, options)
        hit = cached.get(item.doc_id)
        if hit is None or hit[0].get("feature_key") != key:
            yield item, key
            continue
        row, places, number = hit
        yield item, ({**row, "path": shown(item.path)}, places, number)


def _execute(steps: Iterator, executor) -> Iterator:
    """The planned items with their outcomes, in the plan's order: reused rows as they are,
    new documents as ``(key, result)`` from ``executor``, at most ``executor.window`` of
    them in flight (``executor.flush()`` sends what it holds back once the plan is done)."""
    pending: deque = deque()
    for item, found in steps:
        future = executor.submit(item) if isinstance(found, str) else None
        pending.append((item, found, future))
        while len(pending) >= executor.window or (pending and pending[0][2] is None):
            yield _settle(pending.popleft())
    executor.flush()
    while pending:
        yield _settle(pending.popleft())


def _settle(entry: tuple) -> tuple:
    item, found, future = entry
    if future is None:
        return item, found
    return item, (found, future.result())


class _Collected:
    """The rows of the pass as they come, gathered into tables in corpus order."""

    def __init__(self, sink: Path | str | None, previous: _Previous | None) -> None:
        self.sink = Path(sink) if sink is not None else None
        if self.sink is not None:
            self.sink.mkdir(parents=True, exist_ok=True)
        self.previous = previous
        self.tables = {
            name: _Blocks(
                schema,
                self.sink / f"{name}.parquet" if self.sink else None,
                stored=previous.stored(name) if previous else None,
            )
            for name, schema in row_schemas().items()
        }
        self.documents: list[dict] = []
        self.untexted: list[tuple[int, int]] = []  # reused rows: (here, row in previous)
        self.problems: list[dict] = []
        self.analysed = self.reused = 0

    @property
    def doc_ids(self) -> set[str]:
        return {row["doc_id"] for row in self.documents}

    def add(self, item: RawDocument | LoadProblem, outcome) -> None:
        if isinstance(item, LoadProblem):
            self.problems.append({"path": shown(item.path), "problem": shown(item.problem)})
            return
        if isinstance(outcome, tuple) and isinstance(outcome[0], dict):
            row, places, number = outcome  # reused from the previous tables, but the text
            self.reused += 1
            self.untexted.append((len(self.documents), number))
            self.documents.append(row)
            for name, (offset, length) in places.items():
                self.tables[name].reuse(offset, length)
            return
        key, result = outcome
        if isinstance(result, str):
            self.problems.append({"path": shown(item.path), "problem": shown(result)})
            return
        row, rows = result
        row["feature_key"] = key
        self.analysed += 1
        self.documents.append(row)
        for name, table_rows in rows.items():
            self.tables[name].add(table_rows)

    def result(self, files: CorpusFiles, options: FeatureOptions, *, dropped: int) -> Tables:
        frames = {name: blocks.frame() for name, blocks in self.tables.items()}
        copies = self._copies()  # once every row table has said whether it is copied
        if self.untexted and not copies:  # documents is written (or kept): the texts too
            texts = self.previous.texts()
            for here, number in self.untexted:
                self.documents[here]["text"] = texts[number]
        frame = pd.DataFrame(self.documents)
        if not frame.empty:
            frame["reading_time_minutes"] = frame["reading_time_minutes"].astype("Int64")
        extra = [column for column in frame.columns if column not in DOCUMENT_COLUMNS]
        if copies:  # the same dictionaries: read back rather than loaded again
            dictionaries = {name: pd.read_parquet(copies[name]) for name in DICTIONARY_TABLES}
        else:
            dictionaries = {
                "actors": options.actors.frame(),
                "era_definitions": options.eras.frame(),
            }
        documents = frame.reindex(columns=[*DOCUMENT_COLUMNS, *extra])
        if not copies and not documents.empty:  # a copied table has them already
            documents["duplicate_of"] = find_duplicates(documents)
        result = Tables(
            {
                "documents": documents,
                **frames,
                "problems": pd.DataFrame(self.problems, columns=list(PROBLEM_COLUMNS)),
                **dictionaries,
            },
            ignored=len(files.ignored),
            analysed=self.analysed,
            reused=self.reused,
            dropped=dropped,
        )
        result.rows = {name: blocks.count for name, blocks in self.tables.items()}
        result.rows |= {name: len(result[name]) for name in _KEPT}
        for name in _KEPT if self.sink and not copies else ():
            result[name].to_parquet(self.sink / f"{name}.parquet", index=False)
        if self.sink is not None:  # the text is in the file (a copied one is never read)
            result.frames["documents"] = documents.drop(columns=["text"])
        return result

    def _copies(self) -> dict[str, Path]:
        """With a sink, when the run is the previous one over again (the same documents in
        the same order at the same paths, every row reused under the same feature key, so
        with the same dictionaries, and the same problems): the tables kept in memory copied
        from the previous files, by name. Else nothing."""
        same = (
            self.sink is not None
            and self.previous is not None
            and self.analysed == 0
            and all(blocks.copied for blocks in self.tables.values())
            and self.previous.same_run(self.documents, self.problems)
        )
        if not same:
            return {}
        copies = {name: self.sink / f"{name}.parquet" for name in _KEPT}
        for name, path in copies.items():
            copy_file(self.previous.path(name), path)
        return copies


#: The tables a pass keeps in memory as well as writing them.
_KEPT = ("documents", "problems", "actors", "era_definitions")


class _Previous:
    """The tables of an earlier run as the pass uses them: ``documents`` but its text, where
    each document's rows are in the other tables, and those tables and the text read (or
    copied, when they are files) only when rows are taken from them."""

    def __init__(self, tables: Mapping[str, pd.DataFrame | pa.Table]) -> None:
        self.tables = tables
        self.arrow: dict[str, pa.Table] = {}

    def has(self, name: str) -> bool:
        if isinstance(self.tables, StoredTables):
            return name in self.tables
        return self.tables.get(name) is not None

    def table(self, name: str) -> pa.Table:
        if name not in self.arrow:
            table = self.tables[name]
            if isinstance(table, pd.DataFrame):
                table = pa.Table.from_pandas(table, preserve_index=False)
            self.arrow[name] = table
        return self.arrow[name]

    def column_names(self, name: str) -> list[str]:
        if isinstance(self.tables, StoredTables):
            return self.tables.column_names(name)
        table = self.tables[name]
        return list(table.columns) if isinstance(table, pd.DataFrame) else table.column_names

    def doc_ids(self, name: str) -> pa.ChunkedArray:
        if isinstance(self.tables, StoredTables):
            return self.tables.doc_ids(name)
        return self.table(name).column("doc_id")

    def documents(self) -> pd.DataFrame:
        """The rows of ``documents`` without their ``text``, the bulk of the table (13 MB of
        the 607 documents), which a run that copies the table never reads."""
        if isinstance(self.tables, StoredTables):
            names = [n for n in self.tables.column_names("documents") if n != "text"]
            return self.tables.columns("documents", names).to_pandas()
        documents = self.tables["documents"]
        if isinstance(documents, pa.Table):
            documents = documents.to_pandas()
        return documents.drop(columns=["text"], errors="ignore")

    def texts(self) -> list:
        """The ``text`` of each row of ``documents``, in order."""
        if isinstance(self.tables, StoredTables):
            return self.tables.columns("documents", ["text"]).column("text").to_pylist()
        documents = self.tables["documents"]
        if isinstance(documents, pd.DataFrame):
            return [_plain(text) for text in documents["text"].tolist()]
        return documents.column("text").to_pylist()

    def path(self, name: str) -> Path | None:
        return self.tables.path(name) if isinstance(self.tables, StoredTables) else None

    def stored(self, name: str) -> _Stored:
        return _Stored(lambda: self.table(name), self.path(name))

    def same_run(self, documents: list[dict], problems: list[dict]) -> bool:
        """Whether these documents, in this order and at these paths, and these problems are
        the stored ones (and the stored tables are files, to be copied)."""
        if self.path("documents") is None or not all(self.has(n) for n in _KEPT):
            return False
        if self.doc_ids("documents").to_pylist() != [row["doc_id"] for row in documents]:
            return False
        paths = self.tables.columns("documents", ["path"]).column("path").to_pylist()
        return paths == [row["path"] for row in documents] and (
            self.table("problems").to_pylist() == problems
        )


@dataclass
class _Stored:
    """One row table of an earlier run: read when first needed; its file, if it has one."""

    read: Callable[[], pa.Table]
    path: Path | None


def _cached_rows(previous: _Previous | None) -> dict[str, tuple[dict, dict[str, tuple], int]]:
    """Each document of an earlier run's tables, by doc_id: its row of ``documents`` (but
    its text), where its rows are in every other table, as (offset, length), since a
    document's rows are contiguous, and the number of its row in ``documents``."""
    if previous is None or not previous.has("documents"):
        return {}
    if "text" not in previous.column_names("documents"):
        return {}  # not tables this package wrote, or a sink pass's result (no rows kept)
    documents = previous.documents()
    if "feature_key" not in documents or not all(previous.has(n) for n in row_tables()):
        return {}
    if documents["doc_id"].duplicated().any():
        return {}  # tables of a version that gave two files one id: analyse everything
    where: dict[str, dict[str, tuple[int, int]]] = {}
    for name, schema in row_schemas().items():
        runs = (
            _runs(previous.doc_ids(name))
            if set(schema.names) <= set(previous.column_names(name))
            else None
        )
        if runs is None:
            return {}  # not tables this package wrote: analyse everything
        where[name] = runs
    cached = {}
    for number, row in enumerate(documents.to_dict("records")):
        row = {key: _plain(value) for key, value in row.items()}
        places = {name: runs.get(row["doc_id"], (0, 0)) for name, runs in where.items()}
        cached[row["doc_id"]] = (row, places, number)
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
    rows of the previous table are packed into Arrow blocks of the table's schema, then
    kept, or written to ``path`` as Parquet row groups and let go.

    While the documents reused from the previous table come in its order from its first
    row, they are only counted (``prefix``); if they turn out to be the whole table, its
    file is copied (or, in memory, the table kept) rather than read and written again."""

    def __init__(
        self, schema: pa.Schema, path: Path | None = None, *, stored: _Stored | None = None
    ) -> None:
        self.schema = schema
        self.path = path
        self.stored = stored
        self.prefix = 0 if stored is not None else None  # rows of the stored table, in order
        self.rows: list[dict] = []  # new rows not yet packed
        self.pending: list[pa.Table] = []  # packed, not yet one block
        self.size = 0  # rows in rows and pending
        self.blocks: list[pa.Table] = []
        self.count = 0
        self.writer: pq.ParquetWriter | None = None
        self.copied = False

    def reuse(self, offset: int, length: int) -> None:
        """Take ``length`` rows of the stored table from ``offset``."""
        if length == 0:
            return
        if self.prefix is not None and offset == self.prefix:
            self.prefix += length
            return
        self._end_prefix()
        self.add(self.stored.read().slice(offset, length))

    def _end_prefix(self) -> None:
        prefix, self.prefix = self.prefix, None
        if prefix:
            self.add(self.stored.read().slice(0, prefix))

    def add(self, rows: list[dict] | pa.Table) -> None:
        self._end_prefix()
        if isinstance(rows, pa.Table):
            self._pack_rows()
            if not rows.schema.equals(self.schema):
                rows = rows.select(self.schema.names).cast(self.schema)
            self.pending.append(rows)
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
            if self.path:
                if self.writer is None:
                    self.writer = pq.ParquetWriter(self.path, self.schema)
                self.writer.write_table(block)
            else:
                self.blocks.append(block)

    def _whole_stored_table(self) -> bool:
        if not self.prefix:  # also None: rows other than the stored table's were added
            return False
        if self.stored.path is not None:
            return self.prefix == pq.read_metadata(self.stored.path).num_rows
        return self.prefix == self.stored.read().num_rows

    def frame(self) -> pd.DataFrame:
        """The whole table (empty when it went to disk)."""
        if self._whole_stored_table():
            self.copied = True
            if self.path and self.stored.path:
                copy_file(self.stored.path, self.path)
                self.count = self.prefix
                return self.schema.empty_table().to_pandas()
            self.prefix = None
            self.add(self.stored.read())  # in memory: the stored table is the table
        self._pack()
        if self.path:
            if self.writer is None:
                self.writer = pq.ParquetWriter(self.path, self.schema)
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
