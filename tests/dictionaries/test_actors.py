from datetime import date

import networkx as nx
import pytest

from analysis.config import SEEDS_DIR
from analysis.corpus.networks import (
    candidate_actors,
    cooccurrence_graph,
    evidence,
    write_graph,
)
from analysis.dictionaries.actors import (
    ActorDictionaryError,
    find_mentions,
    load_actors,
    read_mentions,
)
from analysis.tables.pipeline import build_tables


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
    # Every seed mention is a name; both seeds are undated (000 says "1 day ago" and no
    # reference date was given; no date is inferred from the years a text cites since issue
    # 26), so both are read as of today.
    assert set(m["resolved_by"]) == {"name"}
    assert m["as_of"].isna().all()
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
        (
            "actors:\n  - {id: X, label: X, kind: state, aliases: [{name: X, from: 1990}]}",
            "entry 1 (X): a dated name takes name, start, end, not from",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, start: 1990-02-30, aliases: [X]}",
            "not valid YAML (day is out of range for month)",  # YAML reads dates itself
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, start: '1990-02-30', aliases: [X]}",
            "entry 1 (X): '1990-02-30' is not a real date",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, start: 1991, end: 1990, aliases: [X]}",
            "entry 1 (X): ends before it starts",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, aliases: [Ruritania]}\n"
            "  - {id: Y, label: Y, kind: state, start: 1990, aliases: [Ruritania]}",
            "'Ruritania' is given for both X and Y over the same years",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, aliases: [X]}\n"
            "offices:\n  - {role: king, of: ZZZ, titles: [King]}",
            "office king of unknown actor ZZZ",
        ),
        (
            "actors:\n  - {id: X, label: X, kind: state, aliases: [X]}\noffices:\n  - {role: king, of: X}",
            "office 1: give 'titles' or 'phrases'",
        ),
        ("include: [bad.yml]\nactors: []", "bad.yml is included in a loop"),
        ("persons:\n  - X | Y", "person 1: expected 'ID | label | affiliation | names | roles'"),
        (
            "persons:\n  - X | Xavier | PAK | Xavier | president 1990",
            "person 1 (X): role 'president 1990' is not 'role START END'",
        ),
        ("persons:\n  - X | Xavier | PAK |  | president 1990 -", "person 1 (X): nothing to match"),
        ("actors: []\nevents:\n  - {name: Yalta}", "event 1: an event is {name, date}"),
        (
            "actors: []\nevents:\n  - {name: Yalta Conference, date: 1945}",
            "event 1: 'date' must be a day (YYYY-MM-DD)",
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


def test_a_user_file_of_the_first_format_still_loads(tmp_path):
    # Plain names and roles with years, as user files were written before dates were used.
    own = tmp_path / "old.yml"
    own.write_text(
        "actors:\n"
        "  - {id: SHARIF_N, label: Nawaz Sharif, kind: person, affiliation: PAK,\n"
        "     aliases: [Nawaz Sharif, Mian Sahib], roles: [{role: prime minister, start: 2013, end: 2017}]}\n"
        "ignore: [Sharif Medical City]\n"
    )
    mine = load_actors(own)
    assert mine.actors["SHARIF_N"].aliases == ("Nawaz Sharif", "Mian Sahib")  # replaced
    assert marked("Mian Sahib met the press", mine) == [("Mian Sahib", "SHARIF_N")]
    # The years read as whole years: the first day of the first, the last of the last.
    periods = [p for a, p in mine.holders[("PAK", "prime minister")] if a == "SHARIF_N"]
    assert [(p.start, p.end) for p in periods] == [(date(2013, 1, 1), date(2017, 12, 31))]
    found = find_mentions("the Prime Minister of Pakistan", mine, day=date(2015, 6, 1))
    assert [(a, how) for _, _, a, _, how in found] == [("SHARIF_N", "office"), ("PAK", "name")]


def test_a_user_file_dates_names_adds_offices_and_includes(tmp_path):
    (tmp_path / "people.yml").write_text(
        "actors:\n"
        "  - {id: RUL_A, label: Rudolf, kind: person, affiliation: RUR, aliases: [Rudolf],\n"
        "     roles: [{role: king, start: 1900-01-01, end: 1920-06-30}]}\n"
        "  - {id: RUL_B, label: Flavia, kind: person, affiliation: RUR, aliases: [Flavia],\n"
        "     roles: [{role: king, start: 1920-06-30}]}\n"
    )
    (tmp_path / "mine.yml").write_text(
        "include: [people.yml]\n"
        "actors:\n"
        "  - {id: RUR, label: Ruritania, kind: state, aliases: [Ruritania],\n"
        "     demonyms: [Ruritanian], capitals: [{name: Strelsau, end: 1950}, {name: Zenda, start: 1951}]}\n"
        "offices:\n"
        "  - {role: king, of: RUR, titles: [King, Monarch]}\n"
    )
    mine = load_actors(tmp_path / "mine.yml", extend=False)
    assert set(mine.actors) == {"RUR", "RUL_A", "RUL_B"}

    def read(text, day):
        return [(s, a, how) for _, _, a, s, how in find_mentions(text, mine, day=day)]

    assert read("Strelsau and Zenda", date(1930, 1, 1)) == [("Strelsau", "RUR", "name")]
    assert read("Strelsau and Zenda", date(1960, 1, 1)) == [("Zenda", "RUR", "name")]
    assert read("Strelsau and Zenda", None) == [("Zenda", "RUR", "name")]  # as of today
    assert read("the Ruritanian King", date(1910, 1, 1)) == [
        ("Ruritanian King", "RUL_A", "office"),
        ("Ruritanian", "RUR", "name"),
    ]
    # The day power passed belongs to both: the office counts for the state alone.
    assert read("the King of Ruritania", date(1920, 6, 30)) == [("Ruritania", "RUR", "name")]
    assert read("the King of Ruritania", date(1921, 1, 1))[0] == (
        "King of Ruritania",
        "RUL_B",
        "office",
    )
    # Without a date, no holder: the state, named inside it, counts.
    assert read("the King of Ruritania", None) == [("Ruritania", "RUR", "name")]


def test_mentions_say_how_they_were_resolved_and_as_of_when(tmp_path):
    (tmp_path / "dated.txt").write_text(
        "Moscow and the Prime Minister of Pakistan\n\nIn 1962, Moscow sent the Prime Minister of "
        "Pakistan a note. Nothing else was said in 1965.\n"
    )
    (tmp_path / "undated.txt").write_text("Moscow\n\nMoscow wrote to the Secretary-General.\n")
    # Dated by its manifest (no date is inferred from the years a text cites since issue 26).
    (tmp_path / "manifest.csv").write_text("file,date\ndated.txt,1965\n")
    tables = build_tables(tmp_path, progress=False)
    rows = tables.mentions[["doc_id", "surface", "actor_id", "resolved_by", "as_of"]]
    rows = rows.astype(object).where(rows.notna(), None)  # undated: no as_of
    assert rows.to_dict("records") == [
        # The document is dated 1965 (its manifest), but the sentence speaks of 1962, and is
        # read as of that year.
        {
            "doc_id": "dated",
            "surface": "Moscow",
            "actor_id": "SUN",
            "resolved_by": "name",
            "as_of": "1962",
        },
        # No prime minister in 1962 (Ayub Khan was president): the office is the state's,
        # which it names.
        {
            "doc_id": "dated",
            "surface": "Pakistan",
            "actor_id": "PAK",
            "resolved_by": "name",
            "as_of": "1962",
        },
        {
            "doc_id": "undated",
            "surface": "Moscow",
            "actor_id": "RUS",
            "resolved_by": "name",
            "as_of": None,
        },
        {
            "doc_id": "undated",
            "surface": "the Secretary-General",
            "actor_id": "UNO",
            "resolved_by": "office",
            "as_of": None,
        },
    ]


def test_a_user_file_gives_persons_one_a_line_and_dated_events(tmp_path):
    own = tmp_path / "mine.yml"
    own.write_text(
        "actors:\n  - {id: RUR, label: Ruritania, kind: state, aliases: [Ruritania], "
        "demonyms: [Ruritanian]}\n"
        "persons:\n"
        "  - RUL_A | Rudolf Elphberg | RUR | Rudolf Elphberg; King Rudolf; =Elphberg @..1920-06 | "
        "king 1900 1920-06-30\n"
        "  - RUL_B | Flavia Elphberg | RUR | Flavia; =Elphberg @1920-07-01.. | king 1920-06-30 -\n"
        "offices:\n  - {role: king, of: RUR, titles: [King]}\n"
        "events:\n  - {name: Treaty of Zenda, date: 1915-05-01}\n"
    )
    mine = load_actors(own, extend=False)
    rudolf = mine.actors["RUL_A"]
    assert (rudolf.kind, rudolf.affiliation, rudolf.exact) == ("person", "RUR", ("Elphberg",))
    assert [(r.role, r.period.start, r.period.end) for r in rudolf.roles] == [
        ("king", date(1900, 1, 1), date(1920, 6, 30))
    ]

    def read(text, day, cited=()):
        return [
            (m.surface, m.actor_id, m.resolved_by, m.as_of)
            for m in read_mentions(text, mine, day=day, cited=cited)
        ]

    assert read("Elphberg", date(1910, 1, 1)) == [("Elphberg", "RUL_A", "name", None)]
    assert read("Elphberg", date(1930, 1, 1)) == [("Elphberg", "RUL_B", "name", None)]
    assert read("elphberg", date(1930, 1, 1)) == []  # as written
    # The King on the document's date, or on the date the sentence names.
    assert read("the Ruritanian King", date(1930, 1, 1))[0][:2] == ("Ruritanian King", "RUL_B")
    in_1910 = read("In 1910 the King of Ruritania spoke.", date(1930, 1, 1), [(3, 7, "1910")])
    assert in_1910[0] == ("King of Ruritania", "RUL_A", "office", "1910")
    # The former King is the one who reigned before; the treaty's date makes 1915 precise.
    assert read("the former King of Ruritania", date(1930, 1, 1))[0][1] == "RUL_A"
    assert read("In 1915 the King signed the Treaty of Zenda.", None, [(3, 7, "1915")]) == []
    dated = read(
        "In 1915 the King of Ruritania signed the Treaty of Zenda.", None, [(3, 7, "1915")]
    )
    assert dated[0] == ("King of Ruritania", "RUL_A", "office", "1915-05-01")
