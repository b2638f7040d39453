"""Every format a user brings, in a folder the tests make: PDF (with running heads, page
numbers, hyphenation and two columns; a scan; a damaged file), Word, JSON (an object, an
array, JSON Lines, an object that is not an article), CSV, TSV, XLSX and Markdown with
front matter; and a file of a format the tool does not read."""

from __future__ import annotations

import json
import textwrap

import pytest

from analysis.ingest.formats.pdf import read_pdf
from analysis.ingest.formats.records import read_records, snake
from analysis.ingest.load import DecodeError, LoadProblem, RawDocument, iter_corpus
from analysis.tables.pipeline import build_tables

fpdf = pytest.importorskip("fpdf")

FIRST = (
    "The foreign ministers of India and Pakistan met in Islamabad on Tuesday to discuss "
    "the sharing of the waters of the Indus. Both delegations called the talks "
    "constructive, and they agreed to meet again before the monsoon."
)
SECOND = (
    "Negotiators from the two neighbours have not met in public since the attacks of 2019. "
    "Officials in Delhi said the internationalisation of the dispute was not on the table."
)


def _pdf_with_furniture(paragraphs: list[str], pages: int = 3) -> bytes:
    """A report of several pages, each with a running head, a page number at the foot and
    paragraphs that run from page to page."""

    class Report(fpdf.FPDF):
        def header(self):
            self.set_font("Helvetica", size=8)
            self.cell(0, 8, "Policy Review | Water and Security", align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Report()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    while pdf.page_no() < pages:
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    return bytes(pdf.output())


def _two_columns(left: str, right: str) -> bytes:
    """One page in two columns, drawn a line of each column in turn (the order in which
    the file draws text says nothing of the order it is read in)."""
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    left_lines, right_lines = textwrap.wrap(left, 42), textwrap.wrap(right, 42)
    for number in range(max(len(left_lines), len(right_lines))):
        y = 30 + 5 * number
        if number < len(left_lines):
            pdf.text(15, y, left_lines[number])
        if number < len(right_lines):
            pdf.text(110, y, right_lines[number])
    return bytes(pdf.output())


def _scan() -> bytes:
    """A PDF with pages but no text: what a scanner makes (a drawn rectangle stands in for
    the page image)."""
    pdf = fpdf.FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 170, 250, style="F")
    return bytes(pdf.output())


def test_pdf_furniture_removed_paragraphs_rebuilt():
    text = read_pdf(_pdf_with_furniture([FIRST, SECOND]))
    assert text.pages == 3
    assert "Policy Review | Water and Security" in text.furniture
    assert {"Page 1", "Page 2", "Page 3"} <= set(text.furniture)
    body = text.text
    assert "Policy Review" not in body and "Page 2" not in body
    # Paragraphs come back whole, in order, once per time they were written.
    assert text.paragraphs[0] == FIRST
    assert text.paragraphs[1] == SECOND
    assert body.count("internationalisation") >= 2  # hyphenated nowhere, split nowhere


def test_pdf_two_columns_read_in_reading_order():
    text = read_pdf(_two_columns(FIRST, SECOND)).text
    assert " ".join(text.split()) == f"{FIRST} {SECOND}"


def test_pdf_words_hyphenated_at_a_line_end_are_rejoined():
    from analysis.ingest.formats.pdf import _join

    assert _join("the interna-", "tional community") == "the international community"
    assert _join("the right of self-", "defence") == "the right of self-defence"
    assert _join("in the Indo-", "Pacific") == "in the Indo-Pacific"
    assert _join("ends here", "next line") == "ends here next line"


