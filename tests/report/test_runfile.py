"""The run a page starts from: a folder of articles (analysed once, then reused), a folder of
tables, a run file or a dict of its fields."""

import json
import shutil

import pytest

from analysis.config import SEEDS_DIR
from analysis.notebook import start
from analysis.report.runfile import (
    RUN_FILE,
    RunError,
    RunFile,
    cache_dir,
)
from tests.conftest import SEED_000, SEED_004


def test_a_folder_of_articles_is_analysed_once_and_then_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "articles"
    corpus.mkdir()
    shutil.copy(SEED_000, corpus)
    said = []
    tables = RunFile.of(corpus).read(log=said.append)
    cached = cache_dir(RunFile(corpus=str(corpus)))
    assert cached.is_relative_to(tmp_path / "cache")
    assert said == [
        f"analysing {corpus} (once: every page pointed at it reuses the tables) ...",
        f"1 document(s) analysed, 0 reused, into {cached}",
    ]
    assert tables["documents"]["doc_id"].tolist() == [SEED_000.stem]
    stamp = (cached / "documents.parquet").stat().st_mtime_ns

    RunFile.of(str(corpus)).read(log=said.append)  # another page
    assert said[-1] == f"tables of {corpus} reused from {cached}"
    assert (cached / "documents.parquet").stat().st_mtime_ns == stamp  # not even rewritten

    shutil.copy(SEED_004, corpus)  # the folder grew: only the new article is analysed
    RunFile.of(corpus).read(log=said.append)
    assert said[-1] == f"1 document(s) analysed, 1 reused, into {cached}"
    assert sorted(start(str(corpus)).documents["doc_id"]) == sorted([SEED_000.stem, SEED_004.stem])
    (corpus / "empty.txt").write_bytes(b"")  # a file that cannot be used is listed...
    assert RunFile.of(corpus).read(log=said.append)["problems"]["path"].tolist() == [
        str(corpus / "empty.txt")
    ]
    (corpus / "empty.txt").unlink()  # ...and no longer once it is gone
    assert RunFile.of(corpus).read(log=said.append)["problems"].empty
    assert sorted(p.name for p in corpus.iterdir()) == sorted([SEED_000.name, SEED_004.name])


def test_a_folder_with_nothing_to_analyse_is_said(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "empty.txt").write_bytes(b"")
    with pytest.raises(RunError) as error:
        start(tmp_path / "articles")
    assert str(error.value) == (
        f"no document could be analysed in {tmp_path / 'articles'} (1 file(s) skipped); "
        "add articles (.txt, .md, .html, .pdf, .docx, or tables of them)"
    )


def test_other_feature_options_keep_other_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    plain = RunFile(corpus=str(SEEDS_DIR))
    assert cache_dir(plain) != cache_dir(RunFile(corpus=str(SEEDS_DIR), stem=True))
    # What only filters or names the pages shares the tables.
    assert cache_dir(plain) == cache_dir(RunFile(corpus=str(SEEDS_DIR), documents=["x"], title="T"))


def test_a_run_file_counts_its_paths_from_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    RunFile(corpus=str(SEEDS_DIR)).read(log=lambda line: None)
    tables = cache_dir(RunFile(corpus=str(SEEDS_DIR)))
    report = tmp_path / "report"
    shutil.copytree(tables, report / "tables")
    RunFile(tables=str(report / "tables"), title="Two op-eds", documents=[SEED_004.stem]).write(
        report / RUN_FILE, relative_to=report
    )
    written = json.loads((report / RUN_FILE).read_text(encoding="utf-8"))
    assert written["tables"] == "tables"  # the folder can be moved
    moved = shutil.move(report, tmp_path / "elsewhere")
    assert RunFile.of(moved) == RunFile.of(f"{moved}/{RUN_FILE}")  # the folder names its file
    page = start(f"{moved}/{RUN_FILE}")
    assert page.title == "Two op-eds"
    assert page.documents["doc_id"].tolist() == [SEED_004.stem]
    assert set(page.tables["sentences"]["doc_id"]) == {SEED_004.stem}  # every table filtered
    assert len(page.tables["actors"]) > 200  # the dictionary tables are kept whole


def test_a_folder_of_tables_and_a_dict_are_runs_too(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    RunFile(corpus=str(SEEDS_DIR)).read(log=lambda line: None)
    tables = cache_dir(RunFile(corpus=str(SEEDS_DIR)))
    assert RunFile.of(tables) == RunFile(tables=str(tables))
    page = start({"tables": str(tables), "documents": [SEED_000.stem]})
    assert page.documents["doc_id"].tolist() == [SEED_000.stem]
    assert page.title == tables.name


@pytest.mark.parametrize(
    ("run", "message"),
    [
        ("", "run = '': no such file or folder; give a folder of articles"),
        ("no/such/folder", "run = 'no/such/folder': no such file or folder"),
        (
            {"corpus": "x", "colour": "red"},
            "run: unknown field(s) colour; accepted: corpus, tables",
        ),
        ({"title": "T"}, "run: name a corpus (folder of articles) or tables (a folder)"),
        ({"corpus": ".", "documents": "a"}, "run: documents = 'a' is not a list of doc_ids"),
        ({"corpus": ".", "stem": "false"}, "run: stem = 'false' is not true or false"),
        ({"corpus": ".", "title": 3}, "run: title = 3 is not text"),
        (
            {"corpus": ".", "reference_date": "June 2025"},
            "run: reference_date = 'June 2025' is not a date of the form YYYY-MM-DD",
        ),
    ],
)
def test_a_run_that_names_nothing_readable_says_what_to_give(run, message):
    with pytest.raises(RunError) as error:
        RunFile.of(run)
    assert str(error.value).startswith(message)


def test_a_broken_run_file_and_an_unknown_document_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    broken = tmp_path / RUN_FILE
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(RunError, match=f"{broken}: not a run file"):
        RunFile.of(broken)
    with pytest.raises(RunError) as error:
        start({"corpus": str(SEEDS_DIR), "documents": ["nope"]})
    assert str(error.value).startswith("document(s) nope not in the corpus; known: 000_")


def test_an_output_folder_is_not_read_as_articles(tmp_path):
    report = tmp_path / "report"
    (report / "notebooks").mkdir(parents=True)
    (report / ".policy-discourse-output").write_text("", encoding="utf-8")
    (report / "index.html").write_text("<p>a page</p>", encoding="utf-8")
    for folder in (report, report / "notebooks"):
        with pytest.raises(RunError) as error:
            RunFile.of(folder)
        assert "is (inside) the output of a run, not a folder of articles" in str(error.value)
