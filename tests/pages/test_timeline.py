from datetime import date

import pandas as pd
import pytest

from analysis.config import SEEDS_DIR
from analysis.corpus.labels import Empty, escape
from analysis.dictionaries.eras import load_eras
from analysis.options import FeatureOptions
from analysis.pages.timeline import (
    era_mix_figure,
    era_mix_frame,
    publication_year,
    timeline_figure,
    timeline_marks,
)
from analysis.tables.pipeline import build_tables


@pytest.fixture(scope="module")
def seeds():
    # Seed 000 was published "1 day ago": with a reference date it is dated (no date is
    # inferred from the years a text cites since issue 26).
    options = FeatureOptions(reference_date=date(2025, 6, 2))
    return build_tables(SEEDS_DIR, progress=False, options=options)


@pytest.fixture(scope="module")
def eras():
    return load_eras().frame()


def test_publication_year_places_dates_on_a_year_axis():
    assert publication_year("1965") == 1965.5
    assert publication_year("1965-01-01") == 1965.0
    assert publication_year("2000-03-01") == pytest.approx(2000 + 60 / 365.25)  # leap year
    assert publication_year(None) is None
    assert publication_year(float("nan")) is None


def test_escape_makes_document_text_inert():
    assert escape('<img src=x onerror="alert(1)">', None) == '&lt;img src=x onerror="alert(1)"&gt;'
    assert escape("a " * 50, 20).count("<br>") == 4


def test_timeline_places_each_seeds_eras_events_and_date(seeds, eras):
    fig = timeline_figure(seeds.documents, seeds.sentences, eras, seeds.eras, seeds.events)
    by_name = {trace.name: trace for trace in fig.data if trace.name}
    # Rows: the undated seed 004 first (no title: its first words), then 000 (published
    # "1 day ago" from the reference date), each named by its label.
    assert list(fig.layout.yaxis2.ticktext) == [
        "undated: As the US Election draws near, attention gets",
        "2025-06-01: US POLICY ON PAKISTAN AND IMPLICATIONS FOR KASH…",
    ]
    cited = by_name["cited year or date"]
    assert list(cited.x) == [1972.5, 2025.5]
    assert list(cited.y) == [1, 1]
    assert "1972 Shimla Agreement" in cited.hovertext[0]
    assert "1972 Shimla Agreement that Kashmir must be resolved" in cited.hovertext[0].replace(
        "<br>", " "
    )
    assert list(by_name["published"].y) == [1]
    # The Cold War dot is on seed 000's row only; the war on terror on both.
    cold = by_name["Cold War"]
    assert [round(y) for y in cold.y] == [1]
    assert sorted(round(y) for y in by_name["War on terror"].y) == [0, 1]
    assert "Cold War alliances" in cold.hovertext[0]


def test_era_mix_frame_by_document_and_by_year(seeds):
    frame = era_mix_frame(seeds.documents, seeds.era_mix, period="document").set_index(
        ["bin", "era_id"]
    )
    assert frame.loc[("004_913ef7c22a1c9937", "war_on_terror"), "share"] == pytest.approx(9 / 11)
    assert frame.loc[("004_913ef7c22a1c9937", "war_on_terror"), "per_1000"] == pytest.approx(
        9 / 31 * 1000
    )
    # By year only the dated seed (000, 2025-06-01) remains.
    by_year = era_mix_frame(seeds.documents, seeds.era_mix, period="year")
    assert set(by_year["bin"]) == {2025}
    assert by_year["share"].sum() == pytest.approx(1)


def test_era_mix_pools_documents_of_one_year():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "published": ["1985", "1985-06-01", None],
            "sentences": [10, 30, 5],
        }
    )
    mix = pd.DataFrame(
        {
            "doc_id": ["a", "b", "b", "c"],
            "era_id": ["cold_war", "cold_war", "war_1971", "cold_war"],
            "sentences": [2, 4, 2, 1],
        }
    )
    frame = era_mix_frame(documents, mix, period="year").set_index("era_id")
    # 1985: cold war in 6 of the 8 era-framed sentences, of 40 sentences in all.
    assert frame.loc["cold_war", "share"] == pytest.approx(6 / 8)
    assert frame.loc["cold_war", "per_1000"] == pytest.approx(6 / 40 * 1000)
    assert frame.loc["cold_war", "documents"] == 2
    decades = era_mix_frame(documents, mix, period="decade")
    assert set(decades["bin"]) == {1980}
    with pytest.raises(ValueError, match="not one of"):
        era_mix_frame(documents, mix, period="month")


def test_era_mix_figure_switches_between_share_and_rate(seeds, eras):
    fig = era_mix_figure(seeds.documents, seeds.era_mix, eras)
    assert len(fig.data) == 2 * len(eras)
    assert [t.visible for t in fig.data] == [True] * len(eras) + [False] * len(eras)
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == [
        "Share of era-framed sentences (%)",
        "Era-framed sentences per 1,000 sentences",
    ]
    war = next(t for t in fig.data if t.name == "War on terror" and t.visible)
    assert sorted(war.y) == pytest.approx([50.0, 9 / 11 * 100])


