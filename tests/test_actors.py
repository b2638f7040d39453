import networkx as nx
import pytest

from analysis.actors import (
    ActorDictionaryError,
    candidate_actors,
    cooccurrence_graph,
    evidence,
    find_mentions,
    load_actors,
    write_graph,
)
from analysis.config import SEEDS_DIR
from analysis.pipeline import build_tables


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def marked(text, actors):
    return [(surface, actor) for _, _, actor, surface, _ in find_mentions(text, actors)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let us ask the US.", [("US", "USA")]),
        ("U.S. Pakistan relations", [("U.S.", "USA"), ("Pakistan", "PAK")]),
        (
            "the U.S.-Pakistan and US-India ties",
            [("U.S.", "USA"), ("Pakistan", "PAK"), ("US", "USA"), ("India", "IND")],
        ),
        (
            "US-Pak relations and Pakistan-China engagement",
            [("US", "USA"), ("Pak", "PAK"), ("Pakistan", "PAK"), ("China", "CHN")],
        ),
        ("Pakistan’s and Washington's interests", [("Pakistan", "PAK"), ("Washington", "USA")]),
        ("New Delhi, not Delhi twice", [("New Delhi", "IND"), ("Delhi", "IND")]),
        ("South Sudan is not Sudan", [("South Sudan", "SSD"), ("Sudan", "SDN")]),
        (
            "the People's Republic of China and the Republic of China",
            [("People's Republic of China", "CHN"), ("Republic of China", "TWN")],
        ),
        ("across the Indian Ocean", []),
        ("the UNSC and the UN", [("UNSC", "UNO"), ("UN", "UNO")]),
        ("Pakistanis and Americans", [("Pakistanis", "PAK"), ("Americans", "USA")]),
        ("Pakistanistan and Indiana", []),
    ],
)
def test_mentions_longest_match_case_and_compounds(text, expected, actors):
    assert marked(text, actors) == expected


def test_seed_mentions_match_a_careful_reading():
    tables = build_tables(SEEDS_DIR, progress=False)
    m = tables.mentions
    by_sentence = m.groupby(["doc_id", "sentence_id"])["actor_id"].apply(list).to_dict()
    # Read by hand against the text of seed 000.
    assert by_sentence["000_977c81c4cfa53bf2", 0] == ["USA", "PAK", "CHN"]
    assert by_sentence["000_977c81c4cfa53bf2", 3] == ["USA", "PAK", "PAK", "USA", "IND", "AFG"]
    assert by_sentence["000_977c81c4cfa53bf2", 19] == ["PAK", "UNO"]  # "UNSC resolutions"
    assert by_sentence["000_977c81c4cfa53bf2", 25] == ["IND", "PAK", "USA"]  # New Delhi, Islamabad
    assert ("000_977c81c4cfa53bf2", 10) not in by_sentence  # "OP SINDOOR'' in 2025."
    assert by_sentence["004_913ef7c22a1c9937", 12] == ["HARRIS", "HARRIS", "BIDEN"]
    assert by_sentence["004_913ef7c22a1c9937", 26] == ["SAU", "ARE", "USA"]
    text = tables.documents.set_index("doc_id")["text"]
    for row in m.itertuples():
        assert text[row.doc_id][row.start : row.end] == row.surface
    c = tables.cooccurrence
    pair = c[(c.doc_id == "000_977c81c4cfa53bf2") & (c.actor_a == "IND") & (c.actor_b == "PAK")]
    # Counted by hand: India (or Indian, New Delhi) and Pakistan (or Islamabad) meet in
    # sentences 1, 3, 4, 5, 8, 11, 14, 15, 20, 22, 25, 27 of seed 000: 12 sentences, in
    # paragraphs 0-4 and 6-9: 9 paragraphs; and in the one document.
    assert dict(zip(pair.window, pair["count"], strict=True)) == {
        "sentence": 12,
        "paragraph": 9,
        "document": 1,
    }
    found = evidence(m, tables.sentences, "SAU", "ARE")
    assert found["text"].tolist() == [tables.sentences.iloc[30 + 26]["text"]]


def test_graph_weights_and_export(tmp_path):
    tables = build_tables(SEEDS_DIR, progress=False)
    graph = cooccurrence_graph(tables.cooccurrence, window="document")
    assert graph["IND"]["PAK"] == {"weight": 2, "documents": 2}
    assert graph.nodes["PAK"] == {"label": "Pakistan", "kind": "state"}
    path = write_graph(graph, tmp_path / "actors.graphml")
    assert nx.read_graphml(path)["IND"]["PAK"]["weight"] == 2
    with pytest.raises(ValueError, match=r"use one of \.graphml, \.gexf"):
        write_graph(graph, tmp_path / "actors.png")


def test_candidates_list_recurring_unknown_names(actors):
    import pandas as pd

    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "sentence_id": [0, 1, 0],
            "text": [
                "Officials met Imaan Mazari in Islamabad.",
                "Later Imaan Mazari spoke.",
                "The lawyer Imaan Mazari was arrested by Pakistan.",
            ],
        }
    )
    found = candidate_actors(sentences, actors, min_count=2)
    assert found[["name", "count", "documents"]].to_dict("records") == [
        {"name": "Imaan Mazari", "count": 3, "documents": 2}
    ]


def test_user_dictionary_extends_or_replaces(tmp_path):
    own = tmp_path / "mine.yml"
    own.write_text("actors:\n  - {id: PTI, label: PTI, kind: group, exact: [PTI]}\n")
    extended = load_actors(own)
    assert {"PTI", "USA"} <= set(extended.actors)
    alone = load_actors(own, extend=False)
    assert set(alone.actors) == {"PTI"}
    assert marked("PTI and Pakistan", alone) == [("PTI", "PTI")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: [", "not valid YAML"),
        ("people: []", "expected a mapping with an 'actors' list"),
        (
            "actors:\n  - {id: X, label: X, kind: planet, aliases: [X]}",
            "entry 1 (X): kind 'planet' is not one of",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state}",
            "entry 1 (X): nothing to match (give 'aliases' or 'exact')",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, aliases: X}",
            "entry 1 (X): 'aliases' must be a list",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, alias: [X]}",
            "entry 1 (X): unknown field(s) alias",
        ),
    ],
)
def test_malformed_dictionary_names_file_entry_and_problem(tmp_path, content, message):
    path = tmp_path / "bad.yml"
    path.write_text(content)
    with pytest.raises(ActorDictionaryError) as info:
        load_actors(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
