"""The tables as CSV files and as an XLSX workbook (analysis/report/spreadsheets.py)."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.config import SEEDS_DIR
from analysis.report import spreadsheets as export
from analysis.report.spreadsheets import (
    EXPORT_MARKER,
    ExportError,
    cut_text,
    export_tables,
    find_tables,
    write_workbook,
)
from analysis.tables.store import DamagedTable
from tests.conftest import run_cli

TABLES = [
    "documents",
    "sentences",
    "readability",
    "terms",
    "mentions",
    "cooccurrence",
    "eras",
    "era_mix",
    "events",
    "problems",
    "actors",
    "era_definitions",
]
SEED_000 = "000_977c81c4cfa53bf2"


@pytest.fixture(scope="module")
def seed_tables(tmp_path_factory):
    """The seeds' tables, as ``features --out`` writes them."""
    out = tmp_path_factory.mktemp("run") / "seeds"
    result = run_cli("features", SEEDS_DIR, "--out", out, "--workers", 1, "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def read_csv_back(path, parquet):
    """A CSV file as pandas reads it, each column with the type of the Parquet table's
    (else ``published`` "2025" reads as a number) and list cells parsed from JSON."""
    stored = pd.read_parquet(parquet)
    schema = pq.read_schema(parquet)
    lists = [f.name for f in schema if pa.types.is_list(f.type)]
    dtypes = {name: dtype for name, dtype in stored.dtypes.items() if name not in lists}
    back = pd.read_csv(
        path, encoding="utf-8-sig", dtype=dtypes, keep_default_na=False, na_values=[""]
    )
    for name in lists:
        back[name] = back[name].map(json.loads, na_action="ignore")
        stored[name] = stored[name].map(list, na_action="ignore")
    return back, stored


def excel_number(value):
    """A number as an Excel cell holds it, to 16 significant digits."""
    return float(f"{value:.16g}") if isinstance(value, float) else value


def test_every_seed_table_as_csv_reads_back_equal_to_its_parquet_table(seed_tables, tmp_path):
    exported = export_tables(seed_tables, to="csv", out=tmp_path / "csv")
    assert [path.name for path in exported.files] == [f"{name}.csv" for name in TABLES]
    for name in TABLES:
        back, stored = read_csv_back(
            tmp_path / "csv" / f"{name}.csv", seed_tables / f"{name}.parquet"
        )
        pd.testing.assert_frame_equal(back, stored, check_exact=True, check_dtype=False)
        assert exported.rows[name] == len(stored)
    assert exported.rows["terms"] == 1305 and exported.rows["sentences"] == 61


def test_the_csv_format_byte_for_byte(seed_tables, tmp_path):
    export_tables(seed_tables, to="csv", tables=["readability", "documents"], out=tmp_path)
    raw = (tmp_path / "readability.csv").read_bytes()
    # UTF-8 with a byte-order mark (so Excel reads it as UTF-8), names quoted, CRLF rows.
    assert raw.startswith(b'\xef\xbb\xbf"doc_id","flesch_reading_ease",')
    assert raw.count(b"\r\n") == 3  # the header and the two seeds
    assert b'\r\n"000_977c81c4cfa53bf2",16.71866474543708,' in raw
    documents = (tmp_path / "documents.csv").read_text(encoding="utf-8-sig")
    # A list is a JSON array, its quotes doubled inside the quoted cell; an empty list [].
    assert ',"[]","[""Comments""]","[]",' in documents
    # The body keeps its paragraph breaks (a blank line) inside the quotes.
    assert "U.S. Pakistan relations have long been shaped" in documents
    assert documents.count("\n\n") >= 9  # seed 000 has 10 paragraphs


def test_a_report_folder_exports_its_tables_under_the_reports_name(
    seed_tables, tmp_path, monkeypatch
):
    report = tmp_path / "kashmir"
    (report / "tables").mkdir(parents=True)
    for name in ("documents", "terms"):
        (report / "tables" / f"{name}.parquet").write_bytes(
            (seed_tables / f"{name}.parquet").read_bytes()
        )
    monkeypatch.chdir(tmp_path)
    assert list(find_tables(report)) == ["documents", "terms"]
    exported = export_tables(report, to="csv")  # the default: <name>-csv in this folder
    assert exported.files == [
        tmp_path / "kashmir-csv" / "documents.csv",
        tmp_path / "kashmir-csv" / "terms.csv",
    ]
    assert export_tables(report / "tables", to="xlsx").files == [tmp_path / "kashmir.xlsx"]


def test_xlsx_reads_back_with_openpyxl(seed_tables, tmp_path):
    path = tmp_path / "seeds.xlsx"
    exported = export_tables(seed_tables, to="xlsx", out=path)
    assert exported.files == [path]
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["README", *TABLES]
    for name in TABLES:
        rows = list(book[name].iter_rows(values_only=True))
        stored = pq.read_table(seed_tables / f"{name}.parquet")
        assert list(rows[0]) == stored.column_names
        assert len(rows) == stored.num_rows + 1
        expected = [
            tuple(
                json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
                for value in row.values()
            )
            for row in stored.to_pylist()
        ]
        # Numbers as Excel keeps them: 16 significant digits (Excel shows 15).
        assert [tuple(map(excel_number, row)) for row in rows[1:]] == [
            tuple(map(excel_number, row)) for row in expected
        ], name
    terms = list(book["terms"].iter_rows(values_only=True))
    assert terms[1] == (SEED_000, "OP", 1, 1)
    readme = [row for row in book["README"].iter_rows(values_only=True) if any(row)]
    assert readme[0][0] == "Tables of seeds"
    assert ("terms", "terms", 1305, 4, 0, "document and term") in [row[:6] for row in readme]
    assert any("No table here needed more than one." in str(row[0]) for row in readme)
    assert book.properties.description == export.WORKBOOK_COMMENT


def test_a_table_longer_than_a_sheet_goes_on_over_more_sheets(tmp_path, monkeypatch):
    # Excel's limit is 1,048,576 rows a sheet; set to 10 here (the column names and 9 rows)
    # to test the split without writing a million rows.
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 10)
    folder = tmp_path / "tables"
    folder.mkdir()
    pq.write_table(
        pa.table({"doc_id": [f"d{i:02}" for i in range(20)], "count": list(range(20))}),
        folder / "terms.parquet",
        row_group_size=7,  # batches that do not line up with the sheets
    )
    pq.write_table(pa.table({"doc_id": ["d00"]}), folder / "documents.parquet")
    said = []
    exported = write_workbook(
        find_tables(folder), tmp_path / "out.xlsx", title="Tables of test", warn=said.append
    )
    assert exported.sheets == {
        "documents": ["documents"],
        "terms": ["terms", "terms (2)", "terms (3)"],
    }
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    assert book.sheetnames == ["README", "documents", "terms", "terms (2)", "terms (3)"]
    sheets = [
        list(book[name].iter_rows(values_only=True)) for name in ("terms", "terms (2)", "terms (3)")
    ]
    assert [len(rows) for rows in sheets] == [10, 10, 3]
    assert all(rows[0] == ("doc_id", "count") for rows in sheets)
    assert [row for rows in sheets for row in rows[1:]] == [(f"d{i:02}", i) for i in range(20)]
    assert said == [
        "note: terms: 20 rows, more than an Excel sheet holds (9 and the column names): on "
        "sheets 'terms', 'terms (2)', 'terms (3)' (see the README sheet)"
    ]
    readme = [row[0] for row in book["README"].iter_rows(values_only=True) if row[0]]
    assert any("Here: terms on terms, terms (2), terms (3)." in line for line in readme)