def test_hostile_titles_and_sentences_stay_text(eras):
    documents = pd.DataFrame(
        {
            "doc_id": ["evil"],
            "title": ["<script>alert(1)</script>"],
            "published": ["2020"],
            "date_precision": ["year"],
            "sentences": [1],
        }
    )
    sentences = pd.DataFrame(
        {
            "doc_id": ["evil"],
            "sentence_id": [0],
            "text": ['<img src=x onerror="alert(2)"> the Cold War'],
        }
    )
    cues = pd.DataFrame(
        {"doc_id": ["evil"], "sentence_id": [0], "era_id": ["cold_war"], "cue": ["Cold War"]}
    )
    events = pd.DataFrame(
        columns=["doc_id", "sentence_id", "year", "date", "label", "era_id"]
    ).astype({"year": int})
    fig = timeline_figure(documents, sentences, eras, cues, events)
    shown = [*fig.layout.yaxis2.ticktext, fig.layout.title.text]
    shown += [text for trace in fig.data for text in (trace.hovertext or ())]
    assert "2020: &lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert any('&lt;img src=x onerror="alert(2)"&gt; the Cold War' in text for text in shown)
    assert not any("<script" in text or "<img" in text for text in shown)


def _many(n_per_group: int = 25):
    """50 documents of two sources, half in the 1960s and half in the 2000s, each invoking
    the Cold War in its first sentence and citing 1965 in its second."""
    rows = [
        (f"{source[:3]}_{k}", source, f"{1961 + k % 2 * 40 + k % 5}")
        for source in ("Pakistan", "India")
        for k in range(n_per_group)
    ]
    documents = pd.DataFrame(rows, columns=["doc_id", "source", "published"]).assign(
        title=None, date_precision="year", sentences=2, text="x"
    )
    ids = documents["doc_id"]
    sentences = pd.DataFrame(
        {
            "doc_id": [*ids, *ids],
            "sentence_id": [0] * len(ids) + [1] * len(ids),
            "text": ["The Cold War."] * len(ids) + ["The 1965 war."] * len(ids),
        }
    )
    cues = pd.DataFrame({"doc_id": ids, "sentence_id": 0, "era_id": "cold_war", "cue": "Cold War"})
    events = pd.DataFrame(
        {"doc_id": ids, "sentence_id": 1, "year": 1965, "date": "1965", "label": "1965 war"}
    ).assign(era_id="cold_war")
    return documents, sentences, cues, events


def test_a_large_corpus_gets_a_row_per_group_and_decade(eras):
    documents, sentences, cues, events = _many()
    fig = timeline_figure(
        documents, sentences, eras, cues, events, max_documents=40, group_by="source"
    )
    # 50 documents > 40: India and Pakistan, each in the 1960s (13 documents: k even) and
    # the 2000s (12: k odd).
    assert list(fig.layout.yaxis2.ticktext) == [
        "India · 1960s (13 doc.)",
        "India · 2000s (12 doc.)",
        "Pakistan · 1960s (13 doc.)",
        "Pakistan · 2000s (12 doc.)",
    ]
    assert "one row by source and decade of publication" in fig.layout.title.text
    cold = next(t for t in fig.data if t.name == "Cold War" and t.type == "scatter")
    assert [round(y) for y in cold.y] == [0, 1, 2, 3]
    assert "13 sentence(s) in 13 document(s)" in cold.hovertext[0]
    cited = next(t for t in fig.data if t.name == "cited year or date")
    assert list(cited.y) == [0, 1, 2, 3]  # one diamond per row for 1965, cited 13 or 12 times
    assert "cited 13 times" in cited.hovertext[0] and "cited 12 times" in cited.hovertext[1]
    assert not any(t.name == "published" for t in fig.data)  # a period bar instead of stars
    # Up to 50 documents, one row each, as before.
    fig = timeline_figure(documents, sentences, eras, cues, events, max_documents=50)
    assert len(fig.layout.yaxis2.ticktext) == 50


def test_nothing_to_draw_is_said_in_words(eras):
    documents, sentences, cues, events = _many(1)
    none = timeline_figure(documents, sentences, eras, cues.head(0), events.head(0))
    assert isinstance(none, Empty)
    assert none.startswith("No timeline: no sentence invokes an era")
    mix = pd.DataFrame(columns=["doc_id", "era_id", "sentences"])
    empty = era_mix_figure(documents, mix, eras)
    assert isinstance(empty, Empty) and "no sentence invokes an era" in empty
    undated = documents.assign(published=None)
    mix = pd.DataFrame({"doc_id": documents["doc_id"], "era_id": "cold_war", "sentences": 1})
    assert "have no date" in era_mix_figure(undated, mix, eras, period="year")
    assert era_mix_frame(undated, mix, period="year").empty


