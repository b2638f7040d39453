"""The report run: parameters, notebooks through papermill, HTML through nbconvert, index."""

import csv
import hashlib
import html
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from analysis.config import NOTEBOOKS_DIR, SEEDS_DIR, SHARED_CORPORA_DIR
from analysis.notebook import recorded
from analysis.pages import pages
from analysis.report.parameters import (
    ParameterError,
    parse_parameters,
)
from analysis.report.runner import ReportError, notebook_paths, run_report
from tests.conftest import needs_corpora, run_cli
from tests.pages import expected


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- parameters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("colour", "red")], "unknown parameter 'colour'; accepted:\n  title (str"),
        ([("top_n", "ten")], "parameter 'top_n': 'ten' is not a whole number"),
        ([("top_n", "0")], "a whole number of at least 1"),
        ([("png", "maybe")], "parameter 'png': 'maybe' is not true or false"),
    ],
)
def test_bad_parameters_are_refused_with_what_is_accepted(pairs, message, tmp_path):
    with pytest.raises(ParameterError) as error:
        parse_parameters(pairs)
    assert message in str(error.value)
    said = run_cli("report", SEEDS_DIR, "--out", tmp_path / "r", "-p", *pairs[0])
    assert said.returncode == 2 and message in said.stderr
    assert not (tmp_path / "r").exists()  # refused before anything is written


# --- a whole run on the seeds -----------------------------------------------------------


def test_seed_report_runs_every_notebook_and_writes_an_index(seed_report):
    out, result = seed_report
    count, files = len(pages()), [f"{page.name}.html" for page in pages()]
    assert result.returncode == 0, result.stderr
    assert (
        f"2 document(s); 2 analysed, 0 reused, 0 dropped; {count} notebook(s) run and exported"
        in result.stdout
    )
    assert f"[{count}/{count}] {Path(pages()[-1].notebook).name} done" in result.stderr
    assert sorted(p.name for p in out.glob("*.html")) == sorted(
        [*files, "index.html", "report.html"]
    )
    index = (out / "index.html").read_text(encoding="utf-8")
    for page in files:
        assert f'href="{page}"' in index
    assert "Timeline: from the Cold War to the war on terror to competition with China" in index
    assert "corpus fingerprint" in index and "papermill" in index and "plotly" in index
    assert "&quot;png&quot;" not in index and "png</th><td><code>true" in index
    # Documents as the pages name them: seed 004 has no title, so by its first words.
    assert "undated: As the US Election draws near, attention gets" in index
    assert not list(out.parent.glob(f".{out.name}.staging-*"))
    # Static figures for slides, from the png parameter.
    assert {"timeline.png", "era_mix.png", "network.png"} <= {
        p.name for p in (out / "figures").iterdir()
    }
    # The run manifest: what the report was built from, and the key of that.
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert re.fullmatch("[0-9a-f]{64}", manifest["key"])
    assert (manifest["documents"], manifest["analysed"], manifest["problems"]) == (2, 2, 0)
    assert manifest["parameters"]["png"] is True
    assert [page["file"] for page in manifest["pages"]] == files
    assert [page["notebook"] for page in manifest["pages"]] == [
        f"notebooks/{page.name}.ipynb" for page in pages()
    ]
    assert manifest["versions"]["papermill"] and manifest["corpus"] == str(SEEDS_DIR)
    # Every page started from the run file, whose paths count from the report folder.
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert (run["tables"], run["png_dir"]) == ("tables", "figures")
    assert papermill.inspect_notebook(str(out / "notebooks" / "04_actors.ipynb"))
    executed = nbformat.read(out / "notebooks" / "04_actors.ipynb", as_version=4)
    injected = next(
        c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
    )
    assert 'run = "../run.json"' in injected.source


