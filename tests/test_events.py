from datetime import date
from pathlib import Path

import pytest

from analysis.dictionaries.eras import load_eras
from analysis.features.document import analyse_document
from analysis.features.events import (
    event_label,
    event_rows,
    find_dates,
    latest_cited_year,
)
from analysis.ingest.load import RawDocument
from analysis.ingest.parse import parse_document
from analysis.options import FeatureOptions

from .conftest import SEED_000, SEED_004


def cited(text):
    return [(d.year, d.date, d.precision, d.label) for d in find_dates(text)]


def test_years_with_labels_from_the_words_around_them():
    assert cited("It was reinforced in the 1972 Shimla Agreement that Kashmir is bilateral.") == [
        (1972, "1972", "year", "1972 Shimla Agreement")
    ]
    assert cited("During periods of heightened tension such as \u201cOP SINDOOR'' in 2025.") == [
        (2025, "2025", "year", "OP SINDOOR in 2025")
    ]
    assert cited("India and Pakistan fought the 1965 war over Kashmir.") == [
        (1965, "1965", "year", "1965 war")
    ]
    assert cited("The Simla Agreement of 1972 followed.") == [
        (1972, "1972", "year", "Simla Agreement of 1972")
    ]
    assert cited("In 1998, Pakistan tested nuclear devices at Chagai.") == [
        (1998, "1998", "year", "1998: Pakistan tested nuclear devices")
    ]
    assert cited("The dispute has lasted since 1947.") == [
        (1947, "1947", "year", "lasted since 1947")
    ]


def test_explicit_dates_keep_their_precision():
    assert cited("On 5 August 2019, India revoked Article 370.") == [
        (2019, "2019-08-05", "day", "5 August 2019: India revoked Article 370")
    ]
    assert cited("A ceasefire came on January 1, 1949, and talks in February 1999.") == [
        (1949, "1949-01-01", "day", "ceasefire came on January 1, 1949"),
        (1999, "1999-02", "month", "talks in February 1999"),
    ]
    # A range is one reference to its first year.
    assert cited("The 1947-48 war ended.") == [(1947, "1947", "year", "1947-48 war")]


@pytest.mark.parametrize(
    "text",
    [
        "The US sent 1,972 troops to the border.",
        "Aid of $2025 million was pledged.",
        "Relations soured in the 1990s.",
        "Relations soured in the 1990's.",
        "Some 2000 soldiers and 1500 civilians died.",
        "Growth was 2010% of the target.",
        "Security Council resolution 1172 condemned the tests.",
        "See A/70/PV.15 and document 28/09/2015-B.",
        "It cost Rs. 1800 and 1999.5 rupees.",
        "The count rose to 12,2005.",
        "As India said (A/PV.1693, para. 150) the truth is plain.",
        "The Decade [see resolutions 1710 and 1711 (XVI)] and its action [2012 (XX)].",
    ],
)
def test_numbers_that_are_not_years_are_not_events(text):
    assert cited(text) == []


def test_year_beside_a_non_year_is_still_found():
    # Resolution number skipped, its year in brackets kept.
    assert [d.year for d in find_dates("Resolution 1172 (1998) condemned the tests.")] == [1998]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 15 August 1947 the British left.", ["15 August 1947"]),
        ("In \u0967\u096f\u096a\u096d and \uff11\uff19\uff17\uff11 (other digits).", []),
        (
            "The 1965-66 war, 1999\u20132001 and August 2019.",
            ["1965-66", "1999\u20132001", "August 2019"],
        ),
        ("Nothing dated here, only 12 and 345 and 19th.", []),
    ],
)
def test_sentences_without_year_digits_are_passed_over_as_the_full_rule_would(text, expected):
    # find_dates passes over a sentence with no run like a year, which the full rule could
    # not match either (its year group is such a run): the same dates, with or without.
    from analysis.features.events import _DATED

    assert [m.group() for m in _DATED.finditer(text)] == expected
    assert [d.surface for d in find_dates(text)] == expected


def test_label_falls_back_to_the_date_alone():
    text = "1998"
    assert event_label(text, 0, 4) == "1998"


def test_seed_events_read_by_hand():
    eras = load_eras()
    first = parse_document(SEED_000.read_text(encoding="utf-8"))
    rows = event_rows("000", first.sentences, eras)
    assert [(r["year"], r["label"], r["era_id"]) for r in rows] == [
        (1972, "1972 Shimla Agreement", "war_1971"),
        (2025, "OP SINDOOR in 2025", "china_competition"),
    ]
    for row in rows:
        assert first.text[row["start"] : row["end"]] == str(row["year"])
    second = parse_document(SEED_004.read_text(encoding="utf-8"))
    assert event_rows("004", second.sentences, eras) == []


def test_latest_cited_year_ignores_years_still_to_come():
    rows = [{"year": 1998}, {"year": 2019}, {"year": 2030}]
    assert latest_cited_year(rows, date(2024, 1, 1)) == 2019
    assert latest_cited_year(rows, date(2031, 1, 1)) == 2030
    assert latest_cited_year([], date(2024, 1, 1)) is None


def _raw(text, metadata=None):
    return RawDocument(
        doc_id="doc",
        path=Path("doc.txt"),
        format="text",
        text=text,
        encoding="utf-8",
        content_hash="0",
        metadata=metadata or {},
    )


BODY = (
    "The 1965 war changed the region. In 1998, both states tested nuclear devices.\n\n"
    "By 2030 the corridor should be finished, planners say.\n"
)


def test_publication_date_is_not_inferred_from_the_years_cited():
    # "Not before the latest year it cites" was right on 28% of dated documents (issue 26).
    row, _ = analyse_document(_raw(BODY), FeatureOptions(reference_date=date(2024, 3, 1)))
    assert (row["published"], row["date_precision"]) == (None, "unknown")


def test_text_and_manifest_dates_win_over_inference():
    dated = "Kashmir after the tests\n\nMarch 15, 2001\n\n" + BODY
    row, _ = analyse_document(_raw(dated), FeatureOptions(reference_date=date(2024, 3, 1)))
    assert (row["published"], row["date_precision"]) == ("2001-03-15", "day")
    row, _ = analyse_document(_raw(BODY, {"published": "2003-07"}))
    assert (row["published"], row["date_precision"]) == ("2003-07", "month")


def test_no_cited_year_means_no_date():
    row, rows = analyse_document(_raw("Talks resumed. Both sides spoke of peace.\n"))
    assert (row["published"], row["date_precision"]) == (None, "unknown")
    assert rows["events"] == []
