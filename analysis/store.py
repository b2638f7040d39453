"""Storage: Parquet tables and report files written atomically.

Every output is written to a temporary file beside its destination and moved into place
with :func:`os.replace`, so a reader sees either the old complete file or the new complete
file, never a half-written one, even if the run is killed. A run's output folder is built
beside it and swapped in whole (:func:`staged_output`), and only over a folder that holds
nothing but what a run writes (:class:`Layout`).
"""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import os
import shutil
import socket
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .config import OUTPUT_MARKER, PACKAGE_DIR
from .schema import TABLES

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


def read_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read every ``*.parquet`` table in ``out_dir``, keyed by table name."""
    return {path.stem: pd.read_parquet(path) for path in sorted(Path(out_dir).glob("*.parquet"))}


def read_arrow_tables(out_dir: Path | str) -> StoredTables:
    """Every table in ``out_dir`` as Arrow, with ``doc_id`` dictionary-encoded: the compact
    form in which a run reads the tables of the last one. Each table is read when it is
    first asked for (:class:`StoredTables`).

    Raises:
        DamagedTable: a table whose footer cannot be read (truncated, not Parquet).
    """
    return StoredTables(Path(out_dir))


class DamagedTable(ValueError):
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
    """``build(previous=...)``, with the tables in ``folder`` (None without any). When one of them turns out to be damaged, it is named in a ``warning:`` line
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
    holder dies, even by ``kill -9``: a dead run's lock never blocks the next one. While the
    lock is held, leftovers of killed runs (staging folders) are removed.

    Raises:
        OutputBusy: the lock is still held after ``wait`` seconds; the message names the
            holder.
    """
    path = lock_path(out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
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


@dataclass(frozen=True)
class Layout:
    """What a run writes into an output folder, by name: the files at its top (``files``,
    glob patterns) and the subfolders it writes (``folders``, each with its own layout).
    Whatever else a folder holds is not a run's, and replacing the folder would lose it."""

    files: frozenset[str] = frozenset()
    folders: Mapping[str, Layout] = field(default_factory=dict)

    def including(self, paths: Iterable[str]) -> Layout:
        """This layout and the files at ``paths`` (relative, ``/``-separated), such as a
        report's manifest lists."""
        files, folders = set(self.files), dict(self.folders)
        below: dict[str, list[str]] = {}
        for path in paths:
            first, *rest = PurePosixPath(path).parts or ("",)
            if rest:
                below.setdefault(first, []).append("/".join(rest))
            elif first:
                files.add(_literal(first))
        for name, more in below.items():
            folders[name] = folders.get(name, Layout()).including(more)
        return Layout(frozenset(files), folders)


def _literal(name: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


#: What a feature run writes into its ``--out`` folder (or a page into its cache).
TABLE_FILES = Layout(frozenset(f"{name}.parquet" for name in TABLES))

#: How many files an ``--out`` refused names, at most.
_NAMED = 5


def foreign_files(out_dir: Path, ours: Layout) -> list[str]:
    """Files below ``out_dir`` that a run did not write, which replacing the folder would
    lose (the first few, by path relative to it; a folder with nothing in it as
    ``name/``).

    A folder is a run's output when it, or a folder it is in, holds the marker a run writes
    (:data:`~analysis.config.OUTPUT_MARKER`); in an unmarked folder every file is foreign.
    In a marked one, a file is a run's when ``ours`` names it where it is, a subfolder when
    ``ours`` names it and everything in it is a run's. Symbolic links and special files are
    never a run's. The marker, and the locks and staging folders of runs into folders
    inside, are."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    marked = any((folder / OUTPUT_MARKER).is_file() for folder in (out_dir, *out_dir.parents))
    found = []
    for path in _foreign(out_dir, ours if marked else None):
        found.append(path.relative_to(out_dir).as_posix() + ("/" if path.is_dir() else ""))
        if len(found) > _NAMED:
            break
    return found


def _foreign(folder: Path, layout: Layout | None) -> Iterator[Path]:
    """Files below ``folder`` that ``layout`` does not name (with None: all of them), in
    order; an empty folder that it does not name, too."""
    for path in sorted(folder.iterdir()):
        if _run_file(path.name):
            continue
        if path.is_dir() and not path.is_symlink():
            inner = layout.folders.get(path.name) if layout else None
            try:
                empty = next(path.iterdir(), None) is None
            except OSError:  # unreadable: nothing in it can be told to be a run's
                yield path
                continue
            if inner is None and empty:
                yield path
            else:
                yield from _foreign(path, inner)
        elif not (
            layout
            and path.is_file()
            and not path.is_symlink()
            and any(fnmatchcase(path.name, pattern) for pattern in layout.files)
        ):
            yield path


def _run_file(name: str) -> bool:
    return name == OUTPUT_MARKER or (
        name.startswith(".") and (name.endswith(".lock") or ".staging-" in name or ".old-" in name)
    )


class OutputError(ValueError):
    """An ``--out`` folder a run must not write; the message says why and what to do."""


def check_output(
    out_dir: Path, *, ours: Layout | Callable[[Path], Layout], corpus: Path | None = None
) -> Path:
    """The folder a run into ``out_dir`` writes: ``out_dir`` itself, or the folder a symbolic
    link there leads to (the link stays). ``ours`` is what a run writes there
    (:func:`foreign_files`), or gives it for the folder.

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
    foreign = foreign_files(target, ours(target) if callable(ours) else ours)
    if foreign:
        named = ", ".join(foreign[:_NAMED]) + (", ..." if len(foreign) > _NAMED else "")
        raise OutputError(
            f"--out {out_dir} holds files a run did not write ({named}); a run replaces the "
            "whole folder, so choose a new folder or one a run wrote"
        )
    return target


#: Where Linux keeps a file's POSIX access list and a folder's default one.
_ACL_ATTRIBUTES = ("system.posix_acl_access", "system.posix_acl_default")


def copy_access(source: Path, target: Path) -> None:
    """Give folder ``target`` the group, permission bits (setgid too) and POSIX access lists
    of folder ``source``, as far as this process may: a group it is not in, or access lists
    the file system does not keep, are left as they are."""
    info = source.stat()
    with suppress(OSError):
        os.chown(target, -1, info.st_gid)
    if hasattr(os, "getxattr"):
        for name in _ACL_ATTRIBUTES:
            try:
                value = os.getxattr(source, name)
            except OSError:  # none, or not kept here: not one inherited from the parent either
                with suppress(OSError):
                    os.removexattr(target, name)
                continue
            with suppress(OSError):
                os.setxattr(target, name, value)
    with suppress(OSError):  # last: it also sets the access list's mask
        os.chmod(target, stat.S_IMODE(info.st_mode))


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
    ours: Layout | Callable[[Path], Layout],
    wait: float = 300.0,
    corpus: Path | None = None,
) -> Iterator[StagedOutput]:
    """Refuse an ``--out`` a run must not write, lock it, and stage its next version.

    The folder is checked (:func:`check_output`), its lock taken (:func:`output_lock`; also
    the locks of the output folders it sits in, outermost first, so a run into
    ``REPORT/tables`` waits for a report being written to ``REPORT``), and an empty staging
    folder made beside it, with the group, mode and access list of the folder it will
    replace (:func:`copy_access`), so what is written in it gets what it would get written
    in place (a new folder gets what its parent gives). The caller builds the output there
    and calls :meth:`StagedOutput.publish`; without that, or on any error, the staging
    folder is removed and the old output is left exactly as it was.

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
        if target.is_dir():
            copy_access(target, staging)
        yield StagedOutput(target, staging)