def test_pdf_without_text_layer_and_damaged_pdf_are_refused_with_the_reason():
    with pytest.raises(DecodeError, match=r"without a text layer.*2 page"):
        read_pdf(_scan())
    with pytest.raises(DecodeError, match="not a readable PDF"):
        read_pdf(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")


def _docx(path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Water talks resume", 0)
    document.add_paragraph(FIRST)
    document.add_heading("Background", 1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Treaty signed in 1960."
    table.cell(0, 1).text = "Suspended in 2025."
    document.add_paragraph(SECOND)
    document.save(path)


def _xlsx(path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Headline", "Published", "Story"])
    sheet.append(["From a workbook", "15 June 2023", FIRST])
    sheet.append([None, None, None])
    sheet.append(["Second row", "2023-06-16", SECOND])
    book.save(path)


@pytest.fixture
def every_format(tmp_path):
    """A folder with one file of every format the tool reads, and some it does not."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(_pdf_with_furniture([FIRST, SECOND], pages=2))
    (folder / "scan.pdf").write_bytes(_scan())
    _docx(folder / "brief.docx")
    _xlsx(folder / "sheet.xlsx")
    (folder / "one.json").write_text(
        json.dumps({"title": "One object", "date_published": "2023-06-15T08:00:00Z", "body": FIRST})
    )
    (folder / "many.json").write_text(
        json.dumps(
            [
                {
                    "headline": "First",
                    "publishDate": "Jun 15th 2023",
                    "authorName": "A. Khan",
                    "content": FIRST,
                    "url": "https://example.org/first",
                    "section": "Asia",
                },
                {"headline": "Empty", "content": ""},
                7,
            ]
        )
    )
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "a1", "text": FIRST})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "text": SECOND})
        + "\n"
    )
    (folder / "settings.json").write_text(json.dumps({"theme": "dark", "size": 3}))
    (folder / "table.csv").write_text(
        f'title,byline,article\nFrom a CSV,Jane Roe,"{FIRST}"\nSecond,,"{SECOND}"\n'
    )
    (folder / "table.tsv").write_text(f"Title\tFull Text\nFrom a TSV\t{SECOND}\n")
    (folder / "no-text.csv").write_text("name,value\na,1\nb,2\n")
    (folder / "matter.md").write_text(
        f"---\ntitle: From front matter\ndate: 2020-01-02\nauthors: [A. Khan, J. Roe]\n---\n\n{FIRST}\n"
    )
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    (folder / "manifest.csv").write_text(
        "file,source\nreport.pdf,Think tank\nold.doc,X\nmissing.txt,Y\n"
    )
    return folder


def test_every_format_is_read(every_format):
    items = list(iter_corpus(every_format))
    documents = {item.doc_id: item for item in items if isinstance(item, RawDocument)}
    problems = {(item.path.name, item.problem) for item in items if isinstance(item, LoadProblem)}
    assert sorted(documents) == [
        "brief",
        "lines#a1",
        "lines#a2",
        "many#1",
        "matter",
        "one",
        "report",
        "sheet#2",
        "sheet#4",
        "table.csv#2",
        "table.csv#3",
        "table.tsv#2",
    ]
    formats = {doc_id: raw.format for doc_id, raw in documents.items()}
    assert formats["report"] == "pdf" and formats["brief"] == "docx"
    assert formats["sheet#2"] == "xlsx" and formats["lines#a1"] == "jsonl"
    many = documents["many#1"]
    assert many.text == FIRST and many.path.name == "many.json"
    assert many.metadata == {
        "title": "First",
        "published": "2023-06-15",
        "date_precision": "day",
        "author": "A. Khan",
        "url": "https://example.org/first",
        "section": "Asia",
    }
    assert documents["table.csv#2"].metadata == {"title": "From a CSV", "author": "Jane Roe"}
    assert documents["sheet#2"].metadata == {
        "title": "From a workbook",
        "published": "2023-06-15",
        "date_precision": "day",
    }
    assert documents["matter"].metadata == {
        "title": "From front matter",
        "published": "2020-01-02",
        "date_precision": "day",
        "author": "A. Khan; J. Roe",
    }
    assert documents["matter"].text.strip() == FIRST
    assert documents["report"].metadata == {"source": "Think tank"}
    assert problems == {
        (
            "scan.pdf",
            "skipped: a PDF without a text layer (2 page(s), scanned or images only): "
            "there is no text to read; run OCR on it first",
        ),
        ("many.json", "skipped: item 2: no text (field content)"),
        ("many.json", "skipped: item 3 is not an article object (a JSON number)"),
        (
            "lines.jsonl",
            "skipped: line 2 is not JSON (Expecting property name enclosed in double quotes)",
        ),
        (
            "settings.json",
            "skipped: no text field: none is named text, body, content, contents, "
            "article, full_text, ... and none holds long text (the fields: theme, size); name it "
            "with --text-column",
        ),
        (
            "no-text.csv",
            "skipped: no text column: none is named text, body, content, contents, "
            "article, full_text, ... and none holds long text (the columns: name, value); name it "
            "with --text-column",
        ),
        (
            "old.doc",
            "skipped: an old Word document (.doc); save it as .docx, a format this tool "
            "does not read",
        ),
        ("manifest.csv", "1 listed file(s) not found: missing.txt"),
        ("sheet.xlsx", "skipped: row 3 is empty"),
    }


def test_every_format_through_the_pass(every_format):
    tables = build_tables(every_format, progress=False)
    documents = tables.documents.set_index("doc_id")
    assert documents.loc["brief", "title"] == "Water talks resume"
    assert list(documents.loc["brief", "headings"]) == ["Background"]
    assert "Treaty signed in 1960." in documents.loc["brief", "text"]
    assert documents.loc["report", "text"].startswith(FIRST)
    assert "Page 1" in list(documents.loc["report", "furniture"])
    assert documents.loc["many#1", "path"].endswith("many.json")
    assert documents.loc["many#1", "url"] == "https://example.org/first"
    assert documents.loc["table.tsv#2", "title"] == "From a TSV"
    assert (documents["format"] != "").all()
    assert set(tables.sentences["doc_id"]) == set(documents.index)


def test_text_column_given_by_name(tmp_path):
    data = f'name,notes\nx,"{FIRST}"\n'.encode()
    table = read_records(data, "csv", text_column="Notes")
    assert [r.text for r in table.records] == [FIRST]
    with pytest.raises(DecodeError, match="no column named 'missing'"):
        read_records(data, "csv", text_column="missing")


def test_longest_field_is_the_text_when_none_is_named():
    items = [
        {"summary": "Short.", "words_of_it": FIRST},
        {"summary": "Also short.", "words_of_it": SECOND},
    ]
    table = read_records(json.dumps(items).encode(), "json")
    assert [r.text for r in table.records] == [FIRST, SECOND]


def test_field_names_in_any_case_style():
    assert [
        snake(n) for n in ("publishDate", "date_published", "authorName", "Full Text", "URL")
    ] == [
        "publish_date",
        "date_published",
        "author_name",
        "full_text",
        "url",
    ]


def test_an_object_holding_a_list_of_articles():
    data = json.dumps({"status": "ok", "articles": [{"title": "A", "text": FIRST}]}).encode()
    table = read_records(data, "json")
    assert [(r.key, r.where, r.metadata) for r in table.records] == [
        ("1", "articles item 1", {"title": "A"})
    ]


def test_input_files_are_never_modified(every_format):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in every_format.iterdir()}
    build_tables(every_format, progress=False)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in every_format.iterdir()} == before
