"""Terms: what words a text uses, and which words mark one group of texts against another.

Tokens are words of letters (with inner apostrophes and hyphens), lower-cased, except
acronyms written in capitals or with dots, which keep their capitals so "US" is never the
stop word "us", and lose their dots, so "U.S." and "US" (a house style, not a difference of
content) are one term, "US". Numbers are not terms. Phrases in ``data/phrases.txt``
("war on terror", "Cold War", "New Delhi") are single terms. Unigrams drop stop words
(``data/stopwords.txt``); bigrams and trigrams are runs within a sentence that contain no
stop word, as tidytext and quanteda users form them. Optional Snowball stemming.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import pyarrow as pa

from ..config import DATA_DIR
from ..dictionaries.phrases import folds_into_ascii
from ..ingest.sentences import read_word_list
from ..schema import Table, columns
from . import Analysis, Document

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,}")
_POSSESSIVE = re.compile(r"['’]s$")


@cache
def stopword_list() -> frozenset[str]:
    """The shipped English stop words (curly apostrophes normalised to straight ones)."""
    return frozenset(read_word_list(DATA_DIR / "stopwords.txt"))


@cache
def phrase_list() -> tuple[str, ...]:
    """The shipped multi-word terms, longest first."""
    return tuple(sorted(read_word_list(DATA_DIR / "phrases.txt"), key=len, reverse=True))


@cache
def _phrase_pattern(phrases: tuple[str, ...], ignore_case: bool = True) -> re.Pattern:
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    # The class of first letters lets the engine pass over most places at once (the same
    # matches, a third faster: the class ignores case as the phrases do).
    firsts = re.escape("".join(sorted({p[0] for p in phrases if p})))
    ahead = f"(?=[{firsts}])" if all(phrases) else ""
    return re.compile(rf"(?<!\w){ahead}(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _phrase_matches(text: str, phrases: tuple[str, ...]) -> Iterator[re.Match]:
    """The kept phrases in ``text``, as the pattern that ignores case finds them.

    Phrases of ASCII characters, lower-cased, find the same spans in the lower-cased text
    with case respected, at two thirds of the cost. Lower-casing keeps each character one
    character, a word character or not, and outside ASCII or not (``tests/features/test_terms.py``
    tries every code point), except for two of the four characters that match an ASCII
    letter only when case is ignored (:data:`analysis.dictionaries.phrases.ASCII_FOLDING`): a text that
    holds one of the four, or phrases that are not ASCII, take the pattern that ignores
    case."""
    lowered = _lower_phrase_pattern(phrases)
    if lowered and not folds_into_ascii(text):
        return lowered.finditer(text.lower())
    return _phrase_pattern(phrases).finditer(text)


@cache
def _lower_phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not all(map(str.isascii, phrases)):
        return None
    return _phrase_pattern(tuple(p.lower() for p in phrases), ignore_case=False)


def tokenize(text: str, *, phrases: tuple[str, ...] | None = None, stem: bool = False) -> list[str]:
    """Term tokens of one sentence, in order (stop words included; callers drop them).

    >>> tokenize("The U.S. and Pakistan’s war on terror cost 1,000 lives.")
    ['the', 'US', 'and', 'pakistan', 'war on terror', 'cost', 'lives']
    """
    phrases = phrase_list() if phrases is None else phrases
    tokens: list[str] = []
    position = 0
    spans = list(_phrase_matches(text, phrases)) if phrases else []
    for match in [*spans, None]:
        end = match.start() if match else len(text)
        tokens.extend(map(_word, _TOKEN.findall(text, position, end)))
        if match:
            tokens.append(" ".join(match.group().lower().split()))
            position = match.end()
    if stem:
        stemmer = _stemmer()
        tokens = [t if " " in t or _ACRONYM.fullmatch(t) else stemmer.stem(t) for t in tokens]
    return tokens


@cache
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # NLTK is imported only when needed

    return SnowballStemmer("english")


@cache  # once per distinct token
def _word(token: str) -> str:
    token = _POSSESSIVE.sub("", token)
    if _ACRONYM.fullmatch(token):
        return token.replace(".", "")  # U.S. and US: one spelling of one name
    return token.lower().replace("’", "'")


def count_terms(sentences: list[str], *, max_n: int = 3, stem: bool = False) -> Counter:
    """Counts of ``(term, ngram)`` over sentences, for n-grams up to ``max_n``.

    An n-gram is n tokens in a row within one sentence, none of them a stop word (so n-grams
    are taken within the runs of content words between stop words).
    """
    stop = stopword_list()
    # The document's tokens in order, with None for each stop word and after each sentence:
    # the n-grams are then the windows of this one list that hold no None, and each is
    # counted by Counter in C rather than formed word by word in Python.
    marked: list[str | None] = []
    for sentence in sentences:
        marked += [None if token in stop else token for token in tokenize(sentence, stem=stem)]
        marked.append(None)
    counts = Counter({(term, 1): count for term, count in Counter(filter(None, marked)).items()})
    for n in range(2, max_n + 1):
        windows = zip(*(marked[i:] for i in range(n)), strict=False)  # stops at the shortest
        found = Counter(map(" ".join, filter(all, windows)))  # all(): no None in the window
        counts.update({(term, n): count for term, count in found.items()})
    return counts


def term_rows(doc_id: str, sentences: list[str], *, max_n: int = 3, stem: bool = False) -> pa.Table:
    """The ``terms`` table of one document, by term and then n. ``ngram`` is the n of the
    n-gram of tokens; a kept phrase is one token, so "war on terror" is a unigram term.

    An Arrow table rather than rows: a document has thousands of terms, and columns are
    built, sorted and sent between processes at a fraction of the cost of one dict per row.
    """
    counts = count_terms(sentences, max_n=max_n, stem=stem)
    table = pa.table(
        {
            "doc_id": pa.array([doc_id] * len(counts), pa.string()),
            "term": pa.array([term for term, _ in counts], pa.string()),
            "ngram": pa.array([n for _, n in counts], pa.int64()),
            "count": pa.array(list(counts.values()), pa.int64()),
        }
    )
    # Arrow compares UTF-8 bytes, which order as code points do: Python's order of terms.
    return table.sort_by([("term", "ascending"), ("ngram", "ascending")])


TABLE = Table(
    "terms",
    "document and term",
    columns(
        ("doc_id", "string", "the document"),
        ("term", "string", "a word, or a run of two or three (stop words dropped)"),
        ("ngram", "int64", "words in the term: 1, 2 or 3"),
        ("count", "int64", "times the document uses it"),
    ),
)


def _rows(doc: Document) -> pa.Table:
    return term_rows(doc.doc_id, [s.text for s in doc.sentences], stem=doc.options.stem)


ANALYSES = (Analysis(TABLE, _rows),)
