"""The report's Python kernels: started early, warmed up, reused between notebooks.

:class:`Kernels` is the kernel pool of a report run and :func:`run_notebook` runs one
notebook in one of its kernels through papermill, so a failure names the notebook and cell.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

import nbformat
import papermill
from jupyter_client import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError

from ..errors import AnalysisError
from ..processes import Leftovers

T = TypeVar("T")


class NotebookFailed(AnalysisError, RuntimeError):
    """A notebook that failed, or a kernel that would not start or answer; the message
    names the notebook and cell, or what the kernel said."""

    exit_code = 3


#: Run in each kernel as it starts: what every notebook imports, so none waits for it.
_WARM_UP = """
import pandas, plotly.graph_objects, pyarrow.parquet
from plotly.io import renderers  # plotly loads it lazily, with nbformat
import analysis.notebook
"""
#: Run in a kernel before each notebook: a clean namespace, counts from 1 again.
_RESET = "get_ipython().reset(new_session=True)"


class Kernels:
    """Python kernels for the report's notebooks, one per thread. Each kernel starts, and
    imports what every notebook imports, as soon as the run begins, so it warms up while
    the tables are built; it then runs one notebook after another, with its namespace
    cleared in between. A notebook thereby costs neither a kernel start nor the imports
    (2 to 3 s each). The kernels' standard error goes to ``stderr``.

    Each kernel's connection file is in a private temporary folder (``folder``), and where
    the system has Unix sockets, so are its sockets (``sockets`` is then that folder)
    rather than TCP ports on localhost: a TCP port is chosen free and bound only later, by
    the kernel, and in between another connection can take it (``Address already in use``,
    which killed a kernel of a report run in CI). Where the temporary folder's path is too
    long for a socket's, TCP it is. :meth:`close` stops the kernels and removes the folder;
    should the run end without it (``kill -9``), a watcher process kills the kernels'
    process groups and removes the folder (:class:`analysis.processes.Leftovers`)."""

    def __init__(self, count: int, cwd: Path, stderr: Path) -> None:
        self.count = count
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._log = stderr
        self._stderr = stderr.open("ab")
        self.folder = Path(tempfile.mkdtemp(prefix="kernels-"))
        self._leftovers = Leftovers(self.folder)
        self.sockets = self.folder if _sockets_fit(self.folder, count) else None
        self._groups: list[int] = []  # each kernel's process group, once started
        self._closing = threading.Event()  # set by close(now=True): no warm-up, kernels killed
        # Kernels killed on purpose: papermill's "Kernel died while waiting" is no news.
        self._quiet = lambda record: not self._closing.is_set()
        logging.getLogger("papermill").addFilter(self._quiet)
        self._threads = [
            threading.Thread(target=self._work, args=(cwd, index), daemon=True)
            for index in range(count)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Callable[[AsyncKernelManager], T]) -> Future[T]:
        """Run ``job(kernel)`` in the next free kernel, its namespace cleared first."""
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def close(self, *, now: bool = False) -> None:
        """Let the running jobs finish (``now``: kill the kernels, so the jobs fail at
        once), then stop the kernels and remove their folder."""
        if self._stderr.closed:
            return
        if now:
            self._closing.set()
            for group in list(self._groups):
                with suppress(OSError):
                    os.killpg(group, signal.SIGKILL)
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._stderr.close()
        self._leftovers.close()
        logging.getLogger("papermill").removeFilter(self._quiet)

    def __enter__(self) -> Kernels:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(now=kind is not None)  # a run that failed or was stopped waits for nothing

    def _work(self, cwd: Path, index: int) -> None:
        connection = str(self.folder / f"connection-{index}.json")
        if self.sockets:  # one name per kernel: its sockets are that name plus a number
            kernel = AsyncKernelManager(
                kernel_name="python3",
                connection_file=connection,
                transport="ipc",
                ip=str(self.sockets / f"kernel{index}"),
            )
        else:
            kernel = AsyncKernelManager(kernel_name="python3", connection_file=connection)
        failed = None
        try:
            run_sync(kernel.start_kernel)(
                cwd=str(cwd),
                stderr=self._stderr,
                extra_arguments=["--HistoryManager.hist_file=:memory:"],
            )
            if os.name == "posix":  # the kernel leads a session, so a group, of its own
                self._groups.append(kernel.provisioner.pid)
                self._leftovers.add_group(kernel.provisioner.pid)
            if not self._closing.is_set():
                with suppress(RuntimeError):  # the notebook needing it will say what is wrong
                    run_sync(_run_code)(kernel, _WARM_UP)
        except Exception as exc:
            failed = self._failure(f"could not start a Python kernel: {exc}")
        try:
            while (item := self._jobs.get()) is not None:
                job, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if failed:
                        raise failed
                    try:
                        run_sync(_run_code)(kernel, _RESET)
                    except RuntimeError as exc:
                        raise self._failure(f"the Python kernel did not answer: {exc}") from None
                    future.set_result(job(kernel))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            if kernel.has_kernel:
                run_sync(kernel.shutdown_kernel)(now=True)

    def _failure(self, what: str) -> NotebookFailed:
        """``what`` went wrong, with the last lines the kernels wrote to standard error
        (the log itself goes when the failed run's staging folder is removed)."""
        self._stderr.flush()
        lines = [
            line
            for line in self._log.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip() and "without encryption" not in line
        ]
        said = "".join(f"\n  {line}" for line in lines[-8:])
        return NotebookFailed(what + (f"; the kernel said:{said}" if said else ""))


#: The longest socket path, in bytes, that every POSIX system takes (Linux takes 107,
#: macOS 103).
MAX_SOCKET_PATH = 100


def _sockets_fit(folder: Path, count: int) -> bool:
    """Whether ``folder`` can hold the sockets of ``count`` kernels: there are Unix sockets,
    and its path leaves room for their names."""
    longest = folder / f"kernel{count - 1}-99"  # a kernel's sockets are numbered from 1
    return os.name == "posix" and len(os.fsencode(longest)) <= MAX_SOCKET_PATH


async def _run_code(kernel: AsyncKernelManager, code: str, timeout: float = 300.0) -> None:
    """Run ``code`` in ``kernel`` (started or still starting) and wait for its reply. Only
    the shell channel is opened: no output is wanted, and waiting for the output channel to
    settle would cost a fraction of a second each time."""
    client = kernel.client()
    client.start_channels(iopub=False, stdin=False, hb=False, control=False)
    try:
        request = client.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = await client.get_shell_msg(timeout=1)
            except queue.Empty:
                if not await kernel.is_alive():
                    raise RuntimeError("the kernel died") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the kernel did not answer in {timeout:.0f} s") from None
                continue
            if reply["parent_header"].get("msg_id") == request:
                break
    finally:
        client.stop_channels()
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")


def run_notebook(
    path: Path, output: Path, parameters: dict, kernel: AsyncKernelManager
) -> nbformat.NotebookNode:
    """Run one notebook in ``kernel`` with the parameters it declares, save it to ``output``
    and return it; a failure names the cell."""
    declared = papermill.inspect_notebook(str(path))
    given = {name: value for name, value in parameters.items() if name in declared}
    try:
        return papermill.execute_notebook(
            str(path),
            str(output),
            parameters=given,
            kernel_name="python3",
            km=kernel,
            progress_bar=False,  # no cwd: papermill would chdir this whole process
            log_output=False,
            request_save_on_cell_execute=False,  # saved once, at the end
        )
    except papermill.PapermillExecutionError as exc:
        raise NotebookFailed(
            f"notebook {path.name} failed in cell {exc.exec_count or exc.cell_index}: "
            f"{exc.ename}: {exc.evalue}\n(the previous report is left in place)"
        ) from None
    except DeadKernelError:
        raise NotebookFailed(
            f"notebook {path.name}: its Python kernel died (out of memory?)\n"
            "(the previous report is left in place)"
        ) from None
