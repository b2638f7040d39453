"""The report run: tables, every notebook through papermill, HTML through nbconvert, an index.

``python -m analysis report CORPUS_DIR --out DIR [-p name value ...]`` calls
:func:`run_report`. Parameters are checked before any notebook runs. Everything is built in
a staging folder inside ``DIR`` and moved into place only when every notebook has run and
been exported, so a failed run leaves the previous report as it was.

The pages share one copy of plotly.js, ``plotly.min.js`` beside them (the executed notebooks
point at it rather than holding a copy each), and ``report.html`` holds the whole report in
one file, plotly.js once, to share. Nothing is loaded from outside (no require.js, MathJax or
mermaid), and document text is escaped wherever it is shown.
"""

from __future__ import annotations

import hashlib
import html
import json
import queue
import re
import sys
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import nbformat
import pandas as pd
import papermill
import yaml
from jupyter_client import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient.exceptions import DeadKernelError

from .config import NOTEBOOKS_DIR
from .export import exporter
from .load import MAX_FILE_BYTES
from .options import FeatureOptions
from .pipeline import build_tables
from .store import (
    OutputBusy,
    OutputError,
    package_fingerprint,
    read_arrow_tables,
    staged_output,
    write_text,
)

PLOTLYJS_FILE = "plotly.min.js"
SINGLE_FILE = "report.html"
T = TypeVar("T")
_VERSIONS = ("pandas", "plotly", "textstat", "nltk", "papermill", "nbconvert", "pyarrow")


