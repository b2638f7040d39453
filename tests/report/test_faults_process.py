"""Faults of processes, signals and run options (issue 23): a run killed by ``kill -9`` (or
the OOM killer) leaves no worker or kernel behind and never wedges the next run into the
same ``--out``; SIGTERM is an interruption like Ctrl-C; ``--scheduler`` and ``--wait`` are
checked when the command line is read. Every test runs ``python -m analysis`` as a user or
a scheduler would, with a private TMPDIR."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from analysis.config import PROJ_ROOT, SEEDS_DIR
from analysis.report.output import lock_path

#: Copies of each seed in the corpus of the kill tests: 400 documents, enough for two
#: worker processes and several seconds of work, and for the terms table to be written to
#: the staging folder block by block while the workers still analyse.
COPIES = 200
#: Linux's ``fcntl`` command that reads a pipe's capacity.
F_GETPIPE_SZ = 1032

skip_unless_linux = pytest.mark.skipif(
    sys.platform != "linux", reason="reads Linux's pipe sizes; signals and fork are POSIX"
)


def start(*args, tmpdir: Path, env: dict | None = None, job: bool = False) -> subprocess.Popen:
    """``python -m analysis ARGS`` in the background, with its own TMPDIR; its standard
    error is read only when the test reads it. ``job``: in a process group of its own, as a
    shell starts a job (the group that Ctrl-C at the terminal interrupts)."""
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=PROJ_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"TMPDIR": str(tmpdir)} | (env or {}),
        process_group=0 if job else None,
    )


def run(*args, tmpdir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    process = start(*args, tmpdir=tmpdir, env=env)
    stdout, stderr = process.communicate(timeout=900)
    return subprocess.CompletedProcess(
        process.args, process.returncode, stdout.decode(), stderr.decode()
    )


def wait_for(condition, process: subprocess.Popen, what: str, timeout: float = 600):
    """Poll ``condition()`` until it is true while ``process`` runs; its value."""
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        if process.poll() is not None:
            pytest.fail(f"the run ended (exit {process.returncode}) before {what}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"no {what} after {timeout:.0f} s")
        time.sleep(0.01)
    return found


def children(process: subprocess.Popen) -> list[psutil.Process]:
    try:
        return psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def survivors(processes: list[psutil.Process], timeout: float = 15) -> list[psutil.Process]:
    """Those of ``processes`` still alive (not zombies) after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in processes if _alive(p)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def end(processes: list[psutil.Process]) -> None:
    """Kill what a failed test left running (by pid, only the processes of its own runs)."""
    for process in processes:
        if _alive(process):
            process.kill()


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def staging(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


def holding(processes: list[psutil.Process], path: Path) -> list[int]:
    """Those of ``processes`` that have ``path`` open."""
    found = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            if any(Path(f.path) == path for f in process.open_files()):
                found.append(process.pid)
    return found


@pytest.fixture(scope="module")
def killed_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """400 seed copies and unreadable files named at length (their warnings fill more than
    a pipe holds), and the tables of a run over them, to be left as they are by killed runs.

    The warnings are printed after the pass and before the output is swapped in: a test
    that stops reading the run's standard error after the first of them holds the run right
    there, just before it publishes."""
    root = tmp_path_factory.mktemp("killed")
    corpus = root / "corpus"
    corpus.mkdir()
    for copy in range(COPIES):
        for seed in sorted(SEEDS_DIR.glob("*.txt")):
            shutil.copy(seed, corpus / f"{copy:03d}_{seed.name}")
    deep = corpus / ("unreadable-" + "x" * 200) / ("empty-" + "y" * 200)
    deep.mkdir(parents=True)
    for number in range(400):  # 400 warnings of over 600 bytes: 4 times a 64 KiB pipe
        (deep / f"{number:03d}-{'z' * 180}.txt").write_bytes(b"")
    out = root / "tables"
    tmpdir = root / "tmp"
    tmpdir.mkdir()
    first = run("features", corpus, "--out", out, "--workers", "2", tmpdir=tmpdir)
    assert first.returncode == 0, first.stderr
    return corpus, out


@dataclass
class Rerun:
    """A run into a copy of the first run's tables, with a TMPDIR of its own; ``--stem``
    changes every document's features, so it has all 400 to analyse again."""

    corpus: Path
    out: Path
    before: dict[str, str]  # the tables as they were: path -> hash
    tmpdir: Path
    process: subprocess.Popen | None = None

    @classmethod
    def start(cls, killed_corpus: tuple[Path, Path], tmp_path: Path, *, job: bool = False):
        corpus, first = killed_corpus
        out = tmp_path / "tables"
        shutil.copytree(first, out)
        tmpdir = tmp_path / "tmp"
        tmpdir.mkdir()
        rerun = cls(corpus, out, tree_hashes(out), tmpdir)
        rerun.process = rerun.again(job=job)
        return rerun

    def again(self, *args, job: bool = False) -> subprocess.Popen:
        return start(
            *("features", self.corpus, "--out", self.out, "--workers", "2", "--stem", *args),
            tmpdir=self.tmpdir,
            job=job,
        )


def _forked(process: subprocess.Popen, out: Path):
    """Both worker processes are there, maybe still starting."""
    found = children(process)
    return found if len(found) >= 2 else None


def _analysing(process: subprocess.Popen, out: Path):
    """Both worker processes have been analysing for a while: a tenth of a second of
    processor time each, so well past their start."""
    found = children(process)
    try:
        busy = [sum(child.cpu_times()[:2]) >= 0.1 for child in found]
    except psutil.NoSuchProcess:
        return None
    return found if len(found) >= 2 and all(busy) else None


def _writing(process: subprocess.Popen, out: Path):
    """The terms table has its first blocks in the staging folder; the workers still run."""
    written = any((folder / "terms.parquet").exists() for folder in staging(out))
    return _analysing(process, out) if written else None


@skip_unless_linux
@pytest.mark.slow
@pytest.mark.parametrize("moment", ["analysing", "writing tables", "about to publish"])
def test_a_run_killed_at_any_moment_leaves_no_process_and_the_next_run_goes_through(
    killed_corpus, tmp_path, moment
):
    """``kill -9`` of a run with two workers: its workers die with it (none lives on holding
    the output's lock), the previous tables stay byte for byte, and the next run into the
    same ``--out`` goes through."""
    rerun = Rerun.start(killed_corpus, tmp_path)
    process, out = rerun.process, rerun.out
    seen: list[psutil.Process] = []
    try:
        if moment in ("analysing", "writing tables"):
            found = _analysing if moment == "analysing" else _writing
            seen = wait_for(lambda: found(process, out), process, moment)
            assert holding([psutil.Process(process.pid)], lock_path(out)) == [process.pid]
            assert holding(seen, lock_path(out)) == []  # the run's lock is its own
        else:
            capacity = fcntl.fcntl(process.stderr.fileno(), F_GETPIPE_SZ)
            while not (line := process.stderr.readline()).startswith(b"warning: "):
                assert line, f"the run ended (exit {process.wait()}) before its warnings"
            assert len(line) * 400 > 4 * capacity  # read no more: the run blocks on them
            seen = children(process)
            assert staging(out), "the tables are staged, not published"
        process.kill()
        process.wait(timeout=60)
        assert tree_hashes(out) == rerun.before
        final = rerun.again("--wait", "5")
        stdout, stderr = final.communicate(timeout=900)
        assert final.returncode == 0, stderr
        assert stdout.startswith(b"400 document(s): 400 analysed, 0 reused, 0 dropped; 400 skipped")
        assert survivors(seen) == []
        assert staging(out) == []
    finally:
        process.kill()
        end(seen)


def _leftovers(tmpdir: Path, timeout: float = 15) -> list[str]:
    """What is still in ``tmpdir`` after up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while (left := sorted(p.name for p in tmpdir.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@skip_unless_linux
@pytest.mark.slow
@pytest.mark.parametrize("stop", ["SIGTERM", "Ctrl-C"])
def test_a_stopped_run_cleans_up_says_so_in_one_line_and_exits_128_plus_the_signal(
    killed_corpus, tmp_path, stop
):
    """``timeout``, ``kill`` and systemd stop a run with SIGTERM: like Ctrl-C, it stops its
    workers, removes its staging folder, says so in one line and exits 128 + 15. Ctrl-C at
    a terminal interrupts every process of the foreground group, the workers too: the run
    still stops them itself (a worker, or the pool starting it, interrupted inside the
    pool's queues, hung the run now and then)."""
    rerun = Rerun.start(killed_corpus, tmp_path, job=stop == "Ctrl-C")
    process, out = rerun.process, rerun.out
    seen: list[psutil.Process] = []
    try:
        seen = wait_for(lambda: _forked(process, out), process, "worker processes")
        if stop == "SIGTERM":
            process.send_signal(signal.SIGTERM)
        else:
            os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=120)
        assert survivors(seen) == []  # (they would hold its standard error open)
        stdout, stderr = process.communicate(timeout=60)
        said = "terminated" if stop == "SIGTERM" else "interrupted"
        assert (process.returncode, stderr.decode().splitlines(), stdout) == (
            143 if stop == "SIGTERM" else 130,
            [f"{said}; the previous output is left as it was"],
            b"",
        )
        assert tree_hashes(out) == rerun.before
        assert staging(out) == []
        assert _leftovers(rerun.tmpdir) == []
    finally:
        process.kill()
        end(seen)


@skip_unless_linux
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["kill -9", "SIGTERM"])
def test_a_stopped_report_leaves_no_kernel_and_nothing_in_tmpdir(tmp_path, stop):
    """A report run stopped while its kernels run notebooks: the kernels go with it, and
    their connection files and socket folder leave TMPDIR with them, even after kill -9."""
    out = tmp_path / "report"
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    process = start("report", SEEDS_DIR, "--out", out, "--workers", "2", tmpdir=tmpdir)
    seen: list[psutil.Process] = []
    try:
        while not (line := process.stderr.readline()).startswith(b"running 7 notebooks"):
            assert line, f"the run ended (exit {process.wait()}) before its notebooks"
        wait_for(lambda: len(list(tmpdir.rglob("*.json"))) >= 2, process, "connection files")
        seen = wait_for(lambda: _kernels(process), process, "two kernels")
        assert holding(seen, lock_path(out)) == []
        process.send_signal(stop)
        stderr = process.communicate(timeout=120)[1].decode()
        if stop == signal.SIGTERM:
            assert process.returncode == 143, stderr
            assert stderr.splitlines()[-1] == "terminated; the previous output is left as it was"
        else:
            assert process.returncode == -signal.SIGKILL
        assert survivors(seen) == []
        assert _leftovers(tmpdir) == []
        assert not out.exists()
        if stop == signal.SIGTERM:
            assert staging(out) == []
    finally:
        process.kill()
        end(seen)


