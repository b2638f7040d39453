"""Benchmarks: ratios measured in one run on one machine, medians of several repeats.

    .venv/bin/python benchmarks/run.py [--repeats 3] [--only NAME ...] [--out FILE] [--against DIR]

Writes benchmarks/results/<date>.json (or ``--out``). The table in benchmarks/README.md is
copied from it by hand, with what the numbers mean. Not a test: timings depend on the
machine and its load.
Needs about 300 MB of temporary disk for the 20x corpus.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import nbformat
import psutil
import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(PROJECT))

from analysis.config import NOTEBOOKS_DIR, SEEDS_DIR, SHARED_CORPORA_DIR  # noqa: E402
from analysis.dictionaries.actors import (  # noqa: E402
    Actor,
    ActorDictionary,
    Name,
    load_actors,
)
from analysis.dictionaries.phrases import phrase_key  # noqa: E402
from analysis.features.mentions import mention_rows  # noqa: E402
from analysis.ingest.load import find_files  # noqa: E402
from analysis.report.export import exporter  # noqa: E402
from analysis.report.runner import notebook_paths  # noqa: E402
from analysis.tables.pipeline import build_tables  # noqa: E402

BENCHMARKS = (
    "feature_pass",
    "dictionary",
    "readability",
    "sentences",
    "actors",
    "seed_report",
    "corpus_20x",
    "dask",
)


def time_of(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_seconds(work, repeats: int) -> float:
    return statistics.median(time_of(work) for _ in range(repeats))


def median_seconds_of(timed, repeats: int) -> float:
    """The median of ``repeats`` calls of ``timed``, which times itself."""
    return statistics.median(timed() for _ in range(repeats))


_LOAD_ACTORS = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from analysis.dictionaries.actors import load_actors
started = time.perf_counter()
actors = load_actors()
loaded = time.perf_counter()
actors.matcher  # the automaton of every name, built before the first document
print(json.dumps([loaded - started, time.perf_counter() - loaded, len(actors.actors)]))
"""


def dictionary_load(package: Path) -> tuple[float, float, int]:
    """Seconds of ``load_actors()`` and of building its matcher in a fresh process (the
    imports not counted), with the package at ``package``; and how many actors it holds."""
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_ACTORS, str(package)],
        check=True,
        capture_output=True,
        text=True,
        cwd=package,
    )
    return tuple(json.loads(out.stdout))


def dictionary_rows(corpus: Path, repeats: int, against: Path | None) -> dict[str, dict]:
    """The shipped actor dictionary's cost (issue 27): loading it and building its matcher
    in a fresh process, best and median of ``repeats``; and the cold feature pass (as
    ``feature_pass`` times it). With ``against``, another checkout of the package (the one
    before a change, from ``git archive``) is timed too, alternately, on the same load."""
    packages = {"this": PROJECT} | ({"against": against} if against else {})
    loads = {name: [] for name in packages}
    passes = {name: [] for name in packages}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            for name, package in packages.items():
                loads[name].append(dictionary_load(package))
                passes[name].append(features_pass_at(package, corpus, Path(folder) / f"out-{name}"))
    row = {}
    for name in packages:
        totals = [load + matcher for load, matcher, _ in loads[name]]
        walls = [wall for wall, _ in passes[name]]
        cpus = [cpu for _, cpu in passes[name]]
        row[name] = {
            "package": str(packages[name]),
            "actors": loads[name][0][2],
            "load_best_seconds": min(load for load, _, _ in loads[name]),
            "matcher_best_seconds": min(matcher for _, matcher, _ in loads[name]),
            "load_and_matcher_best_seconds": min(totals),
            "load_and_matcher_median_seconds": statistics.median(totals),
            "feature_pass_median_seconds": statistics.median(walls),
            "feature_pass_best_seconds": min(walls),
            "feature_pass_cpu_median_seconds": statistics.median(cpus),
            "feature_pass_cpu_best_seconds": min(cpus),
        }
        print(
            f"dictionary ({name}, {row[name]['actors']} actors): load {row[name]['load_best_seconds']:.3f} s, "
            f"matcher {row[name]['matcher_best_seconds']:.3f} s (best of {repeats}); "
            f"feature pass {row[name]['feature_pass_median_seconds']:.1f} s, "
            f"{row[name]['feature_pass_cpu_median_seconds']:.1f} CPU s (medians)"
        )
    row["target"] = "load at most +0.3 s against the dictionary before issue 27"
    return {"dictionary": row}


