"""Dated events: the years and dates a text cites, each with a short label from its words.

"the 1972 Shimla Agreement" is 1972 labelled "1972 Shimla Agreement"; "OP SINDOOR in 2025"
is 2025 labelled "OP SINDOOR in 2025"; "On 5 August 2019, India revoked ..." is the day
2019-08-05. Numbers that are not years are left alone: counts and money ("1,972 troops",
"$2025 million", "2000 soldiers"), percentages, decades ("the 1990s"), document codes
("A/70/PV.15", "A/PV.1693", "resolution 1172", "1711 (XVI)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from ..dictionaries.eras import EraDictionary
from ..ingest.parse import MONTHS, parse_date
from ..schema import Table, columns
from . import Analysis
from .terms import stopword_list

_MONTH = "|".join(sorted((name.capitalize() for name in MONTHS), key=len, reverse=True))
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
#: What every match of ``_DATED`` holds (its year): most sentences cite none, and this
#: simple search rules them out three times faster than ``_DATED`` does.
_YEAR_DIGITS = re.compile(r"(?:1[6-9]|20)\d\d")
# Words after a number that make it a quantity, not a year.
_QUANTITY = (
    r"%|per\s?cent|percent|million|billion|trillion|thousand|hundred|crores?|lakhs?|mn|bn|"
    r"km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|ft|tons?|tonnes?|acres|hectares|"
    r"troops|soldiers|personnel|people|persons|men|women|children|civilians|casualties|"
    r"deaths|dead|killed|wounded|injured|refugees|members|votes|delegates|units|dollars|"
    r"rupees|barrels|megawatts|MW|kW|hours|hrs|GMT|IST|PKT|pages|words|students|cases|"
    r"villages|vehicles|aircraft|tanks|missiles|warheads|rounds"
)
# Words before a number that make it an amount, a code or a count.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$£€¥₹#]|\b(?:Rs|PKR|INR|USD|US\$|No|no|Nos|number|Number|resolution|Resolution|"
    r"resolutions|Resolutions|page|pages|pp|p|Section|section|Article|article|Flight|flight|"
    r"Room|room|Highway|Route|at)\.?)\s*$"
)
_DATED = re.compile(
    rf"(?<![\w$£€¥₹#/.])(?<!\d,)"
    rf"(?:{_DAY}\s+(?:of\s+)?(?:{_MONTH})\.?,?\s+|(?:{_MONTH})\.?\s+(?:{_DAY},?\s+)?)?"
    rf"{_YEAR}(?P<range>[-–](?:\d\d|1[6-9]\d\d|20\d\d)(?!\d))?"
    rf"(?![\w%/]|[,.]\d|['’]s\b)(?!\s*(?:{_QUANTITY})\b)"
    # "resolution 1711 (XVI)": a UN resolution number with its session, not a year.
    r"(?!\s*\(\s*[IVXL]+\s*\))"
)
_PREPOSITIONS = frozenset(
    "in of since during from until till by after before around circa c. on through".split()
)
# Nouns that name an event after a year: "the 1965 war", "the 1998 nuclear tests".
_EVENT_NOUNS = frozenset(
    """war wars conflict crisis crises tests test elections election coup agreement accord
    accords treaty talks summit attack attacks invasion earthquake floods flood ceasefire
    declaration resolution operation operations standoff riots uprising partition massacre
    withdrawal surge deal sanctions visit revolution insurgency strikes""".split()
)
_TOKEN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_SPACES = re.compile(r"\s*")
#: The longest word of ``_NOT_YEAR_BEFORE`` with its full stop ("Resolutions.").
_LONGEST_NOT_YEAR_WORD = 12
_EDGE_PUNCTUATION = "\"'“”‘’()[]«»*—–"
_CLAUSE_END = re.compile(r"[,;:.!?)\]—–]['\"”’]*$")
_MAX_LABEL_WORDS = 5


@dataclass(frozen=True)
class DatedReference:
    """A year or date cited in a sentence; offsets are into the sentence."""

    start: int
    end: int
    year: int
    date: str  # ISO, as precise as the text: "1947", "1947-08", "1947-08-15"
    precision: str  # year | month | day
    surface: str
    label: str


def find_dates(text: str) -> list[DatedReference]:
    """Years and explicit dates cited in ``text``, in reading order, each with a label."""
    if not _YEAR_DIGITS.search(text):
        return []
    found = []
    for match in _DATED.finditer(text):
        if _not_year_before(text, match.start()):
            continue
        cited = (
            match.group()[: match.start("range") - match.start()]
            if match.group("range")
            else match.group()
        )
        parsed = parse_date(cited)
        if parsed is None:  # "31 February 1990": keep the year alone
            parsed = (match.group("year"), "year")
        iso, precision = parsed
        found.append(
            DatedReference(
                start=match.start(),
                end=match.end(),
                year=int(match.group("year")),
                date=iso,
                precision=precision,
                surface=match.group(),
                label=event_label(text, match.start(), match.end()),
            )
        )
    return found


def _not_year_before(text: str, start: int) -> bool:
    """Whether a word or sign that makes a number an amount or a code ends, give or take white
    space, at ``start``. Only the few characters such a word can span are searched, so the
    work per number does not grow with the sentence."""
    lo = start
    while lo > 0 and text[lo - 1].isspace():  # what r"\s" matches, walked back
        lo -= 1
    return _NOT_YEAR_BEFORE.search(text, max(0, lo - _LONGEST_NOT_YEAR_WORD), start) is not None


def _last_tokens(text: str, start: int, count: int) -> list[re.Match]:
    """The last ``count`` tokens of ``text[:start]`` (as ``_TOKEN.finditer(text, 0, start)``
    would end), found in a window that grows only as far back as they reach."""
    size = 64
    while True:
        lo = max(0, start - size)
        if lo > 0:  # begin at a token boundary
            space = _SPACE.search(text, lo, start)
            lo = space.start() if space else None
        if lo is not None:
            tokens = list(_TOKEN.finditer(text, lo, start))
            if len(tokens) >= count or lo == 0:
                return tokens[-count:]
        size *= 4


def _word(token: str) -> str:
    return token.strip(_EDGE_PUNCTUATION).rstrip(",;:.!?").strip(_EDGE_PUNCTUATION)


def event_label(text: str, start: int, end: int) -> str:
    """A short label for the date at ``text[start:end]``, taken from the words around it.

    In order: the name that follows it ("1972 Shimla Agreement", "1965 war"); the name that
    precedes a preposition before it ("OP SINDOOR in 2025", "Simla Agreement of 1972");
    the clause that follows it ("1998: Pakistan tested nuclear devices"); the words before
    it ("disputed since 1947"); the date alone.
    """
    stop = stopword_list()
    date_text = text[start:end]
    rest = _SPACES.match(text, end).end()
    ends_clause = rest == len(text) or text[rest] in ",;:.!?)]—–"
    # Only the words next to the date count, so only those are read: the work per date does
    # not grow with the sentence.
    after = list(islice(_TOKEN.finditer(text, end), _MAX_LABEL_WORDS + 1))
    if after and after[0].start() == end:  # punctuation glued to the date: "2025." "1998,"
        after = after[1:]
    before = _last_tokens(text, start, _MAX_LABEL_WORDS + 2)
    if after and not ends_clause and (following := _name(after, stop)):
        return f"{date_text} {' '.join(following)}"
    preposition = _word(before[-1].group()).lower() if before else ""
    if preposition in _PREPOSITIONS and (preceding := _words_before(before[:-1], stop)):
        return f"{' '.join(preceding)} {preposition} {date_text}"
    if clause := _clause(after, stop):
        return f"{date_text}: {' '.join(clause)}"
    previous = [word for token in before[-3:] if (word := _word(token.group()))]
    if previous:
        return f"{' '.join(previous)} {date_text}"
    return date_text


def _name(tokens: list[re.Match], stop: frozenset[str]) -> list[str]:
    """The name that starts ``tokens``: content words up to a stop word or clause end, cut
    after the last capitalised word or event noun ("Shimla Agreement", "war")."""
    words = []
    for token in tokens[:_MAX_LABEL_WORDS]:
        word = _word(token.group())
        if not word or word.lower() in stop:
            break
        words.append(word)
        if _CLAUSE_END.search(token.group()):
            break
    while words and not (words[-1][0].isupper() or words[-1].lower() in _EVENT_NOUNS):
        words.pop()
    return words


def _words_before(tokens: list[re.Match], stop: frozenset[str]) -> list[str]:
    """The content words that end ``tokens``, back to a stop word or a clause end."""
    preceding: list[str] = []
    for token in reversed(tokens):
        word = _word(token.group())
        if (
            not word
            or word.lower() in stop
            or _CLAUSE_END.search(token.group())
            or len(preceding) == _MAX_LABEL_WORDS
        ):
            break
        preceding.insert(0, word)
    return preceding


def _clause(tokens: list[re.Match], stop: frozenset[str]) -> list[str]:
    """The words that start ``tokens``, to the end of their clause, without trailing stop
    words."""
    clause = []
    for token in tokens[:_MAX_LABEL_WORDS]:
        if word := _word(token.group()):
            clause.append(word)
        if _CLAUSE_END.search(token.group()):
            break
    while clause and clause[-1].lower() in stop:
        clause.pop()
    return clause


def event_rows(doc_id: str, sentences: list, dictionary: EraDictionary) -> list[dict]:
    """Rows of the ``events`` table for one document's sentences (offsets into its body)."""
    return [
        {
            "doc_id": doc_id,
            "sentence_id": sentence.sentence_id,
            "year": found.year,
            "date": found.date,
            "precision": found.precision,
            "label": found.label,
            "era_id": dictionary.era_of_year(found.year),
            "surface": found.surface,
            "start": sentence.start + found.start,
            "end": sentence.start + found.end,
        }
        for sentence in sentences
        for found in find_dates(sentence.text)
    ]


def latest_cited_year(events: list[dict], not_after: date) -> int | None:
    """The latest year among ``events`` that is not after ``not_after``: a publication date
    cannot be earlier. Years still to come ("by 2030") say nothing about it."""
    years = [row["year"] for row in events if row["year"] <= not_after.year]
    return max(years, default=None)


TABLE = Table(
    "events",
    "year or date cited in a sentence",
    columns(
        ("doc_id", "string", "the document"),
        ("sentence_id", "int64", "the sentence"),
        ("year", "int64", "the year"),
        ("date", "string", "as precise as written: 1972, 1999-02, 2019-08-05"),
        ("precision", "string", "year, month or day"),
        ("label", "string", "what happened, from the words around it"),
        ("era_id", "string", "the era the year falls in"),
        ("surface", "string", "the date as written"),
        ("start", "int64", "where it starts in the body"),
        ("end", "int64", "where it ends in the body"),
    ),
)

ANALYSES = (Analysis(TABLE, lambda doc: event_rows(doc.doc_id, doc.sentences, doc.options.eras)),)
