"""Storage: Parquet tables and report files written atomically.

Every output is written to a temporary file beside its destination and moved into place
with :func:`os.replace`, so a reader sees either the old complete file or the new complete
file, never a half-written one, even if the run is killed.
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .config import OUTPUT_MARKER, PACKAGE_DIR
from .processes import keep_from_children


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


def is_table_file(path: Path) -> bool:
    """What a feature run writes into its ``--out`` folder (or a page into its cache)."""
    return path.suffix == ".parquet"


def read_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read every ``*.parquet`` table in ``out_dir``, keyed by table name."""
    return {path.stem: pd.read_parquet(path) for path in sorted(Path(out_dir).glob("*.parquet"))}


def read_arrow_tables(out_dir: Path | str) -> StoredTables:
    """Every table in ``out_dir`` as Arrow, with ``doc_id`` dictionary-encoded: the compact
    form in which a run reads the tables of the last one. Each table is read when it is
    first asked for (:class:`StoredTables`)."""
    return StoredTables(Path(out_dir))


class StoredTables(Mapping):
    """The Parquet tables of a folder by name, each read when first asked for: a run that
    reuses every document of the last one reads their ``documents`` and where each
    document's rows are (:meth:`doc_ids`), and may copy the other files whole
    (:meth:`path`) instead of reading and writing them again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names = [path.stem for path in sorted(folder.glob("*.parquet"))]
        self.read: dict[str, pa.Table] = {}

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def column_names(self, name: str) -> list[str]:
        if name in self.read:
            return self.read[name].column_names
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


def copy_file(source: Path, target: Path) -> None:
    """``target`` as a copy of ``source``: a hard link where the file system allows (the
    tables are never written in place, only replaced whole), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


_CODE_AND_DATA = (".py", ".yml", ".yaml", ".txt", ".json", ".csv", ".j2")


@cache
def package_fingerprint(leave_out: tuple[str, ...] = ()) -> str:
    """A hash of the package's code and data (its paths and bytes), but for the files and
    top-level folders named in ``leave_out``: output made by other code is not reused."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if (
            path.is_file()
            and path.suffix in _CODE_AND_DATA
            and relative.as_posix() not in leave_out
            and relative.parts[0] not in leave_out
        ):
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class OutputBusy(RuntimeError):
    """Another run holds the output folder's lock for longer than this run would wait."""


def lock_path(out_dir: Path) -> Path:
    """Where the lock of an output folder lives: beside it, so the folder itself can be
    swapped whole."""
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / f".{out_dir.name}.lock"


