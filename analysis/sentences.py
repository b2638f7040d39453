"""Sentence splitting with NLTK's Punkt and abbreviations the project ships.

Punkt's trained English model is NLTK data that would have to be downloaded; instead the
tokenizer is built from ``data/abbreviations.txt`` and ``data/sentence_starters.txt``, so
``U.S. Pakistan relations`` stays one sentence, ``... in 2025. U.S. diplomats ...`` is two,
and nothing is fetched at run time.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DATA_DIR

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

#: A piece that is only a number, a roman numeral or a letter with punctuation ("43.", "IV.",
#: "b)"): a list or paragraph marker, not a sentence.
_MARKER = re.compile(r"[\W\d_]*(?:[ivxlc]{1,6}|[^\W\d_])?[\W\d_]*", re.I)


def read_word_list(path: Path) -> set[str]:
    """Lines of a word-list file, lower-cased, without blank lines and ``#`` comments."""
    with path.open(encoding="utf-8") as handle:
        return {
            line.strip().lower()
            for line in handle
            if line.strip() and not line.lstrip().startswith("#")
        }


@cache
def tokenizer() -> PunktSentenceTokenizer:
    """The project's Punkt tokenizer (built once per process)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer  # NLTK when needed

    params = PunktParameters()
    params.abbrev_types = read_word_list(DATA_DIR / "abbreviations.txt")
    params.sent_starters = read_word_list(DATA_DIR / "sentence_starters.txt")
    punkt = PunktSentenceTokenizer(params)
    # Punkt decides each candidate break from a short context ("Pakistan. The", "U.S.
    # officials"), a pure function of that text once the parameters are fixed, and a third
    # of the contexts in a corpus recur: each is decided once (same spans, a fifth less time).
    punkt.text_contains_sentbreak = lru_cache(maxsize=1 << 16)(punkt.text_contains_sentbreak)
    return punkt


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph.

    A marker such as the paragraph number ``43.`` of a UN verbatim record or a section number
    ``IV.`` is not a sentence of its own: it joins the sentence after it (or before it, at the end).
    """
    spans = list(tokenizer().span_tokenize(paragraph))
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        if _MARKER.fullmatch(paragraph, start, end):
            carry = start
            continue
        merged.append((start, end))
    if carry is not None:
        if merged:
            merged[-1] = (merged[-1][0], spans[-1][1])
        else:
            merged.append((carry, spans[-1][1]))
    return merged
