"""Where the CPU seconds of a feature pass go: each stage, summed over the workers.

    .venv/bin/python benchmarks/stages.py [CORPUS] [--package DIR] [--workers 2] [--floor]

Runs ``build_tables`` with local worker processes (forked, so they inherit the timers put
around each stage here) and prints the CPU seconds of each stage summed over the workers
(the stages: parsing, then each analysis of the registry, :func:`analysis.features.by_table`,
named by its table; an analysis is timed where its rows are first computed, so one that asks
for another's rows before their turn counts them as its own),
what the workers spent outside the stages (start-up, imports, dictionaries, pickling) and
the main process's CPU seconds (reading the files, gathering and writing the tables).
``--package`` times another checkout of the package (one from ``git archive``, say) in the
same way, for a before-and-after; ``--floor`` gives every stage but parsing nothing to do,
as ``floor.py`` does. Timers cost a little; no profiler runs, so per-token
Python loops are not inflated as under cProfile.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Where ``analyse_document`` parses; the analyses of the registry are the other stages.
PARSING = "parse_document"


def stages() -> tuple[str, ...]:
    """The stages of one document's analysis: parsing, then each table's analysis, in the
    registry's order (of the package being timed: call after ``--package`` is on the path)."""
    return (PARSING, *importlib.import_module("analysis.features").by_table())


def timed(name: str, work, spent: dict):
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return work(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started

    return wrapper


_WORKER: dict = {}  # what a forked worker needs to time its tasks (module level: pickled by name)


def install(spent: dict, folder: Path) -> None:
    """Timers around each stage, where ``analyse_document`` calls it, and around the
    worker's whole task; each worker writes its totals to ``folder`` after each document."""
    pipeline = importlib.import_module("analysis.tables.pipeline")
    document = importlib.import_module("analysis.features.document")
    document.parse_document = timed(PARSING, document.parse_document, spent)
    # The counts the documents row takes its word count from are the readability analysis's.
    document.document_counts = timed("readability", document.document_counts, spent)
    # The dict every document's analyses are looked up in.
    registry = importlib.import_module("analysis.features").by_table()
    for name, analysis in list(registry.items()):
        registry[name] = replace(analysis, rows=timed(name, analysis.rows, spent))
    _WORKER.update(spent=spent, folder=folder, task=timed("task", pipeline._analyse, spent))
    pipeline._analyse = analyse


def analyse(*args, **kwargs):
    """The pipeline's task, timed; the totals so far written to the worker's file."""
    spent = _WORKER["spent"]
    if _WORKER.get("pid") != os.getpid():  # a new worker: not what its parent had counted
        spent.clear()
        _WORKER["pid"] = os.getpid()
    result = _WORKER["task"](*args, **kwargs)
    spent["process"] = time.process_time()
    (_WORKER["folder"] / f"{os.getpid()}.json").write_text(json.dumps(spent), encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared/corpora"))
    parser.add_argument("--package", type=Path, default=HERE.parent)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--floor", action="store_true", help="every stage but parsing empty")
    args = parser.parse_args()
    sys.path.insert(0, str(args.package.resolve()))
    started = time.process_time()
    pipeline = importlib.import_module("analysis.tables.pipeline")
    imports = time.process_time() - started
    if args.floor:
        importlib.import_module("floor").empty_stages()
    spent: dict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        install(spent, folder)
        wall, cpu = time.perf_counter(), time.process_time()
        pipeline.build_tables(
            args.corpus, progress=False, workers=args.workers, sink=folder / "tables"
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        workers = [json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")]
    names = stages()
    total = {name: sum(w.get(name, 0.0) for w in workers) for name in (*names, "task")}
    process = sum(w["process"] for w in workers)
    print(f"{len(workers)} workers, {wall:.1f} s wall; CPU seconds:")
    for name in sorted(names, key=lambda n: -total[n]):
        print(f"  {name:18s} {total[name]:6.2f}")
    in_stages = sum(total[name] for name in names)
    print(f"  {'(stages in all)':18s} {in_stages:6.2f}")
    print(
        f"  {'workers otherwise':18s} {process - in_stages:6.2f}  (start-up, dictionaries, pickling)"
    )
    print(f"  {'main process':18s} {imports + cpu:6.2f}  ({imports:.2f} of it importing)")


if __name__ == "__main__":
    main()
