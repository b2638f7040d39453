"""Chart data: the comparisons the notebooks draw, and charts with nothing to draw."""

import pandas as pd

from analysis import charts
from analysis.actors import load_actors
from analysis.labels import Empty, compare_sides

TITLE = "UN General Assembly General Debate statement by the delegation"


def test_mention_rates_per_1000_words_of_each_side():
    documents = pd.DataFrame(
        {
            "doc_id": ["AFG_07_1952", "AFG_12_1957"],
            "title": [TITLE, TITLE],
            "published": ["1952", "1957"],
            "words": [1000, 2000],
        }
    )
    sides = compare_sides(documents, "doc_id", [])
    mentions = pd.DataFrame(
        {"doc_id": ["AFG_07_1952", "AFG_07_1952", "AFG_12_1957"], "actor_id": ["PAK", "IND", "PAK"]}
    )
    rates = charts.mention_rates(mentions, documents, sides, load_actors().frame(), n=5)
    got = {
        (side, actor): rate
        for side, actor, rate in rates[["side", "actor", "per_1000_words"]].itertuples(index=False)
    }
    # per 1,000 words: one mention in 1,000 words is 1.0; one in 2,000 is 0.5; none is 0
    assert got == {
        ("1952", "Pakistan"): 1.0,
        ("1952", "India"): 1.0,
        ("1957", "Pakistan"): 0.5,
        ("1957", "India"): 0.0,
    }


def test_a_side_without_documents_has_no_rates_and_no_table():
    documents = pd.DataFrame(
        {"doc_id": ["only"], "title": ["Kashmir"], "published": ["2019"], "words": [100]}
    )
    sides = compare_sides(documents)
    assert sides.b.ids == []
    mentions = pd.DataFrame({"doc_id": ["only"], "actor_id": ["IND"]})
    rates = charts.mention_rates(mentions, documents, sides, load_actors().frame())
    assert rates[["side", "actor", "per_1000_words"]].to_dict("records") == [
        {"side": "2019: Kashmir", "actor": "India", "per_1000_words": 10.0}
    ]
    readability = pd.DataFrame({"doc_id": ["only"], "flesch_reading_ease": [50.0]})
    assert isinstance(charts.comparison_table(readability, sides), Empty)


def test_charts_with_nothing_to_draw_say_so():
    no_mentions = pd.DataFrame(columns=["doc_id", "actor_id"])
    said = charts.mentions_figure(no_mentions, load_actors().frame())
    assert said == "No actor of the actor dictionary is named in these documents."
    no_pairs = pd.DataFrame(columns=["doc_id", "actor_a", "actor_b", "window", "count"])
    assert charts.cooccurrence_heatmap(no_pairs, load_actors().frame()) == (
        "No two actors are named in the same sentence."
    )
    empty = pd.DataFrame(columns=["doc_id", "term", "offset", "position"])
    empty.attrs["queries"] = ["Kashmir"]
    assert charts.dispersion_figure(empty, pd.DataFrame()) == (
        'None of the terms "Kashmir" occurs in these documents.'
    )
    zero = pd.DataFrame({"side": ["a", "b"], "era": ["Cold War"] * 2, "share": [0.0, 0.0]})
    assert isinstance(
        charts.side_by_side_figure(
            zero, category="era", value="share", side="side", title="Era shares", axis="%"
        ),
        Empty,
    )


def test_many_documents_are_drawn_as_a_box_per_group():
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{n}" for n in range(61)],
            "title": [f"Statement {n}" for n in range(61)],
            "source": ["India"] * 30 + ["Pakistan"] * 31,
            "published": ["1990"] * 61,
            "date_precision": ["year"] * 61,
            "words": range(100, 161),
            "sentences": [5] * 61,
        }
    )
    fig = charts.length_figure(documents, by="source")
    assert fig.data[0].type == "box"
    assert sorted(set(fig.data[0].x)) == ["India", "Pakistan"]
    assert "61 documents, too many for a bar each" in fig.layout.title.text
    fig = charts.length_figure(documents.head(60), by="source")
    assert fig.data[0].type == "bar" and len(fig.data[0].x) == 60


def test_side_names_with_plotly_placeholders_are_not_filled_in():
    values = pd.DataFrame(
        {"side": ["%{x} side", "other"], "actor": ["India", "India"], "v": [1.0, 2.0]}
    )
    fig = charts.side_by_side_figure(
        values, category="actor", value="v", side="side", title="t", axis="a"
    )
    assert fig.data[0].hovertemplate.startswith("&#37;{x} side: %{y:.2f}")
    assert fig.data[0].name == "&#37;{x} side"