def test_era_mix_frame_per_group():
    documents = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "published": ["1965", "1968", "1965"],
            "sentences": [10, 10, 20],
        }
    )
    mix = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "era_id": ["cold_war"] * 3, "sentences": [1, 3, 5]}
    )
    group = pd.Series({"a": "PAK", "b": "PAK", "c": "IND"})
    frame = era_mix_frame(documents, mix, period="decade", groups=group).set_index(["group", "bin"])
    # PAK in the 1960s: 4 era sentences of 20; IND: 5 of 20.
    assert frame.loc[("PAK", 1960), "per_1000"] == pytest.approx(200)
    assert frame.loc[("IND", 1960), "per_1000"] == pytest.approx(250)
    assert frame.loc[("PAK", 1960), "bin_documents"] == 2


def test_plotly_placeholders_in_a_title_are_not_filled_in(eras):
    documents, sentences, cues, events = _many(1)
    documents["title"] = ["Costs %{x} and %{y:.2f} of war", "Another %{text} title"]
    fig = timeline_figure(documents, sentences, eras, cues, events)
    texts = [*fig.layout.yaxis2.ticktext]
    texts += [text for trace in fig.data for text in (trace.hovertext or ())]
    texts += [trace.hovertemplate or "" for trace in fig.data]
    assert any("Costs &#37;{x} and &#37;{y:.2f} of war" in text for text in texts)
    assert not any("%{x} and" in text for text in texts)


def test_timeline_marks_layer_by_layer_by_hand():
    documents = pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "title": ["Aid talks", "Kashmir"],
            "published": ["1990", None],
            "date_precision": ["year", "unknown"],
            "sentences": [3, 1],
        }
    )
    eras = pd.DataFrame(
        {
            "era_id": ["cold_war", "after"],
            "label": ["Cold War", "After it"],
            "start": [1947, 1992],
            "end": [1991, None],
            "color": ["#111111", ""],
        }
    )
    sentences = pd.DataFrame(
        {"doc_id": ["d1"] * 3 + ["d2"], "sentence_id": [0, 1, 2, 0], "text": list("ABCD")}
    )
    cues = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "sentence_id": [0, 1, 0],
            "era_id": ["cold_war", "cold_war", "after"],
            "cue": ["Cold War", "the Cold War ", "since then"],
        }
    )
    events = pd.DataFrame(
        {
            "doc_id": ["d1"] * 3,
            "sentence_id": [1, 2, 2],
            "year": [1971, 1971, 1965],
            "date": ["1971", "1971", "1965-09-06"],
            "label": ["1971 war", "1971 war", "6 September 1965"],
            "era_id": ["cold_war", "cold_war", None],
        }
    )
    marks = timeline_marks(documents, sentences, eras, cues, events, today=2030)
    # Rows: the undated d2 first, then d1.
    assert marks.rows[["row", "label"]].to_dict("records") == [
        {"row": 0, "label": "undated: Kashmir"},
        {"row": 1, "label": "1990: Aid talks"},
    ]
    # Two eras, two lanes: (k - 0.5) * 0.6 / 2 = -0.15 and +0.15 about the row; an open era
    # runs to today + 1; a dot grows as 6 + 4 * sqrt(sentences).
    cue = marks.cues.set_index("era_id")
    assert cue.loc["cold_war", ["row", "y", "start", "end", "x"]].tolist() == [
        1,
        0.85,
        1947,
        1992,
        1969.5,
    ]
    assert cue.loc["cold_war", "size"] == pytest.approx(6 + 4 * 2**0.5)
    assert cue.loc["cold_war", "hover"] == (
        "<b>Cold War</b> · 2 sentence(s)<br>cues: Cold War, the Cold War<br><i>A</i>"
    )
    assert cue.loc["after", ["row", "y", "end", "size"]].tolist() == [0, 0.15, 2031, 10.0]
    # Events: one diamond per row and date, in date order; 1971 is cited twice.
    assert marks.events["date"].tolist() == ["1965-09-06", "1971"]
    assert marks.events["x"].tolist() == [1965 + (243 + 5) / 365.25, 1971.5]
    assert marks.events["size"].tolist() == [10.0, 8 + 2 * 2**0.5]
    assert marks.events["hover"].tolist() == [
        "<b>6 September 1965</b> (1965-09-06)<br><i>C</i>",
        "<b>1971 war</b> (1971) · Cold War · cited 2 times<br><i>B</i>",
    ]
    assert marks.published[["row", "x", "hover"]].to_dict("records") == [
        {"row": 1, "x": 1990.5, "hover": "published 1990"}
    ]
    # The axis: from the earliest year (1947) to the latest (today + 1), 3 years each side.
    assert marks.x_range == [1944, 2034]
    assert marks.per_document and marks.note == ""
    # Past max_documents: one row per period, no stars, and the cue counts its documents.
    grouped = timeline_marks(documents, sentences, eras, cues, events, max_documents=1, today=2030)
    assert grouped.rows["label"].tolist() == ["undated (1 doc.)", "1990s (1 doc.)"]
    assert grouped.rows["start"].tolist()[1:] == [1990] and grouped.rows["end"].tolist()[1:] == [
        2000
    ]
    assert grouped.published.empty and not grouped.per_document
    assert " in 1 document(s)" in grouped.cues.set_index("era_id").loc["cold_war", "hover"]