class ReportError(Exception):
    """A run that cannot go on; ``exit_code`` 2 for bad parameters, 3 for a failed notebook."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Parameter:
    kind: type
    default: object
    help: str
    notebook: bool = True  # passed to the notebooks (else read by the runner alone)


#: Every parameter a report run accepts (``-p name value``), with its type and default.
PARAMETERS: dict[str, Parameter] = {
    "title": Parameter(str, "", "report title (default: the corpus folder's name)"),
    "documents": Parameter(list, [], "doc_ids to analyse, e.g. [a, b] (default: all)"),
    "group_by": Parameter(
        str, "", "documents column that forms groups (default: source, author, ... with two values)"
    ),
    "compare_by": Parameter(
        str, "", "column whose two values are compared (default: group_by; doc_id: documents)"
    ),
    "compare": Parameter(
        list,
        [],
        "the two values of compare_by (default: the two largest groups, else the first two documents)",
    ),
    "kwic": Parameter(list, ["Kashmir", "China"], "words or phrases for keyword in context"),
    "top_n": Parameter(int, 20, "how many terms and actors to show"),
    "window": Parameter(
        str, "sentence", "actor co-occurrence window: sentence, paragraph, document"
    ),
    "max_timeline_documents": Parameter(
        int, 40, "up to this many documents the timeline has a row each; more: per group and period"
    ),
    "collocation_measure": Parameter(
        str, "likelihood", "collocations ranked by likelihood (log-likelihood), t (t-score) or pmi"
    ),
    "trend_actors": Parameter(list, [], "actor ids for the trends page (default: the most named)"),
    "trend_terms": Parameter(list, [], "words or phrases for the trends page (default: kwic)"),
    "trend_period": Parameter(str, "auto", "trends by year, decade or auto"),
    "png": Parameter(bool, False, "also write every figure as PNG to figures/ (for slides)"),
    "show_code": Parameter(bool, False, "show the code cells in the HTML", notebook=False),
}


def parse_parameters(pairs: list[tuple[str, str]]) -> dict:
    """``-p name value`` pairs as typed values, checked against :data:`PARAMETERS`.

    Raises:
        ReportError: an unknown name or a value of the wrong type; the message lists what is
            accepted.
    """
    values = {}
    for name, raw in pairs:
        if name not in PARAMETERS:
            raise ReportError(f"unknown parameter {name!r}; accepted:\n{describe_parameters()}")
        spec = PARAMETERS[name]
        values[name] = _typed(name, raw, spec)
    return values


def _typed(name: str, raw: str, spec: Parameter):
    problem = f"parameter {name!r}: {raw!r} is not "
    if spec.kind is str:
        return raw
    if spec.kind is int:
        try:
            value = int(raw)
        except ValueError:
            raise ReportError(problem + "a whole number") from None
        if value < 1:
            raise ReportError(problem + "a whole number of at least 1")
        return value
    if spec.kind is bool:
        value = yaml.safe_load(raw) if raw.strip() else None
        if not isinstance(value, bool):
            raise ReportError(problem + "true or false")
        return value
    # list: YAML "[a, b]" or "a,b"
    try:
        value = yaml.safe_load(raw) if raw.strip().startswith("[") else None
    except yaml.YAMLError:
        value = None
    if value is None:
        value = [part.strip() for part in raw.split(",") if part.strip()]
    if not isinstance(value, list):
        raise ReportError(problem + "a list such as [a, b] or a,b")
    return [str(item) for item in value]


def describe_parameters() -> str:
    """The accepted parameters, one per line, for messages and ``--help``."""
    return "\n".join(
        f"  {name} ({spec.kind.__name__}, default {spec.default!r}): {spec.help}"
        for name, spec in PARAMETERS.items()
    )


def check_against_tables(params: dict, documents: pd.DataFrame) -> None:
    """Refuse parameters that name columns, documents or values the corpus does not have."""
    from .labels import compare_sides, grouping_column
    from .terms import COLLOCATION_MEASURES

    columns = list(documents.columns)
    for key in ("group_by", "compare_by"):
        if params[key] and params[key] not in columns:
            raise ReportError(
                f"parameter {key!r}: {params[key]!r} is not a documents column; columns: {', '.join(columns)}"
            )
    known = set(documents["doc_id"])
    unknown = [doc for doc in params["documents"] if doc not in known]
    if unknown:
        raise ReportError(
            f"parameter 'documents': {', '.join(unknown)} not in the corpus; doc_ids: {', '.join(sorted(known)[:50])}"
        )
    subset = (
        documents[documents["doc_id"].isin(params["documents"])]
        if params["documents"]
        else documents
    )
    by = params["compare_by"] or grouping_column(subset, params["group_by"])
    try:
        compare_sides(subset, by, params["compare"])
    except ValueError as exc:
        raise ReportError(f"parameter 'compare': {exc}") from None
    for key, accepted in (
        ("window", ("sentence", "paragraph", "document")),
        ("collocation_measure", tuple(COLLOCATION_MEASURES)),
        ("trend_period", ("auto", "year", "decade")),
    ):
        if params[key] not in accepted:
            raise ReportError(
                f"parameter {key!r}: {params[key]!r} is not one of {', '.join(accepted)}"
            )


def corpus_fingerprint(documents: pd.DataFrame) -> str:
    """One hash for the corpus and everything that shaped its tables: the documents'
    feature keys (bytes, manifest rows, options, dictionaries, package), in order."""
    return hashlib.sha256("\n".join(documents["feature_key"]).encode()).hexdigest()


def _report_key(fingerprint: str, params: Mapping, notebooks: list[Path]) -> str:
    """A hash of everything a report's pages follow from: the corpus and what shaped its
    tables (its fingerprint, which covers this package's code and data through every
    document's feature key), the parameters, the notebooks as written and the libraries'
    versions."""
    digest = hashlib.sha256()
    settled = {
        "corpus": fingerprint,
        "parameters": dict(params),
        "versions": versions(),
        "package": package_fingerprint(),  # charts and templates too, not only the features
    }
    digest.update(json.dumps(settled, sort_keys=True, default=str).encode())
    for path in notebooks:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_REPORT_KEY = re.compile(r'<meta name="report-key" content="([0-9a-f]{64})">')


def _previous_report_key(out_dir: Path) -> str | None:
    """The key the report in ``out_dir`` was built under (in its index page), if any."""
    try:
        found = _REPORT_KEY.search((out_dir / "index.html").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def notebook_paths(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    return sorted(Path(notebooks_dir).glob("[0-9]*.ipynb"))


def notebook_title(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """The first markdown heading of a notebook, and the paragraph under it."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        heading, *rest = cell.source.strip().split("\n", 1)
        if heading.startswith("#"):
            paragraph = (rest[0].strip().split("\n\n")[0] if rest else "").replace("\n", " ")
            paragraph = paragraph.replace("*", "").replace("`", "")
            return heading.lstrip("# ").strip(), paragraph
    return "", ""


def run_report(
    corpus_dir: Path,
    out_dir: Path,
    params: dict,
    *,
    options: FeatureOptions | None = None,
    actors_file: Path | None = None,
    eras_file: Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    wait: float = 300.0,
    notebooks_dir: Path = NOTEBOOKS_DIR,
    force: bool = False,
    follow_links: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    log: Callable[[str], None] = print,
) -> dict:
    """Build the report; return a summary (documents, analysed, reused, dropped, unchanged,
    notebooks run, seconds, out). Documents unchanged since the last run into ``out_dir``
    are not analysed again (see :func:`analysis.pipeline.build_tables`), and when nothing
    at all changed (corpus, parameters, notebooks, package, library versions) the last
    report is left as it is and no notebook runs, unless ``force``.

    The report is built beside ``out_dir`` and swapped in whole when complete, under a lock
    (another run on the same folder waits up to ``wait`` seconds), so a failed or killed run
    leaves the previous report exactly as it was.

    ``options`` are the feature pass's (default: the shipped dictionaries); ``actors_file``
    and ``eras_file`` are the user's dictionary files the options were read from, which the
    notebooks are given.

    Raises:
        ReportError: bad parameters (before anything runs, exit code 2), a failed notebook
            (3), or the folder still busy after ``wait`` seconds (4).
    """
    started = time.monotonic()
    options = options or FeatureOptions()
    corpus_dir, out_dir = Path(corpus_dir).resolve(), Path(out_dir).resolve()
    params = {name: spec.default for name, spec in PARAMETERS.items()} | params
    params["title"] = params["title"] or f"{corpus_dir.name}: policy discourse report"
    notebooks = notebook_paths(notebooks_dir)
    if not notebooks:
        raise ReportError(f"no notebooks found in {notebooks_dir}")

    with ExitStack() as stack:
        try:
            output = stack.enter_context(
                staged_output(out_dir, ours=_is_report_file, wait=wait, corpus=corpus_dir)
            )
        except OutputError as exc:
            raise ReportError(str(exc)) from None
        except OutputBusy as exc:
            raise ReportError(str(exc), 4) from None
        out_dir, staging = output.target, output.staging
        (staging / "notebooks").mkdir()
        kernels = _Kernels(  # warming up while the tables are built
            max(1, min(workers, len(notebooks))),
            cwd=notebooks_dir,
            stderr=staging / "notebooks" / "kernels.log",
        )
        stack.callback(kernels.close)
        previous, tables_dir = out_dir / "tables", staging / "tables"
        log(f"analysing {corpus_dir} ...")
        built = build_tables(
            corpus_dir,
            options=options,
            progress=None,
            previous=read_arrow_tables(previous) if previous.is_dir() else None,
            workers=workers,
            scheduler=scheduler,
            sink=tables_dir,  # streamed to disk as the pass goes
            follow_links=follow_links,
            max_bytes=max_bytes,
        )
        if built.documents.empty:
            raise ReportError(f"no document could be analysed in {corpus_dir}", 1)
        counts = {"analysed": built.analysed, "reused": built.reused, "dropped": built.dropped}
        reused = built.analysed == 0 and built.dropped == 0
        key = corpus_fingerprint(built.documents)
        log(
            f"corpus unchanged since the last run (fingerprint {key[:12]}); tables reused"
            if reused
            else f"{built.analysed} document(s) analysed, {built.reused} reused from the last "
            f"run, {built.dropped} dropped"
        )
        tables = {  # what the index shows; the notebooks read every table from tables_dir
            "documents": built.documents,
            "readability": pd.read_parquet(tables_dir / "readability.parquet"),
            "problems": built.problems,
        }
        for problem in tables["problems"].itertuples():
            log(f"warning: {problem.path}: {problem.problem}")
        check_against_tables(params, tables["documents"])
        report_key = _report_key(key, params, notebooks)
        unchanged = not force and report_key == _previous_report_key(out_dir)
        if unchanged:
            log(
                "nothing changed since the last report (corpus, parameters, notebooks, "
                "package, versions): it is left as it was (--force runs the notebooks anyway)"
            )
        else:
            injected = {
                name: value for name, value in params.items() if PARAMETERS[name].notebook
            } | {
                "corpus_dir": str(corpus_dir),
                "features_dir": str(tables_dir),
                "actors_file": str(Path(actors_file).resolve()) if actors_file else "",
                "eras_file": str(Path(eras_file).resolve()) if eras_file else "",
                "png_dir": str(staging / "figures") if params["png"] else "",
            }
            pages = _run_notebooks(notebooks, staging, injected, params["show_code"], kernels, log)
            index = partial(
                render_index,
                tables,
                corpus=str(corpus_dir),
                title=params["title"],
                pages=[page[:3] for page in pages],
                params=params,
                fingerprint=key,
                reused=reused,
            )
            write_text(staging / "index.html", index(report_key=report_key))
            write_text(staging / PLOTLYJS_FILE, _plotlyjs())
            write_text(
                staging / SINGLE_FILE,
                single_file(
                    [(name, node) for name, _, _, node in pages],
                    index(fragment=True),
                    title=params["title"],
                    show_code=params["show_code"],
                ),
            )
            output.publish()
    return {
        "documents": len(tables["documents"]),
        **counts,
        "unchanged": reused,
        "notebooks": 0 if unchanged else len(notebooks),
        "seconds": time.monotonic() - started,
        "out": out_dir,
    }


def _run_notebooks(
    notebooks: list[Path],
    staging: Path,
    parameters: dict,
    show_code: bool,
    kernels: _Kernels,
    log: Callable[[str], None],
) -> list[tuple[str, str, str, nbformat.NotebookNode]]:
    """Run and export every notebook in ``kernels`` into ``staging``; return each page's
    (file name, heading, introduction, executed notebook) in notebook order."""

    exporters = threading.local()  # one per thread, each reused: its templates load once

    def page(path: Path, kernel: AsyncKernelManager) -> tuple[str, str, str, nbformat.NotebookNode]:
        executed = _execute(path, staging / "notebooks" / path.name, parameters, kernel)
        share_plotlyjs(executed, f'<script src="{PLOTLYJS_FILE}"></script>')
        nbformat.write(executed, staging / "notebooks" / path.name)
        heading, intro = notebook_title(executed)
        if not hasattr(exporters, "html"):
            exporters.html = exporter(show_code)
        body, _ = exporters.html.from_notebook_node(
            executed,
            resources={"metadata": {"name": heading or path.stem}, "analysis_index": "index.html"},
        )
        html_name = f"{path.stem}.html"
        write_text(staging / html_name, body)
        return html_name, heading, intro, executed

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
        except BaseException:
            for future in futures:
                future.cancel()
            kernels.close()  # waits for the notebooks still running
            raise
        return pages


#: Run in each kernel as it starts: what every notebook imports, so none waits for it.
_WARM_UP = """
import pandas, plotly.graph_objects, pyarrow.parquet
from plotly.io import renderers  # plotly loads it lazily, with nbformat
import analysis.notebook
"""
#: Run in a kernel before each notebook: a clean namespace, counts from 1 again.
_RESET = "get_ipython().reset(new_session=True)"


class _Kernels:
    """Python kernels for the report's notebooks, one per thread. Each kernel starts, and
    imports what every notebook imports, as soon as the run begins, so it warms up while
    the tables are built; it then runs one notebook after another, with its namespace
    cleared in between. A notebook thereby costs neither a kernel start nor the imports
    (2 to 3 s each). The kernels' standard error goes to ``stderr``."""

    def __init__(self, count: int, cwd: Path, stderr: Path) -> None:
        self.count = count
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._log = stderr
        self._stderr = stderr.open("ab")
        self._threads = [
            threading.Thread(target=self._work, args=(cwd,), daemon=True) for _ in range(count)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job: Callable[[AsyncKernelManager], T]) -> Future[T]:
        """Run ``job(kernel)`` in the next free kernel, its namespace cleared first."""
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def close(self) -> None:
        """Let the running jobs finish, then stop the kernels."""
        if self._stderr.closed:
            return
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._stderr.close()

    def _work(self, cwd: Path) -> None:
        kernel = AsyncKernelManager(kernel_name="python3")
        failed = None
        try:
            run_sync(kernel.start_kernel)(
                cwd=str(cwd),
                stderr=self._stderr,
                extra_arguments=["--HistoryManager.hist_file=:memory:"],
            )
            with suppress(RuntimeError):  # the notebook needing it will say what is wrong
                run_sync(_run_code)(kernel, _WARM_UP)
        except Exception as exc:
            failed = self._failure(f"could not start a Python kernel: {exc}")
        try:
            while (item := self._jobs.get()) is not None:
                job, future = item
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    if failed:
                        raise failed
                    try:
                        run_sync(_run_code)(kernel, _RESET)
                    except RuntimeError as exc:
                        raise self._failure(f"the Python kernel did not answer: {exc}") from None
                    future.set_result(job(kernel))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            if kernel.has_kernel:
                run_sync(kernel.shutdown_kernel)(now=True)

    def _failure(self, what: str) -> ReportError:
        """``what`` went wrong, with the last lines the kernels wrote to standard error
        (the log itself goes when the failed run's staging folder is removed)."""
        self._stderr.flush()
        lines = [
            line
            for line in self._log.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip() and "without encryption" not in line
        ]
        said = "".join(f"\n  {line}" for line in lines[-8:])
        return ReportError(what + (f"; the kernel said:{said}" if said else ""), 3)


async def _run_code(kernel: AsyncKernelManager, code: str, timeout: float = 300.0) -> None:
    """Run ``code`` in ``kernel`` (started or still starting) and wait for its reply. Only
    the shell channel is opened: no output is wanted, and waiting for the output channel to
    settle would cost a fraction of a second each time."""
    client = kernel.client()
    client.start_channels(iopub=False, stdin=False, hb=False, control=False)
    try:
        request = client.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            try:
                reply = await client.get_shell_msg(timeout=1)
            except queue.Empty:
                if not await kernel.is_alive():
                    raise RuntimeError("the kernel died") from None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the kernel did not answer in {timeout:.0f} s") from None
                continue
            if reply["parent_header"].get("msg_id") == request:
                break
    finally:
        client.stop_channels()
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"{content.get('ename')}: {content.get('evalue')}")


