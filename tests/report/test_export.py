"""analysis/report/export.py: the pages' HTML loads nothing from outside, hides the code
unless asked, links back to the index in a report run; a notebook's title and introduction;
one copy of plotly.js shared by the pages."""

import re

import nbformat
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from nbconvert import HTMLExporter

from analysis.notebook import PLOTLYJS_MARK
from analysis.pages import pages
from analysis.report.export import (
    EMPTY_SCRIPT,
    TEMPLATE,
    exporter,
    notebook_title,
    plotlyjs,
    share_plotlyjs,
    single_file,
)

#: A script, style sheet, image or link that the browser would fetch from another machine
#: (http, https or protocol-relative), in an attribute or a CSS url().
OUTSIDE = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?:https?:)?//""", re.IGNORECASE
)
#: A script's code, where plotly.js names its web site in strings it never loads.
SCRIPT_CODE = re.compile(r"(<script\b[^>]*>).*?(</script>)", re.IGNORECASE | re.DOTALL)


def outside(body: str) -> list[str]:
    """What ``body`` would fetch from another machine: its tags' attributes and styles."""
    return OUTSIDE.findall(SCRIPT_CODE.sub(r"\1\2", body))


#: What stands for the copy of plotly.js a notebook embeds (the real one is 4 MB).
PLOTLYJS_COPY = "<script>/* plotly.js v0 stand-in */</script>"


def _figure_html() -> str:
    figure = go.Figure(go.Bar(x=["India", "Pakistan"], y=[19, 59]))
    return pio.to_html(figure, include_plotlyjs=False, include_mathjax=False, full_html=False)


