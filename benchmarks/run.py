"""Benchmarks: ratios measured in one run on one machine, medians of several repeats.

    .venv/bin/python benchmarks/run.py [--repeats 3]

Writes benchmarks/results/<date>.json. The table in benchmarks/README.md is copied from it
by hand, with what the numbers mean. Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))

from analysis.config import SEEDS_DIR, SHARED_CORPORA_DIR  # noqa: E402
from analysis.load import find_files  # noqa: E402
from analysis.pipeline import build_tables  # noqa: E402
from analysis.readability import readability  # noqa: E402
from analysis.report import exporter  # noqa: E402


def median_seconds(work, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_pass(corpus: Path) -> None:
    """Read every file, lower-case it, find the words, count them: the floor."""
    articles, _ = find_files(corpus)
    for path in articles:
        Counter(re.findall(r"\w+", path.read_text(encoding="utf-8", errors="replace").lower()))


def readability_rows(texts: dict[str, str]) -> None:
    for text in texts.values():
        readability(text)


def textstat_reference(texts: dict[str, str]) -> float:
    """textstat as it ships, per measure per document, timed in its own process."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "texts.json", Path(folder) / "ref.json"
        source.write_text(json.dumps(texts), encoding="utf-8")
        subprocess.run(
            [sys.executable, str(HERE / "textstat_reference.py"), source, target], check=True
        )
        return json.loads(target.read_text(encoding="utf-8"))["seconds"]


def empty_notebooks_report(folder: Path) -> None:
    """papermill + nbconvert on 6 notebooks that only print: the floor for a report."""
    export = exporter()
    for n in range(6):
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        notebook.cells = [nbformat.v4.new_code_cell("print('hello')")]
        path = folder / f"{n}.ipynb"
        nbformat.write(notebook, path)
        import papermill

        papermill.execute_notebook(str(path), str(path), progress_bar=False, kernel_name="python3")
        body, _ = export.from_notebook_node(nbformat.read(path, as_version=4))
        (folder / f"{n}.html").write_text(body, encoding="utf-8")


def seed_report(folder: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            SEEDS_DIR,
            "--out",
            folder / "report",
            "--quiet",
        ],
        check=True,
        cwd=PROJECT,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not SHARED_CORPORA_DIR.is_dir():
        sys.exit(f"the benchmark corpus is not at {SHARED_CORPORA_DIR}")
    corpus, repeats = SHARED_CORPORA_DIR, args.repeats
    results: dict[str, dict] = {}

    bare = median_seconds(lambda: bare_pass(corpus), repeats)
    full = median_seconds(lambda: build_tables(corpus, progress=False, workers=2), repeats)
    results["feature_pass_2_workers"] = {
        "seconds": full,
        "bare_pass_seconds": bare,
        "ratio": full / bare,
        "target": "<= 5",
    }
    print(f"feature pass, 2 workers: {full:.1f} s; bare pass {bare:.2f} s; {full / bare:.0f}x")

    tables = build_tables(corpus, progress=False, workers=2)
    texts = dict(zip(tables.documents["doc_id"], tables.documents["text"], strict=True))
    ours = median_seconds(lambda: readability_rows(texts), repeats)
    reference = statistics.median(textstat_reference(texts) for _ in range(repeats))
    results["readability"] = {
        "seconds": ours,
        "textstat_seconds": reference,
        "speedup": reference / ours,
        "target": ">= 10",
    }
    print(
        f"readability: {ours:.1f} s; textstat per measure {reference:.1f} s; {reference / ours:.1f}x faster"
    )

    with tempfile.TemporaryDirectory() as folder:
        floor = median_seconds(lambda: empty_notebooks_report(Path(folder)), repeats)
        report = median_seconds(lambda: seed_report(Path(folder)), repeats)
    results["seed_report"] = {
        "seconds": report,
        "empty_notebooks_seconds": floor,
        "ratio": report / floor,
        "target": "<= 1.5",
    }
    print(f"seed report: {report:.1f} s; 6 empty notebooks {floor:.1f} s; {report / floor:.1f}x")

    out = HERE / "results" / f"{date.today().isoformat()}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({"repeats": repeats, "corpus": str(corpus), "results": results}, indent=2),
        encoding="utf-8",
    )
    print(f"-> {out}")


if __name__ == "__main__":
    main()
