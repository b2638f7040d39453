import math
import re
import sys

import pandas as pd
import pytest

from analysis.corpus.keywords import (
    collocation_min_count,
    collocations,
    dispersion,
    document_frequency,
    keyness,
    kwic,
    top_terms,
)
from analysis.dictionaries.phrases import ASCII_FOLDING
from analysis.features.terms import (
    _phrase_matches,
    _phrase_pattern,
    count_terms,
    phrase_list,
    tokenize,
)


def test_tokenize_keeps_phrases_acronyms_and_drops_numbers():
    assert tokenize("The U.S. and Pakistan’s war on terror cost 1,000 lives; the US’s Cold War role.") == [
        "the", "US", "and", "pakistan", "war on terror", "cost", "lives", "the", "US", "cold war", "role",
    ]  # fmt: skip
    assert tokenize("New Delhi talks", stem=True) == ["new delhi", "talk"]


def test_lower_casing_keeps_what_the_phrase_pattern_looks_at():
    # _phrase_matches looks for lower-cased phrases in the lower-cased text, case respected:
    # the same spans as the pattern that ignores case, as long as lower-casing keeps each
    # character one character, a word character or not, and outside ASCII or not.
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    changed = [c for c in everything if len(c.lower()) != 1]
    assert changed == ["\u0130"]  # İ: "i" and a combining dot
    kept = everything.replace("\u0130", "")
    lowered = kept.lower()
    assert len(lowered) == len(kept)

    def word_mask(text: str) -> str:
        return re.sub(r"\w", "1", re.sub(r"\W", "0", text))

    assert word_mask(lowered) == word_mask(kept)
    into_ascii = {c for c, low in zip(kept[128:], lowered[128:], strict=True) if low < "\x80"}
    assert into_ascii == {"\u212a"}  # the Kelvin sign; with İ, two of the four
    assert into_ascii | set(changed) <= ASCII_FOLDING


@pytest.mark.parametrize(
    "sentence",
    [
        "The Cold War and the War on Terror, then the COLD   WAR again.",
        "Talks in NEW\u00a0DELHI and new delhi; newdelhi is no phrase.",
        "The \u017foviet Union fell; the Soviet union fell.",  # long s: ignoring case, an s
        "\u0130ndo-Pacific strategy and the Indo-Pacific.",  # İ: ignoring case, an i
        "Ban Ki-moon spoke of the Kelvin-sign \u212aashmir and the cold war.",
        "Çold War, cold warfare and the Côte d'Ivoire.",
    ],
)
def test_phrases_are_found_as_the_pattern_that_ignores_case_finds_them(sentence):
    phrases = phrase_list()
    reference = [m.span() for m in _phrase_pattern(phrases).finditer(sentence)]
    assert [m.span() for m in _phrase_matches(sentence, phrases)] == reference
    assert [m.span() for m in _phrase_matches(sentence, ("Cold War", "côte d'ivoire"))] == [
        m.span() for m in _phrase_pattern(("Cold War", "côte d'ivoire")).finditer(sentence)
    ]


def test_a_letter_that_folds_into_ascii_still_makes_a_phrase():
    assert "soviet union" in tokenize("The Soviet Union fell.")
    assert tokenize("The \u017foviet Union fell.") == ["the", "\u017foviet union", "fell"]
    assert tokenize("The \u0130ndo-Pacific tilt.") == ["the", "i\u0307ndo-pacific", "tilt"]


def test_count_terms_ngrams_skip_stop_words():
    counts = count_terms(["India and Pakistan signed the Shimla Agreement in 1972."])
    assert counts == {
        ("india", 1): 1,
        ("pakistan", 1): 1,
        ("signed", 1): 1,
        ("shimla agreement", 1): 1,
        ("pakistan signed", 2): 1,  # "signed the ..." holds a stop word: no longer n-gram
    }


@pytest.fixture
def terms():
    return pd.DataFrame(
        {
            "doc_id": ["t1", "t1", "r1", "r2"],
            "term": ["kashmir", "people", "people", "economy"],
            "ngram": [1, 1, 1, 1],
            "count": [10, 90, 500, 500],
        }
    )


def test_keyness_by_hand(terms):
    out = keyness(terms, ["t1"]).set_index("term")
    # a=10, b=0, c=100, d=1000: E1 = 100*10/1100; G2 = 2*10*ln(10/E1) = 20 ln 11 = 47.958.
    assert out.loc["kashmir", "g2"] == pytest.approx(20 * math.log(11))
    # log ratio with 0.5 for the zero count: log2((10/100) / (0.5/1000)) = log2(200).
    assert out.loc["kashmir", "log_ratio"] == pytest.approx(math.log2(200))
    assert out.loc["kashmir", "target_per_10k"] == pytest.approx(1000)
    # "economy" is absent from the target: negative keyness.
    assert out.loc["economy", "g2"] < 0
    assert out.index[0] == "kashmir"
    # chi2 of [[10, 0], [90, 1000]]: N(ad-bc)^2 / (row and column totals).
    n, a, b, c, d = 1100, 10, 0, 90, 1000
    chi2 = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    assert out.loc["kashmir", "chi2"] == pytest.approx(chi2)


