"""Dates of metadata in the forms people write them, the day-month order decided per
column, and unreadable dates leaving a document undated (hand-made cases)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.ingest.dates import column_order, read_date
from analysis.tables.pipeline import build_tables

BODY = "The editorial board argues that the talks of 2001 and 2012 failed. Both sides agree."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-06-15", ("2023-06-15", "day")),
        ("2023-06-15T08:00:00Z", ("2023-06-15", "day")),
        ("2023-06-15 23:30:00-05:00", ("2023-06-15", "day")),
        ("Jun 15th 2023", ("2023-06-15", "day")),
        ("15 June 2023", ("2023-06-15", "day")),
        ("Thursday, 15 June 2023", ("2023-06-15", "day")),
        ("June 2023", ("2023-06", "month")),
        ("2023", ("2023", "year")),
        ("8/4/2017", ("2017-08-04", "day")),
        ("22/8/2018", ("2018-08-22", "day")),
        ("8/22/2018", ("2018-08-22", "day")),
        ("0000-00-00", None),
        ("character(0)", None),
        ("NA", None),
        ("n.d.", None),
        ("15 June", None),
        ("1999-02-30", None),
    ],
)
def test_read_date(value, expected):
    assert read_date(value) == expected


def test_read_date_day_first():
    assert read_date("8/4/2017", order="dmy") == ("2017-04-08", "day")
    assert read_date("04.08.2017", order="dmy") == ("2017-08-04", "day")


def test_a_value_with_a_part_over_12_decides_the_column():
    assert column_order(["8/4/2017", "22/8/2018"]) == ("dmy", [])
    assert column_order(["8/4/2017", "8/22/2018"]) == ("mdy", [])
    assert column_order(["8/4/2017", "3/5/2018", "2018-01-01"]) == (None, ["8/4/2017", "3/5/2018"])
    assert column_order(["22/8/2018", "8/22/2018"]) == (None, ["22/8/2018", "8/22/2018"])


def _corpus(tmp_path, manifest: str, files: dict[str, str]):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "manifest.csv").write_text(manifest)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_manifest_column_decided_by_one_day_over_12(tmp_path):
    folder = _corpus(
        tmp_path,
        "file,date\na.txt,8/4/2017\nb.txt,22/8/2018\n",
        {"a.txt": BODY, "b.txt": BODY},
    )
    tables = build_tables(folder, progress=False)
    documents = tables.documents.set_index("doc_id")
    assert documents.loc["a", "published"] == "2017-04-08"
    assert documents.loc["b", "published"] == "2018-08-22"
    assert tables.problems.empty


def test_undecided_column_warns_and_follows_date_order(tmp_path):
    from analysis.options import FeatureOptions

    folder = _corpus(
        tmp_path,
        "file,date\na.txt,8/4/2017\nb.txt,3/5/2018\n",
        {"a.txt": BODY, "b.txt": BODY},
    )
    tables = build_tables(folder, progress=False)
    assert tables.documents.set_index("doc_id").loc["a", "published"] == "2017-08-04"
    assert tables.problems["problem"].tolist() == [
        "the date column: dates such as '8/4/2017', '3/5/2018' could be day or month first; "
        "read month first; pass --date-order dmy if they are day first"
    ]
    tables = build_tables(folder, progress=False, options=FeatureOptions(date_order="dmy"))
    assert tables.documents.set_index("doc_id").loc["a", "published"] == "2017-04-08"
    assert tables.problems.empty


def test_unreadable_date_leaves_the_document_undated_not_dated_from_its_text(tmp_path):
    folder = _corpus(
        tmp_path,
        "file,date\na.txt,0000-00-00\nb.txt,character(0)\nc.txt,\n",
        {"a.txt": BODY, "b.txt": BODY, "c.txt": BODY},
    )
    tables = build_tables(folder, progress=False)
    documents = tables.documents.set_index("doc_id")
    assert pd.isna(documents.loc["a", "published"])
    assert documents.loc["a", "date_precision"] == "unknown"
    assert "date '0000-00-00' not understood; left undated" in list(documents.loc["a", "warnings"])
    assert pd.isna(documents.loc["b", "published"])
    assert sorted(tables.problems["problem"]) == [
        "a.txt: date '0000-00-00' is not a date this tool can read; the document is left undated",
        "b.txt: date 'character(0)' is not a date this tool can read; the document is left undated",
    ]


def test_dates_of_a_table_of_articles_per_column(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    rows = [
        {"title": "A", "publishDate": "8/4/2017", "text": BODY},
        {"title": "B", "publishDate": "13/4/2017", "text": BODY},
        {"title": "C", "publishDate": "character(0)", "text": BODY},
    ]
    (folder / "export.json").write_text(json.dumps(rows))
    tables = build_tables(folder, progress=False)
    documents = tables.documents.set_index("doc_id")
    assert documents.loc["export#1", "published"] == "2017-04-08"
    assert documents.loc["export#2", "published"] == "2017-04-13"
    assert pd.isna(documents.loc["export#3", "published"])
    assert tables.problems["problem"].tolist() == [
        "item 3: date 'character(0)' is not a date this tool can read; the document is left undated"
    ]


def test_front_matter_date(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\ntitle: T\ndate: Jun 15th 2023\n---\n\n{BODY}\n")
    documents = build_tables(folder, progress=False).documents
    assert documents.loc[0, "published"] == "2023-06-15"
    assert documents.loc[0, "title"] == "T"
