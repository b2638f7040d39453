"""Storage: Parquet tables and report files written atomically.

Every output is written to a temporary file beside its destination and moved into place
with :func:`os.replace`, so a reader sees either the old complete file or the new complete
file, never a half-written one, even if the run is killed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import AnalysisError

T = TypeVar("T")


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 text file atomically."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet`` atomically; return the paths."""
    paths = []
    for name, frame in tables.items():
        path = Path(out_dir) / f"{name}.parquet"
        atomic_write(path, lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
        paths.append(path)
    return paths


class Tables(Mapping):
    """The tables of a corpus, by name: ``tables["documents"]`` or ``tables.documents``.

    What :func:`analysis.build_tables` returns (with what its pass counted: documents
    ``analysed``, ``reused`` and ``dropped``, files of other types ``ignored``, and the
    ``rows`` of each table), what :func:`read_tables` reads back, and what a page works on.
    """

    def __init__(
        self,
        frames: Mapping[str, pd.DataFrame],
        *,
        ignored: int = 0,
        analysed: int = 0,
        reused: int = 0,
        dropped: int = 0,
        rows: Mapping[str, int] | None = None,
    ) -> None:
        self.frames = dict(frames)
        self.ignored, self.analysed, self.reused, self.dropped = ignored, analysed, reused, dropped
        self.rows = dict(rows or {name: len(frame) for name, frame in self.frames.items()})

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"no table {name!r}; tables: {', '.join(frames)}")

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as a dict (as they are written to Parquet, but for what a
        pass with a sink leaves out: its row tables' rows and the documents' text)."""
        return dict(self.frames)


def read_tables(out_dir: Path | str) -> Tables:
    """Read every ``*.parquet`` table in ``out_dir``, keyed by table name."""
    return Tables(
        {path.stem: pd.read_parquet(path) for path in sorted(Path(out_dir).glob("*.parquet"))}
    )


def read_arrow_tables(out_dir: Path | str) -> StoredTables:
    """Every table in ``out_dir`` as Arrow, with ``doc_id`` dictionary-encoded: the compact
    form in which a run reads the tables of the last one. Each table is read when it is
    first asked for (:class:`StoredTables`).

    Raises:
        DamagedTable: a table whose footer cannot be read (truncated, not Parquet).
    """
    return StoredTables(Path(out_dir))


class DamagedTable(AnalysisError, ValueError):
    """A table of an earlier run that cannot be read (truncated, overwritten); the message
    names its file and what is wrong."""

    def __init__(self, path: Path, problem: object) -> None:
        reason = " ".join(str(problem).split()) or type(problem).__name__
        super().__init__(f"{path}: damaged table ({reason})")
        self.path = path


class StoredTables(Mapping):
    """The Parquet tables of a folder by name, each read when first asked for: a run that
    reuses every document of the last one reads their ``documents`` and where each
    document's rows are (:meth:`doc_ids`), and may copy the other files whole
    (:meth:`path`) instead of reading and writing them again.

    Every file's footer is read at once, so a truncated table is found before a run starts
    on it; a table damaged inside is found when it is read. Either raises
    :class:`DamagedTable`.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names = [path.stem for path in sorted(folder.glob("*.parquet"))]
        self.read: dict[str, pa.Table] = {}
        for name in self.names:
            with self._reading(name):
                pq.read_metadata(self.path(name))

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    @contextmanager
    def _reading(self, name: str) -> Iterator[None]:
        try:
            yield
        except (pa.ArrowException, OSError) as exc:  # also an I/O error: unreadable
            raise DamagedTable(self.path(name), exc) from None

    def column_names(self, name: str) -> list[str]:
        if name in self.read:
            return self.read[name].column_names
        with self._reading(name):
            return pq.read_schema(self.path(name)).names

    def doc_ids(self, name: str) -> pa.ChunkedArray:
        """The ``doc_id`` column of one table, dictionary-encoded (read alone if the table
        was not read whole)."""
        return self.columns(name, ["doc_id"]).column("doc_id")

    def columns(self, name: str, columns: list[str] | None = None) -> pa.Table:
        """Some columns of one table, or all (from the table if it was read whole), with
        ``doc_id`` dictionary-encoded."""
        if name in self.read:
            return self.read[name] if columns is None else self.read[name].select(columns)
        encoded = [n for n in ("doc_id",) if n in (columns or self.column_names(name))]
        with self._reading(name):
            return pq.read_table(self.path(name), columns=columns, read_dictionary=encoded)

    def __getitem__(self, name: str) -> pa.Table:
        if name not in self.names:
            raise KeyError(name)
        if name not in self.read:
            self.read[name] = self.columns(name)
        return self.read[name]

    def __contains__(self, name: object) -> bool:
        return name in self.names  # without reading the table, as Mapping's own would

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def reuse_tables(
    folder: Path,
    build: Callable[..., T],
    *,
    sink: Path,
    warn: Callable[[str], None],
) -> T:
    """``build(previous=...)``, with the tables in ``folder`` (None without any). When one
    of them turns out to be damaged, it is named in a ``warning:`` line
    through ``warn`` and the pass starts again from nothing (every document analysed), into
    ``sink`` emptied of what the first attempt wrote: a damaged table of the last run never
    stops the next one."""
    try:
        return build(previous=read_arrow_tables(folder) if folder.is_dir() else None)
    except DamagedTable as exc:
        warn(f"warning: {exc}; every document is analysed again")
    if sink.is_dir():
        for path in sink.iterdir():  # unlinked, never truncated: some are hard links
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    return build(previous=None)


def copy_file(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source``: a hard link where the file system allows (the
    tables are never written in place, only replaced whole), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