def test_seed_report_html_is_self_contained_and_hides_code(seed_report):
    out, _ = seed_report
    plotlyjs = (out / "plotly.min.js").read_text(encoding="utf-8")
    banner = plotlyjs[:200].split("*/")[0]  # "/** plotly.js v3... */"
    assert "plotly.js" in banner
    for page in sorted(out.glob("0*.html")):
        text = page.read_text(encoding="utf-8")
        # One copy of plotly.js for the folder, loaded from beside the page.
        assert text.count('<script src="plotly.min.js"></script>') == 1, page.name
        assert banner not in text and len(text) < 1_000_000, page.name
        assert not re.search(r"<script[^>]+src=[\"']https?:", text), page.name
        # No require.js, MathJax or mermaid from a CDN (the browser tests check requests).
        for outside in ("cdnjs", "require.min.js", "tex-svg", "mermaid.esm"):
            assert outside not in text, (page.name, outside)
        assert 'class="jp-CodeMirrorEditor' not in text  # code cells hidden by default
        assert "Report index" in text
    for notebook in (out / "notebooks").glob("*.ipynb"):  # no copy of plotly.js each
        assert banner not in notebook.read_text(encoding="utf-8"), notebook.name
    # The single file: every page, plotly.js once, links inside it, nothing from outside.
    single = (out / "report.html").read_text(encoding="utf-8")
    assert single.count(banner) == 1
    assert 'src="plotly.min.js"' not in single and "Report index" not in single
    for page in sorted(out.glob("0*.html")):
        assert f'href="#{page.stem}"' in single and f'id="{page.stem}"' in single
    assert "Timeline: from the Cold War to the war on terror" in single
    assert not re.search(r"<script[^>]+src=[\"']https?:", single)


def test_unchanged_corpus_reuses_the_tables(seed_report, tmp_path):
    out = shutil.copytree(seed_report[0], tmp_path / "seeds")  # the shared one stays as it is
    before = (out / "tables" / "documents.parquet").read_bytes()
    result = run_cli(
        "report",
        SEEDS_DIR,
        "--out",
        out,
        "--reference-date",
        "2025-06-10",
        "-p",
        "show_code",
        "true",
    )
    assert result.returncode == 0, result.stderr
    assert "tables reused (corpus unchanged)" in result.stdout
    assert "corpus unchanged since the last run" in result.stderr
    assert (out / "tables" / "documents.parquet").read_bytes() == before
    assert 'class="jp-CodeMirrorEditor' in (out / "01_overview.html").read_text(encoding="utf-8")
    # The same run again: nothing changed, nothing runs, nothing is rewritten.
    same = ("report", SEEDS_DIR, "--out", out, "--reference-date", "2025-06-10")
    built = tree_hashes(out)
    again = run_cli(*same, "-p", "show_code", "true")
    assert again.returncode == 0, again.stderr
    assert "nothing changed since the last report, left as it was" in again.stdout
    assert tree_hashes(out) == built
    forced = run_cli(*same, "-p", "show_code", "true", "--force")
    assert f"{len(pages())} notebook(s) run and exported" in forced.stdout, forced.stderr


def _figure_series(notebook: Path) -> list[set]:
    """The names of the traces of every figure a notebook drew, and their categories (the
    text values on either axis)."""
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            figure = output.get("data", {}).get("application/vnd.plotly.v1+json")
            if figure:
                found.append(
                    {t.get("name") for t in figure["data"]}
                    | {
                        value
                        for t in figure["data"]
                        for axis in ("x", "y")
                        if isinstance(t.get(axis), list)
                        for value in t[axis]
                        if isinstance(value, str)
                    }
                )
    return found


def test_an_executed_notebook_runs_again_where_its_report_was_moved(seed_report, tmp_path):
    out, _ = seed_report
    moved = shutil.copytree(out, tmp_path / "moved")
    again = tmp_path / "again.ipynb"
    papermill.execute_notebook(
        str(moved / "notebooks" / "04_actors.ipynb"),
        str(again),
        cwd=str(moved / "notebooks"),  # as JupyterLab runs a notebook: in its folder
        kernel_name="python3",
        progress_bar=False,
    )
    assert recorded(again) == recorded(out / "notebooks" / "04_actors.ipynb")


