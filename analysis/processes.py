"""The processes of a run: its workers and kernels end with it, hold none of its locks, and
leave nothing behind in the temporary folder; SIGTERM stops it as Ctrl-C does.

A run killed by ``kill -9`` or the out-of-memory killer runs no code of its own on the way
out, so whatever must happen then is arranged beforehand:

- a forked child (a worker of the feature pass) does not keep the run's output lock:
  :func:`keep_from_children` has the lock's descriptor replaced in every child as it is
  forked (an ``flock`` belongs to the open file, so a worker that lived on would otherwise
  hold the lock of a dead run);
- a worker dies with the run (:func:`become_worker`);
- a report's kernels are process groups of their own, and their connection files and
  sockets are in a folder of their own: :class:`Leftovers` is a small process that kills
  those groups and removes that folder once the run is gone, however it went.

SIGTERM, what ``timeout``, ``kill`` and systemd send, raises :class:`Terminated` (a
``KeyboardInterrupt``) in the main thread (:func:`sigterm_interrupts`), so a run cleans up
as it does on Ctrl-C.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

_NOT_INHERITED: set[int] = set()


@contextmanager
def keep_from_children(fd: int) -> Iterator[None]:
    """While in the block, a child forked from this process has ``fd`` replaced by
    ``/dev/null`` before it runs any code of its own. (Children started with ``exec``, such
    as kernels, never see it: Python opens files non-inheritable, and ``subprocess``
    closes the others.)"""
    _NOT_INHERITED.add(fd)
    try:
        yield
    finally:
        _NOT_INHERITED.discard(fd)


def _drop_inherited() -> None:
    if not _NOT_INHERITED:
        return
    # dup2 rather than close: the number stays taken, so a file object of the parent's
    # that the child still holds can never close a file the child opens later.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in _NOT_INHERITED:
        os.dup2(null, fd, inheritable=False)
    os.close(null)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited)

#: Linux's ``prctl`` option that sends a signal to a process when its parent ends.
_PR_SET_PDEATHSIG = 1
_STOPS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def starting_workers() -> Iterator[None]:
    """Start worker processes in this block: Ctrl-C and SIGTERM that come meanwhile take
    effect at its end, in this process, and are held off in the workers until
    :func:`become_worker`. Ctrl-C at a terminal reaches every process of the foreground
    group, and one that interrupts a process pool as it starts its workers (with the
    workers forked, but not yet the thread that feeds and stops them) hangs the run.
    (Python handles signals in the main thread only; from another thread this does
    nothing.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    handlers = {stop: signal.signal(stop, lambda signum, _: came.append(signum)) for stop in _STOPS}
    try:
        yield
    finally:
        for stop, handler in handlers.items():
            signal.signal(stop, handler)
        if came:
            signal.raise_signal(came[0])  # to the handler it was meant for


def become_worker(parent: int) -> None:
    """First thing in a worker process (started in :func:`starting_workers`): leave Ctrl-C
    to the run, which stops its workers itself, die of SIGTERM (the pool stops a broken
    worker with it), and end with the run (process ``parent``) even if it is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent(parent)


def die_with_parent(parent: int) -> None:
    """In a child process: end at once when ``parent`` ends, even by ``kill -9``.

    On Linux the kernel sends SIGKILL (``prctl(PR_SET_PDEATHSIG)``: it is sent when the
    thread that forked the child ends, so fork from a thread that outlives the children);
    elsewhere a thread checks every second. A parent already gone when this is called
    ends the child too."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # it ended before the signal was asked for
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


class Terminated(KeyboardInterrupt):
    """The run got SIGTERM: it stops as on Ctrl-C, and exits with 128 + 15."""


_TERMINATED: list[int] = []  # the signal, once it came (a plain list: set in a handler)


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """In this block SIGTERM raises :class:`Terminated` in the main thread; a second one
    while the run cleans up is ignored. (From another thread this does nothing: Python
    handles signals in the main thread only.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _TERMINATED.clear()
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def terminated() -> bool:
    """Whether SIGTERM came: an error raised on the way out (a worker that got it too, when
    systemd stops every process of the service) is then part of the stop, not a fault."""
    return bool(_TERMINATED)


def _terminate(signum, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _TERMINATED.append(signum)
    raise Terminated


#: The watcher: reads process groups (one number a line) until this process ends or says
#: ``done``; unless told ``done``, kills those groups; then removes the folder.
_WATCH = """
import os, shutil, signal, sys
groups, done = [], False
for line in sys.stdin:
    done = line == "done\\n"
    if not done:
        groups.append(int(line))
for group in [] if done else groups:
    try:
        os.killpg(group, signal.SIGKILL)
    except OSError:
        pass
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


class Leftovers:
    """A folder, and process groups, that must not outlive this process.

    A small watcher process (standard library only, in a session of its own so that Ctrl-C
    at the terminal does not reach it) holds the read end of a pipe from this process. When
    this process ends, however it ends, the pipe closes, and the watcher kills the process
    groups it was told of (:meth:`add_group`) and removes ``folder``. :meth:`close` removes
    the folder itself and lets the watcher go without killing anything."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._watcher = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _WATCH, str(self.folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
        )
        # A worker forked later must not hold the pipe open after this process is gone.
        _NOT_INHERITED.add(self._watcher.stdin.fileno())

    def add_group(self, group: int) -> None:
        """Kill process group ``group`` should this process end without :meth:`close`."""
        self._say(f"{group}\n")

    def close(self) -> None:
        """Remove the folder now; nothing is killed."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._watcher.stdin.closed:
            return
        self._say("done\n")
        _NOT_INHERITED.discard(self._watcher.stdin.fileno())
        with suppress(OSError):
            self._watcher.stdin.close()
        self._watcher.wait()

    def _say(self, line: str) -> None:
        with self._lock, suppress(OSError, ValueError):  # a watcher already gone: nothing to do
            self._watcher.stdin.write(line)
            self._watcher.stdin.flush()
