"""Document labels, groups and the default sides of a comparison: one way for every page."""

import pandas as pd
import pytest

from analysis.corpus.labels import (
    ALL_DOCUMENTS,
    NONE,
    Empty,
    choose_grouping,
    compare_sides,
    document_labels,
    escape,
    grouping_column,
    groups,
)

UN = "UN General Assembly General Debate statement, session {} ({}): {}"


def _un(rows):
    return pd.DataFrame(
        [
            {
                "doc_id": doc,
                "path": f"corpora/un_general_debate/{doc}.txt",
                "title": UN.format(session, year, country),
                "source": source,
                "author": None,
                "published": str(year),
                "date_precision": "year",
            }
            for doc, session, year, country, source in rows
        ]
    )


def test_un_statements_are_named_by_country_year_and_session():
    docs = _un(
        [
            ("CHN_01_1946", 1, 1946, "China", "China (Republic of China delegation, 1946-1971)"),
            ("IND_20_1965", 20, 1965, "India", "India"),
            ("PAK_20_1965", 20, 1965, "Pakistan", "Pakistan"),
            ("PAK_56_2001", 56, 2001, "Pakistan", "Pakistan"),
        ]
    )
    # The prefix every title shares goes; the country and year, already said, go from the
    # rest; the bracket after the source that only dates it goes too.
    assert document_labels(docs, plain=True).to_dict() == {
        "CHN_01_1946": "China, 1946: session 1",
        "IND_20_1965": "India, 1965: session 20",
        "PAK_20_1965": "Pakistan, 1965: session 20",
        "PAK_56_2001": "Pakistan, 2001: session 56",
    }


def test_labels_without_sources_use_the_title_else_the_first_words():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "path": ["x/a.txt", "x/b.txt", "x/c.txt"],
            "title": [
                "Inaugural address, 1789 (George Washington)",
                None,
                "Inaugural address, 1793 (George Washington)",
            ],
            "source": [None, None, None],
            "author": ["George Washington", None, "George Washington"],
            "published": ["1789", None, "1793"],
            "date_precision": ["year", "unknown", "year"],
            "text": ["", "Kashmir is again in the news, as it was in 1965 and later.", ""],
        }
    )
    # One author only: not said. The shared "Inaugural address, " goes and the year with it.
    assert document_labels(docs, plain=True).to_dict() == {
        "a": "1789: George Washington",
        "b": "undated: Kashmir is again in the news, as it",  # its first 8 words
        "c": "1793: George Washington",
    }
    # Escaped for charts, % as an entity so plotly fills in no placeholder.
    docs.loc[0, "title"] = "<b>50% %{x}</b>"
    assert document_labels(docs)["a"] == "1789: &lt;b&gt;50&#37; &#37;{x}&lt;/b&gt;"


def test_two_documents_that_would_read_the_same_get_their_doc_id():
    docs = pd.DataFrame(
        {"doc_id": ["x1", "x2"], "title": ["Same", "Same"], "published": ["2020", "2020"]}
    )
    assert list(document_labels(docs, plain=True)) == ["2020 [x1]", "2020 [x2]"]


def test_groups_put_a_document_without_a_value_in_none():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["Dawn", None, "  "]})
    assert groups(docs, "source").to_dict() == {"a": "Dawn", "b": NONE, "c": NONE}
    assert groups(docs, "").to_dict() == {
        "a": ALL_DOCUMENTS,
        "b": ALL_DOCUMENTS,
        "c": ALL_DOCUMENTS,
    }
    with pytest.raises(ValueError, match="cannot group by 'colour'; documents columns are"):
        groups(docs, "colour")


def test_the_grouping_column_is_the_first_with_two_values():
    docs = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "source": ["Dawn", None, "Dawn", None],  # one value: no grouping
            "author": ["Roe", "Doe", "Roe", "Doe"],
            "origin": ["u1", "u2", "u3", "u4"],  # one value per file: never a grouping
            "desk": ["east", "west", "east", "east"],
        }
    )
    assert grouping_column(docs) == "author"
    assert grouping_column(docs.drop(columns="author")) == "desk"
    assert grouping_column(docs.drop(columns=["author", "desk"])) == ""
    assert grouping_column(docs, "source") == "source"  # as asked
    column, said = choose_grouping(docs.drop(columns=["author", "desk"]))
    assert column == "" and said.startswith("Groups: none")


def test_default_sides_are_the_two_largest_groups_else_the_first_two_documents():
    docs = _un(
        [
            ("IND_1", 1, 1950, "India", "India"),
            ("IND_2", 2, 1951, "India", "India"),
            ("AFG_1", 1, 1950, "Afghanistan", "Afghanistan"),
            ("PAK_1", 1, 1950, "Pakistan", "Pakistan"),
            ("PAK_2", 2, 1951, "Pakistan", "Pakistan"),
            ("PAK_3", 3, 1952, "Pakistan", "Pakistan"),
        ]
    )
    sides = compare_sides(docs)
    assert sides.group_by == "source"
    assert (sides.a.name, sides.a.ids) == ("Pakistan", ["PAK_1", "PAK_2", "PAK_3"])
    assert (sides.b.name, sides.b.ids) == ("India", ["IND_1", "IND_2"])
    assert sides.said.startswith(
        "Pakistan (3 document(s)) against India (2 document(s)), by source. "
        "By default the two largest groups of its 3 by source"
    )
    chosen = compare_sides(docs, "source", ["Afghanistan", "India"])
    assert [s.name for s in chosen] == ["Afghanistan", "India"]
    # No column with two values: the first two documents, by their labels.
    plain = docs.assign(source=None)
    sides = compare_sides(plain)
    assert sides.group_by == "doc_id"
    assert [s.ids for s in sides] == [["IND_1"], ["IND_2"]]
    assert [s.name for s in sides] == ["1950: session 1: India", "1951: session 2: India"]
    # One document: a second side with none.
    one = compare_sides(plain.head(1))
    assert one.b.ids == [] and "one document" in one.said
    with pytest.raises(ValueError, match="no document has source = 'Nepal'"):
        compare_sides(docs, "source", ["Nepal", "India"])


def test_escape_makes_text_inert_for_plotly():
    assert escape("<i>%{y}</i> & 10%", None) == "&lt;i&gt;&#37;{y}&lt;/i&gt; &amp; 10&#37;"
    assert isinstance(Empty("nothing"), str)