def test_notebooks_read_no_dictionary_file():
    for path in notebook_paths():
        code = "\n".join(
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
        )
        for reader in ("load_actors", "load_eras", ".yml", "yaml", "actors_file", "eras_file"):
            assert reader not in code, (path.name, reader)


def test_a_replaced_era_dictionary_reaches_every_page(tmp_path):
    # Before the pages read the dictionaries from the tables, each reloaded the YAML file
    # in extend mode: the timeline, the compare page and the trends drew the six shipped
    # eras beside the one the tables were built with.
    (tmp_path / "eras.yml").write_text(
        "eras:\n  - id: kashmir_years\n    label: Kashmir years\n    start: 1947\n"
        "    end: 2030\n    cues: [Kashmir]\n",
        encoding="utf-8",
    )
    (tmp_path / "actors.yml").write_text(
        "actors:\n  - id: PAK\n    label: Pakistan (my dictionary)\n    kind: state\n"
        "    aliases: [Pakistan]\n",
        encoding="utf-8",
    )
    out = tmp_path / "r"
    result = run_cli(
        "report",
        SEEDS_DIR,
        "--out",
        out,
        "--eras",
        tmp_path / "eras.yml",
        "--eras-replace",
        "--actors",
        tmp_path / "actors.yml",
        "--actors-replace",
        # Seed 000 is dated "1 day ago" from it: the trends need a dated document (no date
        # is inferred from the years a text cites since issue 26).
        "--reference-date",
        "2025-06-10",
    )
    assert result.returncode == 0, result.stderr
    mentions = _figure_series(out / "notebooks" / "04_actors.ipynb")[0]
    assert {"Pakistan (my dictionary)"} <= mentions and "United States" not in mentions
    era_names = {"Cold War", "War on terror", "Competition with China", "Kashmir years"}
    timeline, era_mix = _figure_series(out / "notebooks" / "05_timeline.ipynb")
    assert timeline & era_names == era_mix & era_names == {"Kashmir years"}
    compare_eras = _figure_series(out / "notebooks" / "06_compare.ipynb")[-1]
    assert compare_eras & era_names == {"Kashmir years"}
    trend_eras = _figure_series(out / "notebooks" / "07_trends.ipynb")[-1]
    assert trend_eras & era_names == {"Kashmir years"}
    definitions = pd.read_parquet(out / "tables" / "era_definitions.parquet")
    assert definitions["era_id"].tolist() == ["kashmir_years"]


def test_bad_parameter_on_the_command_line_stops_before_anything_runs(tmp_path):
    result = run_cli("report", SEEDS_DIR, "--out", tmp_path / "r", "-p", "top_m", "5")
    assert result.returncode == 2
    assert "unknown parameter 'top_m'; accepted:" in result.stderr
    assert "top_n (int, default 20)" in result.stderr
    assert "running" not in result.stderr
    result = run_cli("report", SEEDS_DIR, "--out", tmp_path / "r", "-p", "group_by", "colour")
    assert result.returncode == 2
    assert "'colour' is not a documents column" in result.stderr
    assert "running" not in result.stderr
    assert not list((tmp_path / "r").glob("*.html"))


# --- a failing notebook leaves the previous report ----------------------------------------


