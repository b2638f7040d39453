"""Issue 23, the input cases: faults a tester found in how a corpus folder is read.

Each test makes its corpus in a temporary folder, runs the real pass (``build_tables``, or
the command as a user types it) and checks what a user would see: the tables, the
``warning:`` lines, the exit code.
"""

from __future__ import annotations

import codecs
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from analysis.features import table_names
from analysis.ingest.load import decode_bytes, read_manifest
from analysis.options import FeatureOptions
from analysis.tables.pipeline import build_tables
from analysis.tables.store import read_arrow_tables, read_tables

from ..conftest import HTML_PAGE, SEED_000, SEED_004, run_cli

PROSE = (
    "Officials from India and Pakistan met in Geneva on Monday. The U.S. welcomed the talks "
    "and offered support for a lasting ceasefire along the Line of Control.\n\n"
    "The 1972 Shimla Agreement commits both sides to settle disputes bilaterally. Washington "
    "has long said that the pace and scope of any dialogue is for the two countries to decide.\n"
)


def _run_into(corpus: Path, out: Path, **options) -> object:
    """One incremental run into ``out``, as ``features CORPUS --out OUT`` makes it: the last
    run's tables there are the previous tables, the new ones replace them whole."""
    previous = read_arrow_tables(out) if out.is_dir() else None
    staging = out.with_name(out.name + ".staging")
    tables = build_tables(corpus, progress=False, previous=previous, sink=staging, **options)
    if out.is_dir():
        shutil.rmtree(out)
    staging.rename(out)
    return tables


def _assert_same_tables(out: Path, fresh: Path) -> None:
    """Every table of ``out`` equals a fresh run's, ``feature_key`` aside."""
    got, want = read_tables(out), read_tables(fresh)
    for name in table_names():
        a = got[name].drop(columns=["feature_key"], errors="ignore")
        b = want[name].drop(columns=["feature_key"], errors="ignore")
        assert a.equals(b), f"{name} differs from a fresh run's:\n{a}\n{b}"


def _seeds(folder: Path) -> Path:
    """``folder``, made, with the two seed articles in it."""
    folder.mkdir()
    for seed in (SEED_000, SEED_004):
        shutil.copy(seed, folder / seed.name)
    return folder


# Case 5: what a reused document keeps must be what a fresh run would give it.