def features_pass_at(package: Path, corpus: Path, out: Path) -> tuple[float, float]:
    """Wall seconds of a cold ``python -m analysis features`` (2 workers) with the package
    at ``package`` (its folder first on the path), and the CPU seconds of all its processes
    (user and system; less swayed than the wall time by others' work on a shared machine)."""
    shutil.rmtree(out, ignore_errors=True)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "features",
            str(corpus),
            *("--out", str(out)),
            *("--workers", "2", "--quiet"),
        ],
        check=True,
        cwd=package,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime


def bare_pass(corpus: Path) -> None:
    """Read every file, lower-case it, find the words, count them: the floor."""
    for path in find_files(corpus).articles:
        Counter(re.findall(r"\w+", path.read_text(encoding="utf-8", errors="replace").lower()))


def readability_in_a_fresh_process(texts: dict[str, str], script: str) -> float:
    """Seconds to score every text, in a process of its own (cold: dictionaries loaded and
    syllables counted from scratch, as a worker starts). ``script``: textstat_reference.py,
    textstat as it ships, or package_readability.py, this package."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "texts.json", Path(folder) / "scores.json"
        source.write_text(json.dumps(texts), encoding="utf-8")
        subprocess.run([sys.executable, str(HERE / script), source, target], check=True)
        return json.loads(target.read_text(encoding="utf-8"))["seconds"]


def bare_pass_process(corpus: Path) -> float:
    """Wall seconds of the bare pass as a whole process, as the feature pass is timed."""
    script = (
        "import re, sys\n"
        "from collections import Counter\n"
        "from analysis.ingest.load import find_files\n"
        "for path in find_files(sys.argv[1]).articles:\n"
        "    text = path.read_text(encoding='utf-8', errors='replace')\n"
        "    Counter(re.findall(r'\\w+', text.lower()))\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, str(corpus)], check=True, cwd=PROJECT)
    return time.perf_counter() - started


def import_floor() -> float:
    """Wall seconds of a Python process that imports pandas and pyarrow and ends."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pandas, pyarrow"], check=True)
    return time.perf_counter() - started


def features_run(
    corpus: Path,
    out: Path,
    workers: int = 2,
    *options: str,
    fresh: bool = True,
    floor: bool = False,
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, summed over the process and its workers, sampled every
    0.1 s) of ``python -m analysis features`` into a fresh folder (``fresh=False``: into
    ``out`` as it is, so an unchanged corpus reuses its tables; ``floor``: the same command
    with every stage but parsing made empty, by ``floor.py``)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    program = [str(HERE / "floor.py")] if floor else ["-m", "analysis", "features"]
    command = [sys.executable, *program, str(corpus), "--out", str(out)]
    started = time.perf_counter()
    process = psutil.Popen(
        [*command, "--workers", str(workers), "--quiet", *options],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
    )
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"features run failed with exit code {process.returncode}")
    return seconds, peak / 2**20


def corpus_paragraphs(corpus: Path) -> list[str]:
    """Every paragraph of the corpus, as the parser assembles them."""
    from analysis.ingest.load import RawDocument, iter_corpus
    from analysis.ingest.parse import parse_document

    return [
        paragraph
        for raw in iter_corpus(corpus)
        if isinstance(raw, RawDocument)
        for paragraph in parse_document(raw.text, format=raw.format).paragraphs
    ]


