"""The report's index at any size: a row for each of the first MAX_INDEX_DOCUMENTS documents,
then how many more there are and a link to documents.csv, which lists every one."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from analysis.report import index
from analysis.report.index import (
    DOCUMENTS_FILE,
    MAX_INDEX_DOCUMENTS,
    render_index,
    write_document_list,
)
from analysis.report.output import check_output
from analysis.report.runner import report_layout, run_report
from analysis.tables.pipeline import build_tables
from tests.report.test_report import _notebook  # a page that runs in a second

COUNT = 230  # a few hundred tiny documents: more than the index lists
ROW = re.compile(r"<tr><td>(note-\d{3})</td>")


def write_notes(folder, count: int = COUNT) -> None:
    """``note-000.txt`` ...: a title line and a body of two sentences and 10 words."""
    folder.mkdir(exist_ok=True)
    for number in range(count):
        (folder / f"note-{number:03}.txt").write_text(
            f"Note {number}\n\nIndia and Pakistan met again in Geneva. Both sides spoke.\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("notes") / "notes"
    write_notes(corpus)
    return corpus, build_tables(corpus, progress=False).tables()


def test_the_index_lists_the_limit_says_the_rest_and_links_the_list(notes):
    corpus, tables = notes
    assert MAX_INDEX_DOCUMENTS == 200
    page = render_index(tables, corpus=corpus)
    listed = ROW.findall(page)
    assert listed == [f"note-{number:03}" for number in range(200)]  # in the table's order
    assert "Corpus <code>notes</code> &middot; 230 documents" in page
    assert (
        'The first 200 of 230 documents; the other 30 are in <a href="documents.csv">'
        "documents.csv</a>, which lists every document with these columns.</p>"
    ) in page
    # The single file holds the same short index; its link names the file beside it.
    fragment = render_index(tables, corpus=corpus, fragment=True, single_file="report.html")
    assert ROW.findall(fragment) == listed
    assert (
        '<a href="documents.csv">documents.csv</a>, which lists every document with these '
        "columns (in the report folder, beside report.html).</p>"
    ) in fragment


def test_the_list_beside_the_index_holds_every_document(notes, tmp_path):
    _, tables = notes
    path = tmp_path / DOCUMENTS_FILE
    write_document_list(tables, path)
    raw = path.read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf"doc_id","label","title","author","source","published",')
    back = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    assert list(back.columns) == [
        "doc_id",
        "label",
        "title",
        "author",
        "source",
        "published",
        "date_precision",
        "words",
        "sentences",
        "flesch_reading_ease",
        "flesch_kincaid_grade",
    ]
    assert back["doc_id"].tolist() == [f"note-{number:03}" for number in range(COUNT)]
    last = back.iloc[-1]
    # By hand: "India and Pakistan met again in Geneva. Both sides spoke." is 10 words in
    # 2 sentences; the title is its first line; no date, author or source.
    assert (last["title"], last["words"], last["sentences"]) == ("Note 229", 10, 2)
    assert last["date_precision"] == "unknown"
    assert back[["author", "source", "published"]].isna().all().all()
    assert back["label"].is_unique


def test_a_short_list_is_all_on_the_page_and_linked_too(notes):
    corpus, tables = notes
    few = {
        "documents": tables["documents"].head(3),
        "readability": tables["readability"],
        "problems": tables["problems"],
    }
    page = render_index(few, corpus=corpus)
    assert len(ROW.findall(page)) == 3
    assert 'The same list as a table: <a href="documents.csv">documents.csv</a>.</p>' in page
    assert "The first" not in page


def test_documents_csv_is_a_file_a_report_run_writes(tmp_path):
    folder = tmp_path / "report"
    folder.mkdir()
    (folder / ".policy-discourse-output").write_text("")
    (folder / "index.html").write_text("<p>an index</p>")
    (folder / DOCUMENTS_FILE).write_text("doc_id\n")
    assert check_output(folder, ours=report_layout(folder, [])) == folder.resolve()


def test_a_run_writes_documents_csv_and_counts_it_as_its_own(tmp_path, monkeypatch):
    # A whole run on 30 documents with the limit at 20 (and one trivial notebook): the
    # index of a real run lists the limit, and the run's manifest counts documents.csv.
    monkeypatch.setattr(index, "MAX_INDEX_DOCUMENTS", 20)
    corpus = tmp_path / "notes"
    write_notes(corpus, 30)
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_page.ipynb", "x = 1")
    out = tmp_path / "out"
    for force in (False, True):  # the second run replaces the first's documents.csv
        run_report(corpus, out, {}, notebooks_dir=notebooks, force=force, log=lambda line: None)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert len(ROW.findall(page)) == 20
    assert "The first 20 of 30 documents; the other 10 are in" in page
    assert "beside report.html" in (out / "report.html").read_text(encoding="utf-8")
    assert len(pd.read_csv(out / DOCUMENTS_FILE, encoding="utf-8-sig")) == 30
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert DOCUMENTS_FILE in manifest["files"]
    marker = (out / ".policy-discourse-output").read_text(encoding="utf-8").splitlines()
    assert DOCUMENTS_FILE in marker