def test_a_text_file_renamed_to_html_is_parsed_as_html_not_reused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_004, corpus / SEED_004.name)
    (corpus / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    _run_into(corpus, tmp_path / "out")
    first = read_tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert "<article>" in first.loc["page", "text"]  # plain text keeps the tags

    (corpus / "page.txt").rename(corpus / "page.html")
    again = _run_into(corpus, tmp_path / "out")
    assert (again.analysed, again.reused) == (1, 1)
    docs = read_tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert docs.loc["page", "format"] == "html"
    assert "<" not in docs.loc["page", "text"]
    assert docs.loc["page", "title"] == "Kashmir talks resume"
    _run_into(corpus, tmp_path / "fresh")
    _assert_same_tables(tmp_path / "out", tmp_path / "fresh")


def test_a_moved_corpus_is_reused_with_its_new_paths(tmp_path):
    corpus = _seeds(tmp_path / "before")
    _run_into(corpus, tmp_path / "out")

    moved = corpus.rename(tmp_path / "after")
    again = _run_into(moved, tmp_path / "out")
    assert (again.analysed, again.reused) == (0, 2)  # moving the folder costs no analysis
    paths = read_tables(tmp_path / "out")["documents"]["path"].tolist()
    assert paths == [str(moved / SEED_000.name), str(moved / SEED_004.name)]
    _run_into(moved, tmp_path / "fresh")
    _assert_same_tables(tmp_path / "out", tmp_path / "fresh")


def test_a_removed_manifest_takes_its_warnings_with_it(tmp_path):
    corpus = _seeds(tmp_path / "corpus")
    (corpus / "manifest.csv").write_text(f"file,title\n{SEED_000.name},US policy\n")
    _run_into(corpus, tmp_path / "out")
    first = read_tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert list(first.loc[SEED_004.stem, "warnings"]) == [
        f"not listed in {corpus / 'manifest.csv'}"
    ]

    (corpus / "manifest.csv").unlink()
    _run_into(corpus, tmp_path / "out")
    docs = read_tables(tmp_path / "out")["documents"].set_index("doc_id")
    assert list(docs.loc[SEED_004.stem, "warnings"]) == []
    _run_into(corpus, tmp_path / "fresh")
    _assert_same_tables(tmp_path / "out", tmp_path / "fresh")


# Case 6: a file linked inside the corpus is one document, read where it really is.


def test_a_link_to_a_file_of_the_corpus_is_read_once_where_the_file_is(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".drafts").mkdir()
    shutil.copy(SEED_004, corpus / "curtain.txt")
    (corpus / "again.txt").symlink_to("curtain.txt")
    (corpus / "sub" / "copy.txt").symlink_to("../curtain.txt")
    # A link to a file the scan passes over (in a hidden folder) is the only way it is read.
    shutil.copy(SEED_000, corpus / ".drafts" / "draft.txt")
    (corpus / "draft.txt").symlink_to(".drafts/draft.txt")

    tables = build_tables(corpus, progress=False)
    assert tables.documents["doc_id"].tolist() == ["curtain", "draft"]
    assert tables.documents["path"].tolist() == [
        str(corpus / "curtain.txt"),
        str(corpus / "draft.txt"),
    ]
    problems = dict(zip(tables.problems["path"], tables.problems["problem"], strict=True))
    assert problems == {
        str(corpus / "again.txt"): f"skipped: symbolic link to {corpus / 'curtain.txt'}, "
        "which is read there",
        str(corpus / "sub" / "copy.txt"): f"skipped: symbolic link to {corpus / 'curtain.txt'}, "
        "which is read there",
    }


# Case 7: an HTML page's declared charset.

POLISH = (
    "Minister spraw zagranicznych spotkał się w Łodzi z ambasadorem Pakistanu. "
    "Rozmowy dotyczyły Kaszmiru, handlu i żeglugi na Bałtyku.\n"
)
RUSSIAN = (
    "Министр иностранных дел Пакистана прибыл в Москву. "
    "Стороны обсудили положение в Кашмире и торговлю.\n"
)


def _page(head: str, paragraph: str) -> str:
    return HTML_PAGE.replace("<title>", head + "<title>").replace(
        "<h2>Background</h2>", f"<p>{paragraph}</p><h2>Background</h2>"
    )


@pytest.mark.parametrize(
    ("head", "paragraph", "encoding"),
    [
        ("<meta charset=iso-8859-2>", POLISH, "iso8859-2"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
            RUSSIAN,
            "cp1251",
        ),
    ],
    ids=["meta-charset", "meta-http-equiv"],
)
def test_an_html_page_is_read_in_the_charset_it_declares(tmp_path, head, paragraph, encoding):
    (tmp_path / "page.html").write_bytes(_page(head, paragraph).encode(encoding))
    docs = build_tables(tmp_path, progress=False).documents
    assert docs["encoding"].tolist() == [encoding]
    assert paragraph.split(".")[0] in docs["text"][0]
    assert list(docs["warnings"][0]) == []


def test_a_bom_and_valid_utf8_come_before_a_declared_charset():
    page = _page("<meta charset=windows-1251>", RUSSIAN)
    assert decode_bytes(codecs.BOM_UTF8 + page.encode(), format="html")[:2] == (
        page,
        "utf-8-sig",
    )
    text, encoding, warnings = decode_bytes(page.encode(), format="html")
    assert (text, encoding) == (page, "utf-8")
    assert warnings == ["declares charset windows-1251 but is valid UTF-8; read as UTF-8"]
    # Plain text has no declaration: a charset line in it is just text.
    assert decode_bytes(page.encode("cp1251"))[1] == "cp1252"


def test_a_declared_charset_that_is_unknown_falls_back_with_a_warning():
    page = _page("<meta charset=klingon>", "Caf\u00e9 talks in Geneva. They went well.")
    text, encoding, warnings = decode_bytes(page.encode("cp1252"), format="html")
    assert (text, encoding) == (page, "cp1252")
    assert warnings == [
        "declares charset klingon, which is unknown",
        "not UTF-8; decoded as Windows-1252",
    ]


# Case 9: manifest columns that would be read under one name.


def test_manifest_columns_read_under_one_name_are_all_kept_with_a_warning(tmp_path):
    shutil.copy(SEED_004, tmp_path / "a.txt")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "file,foo,foo,text,meta_text,flesch_reading_ease,meta_flesch_reading_ease,feature_key\n"
        "a.txt,one,two,three,four,five,six,seven\n"
    )
    entries, problems = read_manifest(manifest)
    assert entries["a.txt"] == {
        "foo": "one",
        "foo_2": "two",
        "meta_text": "three",
        "meta_text_2": "four",
        "meta_flesch_reading_ease": "five",
        "meta_flesch_reading_ease_2": "six",
        "meta_feature_key": "seven",
    }
    assert [str(problem) for problem in problems] == [
        f"{manifest}: columns 2 (foo) and 3 (foo) would both be foo; column 3 is read as foo_2",
        f"{manifest}: columns 4 (text) and 5 (meta_text) would both be meta_text; "
        "column 5 is read as meta_text_2",
        f"{manifest}: columns 6 (flesch_reading_ease) and 7 (meta_flesch_reading_ease) would "
        "both be meta_flesch_reading_ease; column 7 is read as meta_flesch_reading_ease_2",
    ]
    tables = build_tables(tmp_path, progress=False)
    row = tables.documents.iloc[0]
    assert [row[c] for c in entries["a.txt"]] == [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
    ]
    assert len(row["feature_key"]) == 64  # the computed key, not the manifest's cell
    assert tables.problems["path"].tolist() == [str(manifest)] * 3