def test_top_terms_and_document_frequency(terms):
    documents = pd.DataFrame({"doc_id": ["t1", "r1", "r2"], "group": ["seed", "sotu", "sotu"]})
    top = top_terms(terms, documents, group_by="group", top_n=1)
    assert top[["group", "term", "count", "rank"]].to_dict("records") == [
        {"group": "seed", "term": "people", "count": 90, "rank": 1},
        {"group": "sotu", "term": "economy", "count": 500, "rank": 1},
    ]
    df = document_frequency(terms).set_index("term")
    assert df.loc["people", "docfreq"] == 2 and df.loc["people", "share"] == pytest.approx(2 / 3)
    with pytest.raises(
        ValueError, match="cannot group by 'year'; documents columns are: doc_id, group"
    ):
        top_terms(terms, documents, group_by="year")


def test_kwic_collocations_and_dispersion():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "sentence_id": [0, 1, 2],
            "text": [
                "Nuclear deterrence shaped the war on terror era.",
                "Nuclear deterrence remains central.",
                "Experts doubt nuclear deterrence.",
            ],
        }
    )
    hits = kwic(sentences, "war on terror", window=10)
    assert hits.to_dict("records") == [
        {
            "doc_id": "a",
            "sentence_id": 0,
            "left": "haped the ",
            "match": "war on terror",
            "right": " era.",
        }
    ]
    col = collocations(sentences, min_count=3)
    assert col.to_dict("records")[0]["bigram"] == "nuclear deterrence"
    assert col.to_dict("records")[0]["count"] == 3
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Kashmir at start. Middle. Kashmir"]})
    spread = dispersion(docs, ["kashmir"])
    assert spread["offset"].tolist() == [0, 26]
    assert spread["position"].tolist() == pytest.approx([0, 26 / 33])


def test_a_document_without_a_value_is_in_the_none_group(terms):
    # The same "(none)" group as keyness, readability and every other page.
    documents = pd.DataFrame({"doc_id": ["t1", "r1", "r2"], "group": ["seed", None, "sotu"]})
    top = top_terms(terms, documents, group_by="group", top_n=1)
    assert set(top["group"]) == {"seed", "sotu", "(none)"}


def test_keyness_of_a_side_without_words_is_empty(terms):
    assert keyness(terms, ["t1"], ["nobody"]).empty


def test_collocations_rank_by_log_likelihood_t_score_or_pmi():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a"] * 5,
            "sentence_id": range(5),
            "text": [
                "Nuclear deterrence held.",
                "Nuclear deterrence failed.",
                "Nuclear deterrence again.",
                "Nuclear talks resumed.",
                "Rare earths matter.",
            ],
        }
    )
    # Content words ("again" is a stop word): nuclear x4, deterrence x3, and eight words
    # once each; with a break after each sentence, NLTK counts N = 14 + 5 = 19 tokens.
    by_ll = collocations(sentences, measure="likelihood", min_count=1)
    assert by_ll["bigram"].iloc[0] == "nuclear deterrence"
    # PMI favours the pairs of words seen once: log2(1 * N / (1 * 1)) = log2(19) each,
    # above "nuclear deterrence", log2(3 * 19 / (4 * 3)).
    by_pmi = collocations(sentences, measure="pmi", min_count=1).set_index("bigram")["score"]
    assert list(by_pmi.index[:3]) == ["earths matter", "rare earths", "talks resumed"]
    assert by_pmi.iloc[:3].tolist() == pytest.approx([math.log2(19)] * 3)
    assert by_pmi["nuclear deterrence"] == pytest.approx(math.log2(3 * 19 / (4 * 3)))
    by_t = collocations(sentences, measure="t", min_count=2)
    assert by_t.to_dict("records")[0] | {"score": 0} == {
        "bigram": "nuclear deterrence",
        "count": 3,
        "score": 0,
    }
    assert len(by_t) == 1  # only it is seen twice or more
    with pytest.raises(ValueError, match="measure 'dice' is not one of"):
        collocations(sentences, measure="dice")


def test_the_least_count_of_a_collocation_grows_with_the_corpus():
    assert collocation_min_count(1_519) == 2  # the seeds
    assert collocation_min_count(250_000) == 3
    assert collocation_min_count(2_077_226) == 21  # ../shared/corpora