def _execute(
    path: Path, output: Path, parameters: dict, kernel: AsyncKernelManager
) -> nbformat.NotebookNode:
    """Run one notebook in ``kernel`` with the parameters it declares, save it to ``output``
    and return it; a failure names the cell."""
    declared = papermill.inspect_notebook(str(path))
    given = {name: value for name, value in parameters.items() if name in declared}
    try:
        return papermill.execute_notebook(
            str(path),
            str(output),
            parameters=given,
            kernel_name="python3",
            km=kernel,
            progress_bar=False,  # no cwd: papermill would chdir this whole process
            log_output=False,
            request_save_on_cell_execute=False,  # saved once, at the end
        )
    except papermill.PapermillExecutionError as exc:
        raise ReportError(
            f"notebook {path.name} failed in cell {exc.exec_count or exc.cell_index}: "
            f"{exc.ename}: {exc.evalue}\n(the previous report is left in place)",
            3,
        ) from None
    except DeadKernelError:
        raise ReportError(
            f"notebook {path.name}: its Python kernel died (out of memory?)\n"
            "(the previous report is left in place)",
            3,
        ) from None


def _is_report_file(path: Path) -> bool:
    """What a report run writes into its folder."""
    if path.is_dir():
        return path.name in ("tables", "notebooks", "figures")
    if path.name in ("index.html", SINGLE_FILE, PLOTLYJS_FILE):
        return True
    return path.suffix == ".html" and path.name[:2].isdigit()