# Case 10: file names that are not UTF-8.


def test_a_file_name_that_is_not_utf8_is_analysed_and_shown_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    raw = os.fsencode(corpus)
    shutil.copy(SEED_004, corpus / "ok.txt")
    with open(os.path.join(raw, b"caf\xe9.txt"), "wb") as file:
        file.write(SEED_000.read_bytes())
    os.mkdir(os.path.join(raw, b"dossier\xff"))
    with open(os.path.join(raw, b"dossier\xff", b"note.txt"), "wb") as file:
        file.write(PROSE.encode())
    open(os.path.join(raw, b"vide\xe9.txt"), "wb").close()

    result = run_cli("features", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    docs = read_tables(tmp_path / "out")["documents"]
    assert docs["doc_id"].tolist() == ["caf\\xe9", "note", "ok"]
    assert docs["path"].tolist()[:2] == [
        f"{corpus}/caf\\xe9.txt",
        f"{corpus}/dossier\\xff/note.txt",
    ]
    assert f"warning: {corpus}/vide\\xe9.txt: skipped: empty file" in result.stderr.splitlines()
    problems = read_tables(tmp_path / "out")["problems"]
    assert problems["path"].tolist() == [f"{corpus}/vide\\xe9.txt"]


# Case 12: deep folders, and a relative date before year 1.


@pytest.fixture
def deep_corpus(tmp_path):
    """A corpus with an article 1,000 folders down (made, and removed, one level at a time:
    ``os.makedirs`` and ``shutil.rmtree`` recurse, and fail at that depth)."""
    corpus = tmp_path / "deep"
    corpus.mkdir()
    shutil.copy(SEED_004, corpus / "top.txt")
    here = corpus
    for _ in range(1000):
        here = here / "d"
        here.mkdir()
    shutil.copy(SEED_000, here / "bottom.txt")
    yield corpus, here
    (here / "bottom.txt").unlink()
    while here != corpus:
        here.rmdir()
        here = here.parent


def test_a_corpus_1000_folders_deep_is_read(deep_corpus, tmp_path):
    corpus, bottom = deep_corpus
    result = run_cli("features", corpus, "--out", tmp_path / "out", "--quiet")
    assert result.returncode == 0, result.stderr
    docs = read_tables(tmp_path / "out")["documents"]
    assert docs["doc_id"].tolist() == ["bottom", "top"]
    assert docs["path"].tolist()[0] == str(bottom / "bottom.txt")


def test_a_relative_date_before_year_one_leaves_the_article_undated(tmp_path):
    shutil.copy(SEED_000, tmp_path / SEED_000.name)  # "- 1 day ago"
    tables = build_tables(
        tmp_path, options=FeatureOptions(reference_date=date(1, 1, 1)), progress=False
    )
    assert tables.problems.empty
    row = tables.documents.iloc[0]
    assert (row["published"], row["date_precision"], row["date_text"]) == (
        None,
        "relative",
        "1 day ago",
    )
    assert list(row["warnings"]) == [
        "relative date '1 day ago' not resolved: it is before year 1 counted from the "
        "reference date 0001-01-01"
    ]
    assert row["sentences"] == 30


# Case 14: what a file name or a manifest cell holds never reaches the terminal raw.


def test_warning_lines_show_control_characters_escaped_one_line_each(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_004, corpus / "a.txt")
    (corpus / "red\x1b[31m.txt").write_bytes(b"")
    (corpus / "two\nerror: forged.txt").write_bytes(b"")
    (corpus / "manifest.csv").write_text('file\na.txt\n"gone\x1b[2J\u2028.txt"\n')

    result = run_cli("features", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stderr and "\u2028" not in result.stderr
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("error")]
    assert f"warning: {corpus}/red\\x1b[31m.txt: skipped: empty file" in lines
    assert f"warning: {corpus}/two\\nerror: forged.txt: skipped: empty file" in lines
    assert (
        f"warning: {corpus}/manifest.csv: 1 listed file(s) not found: gone\\x1b[2J\\u2028.txt"
    ) in lines
    # The tables hold the true values.
    problems = read_tables(tmp_path / "out")["problems"]
    assert str(corpus / "two\nerror: forged.txt") in problems["path"].tolist()
    assert str(corpus / "red\x1b[31m.txt") in problems["path"].tolist()


def test_report_warning_lines_are_escaped_too(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_004, corpus / "a.txt")
    (corpus / "two\nerror: forged.txt").write_bytes(b"")
    # An unknown document stops the report once the tables are built and their warnings said.
    result = run_cli("report", corpus, "--out", tmp_path / "report", "-p", "documents", "nosuch")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert f"warning: {corpus}/two\\nerror: forged.txt: skipped: empty file" in lines
    assert not [line for line in lines if line.startswith("error: forged")]


# Case 16: HTML nested deeper than the HTML parser's limit.


@pytest.mark.parametrize("depth", [300, 3000])
@pytest.mark.parametrize("above", ["", "Talks between the two neighbours resumed in Geneva."])
def test_html_nested_deeper_than_the_parser_limit_is_read_whole(tmp_path, depth, above):
    # Deeper than 256 elements libxml2 drops the rest: the page seemed to have no text, or
    # only the paragraph above the deep part.
    paragraphs = "".join(f"<p>{block}</p>" for block in PROSE.split("\n\n"))
    body = f"<p>{above}</p>" + "<div>" * depth + paragraphs + "</div>" * depth
    (tmp_path / "deep.html").write_text(
        f"<html><head><title>Deep page</title></head><body>{body}</body></html>"
    )
    tables = build_tables(tmp_path, progress=False)
    assert tables.problems.empty
    docs = tables.documents
    assert docs["text"].tolist() == [f"{above}\n\n{PROSE.strip()}" if above else PROSE.strip()]
    assert docs["title"].tolist() == ["Deep page"]