@contextmanager
def output_lock(out_dir: Path, *, wait: float = 300.0) -> Iterator[None]:
    """Hold the lock of ``out_dir`` for one run; a second run waits up to ``wait`` seconds.

    The lock is an ``flock`` on a file beside the folder, so the kernel releases it when the
    holder dies, even by ``kill -9``: a dead run's lock never blocks the next one. An
    ``flock`` belongs to the open file, which a forked child shares, so the workers of the
    run are forked without it (:func:`analysis.processes.keep_from_children`): one that
    outlived its run would hold the lock for it. While the lock is held, leftovers of
    killed runs (staging folders) are removed.

    Raises:
        OutputBusy: the lock is still held after ``wait`` seconds; the message names the
            holder.
    """
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle, keep_from_children(handle.fileno()):
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another run"
                    raise OutputBusy(
                        f"{out_dir} is being written by {holder}; waited {wait:.0f} s "
                        "(pass --wait SECONDS to wait longer)"
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        handle.write(f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n")
        handle.flush()
        try:
            for leftover in staging_leftovers(out_dir):
                shutil.rmtree(leftover, ignore_errors=True)
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging_path(out_dir: Path) -> Path:
    """A fresh folder beside ``out_dir`` to build its next version in."""
    out_dir = Path(out_dir).resolve()
    return out_dir.parent / f".{out_dir.name}.staging-{os.getpid()}"


def staging_leftovers(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir).resolve()
    return sorted(out_dir.parent.glob(f".{out_dir.name}.staging-*"))


_RENAME_EXCHANGE = 2


def swap_into_place(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target`` in one step; the old ``target`` is removed.

    On Linux, ``renameat2(RENAME_EXCHANGE)`` swaps the two names atomically, so a reader (or a
    crash) sees the old folder or the new one, never neither. Elsewhere, two renames.
    """
    new, target = Path(new), Path(target)
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new)  # now the old folder
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def foreign_files(out_dir: Path, ours: Callable[[Path], bool]) -> list[str]:
    """Entries of ``out_dir`` that a run did not write (``ours`` says which are), which
    replacing the folder would lose. The marker, and the locks and staging folders of runs
    into folders inside it, are a run's own."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    return sorted(p.name for p in out_dir.iterdir() if not (ours(p) or _run_file(p.name)))


def _run_file(name: str) -> bool:
    return name == OUTPUT_MARKER or (
        name.startswith(".") and (name.endswith(".lock") or ".staging-" in name)
    )


class OutputError(ValueError):
    """An ``--out`` folder a run must not write; the message says why and what to do."""


def check_output(
    out_dir: Path, *, ours: Callable[[Path], bool], corpus: Path | None = None
) -> Path:
    """The folder a run into ``out_dir`` writes: ``out_dir`` itself, or the folder a symbolic
    link there leads to (the link stays).

    Raises:
        OutputError: ``out_dir`` is a file, a broken link, inside the corpus folder or holding
            it, or holds files a run did not write (replacing the folder would lose them).
    """
    out_dir = Path(out_dir)
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(f"--out {out_dir} is a broken symbolic link; name a folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            f"--out {out_dir} is a file, not a folder; name a folder (it is created if missing)"
        )
    target = out_dir.resolve()
    if corpus is not None:
        corpus = Path(corpus).resolve()
        if target.is_relative_to(corpus):
            raise OutputError(
                f"--out {out_dir} is inside the corpus folder {corpus}: later runs would read "
                "the output as articles; choose a folder outside it"
            )
        if corpus.is_relative_to(target):
            raise OutputError(
                f"--out {out_dir} holds the corpus folder {corpus}, and a run replaces its whole "
                "--out folder; choose a folder beside the corpus"
            )
    foreign = foreign_files(target, ours)
    if foreign:
        raise OutputError(
            f"--out {out_dir} holds files a run did not write ({', '.join(foreign[:5])}); a "
            "run replaces the whole folder, so choose a new folder or one a run wrote"
        )
    return target


@dataclass
class StagedOutput:
    """An output folder being built: ``staging`` beside ``target``, swapped in by
    :meth:`publish`."""

    target: Path
    staging: Path

    def publish(self) -> None:
        """Mark the staging folder as a run's output and swap it in whole."""
        (self.staging / OUTPUT_MARKER).write_text(
            "Written by policy-discourse; a run replaces this whole folder.\n", encoding="utf-8"
        )
        swap_into_place(self.staging, self.target)


@contextmanager
def staged_output(
    out_dir: Path,
    *,
    ours: Callable[[Path], bool],
    wait: float = 300.0,
    corpus: Path | None = None,
) -> Iterator[StagedOutput]:
    """Refuse an ``--out`` a run must not write, lock it, and stage its next version.

    The folder is checked (:func:`check_output`), its lock taken (:func:`output_lock`; also
    the locks of the output folders it sits in, outermost first, so a run into
    ``REPORT/tables`` waits for a report being written to ``REPORT``), and an empty staging
    folder made beside it. The caller builds the output there and calls
    :meth:`StagedOutput.publish`; without that, or on any error, the staging folder is
    removed and the old output is left exactly as it was.

    Raises:
        OutputError: see :func:`check_output`.
        OutputBusy: a lock still held after ``wait`` seconds.
    """
    target = check_output(out_dir, ours=ours, corpus=corpus)
    with ExitStack() as stack:
        for folder in reversed(target.parents[:-1]):  # not the file system's root
            if lock_path(folder).exists():
                stack.enter_context(output_lock(folder, wait=wait))
        stack.enter_context(output_lock(target, wait=wait))
        check_output(out_dir, ours=ours, corpus=corpus)  # as it is now we hold the lock
        staging = staging_path(target)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        stack.callback(shutil.rmtree, staging, ignore_errors=True)
        yield StagedOutput(target, staging)