def cpu_seconds(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def punkt_spans():
    """The splitter the project had before sentencex: NLTK Punkt with the shipped
    abbreviations and sentence starters, each break context decided once (a cache)."""
    from functools import lru_cache

    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from analysis.config import DATA_DIR
    from analysis.ingest.sentences import read_word_list

    params = PunktParameters()
    params.abbrev_types = read_word_list(DATA_DIR / "abbreviations.txt")
    params.sent_starters = read_word_list(DATA_DIR / "sentence_starters.txt")
    punkt = PunktSentenceTokenizer(params)
    punkt.text_contains_sentbreak = lru_cache(maxsize=1 << 16)(punkt.text_contains_sentbreak)
    return lambda paragraph: list(punkt.span_tokenize(paragraph))


def corpus_bytes(corpus: Path) -> int:
    return sum(path.stat().st_size for path in find_files(corpus).articles)


def repeated_corpus(corpus: Path, folder: Path, times: int) -> Path:
    """``times`` copies of the corpus side by side (each copy's documents get their own ids)."""
    for n in range(1, times + 1):
        shutil.copytree(corpus, folder / f"copy{n:02d}")
    return folder


def dask_pass(corpus: Path, workers: int) -> float:
    """Seconds of a feature pass on a fresh LocalCluster of ``workers`` single-threaded
    worker processes (the cluster's start-up is not counted)."""
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        started = time.perf_counter()
        build_tables(corpus, progress=False, scheduler=cluster.scheduler_address)
        return time.perf_counter() - started


#: As many pages as the report has (it had 6 when the row was set; 07_trends made it 7).
REPORT_PAGES = len(notebook_paths(NOTEBOOKS_DIR))


def empty_notebooks_report(folder: Path) -> None:
    """papermill + nbconvert on as many notebooks as the report has, each of which only
    prints: the floor for a report."""
    export = exporter()
    for n in range(REPORT_PAGES):
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


def seed_report(folder: Path, *options: str) -> None:
    """The seed report into ``folder``; ``--force`` runs the notebooks even when nothing
    changed since the last report there (the tables are reused either way)."""
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
            *options,
        ],
        check=True,
        cwd=PROJECT,
        capture_output=True,
    )


def phrase_count(dictionary: ActorDictionary) -> int:
    """Names, ignored phrases and office phrases: what the automaton holds, before spellings."""
    names = sum(len(actor.names) for actor in dictionary.actors.values())
    return names + len(dictionary.ignore) + len(dictionary._office_phrases())


def write_actors(dictionary: ActorDictionary, added: ActorDictionary, path: Path) -> Path:
    """The actors of ``added`` that ``dictionary`` lacks, as a file for ``--actors`` (which
    extends the shipped dictionary with them)."""
    extra = [
        {"id": a.id, "label": a.label, "kind": a.kind, "aliases": list(a.aliases)}
        for a in added.entries.values()
        if a.id not in dictionary.entries
    ]
    path.write_text(yaml.safe_dump({"actors": extra}, allow_unicode=True), encoding="utf-8")
    return path


def ten_times(dictionary: ActorDictionary) -> ActorDictionary:
    """The dictionary with nine times as many phrases again: each of its names followed by
    a numeral ("Pakistan 2", "Moscow 7"), as many as it takes. Each begins like a real
    name, so the automaton walks into it at every mention of one, and none is found: what
    is measured is the size of the dictionary, not a larger output (more mentions cost what
    rows cost, whatever the dictionary)."""
    known = {phrase_key(name.text) for a in dictionary.actors.values() for name in a.names}
    wanted = 9 * phrase_count(dictionary)
    names = sorted(
        {n.text for a in dictionary.actors.values() for n in a.names if n.field != "exact"}
    )
    new = []
    for number in range(2, 40):
        for name in names:
            variant = f"{name} {number}"
            if len(new) < wanted and phrase_key(variant) not in known:
                known.add(phrase_key(variant))
                new.append(variant)
    entries = dict(dictionary.entries)
    for number, name in enumerate(new):
        entries[f"X{number}"] = Actor(f"X{number}", name, "group", (name,), names=(Name(name),))
    return ActorDictionary(entries, dictionary.ignore, source="10x", offices=dictionary.offices)


