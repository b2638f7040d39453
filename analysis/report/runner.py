"""The report run: tables, every notebook through papermill, HTML through nbconvert, an index.

``python -m analysis report CORPUS_DIR --out DIR [-p name value ...]`` calls
:func:`run_report`, which goes through named steps, papermill-style:

1. **parameters**: every ``-p`` checked and completed with its default (:mod:`.parameters`);
2. **output**: ``DIR`` checked (it holds nothing a report run did not write:
   :func:`report_layout`), locked and staged beside it
   (:func:`analysis.report.output.staged_output`);
3. **kernels**: a pool of Python kernels started, warming up while the tables are built
   (:class:`analysis.report.kernels.Kernels`);
4. **tables**: the feature pass, reusing the documents unchanged since the last run, and
   the parameters checked against the corpus;
5. **manifest**: the report key (corpus, parameters, notebooks, package, versions); when it
   is the key in the last run's ``report.json`` and every file that report wrote is as the
   manifest records it (size and SHA-256), nothing changed and the run stops here;
6. **pages**: the run file (``run.json``: tables, title, documents, PNG folder) that every
   notebook starts from, then each notebook run and exported to HTML;
7. **index**: ``index.html`` from its template (the first 200 documents, and
   ``documents.csv`` beside it with all), ``report.html`` (the whole report in one file),
   ``plotly.min.js`` (one copy for every page) and ``report.json``, with the size and hash
   of every file;
8. **publish**: the staged folder swapped in whole, so a failed run leaves the previous
   report as it was.

Nothing is loaded from outside (no require.js, MathJax or mermaid), document text is
escaped wherever it is shown, and no page shows where the corpus or the report is on disk.
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

from ..config import NOTEBOOKS_DIR
from ..errors import AnalysisError
from ..ingest.load import MAX_FILE_BYTES, warning_line
from ..options import FeatureOptions, package_fingerprint, versions
from ..pages import pages, pages_in
from ..tables.pipeline import build_tables
from ..tables.store import Tables, reuse_tables, write_text
from .export import (
    exporter,
    notebook_title,
    plotlyjs,
    share_plotlyjs,
    single_file,
)
from .index import DOCUMENTS_FILE, render_index, write_document_list
from .kernels import Kernels, NotebookFailed, run_notebook
from .output import (
    Layout,
    OutputBusy,
    OutputError,
    StagedOutput,
    staged_output,
    table_files,
)
from .parameters import ParameterError, check_against_tables, parameters
from .runfile import RUN_FILE, RunFile

PLOTLYJS_FILE = "plotly.min.js"
SINGLE_FILE = "report.html"
MANIFEST_FILE = "report.json"
#: What the kernels write to standard error, in ``notebooks/``: a log, not the report.
KERNELS_LOG = "kernels.log"


class ReportError(AnalysisError):
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
class ExportedPage:
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
    notebooks_dir: Path | None = None,
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
        raise ReportError(f"no notebooks found in {notebooks_dir or NOTEBOOKS_DIR}")
    with ExitStack() as stack:
        output = _output(stack, Path(out_dir), corpus_dir, wait, notebooks)
        kernels = _kernels(stack, output, workers, len(notebooks))
        built = _tables(corpus_dir, output, features, params, log)
        manifest = _manifest(built, params, notebooks, corpus_dir)
        unchanged = not force and _unchanged(output.target, manifest["key"], log)
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


def notebook_paths(notebooks_dir: Path | None = None) -> list[Path]:
    """The report's notebooks, in page order: the registry's pages
    (:func:`analysis.pages.pages`: the built-in ones, then those installed packages add),
    or the numbered notebooks of a folder of one's own (``notebooks_dir``)."""
    if notebooks_dir is None:
        return [page.path() for page in pages()]
    return [page.path(notebooks_dir) for page in pages_in(notebooks_dir)]


def _parameters(params: dict, corpus_dir: Path) -> dict:
    """Step 1: every parameter, the defaults filled in (the title from the folder's name)."""
    params = {name: spec.default for name, spec in parameters().items()} | params
    params["title"] = params["title"] or f"{corpus_dir.name}: policy discourse report"
    return params