def _plotlyjs() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def share_plotlyjs(notebook: nbformat.NotebookNode, replacement: str | None) -> None:
    """Put ``replacement`` (a script tag that loads the shared copy) in place of the copy of
    plotly.js the notebook embeds (:data:`analysis.notebook.PLOTLYJS_MARK`), or, with
    ``None``, drop it."""
    from .notebook import PLOTLYJS_MARK

    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        marked = [o for o in outputs if o.get("metadata", {}).get(PLOTLYJS_MARK)]
        for output in marked:
            if replacement is None:
                outputs.remove(output)
            else:
                output["data"] = {"text/html": replacement}


def single_file(
    pages: list[tuple[str, nbformat.NotebookNode]],
    index: str,
    *,
    title: str,
    show_code: bool = False,
) -> str:
    """The whole report as one HTML file: the index (``index``, its links pointing inside
    the file), then every page under an anchor named for its file, plotly.js once."""
    combined = nbformat.v4.new_notebook(metadata=pages[0][1].metadata if pages else {})
    from plotly.offline import get_plotlyjs

    opening = nbformat.v4.new_code_cell("")
    opening.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": f"<script>{get_plotlyjs()}</script>{index}"}
        )
    ]
    combined.cells = [opening]
    for name, node in pages:
        anchor = Path(name).stem
        combined.cells.append(
            nbformat.v4.new_markdown_cell(
                f'<a id="{html.escape(anchor)}"></a>\n\n[&uarr; Contents](#contents)'
            )
        )
        copy = nbformat.from_dict(json.loads(json.dumps(node)))
        share_plotlyjs(copy, None)
        combined.cells += copy.cells
    for number, cell in enumerate(combined.cells):
        cell["id"] = f"cell-{number}"
    with warnings.catch_warnings():  # recorded values have no HTML form, by design
        warnings.filterwarnings("ignore", message=".*not able to be represented")
        body, _ = exporter(show_code).from_notebook_node(
            combined, resources={"metadata": {"name": title}}
        )
    return body


