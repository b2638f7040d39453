"""Copies and near copies (documents.duplicate_of), held to hand-made pairs: what is a copy
and what, though on the same event, is not."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from datasketch import MinHash

from analysis.tables.duplicates import (
    PERMUTATIONS,
    THRESHOLD,
    _minhash,
    find_duplicates,
    shingles,
    signature,
)
from analysis.tables.pipeline import build_tables

ARTICLE = """The foreign ministers of India and Pakistan met in Islamabad on Tuesday for the first formal talks on the Indus waters in six years. The meeting, held behind closed doors at the Foreign Office, lasted more than four hours and ended without a joint statement.

Officials on both sides described the atmosphere as cordial but businesslike. The Indian delegation raised the pace of construction at two hydroelectric projects on the Chenab, which Pakistan says will reduce the flow of water to its farms in the Punjab during the sowing season.

Pakistan, for its part, asked for the treaty's permanent commission to resume its regular meetings, which have been suspended since 2022. Its delegation also proposed that a neutral expert visit the sites before the monsoon, a request India has resisted in the past.

Analysts in both capitals said the talks were a modest step. The treaty, signed in 1960 with the help of the World Bank, has survived three wars, but it has never faced the pressure of a warming climate and a growing population on both sides of the border.

The two ministers agreed to meet again in New Delhi in the autumn. Until then, technical teams will exchange data on river flows every month, a practice that lapsed during the pandemic."""

SAME_EVENT = """India and Pakistan held their first talks on water sharing in six years in Islamabad on Tuesday, but diplomats said little progress was made on the issues that divide them.

Pakistan's foreign minister told reporters after the meeting that his country wanted guarantees about the flow of the Chenab river. He accused India of building dams faster than the Indus Waters Treaty allows and said Pakistan would take the matter to the World Bank if needed.

India's minister said his government respected the 1960 treaty and was open to dialogue. He said the projects were run-of-the-river plants that store no water and that India had shared their designs years ago.

Farmers in Punjab, who depend on the river for irrigation, watched the talks closely. Many fear that a drier season would cut their wheat harvest. Experts warn that climate change will make the dispute harder to settle.

No date was set for the next round of talks."""


def _jaccard(a: str, b: str) -> float:
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right)


RESAVED = (
    "Home | World | Asia | Opinion\n\n"
    + ARTICLE.replace("\n\n", "\n\n\n")
    + "\n\nShare this article\nMost read\nSubscribe to our newsletter"
)
SYNDICATED = (
    "Water talks: a modest step\n\nBy our correspondent\n\n"
    + ARTICLE
    + "\n\nThis article first appeared in Dawn and is republished with permission."
)
UPDATED = (
    ARTICLE + "\n\nUpdate: on Wednesday the Pakistani foreign office said the two sides had also "
    "agreed to restore a hotline between their water commissioners, which was cut in 2019."
)


@pytest.mark.parametrize(
    ("other", "copy", "low", "high"),
    [
        (RESAVED, True, 0.9, 1.0),
        (SYNDICATED, True, 0.9, 1.0),
        (UPDATED, True, 0.85, 0.95),
        (SAME_EVENT, False, 0.0, 0.05),
    ],
)
def test_hand_made_pairs(other, copy, low, high):
    similarity = _jaccard(ARTICLE, other)
    assert low <= similarity <= high
    assert (similarity >= THRESHOLD) is copy
    frame = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "path": ["a.txt", "b.txt"],
            "published": ["2023-06-15", "2023-06-16"],
            "text": [ARTICLE, other],
        }
    )
    assert find_duplicates(frame).tolist() == [None, "a" if copy else None]


def test_the_minhash_estimate_is_near_the_similarity():
    for other in (RESAVED, SYNDICATED, UPDATED, SAME_EVENT):
        exact = _jaccard(ARTICLE, other)
        estimate = _minhash(signature(ARTICLE)).jaccard(_minhash(signature(other)))
        assert abs(estimate - exact) < 4 * (exact * (1 - exact) / PERMUTATIONS) ** 0.5 + 0.02


def test_the_first_copy_is_the_earliest_then_the_path():
    frame = pd.DataFrame(
        {
            "doc_id": ["late", "undated", "early-b", "early-a"],
            "path": ["z.txt", "a.txt", "b.txt", "c.txt"],
            "published": ["2024", None, "2023-06-15", "2023-06-15"],
            "text": [ARTICLE, RESAVED, SYNDICATED, ARTICLE],
        }
    )
    assert find_duplicates(frame).tolist() == ["early-b", "early-b", None, "early-b"]


def test_a_file_and_a_row_of_a_table_are_copies(tmp_path):
    (tmp_path / "talks.txt").write_text("Indus talks resume\n\n" + ARTICLE)
    (tmp_path / "export.json").write_text(
        json.dumps(
            [
                {"title": "Indus talks", "date": "2023-06-14", "body": ARTICLE},
                {"title": "Other", "date": "2023-06-14", "body": SAME_EVENT},
            ]
        )
    )
    documents = build_tables(tmp_path, progress=False).documents.set_index("doc_id")
    assert documents["duplicate_of"].to_dict() == {
        "export#1": None,
        "export#2": None,
        "talks": "export#1",  # the row is dated earlier; the file has no date
    }


def test_deterministic():
    frame = pd.DataFrame(
        {
            "doc_id": [f"d{n}" for n in range(6)],
            "path": [f"{n}.txt" for n in range(6)],
            "published": [None] * 6,
            "text": [ARTICLE, SAME_EVENT, RESAVED, SYNDICATED, UPDATED, SAME_EVENT + " Yes."],
        }
    )
    first = find_duplicates(frame).tolist()
    assert first == [None, None, "d0", "d0", "d0", "d1"]
    assert find_duplicates(frame.iloc[::-1]).iloc[::-1].tolist() == first
    assert isinstance(_minhash(signature("x")), MinHash)


def test_pages_leave_copies_out_unless_kept(tmp_path, monkeypatch):
    from analysis import notebook as nb
    from analysis.pages import overview

    monkeypatch.setenv("POLICY_DISCOURSE_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(RESAVED)
    (corpus / "c.txt").write_text(SAME_EVENT)
    page = nb.start(str(corpus))
    assert page.documents["doc_id"].tolist() == ["a", "c"]
    assert set(page.tables["sentences"]["doc_id"]) == {"a", "c"}
    assert overview.copies(page.duplicates, page.documents)[["copy", "original"]].to_dict(
        "records"
    ) == [{"copy": "b", "original": "a"}]
    kept = nb.start({"corpus": str(corpus), "keep_duplicates": True})
    assert kept.documents["doc_id"].tolist() == ["a", "b", "c"]