def _notebook(path: Path, code: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A test page\n\nIt records the parameters it got."),
        nbformat.v4.new_code_cell(
            'run: str = ""  # the run file\ntop_n: int = 20  # how many',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_code_cell(code),
    ]
    nbformat.write(notebook, path)


def test_a_failing_notebook_stops_the_run_and_leaves_the_previous_report(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_ok.ipynb",
        "from analysis import notebook as nb\nimport pandas as pd\n"
        "nb.record('rows', len(nb.start(run).documents))\n"
        "nb.record('top_n', top_n)",
    )
    out = tmp_path / "out"
    lines = []
    summary = run_report(SEEDS_DIR, out, {"top_n": 7}, notebooks_dir=notebooks, log=lines.append)
    assert summary["notebooks"] == 1
    assert recorded(out / "notebooks" / "01_ok.ipynb") == {"rows": 2, "top_n": 7}
    good = tree_hashes(out)

    _notebook(
        notebooks / "02_broken.ipynb", "x = 1\nraise RuntimeError('the chart could not be drawn')"
    )
    with pytest.raises(ReportError) as error:
        run_report(SEEDS_DIR, out, {"top_n": 9}, notebooks_dir=notebooks, log=lines.append)
    assert error.value.exit_code == 3
    assert "notebook 02_broken.ipynb failed in cell" in str(error.value)
    assert "RuntimeError: the chart could not be drawn" in str(error.value)
    assert tree_hashes(out) == good  # byte for byte, the previous report
    assert not list(out.parent.glob(f".{out.name}.staging-*"))


def test_a_report_with_nothing_changed_is_left_as_it_was(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_page.ipynb", "from analysis import notebook as nb\nnb.record('n', top_n)"
    )
    out = tmp_path / "out"
    corpus = shutil.copytree(SEEDS_DIR, tmp_path / "corpus")

    def run(params, **options):
        lines = []
        summary = run_report(
            corpus, out, params, notebooks_dir=notebooks, log=lines.append, **options
        )
        return summary["notebooks"], lines

    assert run({"top_n": 7})[0] == 1
    built = tree_hashes(out)
    ran, lines = run({"top_n": 7})
    assert ran == 0
    assert any(line.startswith("nothing changed since the last report") for line in lines)
    assert tree_hashes(out) == built  # byte for byte
    assert run({"top_n": 8})[0] == 1  # a parameter changed
    assert recorded(out / "notebooks" / "01_page.ipynb") == {"n": 8}
    assert run({"top_n": 8})[0] == 0
    _notebook(notebooks / "01_page.ipynb", "from analysis import notebook as nb\nnb.record('m', 1)")
    assert run({"top_n": 8})[0] == 1  # the notebook changed
    assert recorded(out / "notebooks" / "01_page.ipynb") == {"m": 1}
    assert run({"top_n": 8}, force=True)[0] == 1
    (corpus / "empty.txt").write_bytes(b"")  # a file it cannot use is news for the index
    assert run({"top_n": 8})[0] == 1
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["problems"] == 1


def test_notebooks_sharing_a_kernel_see_nothing_of_each_other(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_first.ipynb",
        "import os\nfrom analysis import notebook as nb\nleak = 41\nnb.record('pid', os.getpid())",
    )
    _notebook(
        notebooks / "02_second.ipynb",
        "import os\nfrom analysis import notebook as nb\nnb.record('pid', os.getpid())\n"
        "nb.record('leaked', 'leak' in globals())",
    )
    out = tmp_path / "out"
    run_report(SEEDS_DIR, out, {}, notebooks_dir=notebooks, workers=1, log=lambda line: None)
    first = recorded(out / "notebooks" / "01_first.ipynb")
    second = recorded(out / "notebooks" / "02_second.ipynb")
    assert first["pid"] == second["pid"]  # one kernel ran both
    assert second["leaked"] is False
    executed = nbformat.read(out / "notebooks" / "02_second.ipynb", as_version=4)
    assert [cell.execution_count for cell in executed.cells if cell.cell_type == "code"] == [
        1,
        2,
        3,
    ]  # parameters, injected parameters, the code: counted from 1 again


def test_a_kernel_that_cannot_start_stops_the_run_with_what_it_said(tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / "python3"  # found before ipykernel's own
    spec.mkdir(parents=True)
    broken = "import sys; sys.exit('ModuleNotFoundError: a broken environment')"
    (spec / "kernel.json").write_text(
        json.dumps({"argv": [sys.executable, "-c", broken], "display_name": "Python 3"}),
        encoding="utf-8",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    out = tmp_path / "out"
    with pytest.raises(ReportError) as error:
        run_report(SEEDS_DIR, out, {}, log=lambda line: None)
    assert error.value.exit_code == 3
    message = str(error.value)
    assert message.startswith("the Python kernel did not answer: the kernel died")
    assert "ModuleNotFoundError: a broken environment" in message
    assert not out.exists()
    assert not list(tmp_path.glob(".out.staging-*"))


# --- a small real corpus ------------------------------------------------------------------


@needs_corpora
def test_report_on_a_real_subset_of_the_un_debates(tmp_path):
    source = SHARED_CORPORA_DIR / "un_general_debate"
    chosen = [
        "PAK_20_1965.txt",
        "IND_20_1965.txt",
        "PAK_56_2001.txt",
        "IND_56_2001.txt",
        "PAK_60_2005.txt",
        "AFG_56_2001.txt",
        "PAK_74_2019.txt",
        "IND_74_2019.txt",
    ]
    corpus = tmp_path / "un"
    corpus.mkdir()
    with (source / "manifest.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["file"] in chosen]
    assert len(rows) == len(chosen)
    for name in chosen:
        shutil.copy(source / name, corpus / name)
    with (corpus / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "report"
    result = run_cli(
        "report",
        corpus,
        "--out",
        out,
        "-p",
        "kwic",
        "[Kashmir, terrorism]",
        "-p",
        "trend_period",
        "decade",
    )
    assert result.returncode == 0, result.stderr
    overview = recorded(out / "notebooks" / "01_overview.ipynb")
    assert overview["documents"] == 8
    # Titles "UN General Assembly General Debate statement, session 20 (1965): Pakistan":
    # the shared prefix goes, the country and year lead.
    assert overview["labels"]["PAK_20_1965"] == "Pakistan, 1965: session 20"
    assert overview["labels"]["IND_74_2019"] == "India, 2019: session 74"
    timeline = recorded(out / "notebooks" / "05_timeline.ipynb")
    assert timeline["published"]["PAK_20_1965"] == "1965"
    assert "partition" in timeline["eras"]["PAK_20_1965"]  # Kashmir, the plebiscite, UNCIP
    assert "war_on_terror" in timeline["eras"]["PAK_56_2001"]
    assert "war_on_terror" in timeline["eras"]["PAK_74_2019"]  # 9/11, the Taliban
    # With no parameters, the compare page sets the two largest sources against each other:
    # Pakistan (4 statements) and India (3); Afghanistan (1) is left out.
    compare = recorded(out / "notebooks" / "06_compare.ipynb")
    assert compare["sides"] == ["Pakistan", "India"]
    assert compare["side_documents"] == [4, 3]
    language = recorded(out / "notebooks" / "03_language.ipynb")
    assert language["keyness_sides"] == ["Pakistan", "India"]
    trends = recorded(out / "notebooks" / "07_trends.ipynb")
    documents = pd.read_parquet(out / "tables" / "documents.parquet").set_index("doc_id")
    words = documents["words"]
    # By hand: "Kashmir" (grep -oiw) 5 times in PAK_56_2001 and 3 in PAK_60_2005, Pakistan's
    # 2000s; "terrorism" 7 times in IND_56_2001, India's only statement of the 2000s.
    assert trends["term_rates"]["Pakistan/2000/Kashmir"] == pytest.approx(
        8 / (words["PAK_56_2001"] + words["PAK_60_2005"]) * 1000, abs=0.001
    )
    assert trends["term_rates"]["India/2000/terrorism"] == pytest.approx(
        7 / words["IND_56_2001"] * 1000, abs=0.001
    )
    assert trends["period"] == "decade"
    # Collocations by log-likelihood (stop words out, "United Nations" one term): "Jammu
    # and Kashmir", 50 times in these statements, and "international community", 21 times
    # (grep -oi on the files, lines joined).
    top = {pair["bigram"]: pair["count"] for pair in language["collocations"][:2]}
    assert language["collocation_min_count"] == 2
    assert top == {"jammu kashmir": 50, "international community": 21}


@needs_corpora
def test_report_on_the_whole_shared_corpus_with_the_defaults(tmp_path):
    out = tmp_path / "report"
    result = run_cli("report", SHARED_CORPORA_DIR, "--out", out, "--quiet")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.glob("*.html")) == [
        *(f"{page.name}.html" for page in pages()),
        "index.html",
        "report.html",
    ]
    assert recorded(out / "notebooks" / "01_overview.ipynb")["documents"] == 607
    # Grouped by source (the first column with two values): its two largest groups, the
    # US presidents' speeches (218) and the State Department's Milestones (93).
    compare = recorded(out / "notebooks" / "06_compare.ipynb")
    assert compare["sides"] == ["United States", "United States (Department of State)"]
    assert compare["side_documents"] == [218, 93]


def test_notebooks_in_the_repository_carry_no_outputs():
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(
            not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"
        ), path
        assert all(
            cell.get("execution_count") is None
            for cell in notebook.cells
            if cell.cell_type == "code"
        )


# --- ordinary folders: a whole report, whatever the corpus lacks -------------------------

PLAIN = (
    "The garden club met on a quiet morning to plan the spring planting.\n\n"
    "Members shared seeds and stories about roses, beans and tall sunflowers. Everyone agreed "
    "that the soil needed more compost before the first frost had gone.\n",
    "A small bakery on the corner opened its doors early for the neighbours.\n\n"
    "The baker explained how slow dough gives bread a better crust. Customers waited in line "
    "for warm rolls and talked about the weather.\n",
)
#: Ordinary folders, whatever they lack, give a whole report; what each page says there in
#: words instead of a chart or table it could not draw is in its file of expected values
#: (tests/pages/expected/<page>.yml, under ``says``).
ORDINARY = ("plain", "sources_no_eras", "one_document")


def _ordinary(folder: Path, kind: str) -> None:
    if kind == "plain":  # two plain articles: no manifest, no date, actor or era anywhere
        for n, text in enumerate(PLAIN):
            (folder / f"article{n}.txt").write_text(text, encoding="utf-8")
    elif kind == "sources_no_eras":  # two sources, actors and dates, no era cue
        (folder / "a.txt").write_text(
            "India and Pakistan held talks in 2019 about trade.\n\nBoth sides spoke of water.\n"
        )
        (folder / "b.txt").write_text(
            "Pakistan asked India for new talks on trade routes.\n\nThe talks ended without a date.\n"
        )
        (folder / "manifest.csv").write_text(
            "file,source,date\na.txt,Dawn,2019-05-01\nb.txt,The Hindu,2020-02-03\n"
        )
    else:  # one document
        (folder / "only.txt").write_text(
            "Kashmir was discussed by India and Pakistan in 1972 at Simla.\n\n"
            "The Cold War shaped the talks.\n"
        )


def test_the_pages_expect_messages_only_of_the_ordinary_folders_there_are():
    kinds = {kind for page in pages() for kind in expected(page).get("says", {})}
    assert kinds == set(ORDINARY)


@pytest.mark.parametrize("kind", ORDINARY)
def test_an_ordinary_folder_gives_a_whole_report_that_says_what_it_could_not_show(tmp_path, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _ordinary(corpus, kind)
    out = tmp_path / "report"
    result = run_cli("report", corpus, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"{len(pages())} notebook(s) run and exported" in result.stdout
    for page in pages():
        text = html.unescape((out / f"{page.name}.html").read_text(encoding="utf-8"))
        for message in expected(page).get("says", {}).get(kind, []):
            assert message in text, (kind, page.name, message)
    assert (out / "report.html").is_file()
