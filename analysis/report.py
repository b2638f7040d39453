"""The report run: tables, every notebook through papermill, HTML through nbconvert, an index.

``python -m analysis report CORPUS_DIR --out DIR [-p name value ...]`` calls
:func:`run_report`, which goes through named steps, papermill-style:

1. **parameters**: every ``-p`` checked and completed with its default (:mod:`.parameters`);
2. **output**: ``DIR`` checked, locked and staged beside it (:func:`analysis.store.staged_output`);
3. **kernels**: a pool of Python kernels started, warming up while the tables are built
   (:class:`analysis.kernels.Kernels`);
4. **tables**: the feature pass, reusing the documents unchanged since the last run, and
   the parameters checked against the corpus;
5. **manifest**: the report key (corpus, parameters, notebooks, package, versions); when it
   is the key in the last run's ``report.json``, nothing changed and the run stops here;
6. **pages**: the run file (``run.json``: tables, title, documents, PNG folder) that every
   notebook starts from, then each notebook run and exported to HTML;
7. **index**: ``index.html`` from its template, ``report.html`` (the whole report in one
   file), ``plotly.min.js`` (one copy for every page) and ``report.json``;
8. **publish**: the staged folder swapped in whole, so a failed run leaves the previous
   report as it was.

Nothing is loaded from outside (no require.js, MathJax or mermaid), and document text is
escaped wherever it is shown.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import nbformat
import pandas as pd
from jupyter_client import AsyncKernelManager

from .config import NOTEBOOKS_DIR
from .export import exporter, notebook_title, plotlyjs, share_plotlyjs, single_file
from .index import render_index
from .kernels import Kernels, NotebookFailed, run_notebook
from .load import MAX_FILE_BYTES
from .options import FeatureOptions, versions
from .parameters import PARAMETERS, ParameterError, check_against_tables
from .pipeline import CorpusTables, build_tables
from .runfile import RUN_FILE, RunFile
from .store import (
    OutputBusy,
    OutputError,
    StagedOutput,
    package_fingerprint,
    read_arrow_tables,
    staged_output,
    write_text,
)

PLOTLYJS_FILE = "plotly.min.js"
SINGLE_FILE = "report.html"
MANIFEST_FILE = "report.json"


class ReportError(Exception):
    """A run that cannot go on; ``exit_code`` 2 for bad parameters, 3 for a failed notebook."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class FeatureRun:
    """How the feature pass of a report runs (the command line's options)."""

    options: FeatureOptions
    workers: int = 1
    scheduler: str | None = None
    follow_links: bool = False
    max_bytes: int = MAX_FILE_BYTES


@dataclass
class Page:
    """One exported page: its HTML file, heading, introduction and executed notebook."""

    file: str
    heading: str
    intro: str
    notebook: nbformat.NotebookNode


def run_report(
    corpus_dir: Path,
    out_dir: Path,
    params: dict,
    *,
    options: FeatureOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    wait: float = 300.0,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    force: bool = False,
    follow_links: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    log: Callable[[str], None] = print,
) -> dict:
    """Build the report (the steps are in this module's docstring); return a summary
    (documents, analysed, reused, dropped, unchanged, notebooks run, seconds, out).

    Documents unchanged since the last run into ``out_dir`` are not analysed again, and
    when nothing at all changed (corpus, parameters, notebooks, package, library versions)
    the last report is left as it is and no notebook runs, unless ``force``. Another run on
    the same folder is waited for up to ``wait`` seconds.

    Raises:
        ReportError: bad parameters (before anything runs, exit code 2), a failed notebook
            (3), or the folder still busy after ``wait`` seconds (4).
    """
    started = time.monotonic()
    features = FeatureRun(options or FeatureOptions(), workers, scheduler, follow_links, max_bytes)
    corpus_dir = Path(corpus_dir).resolve()
    params = _parameters(params, corpus_dir)
    notebooks = notebook_paths(notebooks_dir)
    if not notebooks:
        raise ReportError(f"no notebooks found in {notebooks_dir}")
    with ExitStack() as stack:
        output = _output(stack, Path(out_dir), corpus_dir, wait)
        kernels = _kernels(stack, output, workers, len(notebooks))
        built = _tables(corpus_dir, output, features, params, log)
        manifest = _manifest(built, params, notebooks, corpus_dir)
        unchanged = not force and manifest["key"] == _previous_key(output.target)
        if unchanged:
            log(
                "nothing changed since the last report (corpus, parameters, notebooks, "
                "package, versions): it is left as it was (--force runs the notebooks anyway)"
            )
        else:
            pages = _pages(notebooks, output.staging, params, kernels, log)
            _index(output.staging, built, params, pages, manifest, corpus_dir)
            output.publish()
    return {
        "documents": len(built.documents),
        **{count: manifest[count] for count in ("analysed", "reused", "dropped")},
        "unchanged": manifest["tables_reused"],
        "notebooks": 0 if unchanged else len(notebooks),
        "seconds": time.monotonic() - started,
        "out": output.target,
    }


