"""The nbconvert exporter of the report's pages: the project's offline template by name.

``jupyter nbconvert --to policy-discourse out.ipynb`` (an nbconvert exporter entry point)
exports an executed notebook as the report does: nothing loaded from outside (no require.js,
MathJax or mermaid from a CDN), a readable page width, no prompts (add ``--no-input`` to hide
the code as the report does). A non-editable install also puts the template where
``jupyter nbconvert --to html --template policy-discourse`` finds it.
"""

from __future__ import annotations

import html
import json
import warnings
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets import default

from ..config import TEMPLATES_DIR

TEMPLATE = "policy-discourse"
#: An empty script, where nbconvert would load require.js or MathJax from a CDN.
EMPTY_SCRIPT = "data:application/javascript,"


class PageExporter(HTMLExporter):
    """nbconvert's HTML exporter with this project's offline template and no prompts."""

    export_from_notebook = "Policy discourse page (offline HTML)"

    @default("template_name")
    def _template_name_default(self) -> str:
        return TEMPLATE

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES_DIR)]

    @default("require_js_url")
    def _require_js_url_default(self) -> str:
        return EMPTY_SCRIPT

    @default("mathjax_url")
    def _mathjax_url_default(self) -> str:
        return EMPTY_SCRIPT

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return True

    @default("exclude_output_prompt")
    def _exclude_output_prompt_default(self) -> bool:
        return True


def exporter(show_code: bool = False) -> PageExporter:
    """The exporter of a report's pages, code cells hidden unless ``show_code``."""
    return PageExporter(exclude_input=not show_code)


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


def plotlyjs() -> str:
    """plotly.js as the figures need it (the copy plotly ships: no CDN)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def share_plotlyjs(notebook: nbformat.NotebookNode, replacement: str | None) -> None:
    """Put ``replacement`` (a script tag that loads the shared copy) in place of the copy of
    plotly.js the notebook embeds (:data:`analysis.notebook.PLOTLYJS_MARK`), or, with
    ``None``, drop it."""
    from ..notebook import PLOTLYJS_MARK

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
    opening = nbformat.v4.new_code_cell("")
    opening.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": f"<script>{plotlyjs()}</script>{index}"}
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
