import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from jupyter_core.utils import run_sync

from analysis.report.kernels import _WARM_UP, MAX_SOCKET_PATH, Kernels, _run_code


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets are a POSIX transport")
def test_kernels_talk_over_their_own_unix_sockets_not_tcp_ports(tmp_path):
    """Two kernels started at once each get sockets of their own in a private folder, so no
    TCP port chosen free can be taken by another connection before the kernel binds it."""
    kernels = Kernels(2, cwd=tmp_path, stderr=tmp_path / "kernels.log")
    folder = kernels.sockets
    both = threading.Barrier(2, timeout=120)  # each kernel's thread holds one job

    def seen(kernel):
        both.wait()
        run_sync(_run_code)(kernel, "answer = 6 * 7")  # it answers over those sockets
        info = json.loads(Path(kernel.connection_file).read_text(encoding="utf-8"))
        sockets = sorted(
            path.name for path in folder.iterdir() if path.name.startswith(Path(info["ip"]).name)
        )
        return (
            info["transport"],
            Path(info["ip"]).parent,
            sockets,
            all(stat.S_ISSOCK((folder / name).stat().st_mode) for name in sockets),
        )

    try:
        first, second = kernels.submit(seen), kernels.submit(seen)
        outcomes = [first.result(timeout=120), second.result(timeout=120)]
    finally:
        kernels.close()
    assert [transport for transport, *_ in outcomes] == ["ipc", "ipc"]
    assert all(parent == folder for _, parent, _, _ in outcomes)
    assert all(len(sockets) == 5 and every for *_, sockets, every in outcomes)  # shell, iopub, ...
    assert not set(outcomes[0][2]) & set(outcomes[1][2])  # none shared
    assert not folder.exists()  # removed with the kernels


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets are a POSIX transport")
def test_kernels_fall_back_to_tcp_where_the_temporary_folder_is_too_deep(tmp_path, monkeypatch):
    """A socket's path has room for about 100 bytes; below a deeper temporary folder the
    kernels could not bind theirs, so they take TCP ports as they used to."""
    deep = tmp_path / ("d" * (MAX_SOCKET_PATH - len(str(tmp_path))))
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    kernels = Kernels(1, cwd=tmp_path, stderr=tmp_path / "kernels.log")

    def transport(kernel):
        run_sync(_run_code)(kernel, "answer = 6 * 7")
        return json.loads(Path(kernel.connection_file).read_text(encoding="utf-8"))["transport"]

    try:
        assert kernels.sockets is None
        assert kernels.submit(transport).result(timeout=120) == "tcp"
    finally:
        kernels.close()
    assert list(deep.iterdir()) == []  # no folder left for sockets


def test_the_warm_up_runs_in_a_kernels_namespace():
    """What each kernel runs as it starts is top-level code: it must run there as written
    (an error in it is passed over, so nothing else would show it)."""
    done = subprocess.run([sys.executable, "-c", _WARM_UP], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
