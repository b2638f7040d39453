"""Chart data: the comparisons the notebooks draw."""

import pandas as pd

from analysis import charts
from analysis.actors import load_actors

TITLE = "UN General Assembly General Debate statement by the delegation"


def test_two_documents_with_the_same_title_are_told_apart():
    documents = pd.DataFrame(
        {"doc_id": ["AFG_07_1952", "AFG_12_1957"], "title": [TITLE, TITLE], "words": [1000, 2000]}
    )
    sides = charts.compare_sides(documents, "doc_id", [])
    assert [name for name, _ in sides] == [
        "UN General Assembly General Debate stat… (AFG_07_1952)",
        "UN General Assembly General Debate stat… (AFG_12_1957)",
    ]
    mentions = pd.DataFrame(
        {"doc_id": ["AFG_07_1952", "AFG_07_1952", "AFG_12_1957"], "actor_id": ["PAK", "IND", "PAK"]}
    )
    rates = charts.mention_rates(mentions, documents, sides, load_actors(), n=5)
    got = {
        (side[-12:-1], actor): rate
        for side, actor, rate in rates[["side", "actor", "per_1000_words"]].itertuples(index=False)
    }
    # per 1,000 words: one mention in 1,000 words is 1.0; one in 2,000 is 0.5; none is 0
    assert got == {
        ("AFG_07_1952", "Pakistan"): 1.0,
        ("AFG_07_1952", "India"): 1.0,
        ("AFG_12_1957", "Pakistan"): 0.5,
        ("AFG_12_1957", "India"): 0.0,
    }


def test_documents_with_different_titles_keep_their_titles():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "title": ["Kashmir after 2019", "Pakistan and China"],
            "words": [10, 10],
        }
    )
    sides = charts.compare_sides(documents, "doc_id", ["b", "a"])
    assert sides == (("Pakistan and China", ["b"]), ("Kashmir after 2019", ["a"]))
