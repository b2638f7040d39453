"""Charts: which bars, points and cells each figure draws, in which order, with which labels
and colours, on small tables checked by hand; and what a chart with nothing to draw says."""

import itertools

import networkx as nx
import pandas as pd
import pytest
from plotly.colors import qualitative

from analysis.corpus.labels import Empty, compare_sides
from analysis.dictionaries.actors import load_actors
from analysis.pages import actors, compare, language, overview
from analysis.pages import readability as readability_page

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
    rates = compare.mention_rates(mentions, documents, sides, load_actors().frame(), top_n=5)
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
    rates = compare.mention_rates(mentions, documents, sides, load_actors().frame())
    assert rates[["side", "actor", "per_1000_words"]].to_dict("records") == [
        {"side": "2019: Kashmir", "actor": "India", "per_1000_words": 10.0}
    ]
    readability = pd.DataFrame({"doc_id": ["only"], "flesch_reading_ease": [50.0]})
    assert isinstance(compare.comparison_table(readability, sides), Empty)


def test_charts_with_nothing_to_draw_say_so():
    no_mentions = pd.DataFrame(columns=["doc_id", "actor_id"])
    said = actors.mentions_figure(no_mentions, load_actors().frame())
    assert said == "No actor of the actor dictionary is named in these documents."
    no_pairs = pd.DataFrame(columns=["doc_id", "actor_a", "actor_b", "window", "count"])
    assert actors.cooccurrence_heatmap(no_pairs, load_actors().frame()) == (
        "No two actors are named in the same sentence."
    )
    empty = pd.DataFrame(columns=["doc_id", "term", "offset", "position"])
    empty.attrs["queries"] = ["Kashmir"]
    assert language.dispersion_figure(empty, pd.DataFrame()) == (
        'None of the terms "Kashmir" occurs in these documents.'
    )
    zero = pd.DataFrame({"side": ["a", "b"], "era": ["Cold War"] * 2, "share": [0.0, 0.0]})
    assert isinstance(
        compare.side_by_side_figure(
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
    fig = overview.length_figure(documents, group_by="source")
    assert fig.data[0].type == "box"
    assert sorted(set(fig.data[0].x)) == ["India", "Pakistan"]
    assert "61 documents, too many for a bar each" in fig.layout.title.text
    fig = overview.length_figure(documents.head(60), group_by="source")
    assert fig.data[0].type == "bar" and len(fig.data[0].x) == 60


def test_side_names_with_plotly_placeholders_are_not_filled_in():
    values = pd.DataFrame(
        {"side": ["%{x} side", "other"], "actor": ["India", "India"], "v": [1.0, 2.0]}
    )
    fig = compare.side_by_side_figure(
        values, category="actor", value="v", side="side", title="t", axis="a"
    )
    assert fig.data[0].hovertemplate.startswith("&#37;{x} side: %{y:.2f}")
    assert fig.data[0].name == "&#37;{x} side"


# Three documents from two sources, one undated; their labels, by hand: source, date, title.
LABEL = {
    "b": "Dawn, 2001: Kashmir talks",
    "a": "Hindu, 1999: Aid to Pakistan",
    "c": "Dawn, undated: Cold War ends",
}
SAFE = qualitative.Safe  # the colour-blind safe palette the charts draw from


@pytest.fixture
def documents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["b", "a", "c"],
            "title": ["Kashmir talks", "Aid to Pakistan", "Cold War ends"],
            "source": ["Dawn", "Hindu", "Dawn"],
            "published": ["2001", "1999", None],
            "date_precision": ["year", "year", "unknown"],
            "words": [300, 100, 200],
            "sentences": [3, 1, 2],
            "paragraphs": [2, 1, 1],
            "headings": [[], ["Intro", "Aid"], []],
            "boilerplate": [[], [], ["Subscribe", "Share"]],
            "warnings": [[], ["no date found"], []],
        }
    )


