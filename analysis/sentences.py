"""Sentence splitting: sentencex's English rules, then the project's own repairs.

sentencex (a rule-based segmenter compiled from Rust, on PyPI) finds the breaks: it knows
English abbreviations (``Mt.``, ``a.m.``), numbers (``$100.00``, ``No. 1026.253.553.``),
quotations, brackets and ellipses, and it is fast. Four repairs follow, each a single pass
over the breaks it found:

- an opening quote or bracket left at the end of a sentence goes to the next one;
- a break after an abbreviation of ``data/abbreviations.txt`` is undone unless the next
  word is one of ``data/sentence_starters.txt`` (``Amb. Lodhi`` stays whole, ``... with
  the U.S. The talks ...`` is two);
- a marker such as the paragraph number ``43.`` of a UN verbatim record or a section number
  ``IV.`` is not a sentence of its own: it joins the sentence after it;
- the items of an inline list (``1. ... 2. ...``, ``a) ... b) ...``) are sentences, each
  with its own marker.

Everything is linear in the length of a paragraph; a very long one is split in pieces of at
most :data:`CHUNK` characters at a likely sentence end, because sentencex's time grows with
the square of the number of unclosed quotes.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .config import DATA_DIR

#: Longest stretch of text given to sentencex at once (characters).
CHUNK = 20_000

#: A piece that is only a number, a roman numeral or a letter with punctuation ("43.", "IV.",
#: "b)", "⁃9."): a list or paragraph marker, not a sentence.
_MARKER = re.compile(r"[\W\d_]*(?:[ivxlc]{1,6}|[^\W\d_])?[\W\d_]*", re.I)
#: A list marker at the start of an item: an optional bullet, then ``1.``, ``1)``, ``1.)``,
#: ``a.`` or ``a)``.
_ITEM = re.compile(r"([^\w\s]?)\s?(\d{1,3}|[a-z])(\.\)|[.)])(?=\s|$)", re.I)
_OPENERS = "\"'“‘«„([{"
_LAST_WORD = re.compile(r"\S+\Z")
_FIRST_WORD = re.compile(r"[\"'“‘«„(\[]*([^\W_][\w'’-]*)")
#: Where a long paragraph may be cut: after a sentence's final mark, before a capital.
_CUT = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z])")


def read_word_list(path: Path) -> set[str]:
    """Lines of a word-list file, lower-cased, without blank lines and ``#`` comments."""
    with path.open(encoding="utf-8") as handle:
        return {
            line.strip().lower()
            for line in handle
            if line.strip() and not line.lstrip().startswith("#")
        }


