"""The nbconvert exporter of the report's pages: the project's offline template by name.

``jupyter nbconvert --to policy-discourse out.ipynb`` (an nbconvert exporter entry point)
exports an executed notebook as the report does: nothing loaded from outside (no require.js,
MathJax or mermaid from a CDN), a readable page width, no prompts (add ``--no-input`` to hide
the code as the report does). A non-editable install also puts the template where
``jupyter nbconvert --to html --template policy-discourse`` finds it.
"""

from __future__ import annotations

from nbconvert import HTMLExporter
from traitlets import default

from .config import PACKAGE_DIR

TEMPLATES_DIR = PACKAGE_DIR / "templates"
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