@pytest.fixture
def readability() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["b", "a", "c"],
            "flesch_reading_ease": [60.0, 30.0, 40.0],
            "gunning_fog": [10.0, 14.0, 12.0],
            "mtld": [70.0, 50.0, 60.0],
        }
    )


def test_document_overview_names_counts_and_joins(documents):
    rows = overview.document_overview(documents).set_index("document")
    assert rows.loc["a", "label"] == LABEL["a"]
    assert rows.loc["a", "headings"] == 2  # counted, not listed
    assert rows.loc["c", "boilerplate removed"] == "Subscribe | Share"
    assert rows.loc["a", "warnings"] == "no date found"
    assert rows.loc["b", "warnings"] == ""
    assert list(rows.index) == ["b", "a", "c"]  # the table keeps the documents' order


def test_length_bars_run_in_order_of_publication_undated_first(documents):
    bar = overview.length_figure(documents).data[0]
    assert bar.type == "bar"
    assert list(bar.x) == [LABEL["c"], LABEL["a"], LABEL["b"]]
    assert list(bar.y) == [200, 100, 300]
    assert bar.marker.color == "#0072B2"
    assert bar.hovertext[0].endswith("200 words, 2 sentences, published unknown")


def test_readability_shows_the_first_measure_and_a_menu_for_the_others(documents, readability):
    fig = readability_page.readability_figure(readability, documents)
    # the measures in the order of the readability table's contract, then diversity
    assert [trace.name for trace in fig.data] == ["flesch_reading_ease", "gunning_fog", "mtld"]
    assert [trace.visible for trace in fig.data] == [True, False, False]
    assert list(fig.data[0].x) == [LABEL["b"], LABEL["a"], LABEL["c"]]
    assert list(fig.data[1].y) == [10.0, 14.0, 12.0]
    assert fig.data[0].hovertext[1] == f"<b>{LABEL['a']}</b><br>flesch_reading_ease: 30.00"
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["flesch_reading_ease", "gunning_fog", "mtld"]
    assert buttons[1].args[0] == {"visible": [False, True, False]}
    assert buttons[1].args[1]["yaxis.title.text"] == "gunning_fog"
    assert readability_page.MEASURE_GUIDE["gunning_fog"] in buttons[1].args[1]["title.text"]
    assert fig.layout.title.text == (
        "Readability by document<br><sup>"
        + readability_page.MEASURE_GUIDE["flesch_reading_ease"]
        + "</sup>"
    )


def test_readability_by_group_means_by_hand(documents, readability):
    out = readability_page.readability_by_group(readability, documents, "source")
    # Dawn: b and c, (60 + 40) / 2 = 50 and (10 + 12) / 2 = 11; Hindu: a alone
    assert out.to_dict("records") == [
        {
            "source": "Dawn",
            "documents": 2,
            "flesch_reading_ease": 50.0,
            "gunning_fog": 11.0,
            "mtld": 65.0,
        },
        {
            "source": "Hindu",
            "documents": 1,
            "flesch_reading_ease": 30.0,
            "gunning_fog": 14.0,
            "mtld": 50.0,
        },
    ]
    assert readability_page.readability_by_group(readability, documents, "") == (
        "No groups, so no readability by group."
    )


def test_top_terms_most_frequent_on_top_and_markup_in_a_term_inert():
    top = pd.DataFrame(
        {"term": ["kashmir", "<b>", "talks"], "count": [5, 4, 3], "docfreq": [2, 2, 1]}
    )
    fig = language.top_terms_figure(top)
    (bar,) = fig.data
    # horizontal bars are drawn bottom up, so the least frequent comes first
    assert list(bar.y) == ["talks", "&lt;b&gt;", "kashmir"]
    assert list(bar.x) == [3, 4, 5]
    assert bar.hovertext[1] == "<b>&lt;b&gt;</b>: 4 times in 2 document(s)"
    assert fig.layout.updatemenus == ()  # one part: no menu
    assert fig.layout.height == 360  # the floor: 22 px * 3 terms + 140 is less