def _kernels(process: subprocess.Popen) -> list[psutil.Process] | None:
    """The run's processes once two of them are kernels."""
    found = children(process)
    kernels = []
    for child in found:
        with contextlib.suppress(psutil.NoSuchProcess):
            if "ipykernel_launcher" in child.cmdline():
                kernels.append(child)
    return found if len(kernels) == 2 else None


def usage_error(result: subprocess.CompletedProcess) -> str:
    """The one ``error:`` line of a refused command line (after argparse's usage)."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and result.stderr.splitlines()[-1] == errors[0], result.stderr
    return errors[0]


@pytest.mark.parametrize("command", ["features", "report"])
def test_a_scheduler_address_without_tcp_is_a_usage_error(tmp_path, command):
    result = run(
        command, SEEDS_DIR, "--out", tmp_path / "out", "--scheduler", "localhost", tmpdir=tmp_path
    )
    assert usage_error(result).endswith(
        "argument --scheduler: 'localhost' is not a scheduler address: "
        "give tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize("command", ["features", "report"])
def test_an_unreachable_scheduler_has_its_own_exit_code_and_one_line(tmp_path, command):
    """A scheduler that refuses the connection is not a disk or permission problem (5)."""
    with socket.socket() as closed:  # bound, never listening: connections are refused
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
        result = run(
            command,
            SEEDS_DIR,
            "--out",
            tmp_path / "out",
            "--scheduler",
            address,
            tmpdir=tmp_path,
            env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
        )
    assert result.returncode == 69, result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        f"error: could not reach the Dask scheduler at {address}"
    ), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("wait", ["nan", "inf", "-1", "soon"])
def test_wait_must_be_a_finite_number_of_seconds(tmp_path, wait):
    result = run("features", SEEDS_DIR, "--out", tmp_path / "out", "--wait", wait, tmpdir=tmp_path)
    assert usage_error(result).endswith(
        f"argument --wait: {wait!r} is not a number of seconds (0 or more)"
    )
    assert not (tmp_path / "out").exists()