def test_text_stays_text_and_a_long_cell_is_cut_with_a_note(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    long = "Kashmir " * 5000  # 40,000 characters
    texts = ["=1+1", "-3 dead", "http://example.org/a", "two\nlines", long, None, ""]
    pq.write_table(
        pa.table(
            {
                "text": texts,
                "share": [0.5, float("nan"), None, 1.0, 2.0, 3.0, 4.0],
                "names": [["A", "B"], [], None, ["é"], ["x"], ["y"], ["z"]],
            }
        ),
        folder / "documents.parquet",
    )
    said = []
    exported = write_workbook(find_tables(folder), tmp_path / "out.xlsx", warn=said.append)
    assert exported.cut == {"documents": {"text": 1}}
    assert said == [
        "warning: documents.text: 1 cell(s) longer than Excel's 32,767 characters cut, each "
        "ending in a note saying how long it was (--to csv holds them whole)"
    ]
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")  # not read-only: cell types
    sheet = book["documents"]
    cells = [[cell for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[0].data_type for row in cells[:4]] == ["s", "s", "s", "s"]  # no formula, no link
    assert [row[0].value for row in cells[:4]] == [
        "=1+1",
        "-3 dead",
        "http://example.org/a",
        "two\nlines",
    ]
    assert all(row[0].hyperlink is None for row in cells)
    cut = cells[4][0].value
    assert len(cut) == 32_767
    assert cut.startswith("Kashmir Kashmir ")
    assert cut.endswith(" [cut: 40,000 characters in all; the CSV export holds the whole text]")
    assert [row[0].value for row in cells[5:]] == [None, None]  # Excel keeps no empty text
    assert [row[1].value for row in cells] == [0.5, None, None, 1.0, 2.0, 3.0, 4.0]  # NaN: empty
    assert [row[2].value for row in cells[:4]] == ['["A", "B"]', "[]", None, '["é"]']
    readme = [row[0] for row in book["README"].iter_rows(values_only=True) if row[0]]
    assert any("Cut here: 1 cell(s) of documents.text." in line for line in readme)


def test_a_cut_counts_characters_as_excel_does():
    # Outside the Basic Multilingual Plane a character takes two of Excel's 32,767.
    text = "\U0001f600" * 20_000
    cut = cut_text(text)
    assert len(cut.encode("utf-16-le")) // 2 <= 32_767
    note = " [cut: 20,000 characters in all; the CSV export holds the whole text]"
    assert cut == "\U0001f600" * ((32_767 - len(note)) // 2) + note
    assert (  # 80 units: 14 characters and the note's 66
        cut_text("x" * 100, limit=80)
        == "x" * 14 + " [cut: 100 characters in all; the CSV export holds the whole text]"
    )


def test_unknown_table_and_folder_without_tables_are_refused_in_one_line(seed_tables, tmp_path):
    unknown = run_cli(
        "export", seed_tables, "--to", "csv", "--tables", "terms", "term", "--out", tmp_path / "out"
    )
    assert unknown.returncode == 2
    assert unknown.stderr == (
        f"error: no table 'term' in {seed_tables}; its tables: {', '.join(TABLES)}\n"
    )
    assert not (tmp_path / "out").exists()
    empty = run_cli("export", tmp_path, "--to", "xlsx")
    assert empty.returncode == 2
    assert empty.stderr.count("\n") == 1 and empty.stderr.startswith(
        f"error: no tables in {tmp_path}"
    )


def test_the_export_command_writes_and_says_where(seed_tables, tmp_path):
    result = run_cli(
        "export", seed_tables, "--to", "xlsx", "--tables", "terms", "--out", tmp_path / "t.xlsx"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"1 table(s), 1,305 rows -> {tmp_path / 't.xlsx'}\n"
    assert openpyxl.load_workbook(tmp_path / "t.xlsx", read_only=True).sheetnames == [
        "README",
        "terms",
    ]


def test_only_files_an_export_wrote_or_the_user_named_are_replaced(
    seed_tables, tmp_path, monkeypatch
):
    mine = tmp_path / "csv"
    mine.mkdir()
    (mine / "terms.csv").write_text("my own terms\n")
    with pytest.raises(
        ExportError, match=r"already holds terms.csv, which an export did not write"
    ):
        export_tables(seed_tables, to="csv", out=mine)
    assert (mine / "terms.csv").read_text() == "my own terms\n"
    assert sorted(p.name for p in mine.iterdir()) == ["terms.csv"]  # nothing written
    # A folder an export wrote is written again: its files are listed as the export's.
    export_tables(seed_tables, to="csv", tables=["documents"], out=tmp_path / "again")
    export_tables(seed_tables, to="csv", tables=["documents", "eras"], out=tmp_path / "again")
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == [
        EXPORT_MARKER,
        "documents.csv",
        "eras.csv",
    ]
    # A workbook: the default name is replaced only when an export wrote it; a file --out
    # names is replaced (the user asked for it).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds.xlsx").write_text("my own workbook")
    with pytest.raises(ExportError, match=r"seeds.xlsx exists and an export did not write it"):
        export_tables(seed_tables, to="xlsx", tables=["eras"])
    assert (tmp_path / "seeds.xlsx").read_text() == "my own workbook"
    export_tables(seed_tables, to="xlsx", tables=["eras"], out=tmp_path / "seeds.xlsx")
    export_tables(seed_tables, to="xlsx", tables=["eras"])  # now an export's: replaced
    assert openpyxl.load_workbook(tmp_path / "seeds.xlsx").sheetnames == ["README", "eras"]
    assert not [
        p for p in tmp_path.iterdir() if p.name.startswith(".seeds.xlsx")
    ]  # no temporary left
    # Never inside a run's output folder, which the next run replaces whole.
    with pytest.raises(ExportError, match=r"is inside .*, the output folder of a run"):
        export_tables(seed_tables, to="xlsx", out=seed_tables / "seeds.xlsx")
    with pytest.raises(ExportError, match=r"name a file ending in .xlsx"):
        export_tables(seed_tables, to="xlsx", out=tmp_path / "tables.csv")


def test_a_damaged_table_is_named_before_anything_is_written(seed_tables, tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    data = (seed_tables / "documents.parquet").read_bytes()
    (folder / "documents.parquet").write_bytes(data[: len(data) // 2])  # truncated
    (folder / "terms.parquet").write_bytes((seed_tables / "terms.parquet").read_bytes())
    for to, out in (("csv", tmp_path / "csv"), ("xlsx", tmp_path / "t.xlsx")):
        with pytest.raises(DamagedTable, match=r"documents.parquet: damaged table \("):
            export_tables(folder, to=to, out=out)
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]  # no temporary either
