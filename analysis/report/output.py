"""Output folders: checked, locked and staged, then swapped in whole.

A run builds its whole output folder beside ``--out`` and swaps it in at once when complete
(:func:`staged_output`), so a failed or killed run leaves the previous output as it was; two
runs on one folder never interleave (an ``flock`` beside it); and a run replaces only a
folder that holds nothing but what a run writes (:class:`Layout`): what a run wrote is
listed in the marker it leaves in the folder.
"""

from __future__ import annotations

import ctypes
import fcntl
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
from pathlib import Path, PurePosixPath

from ..config import OUTPUT_MARKER
from ..errors import AnalysisError
from ..processes import keep_from_children


class OutputBusy(AnalysisError, RuntimeError):
    """Another run holds the output folder's lock for longer than this run would wait."""

    exit_code = 4


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


@dataclass(frozen=True)
class Layout:
    """What a run writes into an output folder, by name: the files at its top (``files``,
    glob patterns) and the subfolders it writes (``folders``, each with its own layout).
    Whatever else a folder holds is not a run's, and replacing the folder would lose it.
    ``kind`` names what the run writes (``tables``, ``report``): the files the marker of a
    run of another kind lists are not this run's to replace."""

    files: frozenset[str] = frozenset()
    folders: Mapping[str, Layout] = field(default_factory=dict)
    kind: str = ""

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
        return Layout(frozenset(files), folders, self.kind)


def _literal(name: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def table_files() -> Layout:
    """What a feature run writes into its ``--out`` folder (or a page into its cache): a
    file for each table of the registry (:func:`analysis.features.table_names`)."""
    from ..features import table_names

    return Layout(frozenset(f"{name}.parquet" for name in table_names()), kind="tables")


def _marker_header(kind: str) -> str:
    """The first line of the marker a run of ``kind`` leaves; the files it wrote follow,
    one per line."""
    return f"Written by policy-discourse ({kind}); a run replaces this whole folder. Its files:"


def written_files(out_dir: Path, kind: str) -> list[str]:
    """The files that a run of ``kind`` listed in the marker of ``out_dir`` (relative
    paths): a run's own, even when the tables or pages that wrote them are no longer
    installed. A run of another kind lists nothing for this one: ``features --out REPORT``
    must not replace a report because its marker lists the report's pages."""
    try:
        lines = (Path(out_dir) / OUTPUT_MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in lines[1:] if line] if lines[:1] == [_marker_header(kind)] else []


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
    ours = ours.including(written_files(out_dir, ours.kind))
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


class OutputError(AnalysisError, ValueError):
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
    kind: str = ""

    def publish(self) -> None:
        """Mark the staging folder as a run's output, listing the files in it, and swap it
        in whole."""
        written = sorted(
            path.relative_to(self.staging).as_posix()
            for path in self.staging.rglob("*")
            if path.is_file() and not path.is_symlink()
        )
        (self.staging / OUTPUT_MARKER).write_text(
            "\n".join([_marker_header(self.kind), *written]) + "\n", encoding="utf-8"
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
        yield StagedOutput(target, staging, (ours(target) if callable(ours) else ours).kind)
