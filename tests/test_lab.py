"""JupyterLab as a user meets it: the server on 127.0.0.1 with a token, a notebook opened in
the browser, run, and a chart drawn."""

import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from analysis.config import NOTEBOOKS_DIR, SEEDS_DIR
from tests.browser import launch, needs_browser, sync_playwright, watched_page

pytestmark = needs_browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def lab(tmp_path):
    # A copy of the timeline notebook pointed at the seeds, so the repository's notebooks are
    # never touched (JupyterLab saves what it runs).
    notebook = json.loads((NOTEBOOKS_DIR / "05_timeline.ipynb").read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            source = "".join(cell["source"])
            cell["source"] = source.replace('"../seeds"', json.dumps(str(SEEDS_DIR)))
    (tmp_path / "05_timeline.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"JupyterLab did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    try:
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_notebook_runs_in_jupyterlab_and_draws_its_charts(lab):
    base, token = lab
    # Without the token the server refuses the API.
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{base}/api/contents", timeout=5)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, _ = watched_page(browser, viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/lab/tree/05_timeline.ipynb?token={token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
        )
        page.wait_for_timeout(2000)  # let the notebook settle before using the menu
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        # JupyterLab may hide cells scrolled out of view, so "attached", not "visible".
        page.wait_for_selector(
            ".jp-OutputArea .js-plotly-plot .main-svg", state="attached", timeout=180_000
        )
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000
        )
        charts = page.locator(".jp-OutputArea .js-plotly-plot")
        assert charts.count() == 2
        assert charts.first.locator("g.trace").count() > 0
        errors = page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        assert errors.count() == 0, errors.all_inner_texts()
        assert page.locator("text=Traceback").count() == 0
        browser.close()