def _output(
    stack: ExitStack, out_dir: Path, corpus_dir: Path, wait: float, notebooks: list[Path]
) -> StagedOutput:
    """Step 2: the output folder, checked, locked and staged (until ``stack`` closes)."""
    ours = partial(report_layout, notebooks=notebooks)
    try:
        return stack.enter_context(staged_output(out_dir, ours=ours, wait=wait, corpus=corpus_dir))
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
        stderr=output.staging / "notebooks" / KERNELS_LOG,
    )
    return stack.enter_context(kernels)


def _tables(
    corpus_dir: Path,
    output: StagedOutput,
    features: FeatureRun,
    params: dict,
    log: Callable[[str], None],
) -> Tables:
    """Step 4: the feature pass into the staged ``tables/``, reusing the last run's rows of
    unchanged documents (all analysed again if one of its tables is damaged); then the
    parameters checked against the corpus."""
    log(f"analysing {corpus_dir} ...")
    sink = output.staging / "tables"  # streamed to disk as the pass goes
    build = partial(
        build_tables,
        corpus_dir,
        options=features.options,
        progress=None,
        workers=features.workers,
        scheduler=features.scheduler,
        sink=sink,
        follow_links=features.follow_links,
        max_bytes=features.max_bytes,
    )
    built = reuse_tables(output.target / "tables", build, sink=sink, warn=log)
    if built.documents.empty:
        raise ReportError(f"no document could be analysed in {corpus_dir}", 1)
    log(
        "corpus unchanged since the last run; tables reused"
        if built.analysed == 0 and built.dropped == 0
        else f"{built.analysed} document(s) analysed, {built.reused} reused from the last "
        f"run, {built.dropped} dropped"
    )
    for problem in built.problems.itertuples():
        log(warning_line(problem.path, problem.problem))
    try:
        check_against_tables(params, built.documents, actors=built.actors)
    except ParameterError as exc:
        raise ReportError(str(exc)) from None
    return built


def corpus_fingerprint(documents: pd.DataFrame) -> str:
    """One hash for the corpus and everything that shaped its tables: the documents'
    feature keys (bytes, manifest rows, options, dictionaries, package), in order."""
    return hashlib.sha256("\n".join(documents["feature_key"]).encode()).hexdigest()


def _manifest(built: Tables, params: Mapping, notebooks: list[Path], corpus_dir: Path) -> dict:
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