@cache
def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    return (
        frozenset(read_word_list(DATA_DIR / "abbreviations.txt")),
        frozenset(read_word_list(DATA_DIR / "sentence_starters.txt")),
    )


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph.

    Spans hold no surrounding white space, cover every non-space character of the paragraph,
    and follow each other in order.
    """
    spans = _sentencex_spans(paragraph)
    spans = _move_openers(paragraph, spans)
    spans = _join_abbreviations(paragraph, spans)
    spans = _split_list_items(paragraph, spans)
    return _join_markers(paragraph, spans)


def _sentencex_spans(paragraph: str) -> list[tuple[int, int]]:
    from sentencex import get_sentence_boundaries  # imported when first needed

    spans: list[tuple[int, int]] = []
    for offset, chunk in _chunks(paragraph):
        for found in get_sentence_boundaries("en", chunk):
            start, end = offset + found["start_index"], offset + found["end_index"]
            while start < end and paragraph[start].isspace():
                start += 1
            while end > start and paragraph[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


def _chunks(paragraph: str) -> list[tuple[int, str]]:
    """``(offset, text)`` pieces of at most :data:`CHUNK` characters, cut where a sentence
    likely ends (else at a space, else anywhere)."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(paragraph) - start > CHUNK:
        limit = start + CHUNK
        cut = None
        for match in _CUT.finditer(paragraph, start + CHUNK // 2, limit):
            cut = match.end()
        if cut is None:
            space = paragraph.rfind(" ", start + 1, limit)
            cut = space + 1 if space > start else limit
        pieces.append((start, paragraph[start:cut]))
        start = cut
    pieces.append((start, paragraph[start:]))
    return pieces


def _move_openers(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``... since. “My country ...``: the opening quote belongs to the next sentence."""
    for index in range(len(spans) - 1):
        start, end = spans[index]
        cut = end
        while cut > start and paragraph[cut - 1] in _OPENERS:
            cut -= 1
        if cut < end and cut > start and paragraph[cut - 1].isspace():
            spans[index + 1] = (cut, spans[index + 1][1])
            while paragraph[cut - 1].isspace():
                cut -= 1
            spans[index] = (start, cut)
    return spans


def _join_abbreviations(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo a break after a listed abbreviation unless a sentence starter follows."""
    abbreviations, starters = _word_lists()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _ends_in_abbreviation(paragraph, *out[-1], abbreviations):
            first = _FIRST_WORD.match(paragraph, start, end)
            if first is None or first.group(1).lower() not in starters:
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _ends_in_abbreviation(paragraph: str, start: int, end: int, abbreviations) -> bool:
    if paragraph[end - 1] != ".":
        return False
    word = _LAST_WORD.search(paragraph, start, end)
    if word is None:
        return False
    return word.group().lstrip("\"'“‘«„([*_").lower()[:-1] in abbreviations


def _join_markers(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A marker joins the sentence after it (or the one before it, at the end)."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        is_marker = _MARKER.fullmatch(paragraph, start, end) is not None
        if carry is not None:
            start, carry = carry, None
        if is_marker:
            carry = start
            continue
        out.append((start, end))
    if carry is not None:
        if out:
            out[-1] = (out[-1][0], spans[-1][1])
        else:
            out.append((carry, spans[-1][1]))
    return out


def _split_list_items(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``1. The first item 2. The second item``: the next item's marker starts a new piece.

    Only in a paragraph whose list has begun: after a piece that starts with a marker
    (``1.``, ``a)``, ``• 9.``), the marker that would come next (``2.``, ``b)``, ``• 10.``)
    is looked for after a space, where it ends the piece or a capital follows it.
    """
    out: list[tuple[int, int]] = []
    expected: str | None = None
    for start, end in spans:
        item = _ITEM.match(paragraph, start, end)
        if item:
            expected = _next_marker(item)
        while expected is not None:
            cut = _find_marker(paragraph, start, end, expected)
            if cut is None:
                break
            tail = cut
            while paragraph[tail - 1].isspace():
                tail -= 1
            out.append((start, tail))
            start = cut
            item = _ITEM.match(paragraph, start, end)
            expected = _next_marker(item) if item else None
        out.append((start, end))
    return out


def _next_marker(item: re.Match) -> str | None:
    """The marker of the item after ``item``: ``2.`` after ``1.``, ``• b)`` after ``• a)``."""
    bullet, marker, punctuation = item.groups()
    if marker.isdigit():
        following = str(int(marker) + 1)
    elif marker.lower() in "iz":  # "i." may be a roman numeral; nothing follows "z."
        return None
    else:
        following = chr(ord(marker) + 1)
    return (
        f"{bullet}{following}{punctuation}" if not bullet else f"{bullet} {following}{punctuation}"
    )


def _find_marker(paragraph: str, start: int, end: int, marker: str) -> int | None:
    """Where ``marker`` begins an item inside ``start:end``: after a space, and before the
    end or a capital."""
    found = []
    for needle in {marker, marker.replace(" ", "")}:
        at = paragraph.find(needle, start + 1, end)
        while at != -1:
            after = at + len(needle)
            before_capital = paragraph[after : after + 1].isspace() and (
                paragraph[after + 1 : after + 2].isupper()
            )
            if paragraph[at - 1].isspace() and (after == end or before_capital):
                found.append(at)
                break
            at = paragraph.find(needle, at + 1, end)
    return min(found, default=None)
