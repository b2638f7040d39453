"""analysis/features/document.py: one document's row of ``documents`` (the manifest wins,
the text fills the gaps, a date inferred and never invented) and its rows of every table of
the registry."""

from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from analysis import features
from analysis.errors import AnalysisError
from analysis.features import Analysis, by_table
from analysis.features import document as document_module
from analysis.features.document import DocumentSkipped, analyse_document, document_row
from analysis.ingest.load import RawDocument
from analysis.ingest.parse import parse_document
from analysis.options import FeatureOptions
from analysis.schema import Table, columns

#: A headline, a byline and a date line above a two-sentence body.
HEADED = (
    "A HEADLINE IN CAPITALS\n- Jane Roe\n- March 3, 2020\n\n"
    "Kashmir was discussed in 1999 by India and Pakistan. Talks went on.\n"
)
#: The day the tests read the documents as of (relative dates count back from it).
JUNE_2025 = FeatureOptions(reference_date=date(2025, 6, 10))


def raw_document(text: str, *, warnings: list[str] | None = None, **manifest) -> RawDocument:
    return RawDocument(
        doc_id="d",
        path=Path("d.txt"),
        format="text",
        text=text,
        encoding="utf-8",
        content_hash="abc",
        metadata=manifest,
        warnings=warnings or [],
    )


def row_of(raw: RawDocument) -> dict:
    return document_row(raw, parse_document(raw.text), words=12)


# --- the documents row: what the manifest says, else what the text says -------------------


def test_the_texts_title_byline_and_date_fill_an_empty_manifest():
    row = row_of(raw_document(HEADED))
    assert (row["title"], row["author"], row["source"]) == (
        "A HEADLINE IN CAPITALS",
        "Jane Roe",
        None,
    )
    assert (row["published"], row["date_precision"]) == ("2020-03-03", "day")
    assert (row["byline"], row["date_text"]) == ("Jane Roe", "March 3, 2020")
    assert row["text"] == "Kashmir was discussed in 1999 by India and Pakistan. Talks went on."
    assert (row["sentences"], row["paragraphs"], row["words"]) == (2, 1, 12)
    assert row["warnings"] == []


def test_the_manifest_wins_and_the_text_fills_only_what_it_leaves_empty():
    raw = raw_document(
        HEADED, title="Manifest title", author="", source="Dawn", published="2021-01"
    )
    row = row_of(raw)
    assert row["title"] == "Manifest title"
    assert row["author"] == "Jane Roe"  # empty in the manifest: the byline
    assert row["source"] == "Dawn"
    assert (row["published"], row["date_precision"]) == ("2021-01", "month")
    # What the text said is kept as written, beside what won.
    assert (row["byline"], row["date_text"]) == ("Jane Roe", "March 3, 2020")
    assert "published" not in {k for k in row if k.startswith("meta_")}


def test_an_unreadable_manifest_date_is_a_warning_and_leaves_the_document_undated():
    # Not the text's date either (issue 26): a wrong date is worse than none.
    loaded = ["not UTF-8; decoded as Windows-1252"]
    raw = raw_document(HEADED, warnings=loaded, published="soon")
    row = row_of(raw)
    assert (row["published"], row["date_precision"]) == (None, "unknown")
    assert row["warnings"] == [
        "not UTF-8; decoded as Windows-1252",  # the loader's warnings first
        "date 'soon' not understood; left undated",
    ]
    assert raw.warnings == ["not UTF-8; decoded as Windows-1252"]  # the input is not changed


def test_a_manifest_column_named_like_a_table_column_becomes_meta_name():
    raw = raw_document(
        HEADED,
        licence="CC0",
        words="many",  # documents
        flesch_reading_ease="9",  # readability
        actor_id="PAK",  # mentions
        names="a, b",  # only the actors dictionary, never joined with the documents
    )
    row = row_of(raw)
    assert row["words"] == 12  # the count, not the manifest's
    assert (row["meta_words"], row["meta_flesch_reading_ease"], row["meta_actor_id"]) == (
        "many",
        "9",
        "PAK",
    )
    assert (row["licence"], row["names"]) == ("CC0", "a, b")
    assert "flesch_reading_ease" not in row and "actor_id" not in row
    assert raw.metadata["words"] == "many"  # the input is not changed


# --- the date: given or resolved, never inferred nor invented ---------------------------------


#: Years cited in the body, one of them still to come (moved here from test_events.py).
CITES = (
    "The 1965 war changed the region. In 1998, both states tested nuclear devices.\n\n"
    "By 2030 the corridor should be finished, planners say.\n"
)


@pytest.mark.parametrize("latest", [date(2024, 3, 1), date(2031, 1, 1)])
def test_an_undated_text_is_not_dated_from_the_years_it_cites(latest):
    # "Not before the latest year it cites" was right on 28% of the dated documents
    # (benchmarks/date_inference.py), so since issue 26 it dates nothing.
    row, _ = analyse_document(raw_document(CITES), FeatureOptions(reference_date=latest))
    assert (row["published"], row["date_precision"]) == (None, "unknown")
    assert row["warnings"] == []