def page_notebook(
    heading: str = "# Actors: who is named\n\nWho is named, and how often.",
) -> nbformat.NotebookNode:
    """A page as a report run leaves it: a heading, maths and a diagram (which nbconvert
    would load MathJax and mermaid for), plotly.js embedded once, a figure, a table."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    setup = nbformat.v4.new_code_cell("page = nb.start(run)", execution_count=1)
    setup.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": PLOTLYJS_COPY}, metadata={PLOTLYJS_MARK: True}
        )
    ]
    chart = nbformat.v4.new_code_cell("page.show(actors_figure(page.mentions), 'actors')")
    chart.outputs = [nbformat.v4.new_output("display_data", data={"text/html": _figure_html()})]
    table = nbformat.v4.new_code_cell("nb.table(counts)")
    table.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<table><tr><td>USA</td><td>60</td></tr></table>"}
        )
    ]
    notebook.cells = [
        nbformat.v4.new_markdown_cell(heading),
        setup,
        nbformat.v4.new_markdown_cell(
            "Rates per $10^3$ words.\n\n```mermaid\ngraph LR; A-->B\n```"
        ),
        chart,
        table,
    ]
    return notebook


# --- nothing from outside ---------------------------------------------------------------


def test_nbconverts_own_html_exporter_would_load_from_a_cdn():
    # What the project's exporter avoids, and proof that OUTSIDE finds it.
    body, _ = HTMLExporter().from_notebook_node(page_notebook())
    assert outside(body)
    assert re.search(r'<script src="https://cdnjs[^"]+/require.min.js"', body)


@pytest.mark.parametrize("show_code", [False, True])
def test_a_page_loads_nothing_from_outside(show_code):
    body, _ = exporter(show_code).from_notebook_node(
        page_notebook(), resources={"analysis_index": "index.html"}
    )
    assert outside(body) == []
    for loader in ("cdnjs", "require.min.js", "MathJax.js", "tex-svg", "mermaid.esm"):
        assert loader not in body, loader
    # What the page itself brought is all there: the copy of plotly.js, the figure, the table.
    assert PLOTLYJS_COPY in body and "Plotly.newPlot" in body and "<td>USA</td>" in body


def test_the_exporter_is_the_projects_offline_template_without_prompts():
    page = exporter()
    assert page.template_name == TEMPLATE
    assert page.require_js_url == page.mathjax_url == EMPTY_SCRIPT
    assert page.exclude_input and page.exclude_input_prompt and page.exclude_output_prompt
    assert not exporter(show_code=True).exclude_input


def test_code_is_hidden_unless_asked_and_no_prompt_is_shown():
    hidden, _ = exporter().from_notebook_node(page_notebook())
    shown, _ = exporter(show_code=True).from_notebook_node(page_notebook())
    assert hidden.count('class="jp-CodeMirrorEditor') == 0
    assert shown.count('class="jp-CodeMirrorEditor') == 3  # the three code cells
    assert "In\xa0[" not in shown  # no prompt ...
    prompted, _ = HTMLExporter(template_name="lab").from_notebook_node(page_notebook())
    assert "In\xa0[1]:" in prompted  # ... where nbconvert's lab template shows one


def test_a_report_run_links_each_page_back_to_its_index():
    linked, _ = exporter().from_notebook_node(
        page_notebook(), resources={"analysis_index": 'index.html"><script>x()</script>'}
    )
    assert "<script>x()" not in linked and "&lt;script&gt;x()&lt;/script&gt;" in linked
    plain, _ = exporter().from_notebook_node(
        page_notebook(), resources={"analysis_index": "i.html"}
    )
    assert '<nav class="analysis-nav"><a href="i.html">\u2190 Report index</a></nav>' in plain
    alone, _ = exporter().from_notebook_node(page_notebook())  # jupyter nbconvert --to ...
    assert "Report index" not in alone


# --- a notebook's title -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "title"),
    [
        (
            ["# Readability\n\nHow hard each *text* is, by `textstat`;\nhigher = easier.\n\nMore."],
            ("Readability", "How hard each text is, by textstat; higher = easier."),
        ),
        (["Some words first.", "## Actors\n"], ("Actors", "")),  # the first heading
        (["No heading here."], ("", "")),
        ([], ("", "")),
    ],
)
def test_the_title_is_the_first_heading_and_the_paragraph_under_it(cells, title):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("# a comment, not a heading")] + [
        nbformat.v4.new_markdown_cell(source) for source in cells
    ]
    assert notebook_title(notebook) == title


def test_every_page_of_the_registry_has_a_title_and_an_introduction():
    for page in pages():
        heading, intro = notebook_title(nbformat.read(page.path(), as_version=4))
        assert heading and len(intro) > 40, page.name
        assert "*" not in intro and "`" not in intro and "\n" not in intro, page.name
    timeline = nbformat.read(next(p for p in pages() if p.name == "05_timeline").path(), 4)
    assert notebook_title(timeline)[0] == (
        "Timeline: from the Cold War to the war on terror to competition with China"
    )


# --- one copy of plotly.js ----------------------------------------------------------------


def test_share_plotlyjs_puts_the_shared_copy_in_place_of_the_embedded_one():
    notebook = page_notebook()
    figure = dict(notebook.cells[3].outputs[0])
    share_plotlyjs(notebook, '<script src="plotly.min.js"></script>')
    assert notebook.cells[1].outputs[0]["data"] == {
        "text/html": '<script src="plotly.min.js"></script>'
    }
    assert dict(notebook.cells[3].outputs[0]) == figure  # the figure is left as it was


def test_share_plotlyjs_without_a_replacement_drops_the_embedded_copy():
    notebook = page_notebook()
    share_plotlyjs(notebook, None)
    assert notebook.cells[1].outputs == []
    assert len(notebook.cells[3].outputs) == 1
    assert PLOTLYJS_COPY not in nbformat.writes(notebook)


def test_the_single_file_holds_every_page_under_its_anchor_and_plotlyjs_once():
    given = [(f"{page.name}.html", page_notebook(f"# {page.name}\n\nIntro.")) for page in pages()]
    body = single_file(given, '<p id="the-index">index</p>', title="Seeds <report>")
    assert body.count('<p id="the-index">index</p>') == 1
    for page in pages():
        assert f'<a id="{page.name}"></a>' in body, page.name
    assert PLOTLYJS_COPY not in body  # each page's copy dropped ...
    banner = plotlyjs()[:200].split("*/")[0]  # "/** plotly.js v3... */"
    assert "plotly.js" in banner and body.count(banner) == 1  # ... the real one, once
    assert body.count("Plotly.newPlot") == len(given)
    assert outside(body) == []
    assert "<title>Seeds &lt;report&gt;</title>" in body
    assert 'class="jp-CodeMirrorEditor' not in body