def test_top_terms_by_group_one_visible_and_a_menu_to_pick_another():
    top = pd.DataFrame(
        {
            "group": ["Hindu"] * 2 + ["Dawn"] * 20,
            "term": ["aid", "loan"] + [f"term{n}" for n in range(20)],
            "count": [7, 2, *range(40, 20, -1)],
            "docfreq": [1] * 22,
        }
    )
    fig = language.top_terms_figure(top)
    assert [trace.name for trace in fig.data] == ["Dawn", "Hindu"]  # groups by name
    assert [trace.visible for trace in fig.data] == [True, False]
    assert list(fig.data[1].y) == ["loan", "aid"]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["Dawn", "Hindu"]
    assert [b.args[0]["visible"] for b in buttons] == [[True, False], [False, True]]
    assert fig.layout.height == 22 * 20 + 140  # room for the longest part
    assert isinstance(language.top_terms_figure(top.iloc[:0]), Empty)


def _keyness(terms_g2):
    return pd.DataFrame(
        {
            "term": [t for t, _ in terms_g2],
            "g2": [g for _, g in terms_g2],
            "log_ratio": 1.0,
            "p": 0.01,
            "target_count": 3,
            "target_per_10k": 1.5,
            "reference_count": 1,
            "reference_per_10k": 0.5,
        }
    )


def test_keyness_takes_n_from_each_side_coloured_by_side():
    key = _keyness(
        [("talks", 20.0), ("kashmir", 10.0), ("aid", 2.0), ("loan", -5.0), ("war", -15.0)]
    )
    fig = language.keyness_figure(key, top_n=2, target="Dawn & co", reference="Hindu")
    (bar,) = fig.data
    # the two most typical of each side, most negative at the bottom; "aid" is the third
    assert list(bar.y) == ["war", "loan", "kashmir", "talks"]
    assert list(bar.x) == [-15.0, -5.0, 10.0, 20.0]
    assert list(bar.marker.color) == ["#0072B2", "#0072B2", "#D55E00", "#D55E00"]
    assert fig.layout.title.text == "Keyness: Dawn &amp; co (right)<br>against Hindu (left)"
    assert "3 in Dawn &amp; co (1.5/10k), 1 in Hindu (0.5/10k)" in bar.hovertext[0]
    assert language.keyness_figure(key.iloc[:0]) == "No keyness: one side has no terms."


def test_dispersion_a_trace_per_term_a_row_per_document(documents):
    dispersion = pd.DataFrame(
        {
            "doc_id": ["b", "b", "a", "c"],
            "term": ["Kashmir", "Kashmir", "China", "Kashmir"],
            "offset": [10, 90, 50, 25],
            "position": [0.1, 0.9, 0.5, 0.25],
        }
    )
    fig = language.dispersion_figure(dispersion, documents)
    assert [trace.name for trace in fig.data] == ["Kashmir", "China"]  # as first found
    kashmir = fig.data[0]
    assert list(kashmir.x) == [0.1, 0.9, 0.25]
    assert list(kashmir.y) == [LABEL["b"], LABEL["b"], LABEL["c"]]
    assert [trace.marker.color for trace in fig.data] == [SAFE[0], SAFE[1]]
    assert kashmir.hovertext[1] == f"Kashmir at 90% of {LABEL['b']}"
    # b uses the terms twice, a and c once: with room for one document, b alone
    fig = language.dispersion_figure(dispersion, documents, max_documents=1)
    assert [trace.name for trace in fig.data] == ["Kashmir"]
    assert set(fig.data[0].y) == {LABEL["b"]}
    assert fig.layout.title.text.endswith(" · the 1 of 3 documents using them most")


