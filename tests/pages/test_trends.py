"""Trends: rates per 1,000 words by period and group, checked by hand."""

import pandas as pd
import pytest

from analysis.corpus.labels import Empty
from analysis.dictionaries.actors import load_actors
from analysis.dictionaries.eras import load_eras
from analysis.pages.trends import (
    actor_rates,
    choose_actors,
    choose_period,
    era_trends_figure,
    term_rates,
    trends_figure,
)

DOCS = pd.DataFrame(
    {
        "doc_id": ["p1", "p2", "i1", "u1"],
        "source": ["Pakistan", "Pakistan", "India", "India"],
        "published": ["1965", "1968-03", "1965", None],
        "words": [1000, 3000, 500, 800],
        "sentences": [10, 30, 5, 8],
        "text": [
            "Kashmir and Kashmir again.",
            "Kashmir, the Line of Control and KASHMIR.",
            "No such word.",
            "Kashmir",
        ],
    }
)
MENTIONS = pd.DataFrame(
    {"doc_id": ["p1", "p1", "p2", "i1", "u1"], "actor_id": ["IND", "CHN", "IND", "PAK", "IND"]}
)


def test_actor_rates_per_decade_and_group_by_hand():
    rates = actor_rates(MENTIONS, DOCS, ["IND", "PAK"], period="decade", group_by="source")
    rates = rates.set_index(["group", "period", "series"])
    # Pakistan in the 1960s: p1 and p2, 4,000 words; India named twice: 2 / 4000 * 1000.
    assert rates.loc[("Pakistan", 1960, "IND"), "per_1000"] == pytest.approx(0.5)
    assert rates.loc[("Pakistan", 1960, "IND"), "documents"] == 2
    assert rates.loc[("Pakistan", 1960, "PAK"), "count"] == 0  # a zero, not a gap
    # India in the 1960s: i1 only (u1 has no date), 500 words, Pakistan once: 2.0.
    assert rates.loc[("India", 1960, "PAK"), "per_1000"] == pytest.approx(2.0)
    assert rates.loc[("India", 1960, "PAK"), "words"] == 500
    by_year = actor_rates(MENTIONS, DOCS, ["IND"], period="year", actors=load_actors().frame())
    assert set(by_year["series"]) == {"India"}  # labelled from the dictionary
    assert by_year.set_index("period").loc[1968, "per_1000"] == pytest.approx(1 / 3000 * 1000)


def test_term_rates_count_whole_words_in_any_case():
    rates = term_rates(DOCS, ["Kashmir", "Line of Control"], period="decade", group_by="source")
    rates = rates.set_index(["group", "period", "series"])
    # Pakistan, 1960s: 2 + 2 in 4,000 words: 1.0; the phrase once: 0.25.
    assert rates.loc[("Pakistan", 1960, "Kashmir"), "count"] == 4
    assert rates.loc[("Pakistan", 1960, "Kashmir"), "per_1000"] == pytest.approx(1.0)
    assert rates.loc[("Pakistan", 1960, "Line of Control"), "per_1000"] == pytest.approx(0.25)
    assert rates.loc[("India", 1960, "Kashmir"), "per_1000"] == 0


def test_defaults_are_said():
    assert choose_period(DOCS) == (
        "year",
        "Rates per year of publication (by default); 1 document(s) without a date are left out.",
    )
    assert choose_period(DOCS, "decade")[0] == "decade"
    with pytest.raises(ValueError, match="not one of auto, year, decade"):
        choose_period(DOCS, "month")
    assert choose_actors(MENTIONS, DOCS, []) == (
        ["IND", "CHN", "PAK"],
        "Actors: the 3 most named in the dated documents (set trend_actors to choose).",
    )
    assert choose_actors(MENTIONS, DOCS, ["CHN"])[0] == ["CHN"]


def test_the_default_actors_are_the_most_named_where_a_trend_can_show_them():
    # u1 has no date: its three mentions of Afghanistan would top the count of every
    # document, yet no trend shows them (a line of zeros on the page, as it was).
    undated = pd.DataFrame({"doc_id": ["u1"] * 3, "actor_id": ["AFG"] * 3})
    mentions = pd.concat([MENTIONS, undated], ignore_index=True)
    assert choose_actors(mentions, DOCS, [], top_n=2)[0] == ["IND", "CHN"]  # IND: p1, p2
    assert choose_actors(mentions, DOCS.assign(published=None), []) == (
        [],
        "Actors: none is named in the documents with a date.",
    )


def test_trend_charts_draw_a_panel_per_group_or_say_why_not():
    rates = actor_rates(MENTIONS, DOCS, ["IND"], period="decade", group_by="source")
    fig = trends_figure(rates, title="Actors")
    assert [a.text for a in fig.layout.annotations] == ["India", "Pakistan"]
    pakistan = next(t for t in fig.data if t.xaxis == "x2")
    assert "0.50 per 1,000 words: 2 in 4,000 words of 2 document(s)" in pakistan.hovertext[0]
    undated = actor_rates(MENTIONS, DOCS.assign(published=None), ["IND"])
    assert trends_figure(undated, title="Actors") == (
        "Actors: nothing to draw (no document has a date)."
    )
    unnamed = actor_rates(MENTIONS, DOCS, ["AFG"])
    assert trends_figure(unnamed, title="Actors") == (
        "Actors: none of AFG occurs in the dated documents."
    )
    eras = load_eras().frame()
    mix = pd.DataFrame(columns=["doc_id", "era_id", "sentences"])
    assert isinstance(era_trends_figure(DOCS, mix, eras, group_by="source"), Empty)
    mix = pd.DataFrame(
        {"doc_id": ["p1", "i1"], "era_id": ["cold_war", "partition"], "sentences": [2, 1]}
    )
    fig = era_trends_figure(DOCS, mix, eras, group_by="source")
    assert {t.name for t in fig.data} == {"Cold War", "Partition and the early wars"}
    assert all(t.y[0] == 100 for t in fig.data)  # one era per group and decade: all of it
