"""examples/plugin/, built as a wheel and installed into a folder of its own, adds its table
and its page to a report, linked from the index; without it, neither appears."""

import json
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis.config import PROJ_ROOT
from analysis.notebook import recorded

pytestmark = pytest.mark.slow

ARTICLES = {
    "talks.txt": "Will India talk to Pakistan? The talks resumed in 2004.\n\n"
    "Who decides the agenda? The envoys met in Islamabad.\n",
    "aid.txt": "The United States sent aid to Afghanistan in 2002. It arrived in spring.\n",
}


def _run(*args, env=None, cwd=None):
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=900
    )


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory):
    """The plugin built into a wheel (not installed in place) and installed into a target
    folder; the environment that puts that folder on the path."""
    root = tmp_path_factory.mktemp("plugin")
    source = shutil.copytree(PROJ_ROOT / "examples" / "plugin", root / "source")
    built = _run(
        "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", root / "dist", source
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (root / "dist").glob("*.whl")
    site = root / "site"
    installed = _run("-m", "pip", "install", "--no-deps", "--target", site, wheel)
    assert installed.returncode == 0, installed.stderr
    return {**os.environ, "PYTHONPATH": str(site)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_the_installed_plugin_adds_its_table_and_its_page(plugin_site, corpus, tmp_path):
    out = tmp_path / "report"
    ran = _run("-m", "analysis", "report", corpus, "--out", out, "--quiet", env=plugin_site)
    assert ran.returncode == 0, ran.stderr
    questions = pd.read_parquet(out / "tables" / "questions.parquet")
    # "Will India talk to Pakistan?" and "Who decides the agenda?": sentences 0 and 2.
    assert questions.to_dict("list") == {
        "doc_id": ["talks", "talks"],
        "sentence_id": [0, 2],
        "words": [5, 4],
    }
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="questions.html"' in index
    assert (out / "questions.html").is_file()
    assert recorded(out / "notebooks" / "questions.ipynb") == {"questions": {"talks": 2}}
    pages = json.loads((out / "report.json").read_text(encoding="utf-8"))["pages"]
    assert pages[-1]["file"] == "questions.html"
    # The page's own parameter is accepted (and unknown ones still refused).
    again = _run(
        "-m",
        "analysis",
        "report",
        corpus,
        "--out",
        out,
        "-p",
        "max_questions",
        "1",
        "--quiet",
        env=plugin_site,
    )
    assert again.returncode == 0, again.stderr
    # Uninstalled, the next report into the same folder has neither (what the plugin wrote
    # there is still the run's own, not a user's file).
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    without = _run("-m", "analysis", "report", corpus, "--out", out, "--quiet", env=env)
    assert without.returncode == 0, without.stderr
    assert not (out / "tables" / "questions.parquet").exists()
    assert not (out / "questions.html").exists()
    assert 'href="questions.html"' not in (out / "index.html").read_text(encoding="utf-8")


def test_without_the_plugin_neither_appears(corpus, tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    out = tmp_path / "tables"
    ran = _run("-m", "analysis", "features", corpus, "--out", out, "--quiet", env=env)
    assert ran.returncode == 0, ran.stderr
    assert not (out / "questions.parquet").exists()
    listed = _run(
        "-c", "from analysis.pages import pages; print([p.name for p in pages()])", env=env
    )
    assert "questions" not in listed.stdout and "07_trends" in listed.stdout
    refused = _run(
        "-m",
        "analysis",
        "report",
        corpus,
        "--out",
        tmp_path / "r",
        "-p",
        "max_questions",
        "1",
        env=env,
    )
    assert refused.returncode == 2 and "unknown parameter 'max_questions'" in refused.stderr