def test_mentions_most_named_on_top_coloured_by_kind():
    mentions = pd.DataFrame(
        {
            "doc_id": ["b", "b", "a", "c", "b", "c", "c", "a", "a", "c"],
            "actor_id": ["PAK"] * 4 + ["TALIBAN"] * 3 + ["IND"] * 2 + ["NOT_AN_ACTOR"],
        }
    )
    (bar,) = actors.mentions_figure(mentions, load_actors().frame(), top_n=4).data
    assert list(bar.y) == ["NOT_AN_ACTOR", "India", "Taliban", "Pakistan"]
    assert list(bar.x) == [1, 2, 3, 4]
    # state, group, state; an id not in the dictionary is grey and named by its id
    assert list(bar.marker.color) == ["#888", SAFE[0], SAFE[3], SAFE[0]]
    assert actors.KIND_COLORS["group"] == "rgb(17, 119, 51)" == SAFE[3]
    assert bar.hovertext[3] == "<b>Pakistan</b> (state)<br>4 mentions in 3 document(s)"
    (bar,) = actors.mentions_figure(mentions, load_actors().frame(), top_n=2).data
    assert list(bar.y) == ["Taliban", "Pakistan"]


def test_cooccurrence_matrix_is_symmetric_and_ordered_by_total():
    cooccurrence = pd.DataFrame(
        {
            "doc_id": ["b", "a", "a", "b", "b"],
            "actor_a": ["IND", "IND", "IND", "PAK", "CHN"],
            "actor_b": ["PAK", "PAK", "USA", "USA", "PAK"],
            "window": ["sentence"] * 4 + ["paragraph"],
            "count": [2, 1, 1, 4, 9],
        }
    )
    (heat,) = actors.cooccurrence_heatmap(cooccurrence, load_actors().frame()).data
    # pairs: India-Pakistan 3, India-USA 1, Pakistan-USA 4; totals Pakistan 7, USA 5, India 4
    assert list(heat.x) == ["Pakistan", "United States", "India"]
    assert list(heat.y) == list(heat.x)
    assert heat.z.tolist() == [[0, 4, 3], [4, 0, 1], [3, 1, 0]]
    assert heat.hovertemplate == "%{y} and %{x}: %{z} sentence(s)<extra></extra>"
    (heat,) = actors.cooccurrence_heatmap(cooccurrence, load_actors().frame(), top_n=2).data
    assert heat.z.tolist() == [[0, 4], [4, 0]]


def _graph(edges, kinds):
    graph = nx.Graph()
    for node, kind in kinds.items():
        graph.add_node(node, label=f"<{node}>", kind=kind)
    graph.add_weighted_edges_from(edges)
    return graph


def test_network_keeps_the_strongest_actors_sized_by_weighted_degree():
    graph = _graph(
        [("A", "B", 4), ("B", "C", 1), ("A", "C", 2), ("C", "D", 1)],
        {"A": "state", "B": "group", "C": "person", "D": "igo"},
    )
    fig = actors.network_figure(graph, top_n=3)
    *edges, nodes = fig.data
    # weighted degree: A 6, B 5, C 4, D 1; D is left out with its edge
    assert list(nodes.text) == ["&lt;A&gt;", "&lt;B&gt;", "&lt;C&gt;"]
    assert list(nodes.marker.color) == [SAFE[0], SAFE[3], SAFE[1]]
    # size 10 + 20 * sqrt(weighted degree / the largest)
    assert list(nodes.marker.size) == pytest.approx(
        [30.0, 10 + 20 * (5 / 6) ** 0.5, 10 + 20 * (4 / 6) ** 0.5]
    )
    assert nodes.hovertext[0] == "<b>&lt;A&gt;</b><br>2 partner(s), weight 6"
    # width 0.5 + 5 * weight / the heaviest (4)
    assert sorted(edge.line.width for edge in edges) == [1.75, 3.0, 5.5]
    assert (
        actors.network_figure(nx.Graph()) == "No actor network: no two actors are named together."
    )


def test_network_layout_does_not_depend_on_the_hash_seed():
    # Twelve actors in a chain, five kept: a subgraph view of so few iterates them in set
    # order, which changes with PYTHONHASHSEED and, with it, the seeded layout (the old code
    # passed this by chance once in 120 runs). The graph's own order holds.
    names = [f"actor{n:02d}" for n in range(12)]
    edges = [(a, b, 12 - n) for n, (a, b) in enumerate(itertools.pairwise(names))]
    fig = actors.network_figure(_graph(edges, dict.fromkeys(names, "state")), top_n=5)
    # weighted degree: actor00 12, actor01 12 + 11, actor02 11 + 10, ...: 01 to 05 kept
    assert list(fig.data[-1].text) == [f"&lt;actor{n:02d}&gt;" for n in range(1, 6)]