class _Sentence:
    __slots__ = ("sentence_id", "start", "text")

    def __init__(self, row) -> None:
        self.sentence_id, self.text, self.start = row.sentence_id, row.text, row.start


def actor_stage(dictionary: ActorDictionary, documents: list[tuple[str, str, list]]) -> float:
    """CPU seconds of the actor stage (mention rows, read as of each document's date) over
    the corpus, with the matcher already built."""
    dictionary.matcher  # noqa: B018 -- built once per run, outside the timing
    dictionary.name_matcher  # noqa: B018
    started = time.process_time()
    for doc_id, published, sentences in documents:
        mention_rows(doc_id, sentences, dictionary, published=published)
    return time.process_time() - started


def feature_pass_rows(corpus: Path, repeats: int) -> dict[str, dict]:
    """The cold feature pass (a whole process, 2 workers) against the bare pass (a whole
    process); the same pass with the actor dictionary ten times larger; the floor under it
    (every stage but parsing made empty); and a run over the unchanged corpus against Python
    importing pandas and pyarrow. Alternated, so all see the same load."""
    runs: dict[str, list[float]] = {
        "bare": [],
        "cold": [],
        "floor": [],
        "10x": [],
        "unchanged": [],
        "import": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        shipped = load_actors()
        large = write_actors(shipped, ten_times(shipped), folder / "actors_10x.yml")
        for _ in range(repeats):
            runs["bare"].append(bare_pass_process(corpus))
            runs["cold"].append(features_run(corpus, folder / "out")[0])
            runs["floor"].append(features_run(corpus, folder / "floor", floor=True)[0])
            runs["unchanged"].append(features_run(corpus, folder / "out", fresh=False)[0])
            runs["import"].append(import_floor())
            runs["10x"].append(features_run(corpus, folder / "out10", 2, "--actors", large)[0])
    m = {name: statistics.median(times) for name, times in runs.items()}
    phrases = {"shipped": phrase_count(shipped), "10x": phrase_count(ten_times(shipped))}
    print(
        f"feature pass, 2 workers, cold: {m['cold']:.1f} s; bare pass {m['bare']:.2f} s; "
        f"{m['cold'] / m['bare']:.1f}x; floor (parsing only) {m['floor']:.1f} s, "
        f"{m['floor'] / m['bare']:.1f}x; with {phrases['10x']:,} actor phrases {m['10x']:.1f} s; "
        f"unchanged corpus {m['unchanged']:.2f} s, import pandas+pyarrow {m['import']:.2f} s "
        f"({m['unchanged'] / m['import']:.2f}x)"
    )
    return {
        "feature_pass_2_workers": {
            "seconds": m["cold"],
            "bare_pass_seconds": m["bare"],
            "ratio": m["cold"] / m["bare"],
            "runs": {"features": runs["cold"], "bare_pass": runs["bare"]},
            "target": "<= 5 (aim 3)",
        },
        "feature_pass_floor": {
            "what": "features with every stage but parsing made empty (benchmarks/floor.py)",
            "seconds": m["floor"],
            "bare_pass_seconds": m["bare"],
            "ratio": m["floor"] / m["bare"],
            "runs": runs["floor"],
        },
        "feature_pass_10x_dictionary": {
            "phrases": phrases,
            "seconds": m["10x"],
            "shipped_seconds": m["cold"],
            "ratio": m["10x"] / m["cold"],
            "runs": runs["10x"],
        },
        "unchanged_rerun": {
            "seconds": m["unchanged"],
            "import_pandas_pyarrow_seconds": m["import"],
            "ratio": m["unchanged"] / m["import"],
            "runs": {"rerun": runs["unchanged"], "import": runs["import"]},
            "target": "<= 2",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--large-repeats", type=int, default=1, help="repeats of the 20x corpus (6 min each)"
    )
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=BENCHMARKS)
    parser.add_argument(
        "--against",
        type=Path,
        help="dictionary: also time this checkout of the package (before a change), alternately",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "results" / f"{date.today().isoformat()}.json",
        help="results file (default results/<date>.json); rows already in it are kept "
        "unless measured again",
    )
    args = parser.parse_args()
    if not SHARED_CORPORA_DIR.is_dir():
        sys.exit(f"the benchmark corpus is not at {SHARED_CORPORA_DIR}")
    corpus, repeats = SHARED_CORPORA_DIR, args.repeats
    out = args.out
    previous = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    results: dict[str, dict] = previous.get("results", {})

    if "feature_pass" in args.only:
        results |= feature_pass_rows(corpus, repeats)

    if "dictionary" in args.only:
        results |= dictionary_rows(corpus, repeats, args.against)

    if "readability" in args.only:
        tables = build_tables(corpus, progress=False, workers=2)
        texts = dict(zip(tables.documents["doc_id"], tables.documents["text"], strict=True))
        ours = statistics.median(
            readability_in_a_fresh_process(texts, "package_readability.py") for _ in range(repeats)
        )
        reference = statistics.median(
            readability_in_a_fresh_process(texts, "textstat_reference.py") for _ in range(repeats)
        )
        results["readability"] = {
            "seconds": ours,
            "textstat_seconds": reference,
            "speedup": reference / ours,
            "target": ">= 10",
        }
        print(f"readability: {ours:.1f} s; textstat {reference:.1f} s; {reference / ours:.1f}x")

    if "sentences" in args.only:
        from analysis.ingest.sentences import sentence_spans

        paragraphs = corpus_paragraphs(corpus)
        sentence_spans("Warm. Up.")  # sentencex and the word lists loaded

        def punkt_pass():  # a new tokenizer each time: its cache starts empty, as in a run
            punkt = punkt_spans()
            return cpu_seconds(lambda: [punkt(p) for p in paragraphs])

        ours = statistics.median(
            cpu_seconds(lambda: [sentence_spans(p) for p in paragraphs]) for _ in range(repeats)
        )
        before = statistics.median(punkt_pass() for _ in range(repeats))
        results["sentences"] = {
            "cpu_seconds": ours,
            "punkt_cpu_seconds": before,
            "paragraphs": len(paragraphs),
            "sentences": sum(len(sentence_spans(p)) for p in paragraphs),
            "ratio": ours / before,
            "target": "<= 1",
        }
        print(
            f"sentences: {ours:.2f} CPU s over {len(paragraphs)} paragraphs; "
            f"Punkt {before:.2f} CPU s; {ours / before:.2f}x"
        )

    if "seed_report" in args.only:
        floors, reports = [], []
        with tempfile.TemporaryDirectory() as folder:
            for _ in range(repeats):  # alternated, so both see the same load
                floors.append(time_of(lambda: empty_notebooks_report(Path(folder))))
                reports.append(time_of(lambda: seed_report(Path(folder), "--force")))
            # Nothing changed since the last run: the report is left as it was.
            unchanged = statistics.median(
                time_of(lambda: seed_report(Path(folder))) for _ in range(repeats)
            )
        report, floor = statistics.median(reports), statistics.median(floors)
        results["seed_report"] = {
            "pages": REPORT_PAGES,
            "seconds": report,
            "empty_notebooks_seconds": floor,
            "ratio": report / floor,
            # Now and then a kernel papermill shuts down takes ~3 s to exit and is killed
            # ("Kernel is taking too long to finish"), which slows a floor run; the fastest
            # floor run is the floor without those stalls, and the stricter ratio.
            "empty_notebooks_fastest_seconds": min(floors),
            "ratio_to_fastest_floor": report / min(floors),
            "runs": {"report": reports, "empty_notebooks": floors},
            "unchanged_seconds": unchanged,
            "target": "<= 1.5",
        }
        print(
            f"seed report: {report:.1f} s; {REPORT_PAGES} empty notebooks {floor:.1f} s "
            f"(fastest {min(floors):.1f} s); {report / floor:.1f}x "
            f"({report / min(floors):.1f}x the fastest); unchanged corpus {unchanged:.1f} s"
        )

    if "corpus_20x" in args.only:
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            large = repeated_corpus(corpus, folder / "corpus", 20)
            runs = {
                "1x": [features_run(corpus, folder / "out") for _ in range(repeats)],
                "20x": [features_run(large, folder / "out") for _ in range(args.large_repeats)],
            }
            sizes = {"1x": corpus_bytes(corpus), "20x": corpus_bytes(large)}
        row = {}
        for name, timings in runs.items():
            seconds = statistics.median(t for t, _ in timings)
            row[name] = {
                "megabytes": sizes[name] / 1e6,
                "seconds": seconds,
                "mb_per_second": sizes[name] / 1e6 / seconds,
                "peak_rss_mb": max(rss for _, rss in timings),
                "runs": len(timings),
            }
        row["throughput_ratio"] = row["20x"]["mb_per_second"] / row["1x"]["mb_per_second"]
        row["target"] = "throughput ratio >= 0.8; 20x peak RSS < 2048 MB"
        results["corpus_20x"] = row
        print(
            f"20x corpus: {row['20x']['mb_per_second']:.2f} MB/s against "
            f"{row['1x']['mb_per_second']:.2f} MB/s at 1x ({row['throughput_ratio']:.2f}); "
            f"peak RSS {row['20x']['peak_rss_mb']:.0f} MB (1x: {row['1x']['peak_rss_mb']:.0f} MB)"
        )

    if "dask" in args.only:
        # Alternated, so that both see the same load (the machine's speed drifts by a
        # third over minutes when it is shared).
        runs = {1: [], 2: []}
        for _ in range(repeats):
            for workers in runs:
                runs[workers].append(dask_pass(corpus, workers))
        one, two = (statistics.median(runs[workers]) for workers in (1, 2))
        results["dask_local_cluster"] = {
            "one_worker_seconds": one,
            "two_workers_seconds": two,
            "speedup": one / two,
            "runs": {"one_worker": runs[1], "two_workers": runs[2]},
            "target": ">= 1.6",
        }
        print(f"Dask LocalCluster: 1 worker {one:.1f} s, 2 workers {two:.1f} s; {one / two:.2f}x")

    if "actors" in args.only:
        tables = build_tables(corpus, progress=False, workers=2)
        published = dict(
            zip(tables.documents["doc_id"], tables.documents["published"], strict=True)
        )
        documents = [
            (doc_id, published[doc_id], [_Sentence(r) for r in rows.itertuples()])
            for doc_id, rows in tables.sentences.groupby("doc_id", sort=False)
        ]
        megabytes = corpus_bytes(corpus) / 1e6
        shipped = load_actors()
        large = ten_times(shipped)
        row = {"megabytes": megabytes}
        runs: dict[str, list[float]] = {"shipped": [], "10x": []}
        for _ in range(repeats):  # alternated, so both see the same load
            runs["shipped"].append(actor_stage(shipped, documents))
            runs["10x"].append(actor_stage(large, documents))
        for name, dictionary in (("shipped", shipped), ("10x", large)):
            # The fastest run: CPU time on a shared machine is only ever inflated by others.
            seconds = min(runs[name])
            row[name] = {
                "phrases": phrase_count(dictionary),
                "cpu_seconds": seconds,
                "seconds_per_mb": seconds / megabytes,
                "runs": runs[name],
            }
        row["ratio"] = row["10x"]["seconds_per_mb"] / row["shipped"]["seconds_per_mb"]
        row["target"] = (
            "10x dictionary no slower per MB than before this dictionary (0.92 s, old matcher)"
        )
        results["actor_stage"] = row
        print(
            f"actor stage: {row['shipped']['cpu_seconds']:.2f} s with "
            f"{row['shipped']['phrases']:,} phrases, {row['10x']['cpu_seconds']:.2f} s with "
            f"{row['10x']['phrases']:,} ({row['ratio']:.2f}x)"
        )

    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps({"repeats": repeats, "corpus": str(corpus), "results": results}, indent=2),
        encoding="utf-8",
    )
    print(f"-> {out}")


if __name__ == "__main__":
    main()