def test_text_and_manifest_dates_win_over_inference():
    dated = "Kashmir after the tests\n\nMarch 15, 2001\n\n" + CITES
    row, _ = analyse_document(raw_document(dated), FeatureOptions(reference_date=date(2024, 3, 1)))
    assert (row["published"], row["date_precision"]) == ("2001-03-15", "day")
    row, _ = analyse_document(raw_document(CITES, published="2003-07"))
    assert (row["published"], row["date_precision"]) == ("2003-07", "month")


def test_an_unresolved_relative_date_is_said_and_the_document_left_undated():
    text = (
        "A HEADLINE\n- Jane Roe\n- 2 days ago\n\nThe Simla Agreement of 1972 was signed. It held.\n"
    )
    row, _ = analyse_document(raw_document(text), FeatureOptions(today=date(2025, 6, 10)))
    assert (row["published"], row["date_precision"], row["date_text"]) == (
        None,
        "relative",
        "2 days ago",
    )
    assert row["warnings"] == [
        "relative date '2 days ago' not resolved: pass a reference date (--reference-date) "
        "to date it"
    ]
    # With a reference date, the relative date is the date: nothing inferred, nothing said.
    row, _ = analyse_document(raw_document(text), JUNE_2025)
    assert (row["published"], row["date_precision"], row["warnings"]) == (
        "2025-06-08",
        "relative",
        [],
    )


def test_a_text_that_cites_no_year_keeps_no_date():
    row, rows = analyse_document(raw_document("Talks resumed. Both sides spoke of peace.\n"))
    assert (row["published"], row["date_precision"], row["warnings"]) == (None, "unknown", [])
    assert rows["events"] == []


@pytest.mark.parametrize(
    ("manifest", "bush", "as_of"),
    [
        ({"published": "1990"}, "BUSH_GHW", "1990"),
        ({"published": "2005"}, "BUSH_GW", "2005"),
    ],
)
def test_the_analyses_read_the_document_as_of_its_date(manifest, bush, as_of):
    text = "Mr Bush spoke about Pakistan. The talks went on.\n"
    row, rows = analyse_document(raw_document(text, **manifest), JUNE_2025)
    assert row["published"] == as_of
    assert [(m["actor_id"], m["surface"], m["as_of"]) for m in rows["mentions"]] == [
        (bush, "Bush", as_of),
        ("PAK", "Pakistan", as_of),
    ]


def test_a_document_with_no_body_is_skipped_with_the_reason():
    with pytest.raises(DocumentSkipped) as skipped:
        analyse_document(raw_document("Kashmir talks\n\nBy Jane Roe\n"), JUNE_2025)
    assert str(skipped.value) == (
        "no body text found after removing title, headings and boilerplate"
    )
    assert isinstance(skipped.value, AnalysisError)


# --- the registry: every table's rows, with its columns ----------------------------------

#: A body that gives every built-in table rows: actors together, an era cue, a cited year.
EVERYTHING = (
    "India and Pakistan went to war in 1971, during the Cold War. "
    "The United States watched. China spoke for Pakistan.\n"
)


def _columns(rows) -> list[tuple[str, ...]]:
    if isinstance(rows, pa.Table):
        return [tuple(rows.column_names)] * rows.num_rows
    return [tuple(row) for row in rows]


def test_every_table_of_the_registry_has_rows_with_its_declared_columns():
    row, rows = analyse_document(raw_document(EVERYTHING, published="1972"), JUNE_2025)
    assert list(rows) == list(by_table())  # every table, in the registry's order
    for name, analysis in by_table().items():
        found = _columns(rows[name])
        assert found, f"{name}: no rows from a text made to give some"
        assert set(found) == {analysis.table.names}, name
    assert row["published"] == "1972"


def test_an_added_analysis_gets_its_rows_and_builds_on_another(monkeypatch):
    """An analysis of an installed package sits in the registry like the built-in ones: its
    rows come back with the others, it may ask for another analysis's rows before that one's
    turn (computed once all the same), and it reads the document as of its date."""
    calls = []
    built_in = by_table()

    def counted_mentions(doc):
        calls.append(doc.doc_id)
        return built_in["mentions"].rows(doc)

    seen = Table(
        "seen",
        "document",
        columns(
            ("doc_id", "string", "the document"),
            ("as_of", "string", "the date it was read as of"),
            ("mention_count", "int64", "its actor mentions"),
        ),
    )
    added = Analysis(
        seen,
        lambda doc: [
            {
                "doc_id": doc.doc_id,
                "as_of": doc.published,
                "mention_count": len(doc.rows("mentions")),
            }
        ],
    )
    registry = {
        "seen": added,  # first: it asks for the mentions before their own turn
        **built_in,
        "mentions": Analysis(built_in["mentions"].table, counted_mentions),
    }
    monkeypatch.setattr(features, "by_table", lambda: registry)
    monkeypatch.setattr(document_module, "by_table", lambda: registry)
    raw = raw_document(EVERYTHING, mention_count="3", published="1972")
    row, rows = analyse_document(raw, JUNE_2025)
    assert list(rows) == list(registry)
    assert rows["seen"] == [{"doc_id": "d", "as_of": "1972", "mention_count": 5}]
    assert calls == ["d"]  # once, for the added analysis and for the mentions table
    assert len(rows["mentions"]) == 5  # India, Pakistan, the United States, China, Pakistan
    assert row["meta_mention_count"] == "3"  # its column is a table column like any other