def notebook_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The report's notebooks, in page order (their names start with a number)."""
    return sorted(Path(notebooks_dir).glob("[0-9]*.ipynb"))


def _parameters(params: dict, corpus_dir: Path) -> dict:
    """Step 1: every parameter, the defaults filled in (the title from the folder's name)."""
    params = {name: spec.default for name, spec in PARAMETERS.items()} | params
    params["title"] = params["title"] or f"{corpus_dir.name}: policy discourse report"
    return params


def _output(stack: ExitStack, out_dir: Path, corpus_dir: Path, wait: float) -> StagedOutput:
    """Step 2: the output folder, checked, locked and staged (until ``stack`` closes)."""
    try:
        return stack.enter_context(
            staged_output(out_dir, ours=_is_report_file, wait=wait, corpus=corpus_dir)
        )
    except OutputError as exc:
        raise ReportError(str(exc)) from None
    except OutputBusy as exc:
        raise ReportError(str(exc), 4) from None


def _kernels(stack: ExitStack, output: StagedOutput, workers: int, notebooks: int) -> Kernels:
    """Step 3: the kernel pool, started in the staged folder's ``notebooks/`` (so the pages'
    ``run = "../run.json"`` still holds once the folder is in place), stopped at the end
    (at once, should the run fail or be interrupted)."""
    (output.staging / "notebooks").mkdir()
    kernels = Kernels(
        max(1, min(workers, notebooks)),
        cwd=output.staging / "notebooks",
        stderr=output.staging / "notebooks" / "kernels.log",
    )
    return stack.enter_context(kernels)


def _tables(
    corpus_dir: Path,
    output: StagedOutput,
    features: FeatureRun,
    params: dict,
    log: Callable[[str], None],
) -> CorpusTables:
    """Step 4: the feature pass into the staged ``tables/``, reusing the last run's rows of
    unchanged documents; then the parameters checked against the corpus."""
    previous = output.target / "tables"
    log(f"analysing {corpus_dir} ...")
    built = build_tables(
        corpus_dir,
        options=features.options,
        progress=None,
        previous=read_arrow_tables(previous) if previous.is_dir() else None,
        workers=features.workers,
        scheduler=features.scheduler,
        sink=output.staging / "tables",  # streamed to disk as the pass goes
        follow_links=features.follow_links,
        max_bytes=features.max_bytes,
    )
    if built.documents.empty:
        raise ReportError(f"no document could be analysed in {corpus_dir}", 1)
    log(
        "corpus unchanged since the last run; tables reused"
        if built.analysed == 0 and built.dropped == 0
        else f"{built.analysed} document(s) analysed, {built.reused} reused from the last "
        f"run, {built.dropped} dropped"
    )
    for problem in built.problems.itertuples():
        log(f"warning: {problem.path}: {problem.problem}")
    try:
        check_against_tables(params, built.documents)
    except ParameterError as exc:
        raise ReportError(str(exc)) from None
    return built


def corpus_fingerprint(documents: pd.DataFrame) -> str:
    """One hash for the corpus and everything that shaped its tables: the documents'
    feature keys (bytes, manifest rows, options, dictionaries, package), in order."""
    return hashlib.sha256("\n".join(documents["feature_key"]).encode()).hexdigest()


def _manifest(
    built: CorpusTables, params: Mapping, notebooks: list[Path], corpus_dir: Path
) -> dict:
    """Step 5: the run manifest (``report.json``) and its ``key``, a hash of everything the
    pages follow from: the corpus and what shaped its tables (its fingerprint, which covers
    the feature code through every document's feature key), the files it could not use,
    the parameters, the notebooks
    as written, this package (charts and templates too) and the libraries' versions."""
    fingerprint = corpus_fingerprint(built.documents)
    settled = {
        "corpus": fingerprint,
        "problems": built.problems.to_dict("records"),  # the files it could not use, too
        "parameters": dict(params),
        "versions": versions(),
        "package": package_fingerprint(),
    }
    digest = hashlib.sha256(json.dumps(settled, sort_keys=True, default=str).encode())
    for path in notebooks:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return {
        "key": digest.hexdigest(),
        "corpus": str(corpus_dir),
        "fingerprint": fingerprint,
        "tables_reused": built.analysed == 0 and built.dropped == 0,
        "documents": len(built.documents),
        "analysed": built.analysed,
        "reused": built.reused,
        "dropped": built.dropped,
        "problems": len(built.problems),
        "parameters": dict(params),
        "versions": settled["versions"],
        "notebooks": [path.name for path in notebooks],
    }