def _previous_manifest(out_dir: Path) -> dict:
    """The manifest (``report.json``) of the report in ``out_dir``; empty if there is none
    to read."""
    try:
        manifest = json.loads((out_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _unchanged(out_dir: Path, key: str, log: Callable[[str], None]) -> bool:
    """Whether the report in ``out_dir`` was built under ``key`` and is whole: every file
    its manifest lists there, of the size and hash recorded. A report that was, but is not
    whole, is said in a ``warning:`` line (and built again)."""
    manifest = _previous_manifest(out_dir)
    if manifest.get("key") != key:
        return False
    listed = manifest.get("files")
    if not isinstance(listed, dict) or not listed:
        damage = "it lists no files to check them by"
    else:
        missing, changed = [], []
        for name, recorded in sorted(listed.items()):
            path = out_dir / name
            if not path.is_file():
                missing.append(name)
            elif not isinstance(recorded, dict) or _file_record(path) != recorded:
                changed.append(name)
        damage = "; ".join(
            f"{', '.join(names)} {what}"
            for names, what in ((missing, "missing"), (changed, "changed"))
            if names
        )
    if damage:
        log(
            f"warning: the report in {out_dir} is not as its manifest says ({damage}); "
            "building it again"
        )
    return not damage


def _file_record(path: Path) -> dict:
    """What the manifest records of a file of the report: its size and SHA-256."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return {"size": path.stat().st_size, "sha256": digest}


def _file_records(folder: Path) -> dict[str, dict]:
    """The record (:func:`_file_record`) of every file of the report in ``folder``, by path
    relative to it: all but the manifest itself and the kernels' log, which the kernels
    still write to as they stop."""
    return {
        path.relative_to(folder).as_posix(): _file_record(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in (MANIFEST_FILE, KERNELS_LOG)
    }


def _pages(
    notebooks: list[Path],
    staging: Path,
    params: Mapping,
    kernels: Kernels,
    log: Callable[[str], None],
) -> list[ExportedPage]:
    """Step 6: the run file, then every notebook run in ``kernels`` and exported into
    ``staging``, in notebook order. Each notebook is given ``run`` and the parameters of
    its own page that it declares."""
    RunFile(
        tables=str(staging / "tables"),
        title=params["title"],
        documents=params["documents"],
        keep_duplicates=params["keep_duplicates"],
        png_dir=str(staging / "figures") if params["png"] else "",
    ).write(staging / RUN_FILE, relative_to=staging)
    given = {"run": f"../{RUN_FILE}"} | {
        name: value for name, value in params.items() if parameters()[name].reader == "page"
    }
    exporters = threading.local()  # one per thread, each reused: its templates load once

    def page(path: Path, kernel: AsyncKernelManager) -> ExportedPage:
        executed = run_notebook(path, staging / "notebooks" / path.name, given, kernel)
        share_plotlyjs(executed, f'<script src="{PLOTLYJS_FILE}"></script>')
        # papermill records where it read and wrote the notebook: the package's folder and
        # the staging folder, neither of them the report's to show.
        executed.metadata.get("papermill", {}).update(
            input_path=path.name, output_path=f"notebooks/{path.name}"
        )
        nbformat.write(executed, staging / "notebooks" / path.name)
        heading, intro = notebook_title(executed)
        if not hasattr(exporters, "html"):
            exporters.html = exporter(params["show_code"])
        body, _ = exporters.html.from_notebook_node(
            executed,
            resources={"metadata": {"name": heading or path.stem}, "analysis_index": "index.html"},
        )
        write_text(staging / f"{path.stem}.html", body)
        return ExportedPage(f"{path.stem}.html", heading, intro, executed)

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
    built: Tables,
    params: Mapping,
    pages: list[ExportedPage],
    manifest: dict,
    corpus_dir: Path,
) -> None:
    """Step 7: the index page and its list of every document, the single file, the shared
    plotly.js and the manifest."""
    tables = {  # what the index shows; the pages read every table from tables/
        "documents": pd.read_parquet(staging / "tables" / "documents.parquet"),  # with text
        "readability": pd.read_parquet(staging / "tables" / "readability.parquet"),
        "problems": built.problems,
    }
    index = partial(
        render_index,
        tables,
        corpus=corpus_dir,
        title=params["title"],
        pages=[(page.file, page.heading, page.intro) for page in pages],
        params=params,
        fingerprint=manifest["fingerprint"],
        reused=manifest["tables_reused"],
        single_file=SINGLE_FILE,
    )
    write_text(staging / "index.html", index())
    write_document_list(tables, staging / DOCUMENTS_FILE)
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
        "files": _file_records(staging),
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


def report_layout(folder: Path, notebooks: list[Path]) -> Layout:
    """What a report run writes into ``folder`` (:class:`analysis.report.output.Layout`): the pages
    and executed notebooks of ``notebooks``, the tables, the index and its list of documents,
    the single file, plotly.js, the run file and the manifest, and every file the manifest of the report already there
    lists (its figures, the pages of notebooks since renamed). A report written before its
    manifest listed files may hold any PNG in ``figures/``."""
    stems = [path.stem for path in notebooks]
    top = {"index.html", DOCUMENTS_FILE, SINGLE_FILE, PLOTLYJS_FILE, MANIFEST_FILE, RUN_FILE}
    executed = Layout(frozenset({KERNELS_LOG, *(f"{stem}.ipynb" for stem in stems)}))
    layout = Layout(
        frozenset(top | {f"{stem}.html" for stem in stems}),
        {"tables": table_files(), "notebooks": executed, "figures": Layout()},
        kind="report",
    )
    manifest = _previous_manifest(folder)
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        listed = {}
        figures = Layout(frozenset({"*.png"}))
        layout = Layout(layout.files, layout.folders | {"figures": figures}, layout.kind)
    pages = manifest.get("pages") if isinstance(manifest.get("pages"), list) else []
    return layout.including(
        [
            *(name for name in listed if isinstance(name, str)),
            *(
                page.get(part)
                for page in pages
                if isinstance(page, dict)
                for part in ("file", "notebook")
                if isinstance(page.get(part), str)
            ),
        ]
    )