def test_comparison_table_means_and_difference_by_hand(readability):
    table = compare.comparison_table(readability, (("Dawn", ["b", "c"]), ("Hindu", ["a"])))
    assert table[["measure", "Dawn", "Hindu", "difference"]].to_dict("records") == [
        {"measure": "flesch_reading_ease", "Dawn": 50.0, "Hindu": 30.0, "difference": 20.0},
        {"measure": "gunning_fog", "Dawn": 11.0, "Hindu": 14.0, "difference": -3.0},
        {"measure": "mtld", "Dawn": 65.0, "Hindu": 50.0, "difference": 15.0},
    ]
    assert table["what it means"][0] == readability_page.MEASURE_GUIDE["flesch_reading_ease"]


def test_side_by_side_a_trace_per_side_in_two_colours():
    values = pd.DataFrame(
        {
            "side": ["Dawn", "Dawn", "Hindu", "Hindu"],
            "actor": ["India", "<i>China</i>", "India", "<i>China</i>"],
            "v": [1.0, 0.5, 2.0, 0.0],
        }
    )
    fig = compare.side_by_side_figure(
        values, category="actor", value="v", side="side", title="Named", axis="per 1,000"
    )
    assert [(t.name, t.marker.color) for t in fig.data] == [
        ("Dawn", "#D55E00"),
        ("Hindu", "#0072B2"),
    ]
    assert list(fig.data[0].x) == ["India", "&lt;i&gt;China&lt;/i&gt;"]
    assert list(fig.data[1].y) == [2.0, 0.0]
    assert fig.layout.barmode == "group"
    assert fig.layout.yaxis.title.text == "per 1,000"


def test_era_shares_per_side_by_hand():
    era_mix = pd.DataFrame(
        {
            "doc_id": ["b", "b", "c"],
            "era_id": ["cold_war", "war_on_terror", "cold_war"],
            "sentences": [3, 1, 4],
        }
    )
    eras = pd.DataFrame(
        {"era_id": ["cold_war", "war_on_terror"], "label": ["Cold War", "War on terror"]}
    )
    shares = compare.era_shares(era_mix, (("Dawn", ["b", "c"]), ("Hindu", ["a"])), eras)
    # Dawn: 7 of 8 era-framed sentences in the Cold War; Hindu has none, so 0 in each
    assert shares.to_dict("records") == [
        {"side": "Dawn", "era": "Cold War", "share": 87.5},
        {"side": "Dawn", "era": "War on terror", "share": 12.5},
        {"side": "Hindu", "era": "Cold War", "share": 0.0},
        {"side": "Hindu", "era": "War on terror", "share": 0.0},
    ]


def test_mention_rates_keep_the_n_highest_on_either_side():
    documents = pd.DataFrame({"doc_id": ["b", "a"], "words": [1000, 500]})
    mentions = pd.DataFrame(
        {"doc_id": ["b", "b", "b", "a", "a"], "actor_id": ["PAK", "PAK", "CHN", "IND", "USA"]}
    )
    sides = (("Dawn", ["b"]), ("Hindu", ["a"]))
    rates = compare.mention_rates(mentions, documents, sides, load_actors().frame(), top_n=3)
    # per 1,000 words: Pakistan 2 (Dawn), India and USA 2 each (Hindu), China 1: left out
    assert sorted(set(rates["actor"])) == ["India", "Pakistan", "United States"]
    got = rates.set_index(["side", "actor"])["per_1000_words"]
    assert got[("Dawn", "Pakistan")] == 2.0 and got[("Hindu", "Pakistan")] == 0.0
    assert got[("Hindu", "India")] == 2.0 and got[("Dawn", "India")] == 0.0