def _previous_key(out_dir: Path) -> str | None:
    """The key the report in ``out_dir`` was built under (its ``report.json``), if any."""
    try:
        return json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8")).get("key")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None


def _pages(
    notebooks: list[Path],
    staging: Path,
    params: Mapping,
    kernels: Kernels,
    log: Callable[[str], None],
) -> list[Page]:
    """Step 6: the run file, then every notebook run in ``kernels`` and exported into
    ``staging``, in notebook order. Each notebook is given ``run`` and the parameters of
    its own page that it declares."""
    RunFile(
        tables=str(staging / "tables"),
        title=params["title"],
        documents=params["documents"],
        png_dir=str(staging / "figures") if params["png"] else "",
    ).write(staging / RUN_FILE, relative_to=staging)
    given = {"run": f"../{RUN_FILE}"} | {
        name: value for name, value in params.items() if PARAMETERS[name].reader == "page"
    }
    exporters = threading.local()  # one per thread, each reused: its templates load once

    def page(path: Path, kernel: AsyncKernelManager) -> Page:
        executed = run_notebook(path, staging / "notebooks" / path.name, given, kernel)
        share_plotlyjs(executed, f'<script src="{PLOTLYJS_FILE}"></script>')
        nbformat.write(executed, staging / "notebooks" / path.name)
        heading, intro = notebook_title(executed)
        if not hasattr(exporters, "html"):
            exporters.html = exporter(params["show_code"])
        body, _ = exporters.html.from_notebook_node(
            executed,
            resources={"metadata": {"name": heading or path.stem}, "analysis_index": "index.html"},
        )
        write_text(staging / f"{path.stem}.html", body)
        return Page(f"{path.stem}.html", heading, intro, executed)

    log(f"running {len(notebooks)} notebooks, {kernels.count} at a time")
    with warnings.catch_warnings():  # set here, not in the threads: the filters are global
        # Recorded values have no HTML form, by design.
        warnings.filterwarnings("ignore", message=".*not able to be represented")
        futures = [kernels.submit(partial(page, path)) for path in notebooks]
        pages = []
        try:
            for number, (path, future) in enumerate(zip(notebooks, futures, strict=True), 1):
                pages.append(future.result())
                log(f"[{number}/{len(notebooks)}] {path.name} done")
        except NotebookFailed as exc:
            _stop(futures, kernels)
            raise ReportError(str(exc), 3) from None
        except BaseException:  # interrupted: the notebooks still running are stopped
            _stop(futures, kernels, now=True)
            raise
        return pages


def _stop(futures: list, kernels: Kernels, *, now: bool = False) -> None:
    for future in futures:
        future.cancel()
    kernels.close(now=now)  # else waits for the notebooks still running


def _index(
    staging: Path,
    built: CorpusTables,
    params: Mapping,
    pages: list[Page],
    manifest: dict,
    corpus_dir: Path,
) -> None:
    """Step 7: the index page, the single file, the shared plotly.js and the manifest."""
    tables = {  # what the index shows; the pages read every table from tables/
        "documents": pd.read_parquet(staging / "tables" / "documents.parquet"),  # with text
        "readability": pd.read_parquet(staging / "tables" / "readability.parquet"),
        "problems": built.problems,
    }
    index = partial(
        render_index,
        tables,
        corpus=str(corpus_dir),
        title=params["title"],
        pages=[(page.file, page.heading, page.intro) for page in pages],
        params=params,
        fingerprint=manifest["fingerprint"],
        reused=manifest["tables_reused"],
        single_file=SINGLE_FILE,
    )
    write_text(staging / "index.html", index())
    write_text(staging / PLOTLYJS_FILE, plotlyjs())
    write_text(
        staging / SINGLE_FILE,
        single_file(
            [(page.file, page.notebook) for page in pages],
            index(fragment=True),
            title=params["title"],
            show_code=params["show_code"],
        ),
    )
    manifest = manifest | {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": [
            {
                "file": page.file,
                "title": page.heading,
                "notebook": f"notebooks/{page.file[:-5]}.ipynb",
            }
            for page in pages
        ],
    }
    write_text(staging / MANIFEST_FILE, json.dumps(manifest, indent=2, default=str) + "\n")


def _is_report_file(path: Path) -> bool:
    """What a report run writes into its folder."""
    if path.is_dir():
        return path.name in ("tables", "notebooks", "figures")
    if path.name in ("index.html", SINGLE_FILE, PLOTLYJS_FILE, MANIFEST_FILE, RUN_FILE):
        return True
    return path.suffix == ".html" and path.name[:2].isdigit()