def versions() -> dict[str, str]:
    """Versions of Python, this package and the libraries the numbers depend on."""
    found = {"python": sys.version.split()[0]}
    for name in ("policy-discourse", *_VERSIONS):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #666; }
ol.pages li { margin: .4rem 0; }
code { background: #f4f4f4; padding: 0 .2rem; }
"""

_COLUMNS = (
    ("doc_id", "Document", False),
    ("label", "Label (how the pages name it)", False),
    ("title", "Title", False),
    ("author", "Author", False),
    ("source", "Source", False),
    ("published", "Published", False),
    ("words", "Words", True),
    ("sentences", "Sentences", True),
    ("flesch_reading_ease", "Flesch reading ease", True),
    ("flesch_kincaid_grade", "Grade (F-K)", True),
)


def render_index(
    tables: Mapping[str, pd.DataFrame],
    *,
    corpus: str,
    title: str = "Policy discourse report",
    pages: list[tuple[str, str, str]] = (),
    params: Mapping[str, object] | None = None,
    fingerprint: str = "",
    reused: bool = False,
    report_key: str = "",
    generated: datetime | None = None,
    fragment: bool = False,
) -> str:
    """The report's index page: the pages, the run's parameters, fingerprint, versions and
    time, the documents and the files not analysed. Every value is escaped. With
    ``fragment``, only its content, for the single file: the links then point at the pages'
    anchors inside it."""
    generated = generated or datetime.now(UTC)
    esc = html.escape
    from .labels import document_labels

    documents = tables["documents"]
    frame = documents.merge(tables["readability"], on="doc_id", how="left")
    frame["label"] = frame["doc_id"].map(document_labels(documents, plain=True))
    inferred = frame["date_precision"].eq("inferred") & frame["published"].notna()
    frame.loc[inferred, "published"] = frame.loc[inferred, "published"] + " or later (inferred)"
    head = "".join(f"<th>{esc(label)}</th>" for _, label, _ in _COLUMNS)
    rows = []
    for record in frame.to_dict("records"):
        cells = [
            f'<td class="num">{_format(record.get(c))}</td>'
            if numeric
            else f"<td>{_format(record.get(c))}</td>"
            for c, _, numeric in _COLUMNS
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    problems = "".join(
        f"<li>{esc(str(p.path))}: {esc(str(p.problem))}</li>"
        for p in tables["problems"].itertuples()
    )
    problems_html = f"<h2>Files not analysed</h2><ul>{problems}</ul>" if problems else ""
    links = "".join(
        f'<li><a href="{esc("#" + Path(name).stem if fragment else name)}">{esc(heading or name)}</a><br><span class="muted">{esc(text)}</span></li>'
        for name, heading, text in pages
    )
    pages_html = f'<h2>Pages</h2><ol class="pages">{links}</ol>' if pages else ""
    params_html = ""
    if params:
        params_html = "<h2>Run</h2><table><tbody>" + "".join(
            f"<tr><th>{esc(k)}</th><td><code>{esc(json.dumps(v, ensure_ascii=False))}</code></td></tr>"
            for k, v in params.items()
        )
        params_html += (
            f"<tr><th>corpus fingerprint</th><td><code>{esc(fingerprint)}</code>"
            f"{' (tables reused)' if reused else ''}</td></tr>"
            f"<tr><th>versions</th><td>{esc(', '.join(f'{k} {v}' for k, v in versions().items()))}</td></tr>"
            "</tbody></table>"
        )
    where = (
        "This file holds the whole report; the feature tables and executed notebooks are in the "
        "report folder it came from."
        if fragment
        else f"Feature tables (Parquet) are in <code>tables/</code>, executed notebooks in "
        f'<code>notebooks/</code>, beside this page; <a href="{SINGLE_FILE}">{SINGLE_FILE}</a> '
        "is the whole report in one file, to share."
    )
    content = f"""<h1 id="contents">{esc(title)}</h1>
<p class="muted">Corpus <code>{esc(corpus)}</code> &middot; {len(frame)} documents &middot;
generated {esc(generated.strftime("%Y-%m-%d %H:%M UTC"))}. {where}</p>
{pages_html}
<h2>Documents</h2>
<table><thead><tr>{head}</tr></thead><tbody>
{"".join(rows)}
</tbody></table>
{problems_html}
{params_html}
"""
    if fragment:
        return f'<div class="analysis-index">{content}</div>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{f'<meta name="report-key" content="{esc(report_key)}">' if report_key else ""}
<title>{esc(title)}</title>
<style>{_STYLE}</style></head>
<body>
{content}</body></html>
"""


def _format(value) -> str:
    if value is None or (not isinstance(value, (list, str)) and pd.isna(value)):
        return '<span class="muted">&mdash;</span>'
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return html.escape(str(value))
