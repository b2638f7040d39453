"""Sentence splitting: sentencex's English rules, then the project's own repairs.

sentencex (a rule-based segmenter compiled from Rust, on PyPI) finds the breaks: it knows
English abbreviations (``Mt.``, ``a.m.``), numbers (``$100.00``, ``No. 1026.253.553.``),
lists and ellipses, and it is fast. It is given the paragraph with its quotes and brackets
read as spaces (offsets stay the same), so that it breaks inside a quoted passage as a
reader does; each mark then joins the sentence it touches. Then, each a single pass:

- a word that sentencex takes for an abbreviation (``May.``, ``me.``) ends a sentence before
  a capital, unless ``data/abbreviations.txt`` lists it;
- a break that no reader would make is undone: before a lower-case word, after text with
  no final mark, inside ``Sino-U.S.``, and after an abbreviation of
  ``data/abbreviations.txt`` unless a word of ``data/sentence_starters.txt`` follows;
- the items of an inline list (``1. ... 2. ...``, ``a) ... b) ...``) are sentences, each
  with its own marker;
- a marker such as the paragraph number ``43.`` of a UN verbatim record or a section number
  ``IV.`` is not a sentence of its own: it joins the sentence after it.

Every step is linear in the length of the paragraph.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

from ..config import DATA_DIR

#: A piece that is only a number, a roman numeral or a letter with punctuation ("43.", "IV.",
#: "b)", "⁃9."): a list or paragraph marker, not a sentence.
_MARKER = re.compile(r"[\W\d_]*(?:[ivxlc]{1,6}|[^\W\d_])?[\W\d_]*", re.I)
#: Markers are short; the length test also keeps the regex, which backtracks, off long text.
_MARKER_LENGTH = 12
#: A list marker at the start of an item: an optional bullet, then ``1.``, ``1)``, ``1.)``,
#: ``a.`` or ``a)``.
_ITEM = re.compile(r"([^\w\s]?)\s?(\d{1,3}|[a-z])(\.\)|[.)])(?=\s|$)", re.I)
_OPENING = "“‘„‟«‹([{"
_CLOSING = "”’»›)]}"
_QUOTES = re.compile(r"[\"'`“”‘’„‟«»‹›()\[\]{}]")
_APOSTROPHES = "'’‘`"
#: What may follow a sentence's final mark: closing quotes and brackets, emphasis, spaces.
_TRAILING = frozenset("\"'”’»›)]}*_ \t")
_LEADING = re.compile(r"[\W\d_]*")
#: One letter and a full stop, as in the letters of an initialism ("U.S.").
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.(?![^\W\d_])")
_WORD_END = re.compile(r"(?<![\w.'’-])(May|[a-z]{2,})\.\s+(?=[\"'“‘(\[]*[A-Z])")
_STOP_SPACE = re.compile(r"\.\s")
_FIRST_WORD = re.compile(r"[\"'“‘«„(\[]*([^\W_][\w'’-]*)")


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


def sentence_spans(paragraph: str, language: str = "en") -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of one paragraph.

    Spans hold no surrounding white space, cover every non-space character of the paragraph,
    and follow each other in order. English goes through sentencex's English rules and the
    repairs here; another language (ISO 639-1) through sentencex's rules for it, so that
    Chinese, Japanese, Urdu, Hindi and Arabic sentences end at their own marks (。！？ ۔ ।
    ؟).
    """
    if language != "en":
        return _language_spans(paragraph, language)
    spans = _split_missed(paragraph, _sentencex_spans(paragraph))
    spans = _join_false_breaks(paragraph, spans)
    spans = _split_list_items(paragraph, spans)
    spans = _split_bullets(paragraph, spans)
    return _join_markers(paragraph, spans)


def _sentencex_spans(paragraph: str) -> list[tuple[int, int]]:
    """sentencex's sentences, found with quotes and brackets read as spaces, then given back.

    sentencex never breaks inside a pair of quotes or brackets, which keeps a quoted passage
    of many sentences (or the text between the ``‘`` of ``Isma‘il`` and the next ``’``) as
    one sentence, and its time grows with the square of the number of unclosed quotes.
    Without them it reads the sentences as a reader does; each quote or bracket then joins
    the sentence it touches (:func:`_give_back`).
    """
    plain = _QUOTES.sub(_as_space, paragraph)
    return _give_back(paragraph, _language_spans(plain, "en"))


def _language_spans(paragraph: str, language: str) -> list[tuple[int, int]]:
    """sentencex's sentences of ``paragraph`` by its rules for ``language``, without the
    white space around them."""
    from sentencex import get_sentence_boundaries  # imported when first needed

    spans = []
    for found in get_sentence_boundaries(language, paragraph):
        start, end = found["start_index"], found["end_index"]
        while start < end and paragraph[start].isspace():
            start += 1
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _as_space(mark: re.Match) -> str:
    """A quote or bracket read as a space; an apostrophe inside a word (``Isma‘il``,
    ``1920’s``) as a letter (U+02BC), since it is part of the word."""
    text, at = mark.string, mark.start()
    if (
        mark.group() in _APOSTROPHES
        and 0 < at < len(text) - 1
        and text[at - 1].isalnum()
        and text[at + 1].isalnum()
    ):
        return "\u02bc"
    return " "


def _give_back(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans widened over the quotes and brackets around them.

    Between two sentences, the marks that touch the first one, and every closing mark before
    the first opening one, end it (``... war. » That``, ``... future.”And``); the rest opens
    the next one (``... since. “My ...``).
    """
    if not spans:
        stripped = paragraph.strip()
        return (
            [(paragraph.index(stripped), paragraph.index(stripped) + len(stripped))]
            if stripped
            else []
        )
    first = len(paragraph) - len(paragraph.lstrip())
    last = len(paragraph.rstrip())
    bounds = [min(first, spans[0][0])]
    for (_, end), (start, _) in itertools.pairwise(spans):
        cut = end
        while cut < start and not paragraph[cut].isspace():
            cut += 1
        for position in range(end, start):
            mark = paragraph[position]
            if mark in _OPENING:
                break
            if mark in _CLOSING:
                cut = max(cut, position + 1)
        bounds.append(cut)
        following = cut
        while paragraph[following].isspace():
            following += 1
        bounds.append(following)
    bounds.append(max(last, spans[-1][1]))
    return list(zip(bounds[::2], bounds[1::2], strict=True))


def _split_missed(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Breaks sentencex misses: it reads some words as abbreviations (``May.``, ``me.``), so
    ``... in May. James came`` and ``... surprised me. I then ...`` stay whole. A word in
    lower case (or ``May``) with a full stop before a capital ends a sentence, unless
    ``data/abbreviations.txt`` lists it."""
    abbreviations = _word_lists()[0]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        # Most sentences hold no full stop before a space, which every such break needs:
        # the engine finds one at once, where the whole rule is tried at every letter.
        if not _STOP_SPACE.search(paragraph, start, end):
            out.append((start, end))
            continue
        for found in _WORD_END.finditer(paragraph, start, end):
            if found.group(1).lower() not in abbreviations:
                out.append((start, found.end(1) + 1))
                start = found.end()
        out.append((start, end))
    return out


def _join_false_breaks(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Undo a break that no reader would make.

    A sentence goes on where the next word starts in lower case (``'We are ready.' he
    said``, ``(... an engineer.) at the``), where the text before the break has no final
    mark (``[...]" (Khan 12).``), and after an abbreviation of ``data/abbreviations.txt``
    unless a word of ``data/sentence_starters.txt`` follows (``Amb. Lodhi`` stays whole,
    ``... with the U.S. The talks ...`` is two).
    """
    abbreviations, starters = _word_lists()
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _continues(paragraph, out[-1], start, end, abbreviations, starters):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(
    paragraph: str,
    before: tuple[int, int],
    start: int,
    end: int,
    abbreviations: frozenset[str],
    starters: frozenset[str],
) -> bool:
    """Whether the sentence ``before`` goes on into the piece ``start:end``."""
    if (
        before[1] == start
        and _INITIAL.match(paragraph, start - 2, start)
        and _INITIAL.match(paragraph, start, end)
    ):  # "Sino-U.S.", broken inside
        return True
    letter = _LEADING.match(paragraph, start, end).end()
    if letter < end and paragraph[letter].islower():
        return True
    if not _ends_with_final_mark(paragraph, *before):
        return True
    if _ends_in_abbreviation(paragraph, *before, abbreviations):
        first = _FIRST_WORD.match(paragraph, start, end)
        return first is None or first.group(1).lower() not in starters
    return False


def _ends_with_final_mark(paragraph: str, start: int, end: int) -> bool:
    """Whether ``start:end`` ends as a sentence does: ``.``, ``!``, ``?`` or ``…``, perhaps
    followed by closing quotes and brackets, but not an omission in brackets, ``[...]``."""
    while end > start and paragraph[end - 1] in _TRAILING:
        end -= 1
    if end == start or paragraph[end - 1] not in ".!?…":
        return False
    return not (
        paragraph.startswith("[...]", end - 4, end + 1)
        or paragraph.startswith("[…]", end - 2, end + 1)
    )


def _ends_in_abbreviation(
    paragraph: str, start: int, end: int, abbreviations: frozenset[str]
) -> bool:
    """Whether ``start:end`` ends in a listed abbreviation and its full stop (``Amb.``)."""
    if paragraph[end - 1] != ".":
        return False
    word = end - 1
    while word > start and not paragraph[word - 1].isspace():
        word -= 1
    return paragraph[word : end - 1].lstrip("\"'“‘«„([*_").lower() in abbreviations


def _join_markers(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A marker joins the sentence after it (or the one before it, at the end)."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        is_marker = end - start <= _MARKER_LENGTH and _MARKER.fullmatch(paragraph, start, end)
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


_BULLETS = re.compile(r"(?<=\s)[•▪►●◦](?=\s)")


def _split_bullets(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``• Peace with India • Trade with China``: a list run into one paragraph, as a page
    saved to text leaves it; each bullet after a space starts an item of its own, when the
    paragraph has two bullets at least."""
    if len(_BULLETS.findall(paragraph)) + paragraph.lstrip().startswith(tuple("•▪►●◦")) < 2:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for bullet in _BULLETS.finditer(paragraph, start, end):
            tail = bullet.start()
            while tail > start and paragraph[tail - 1].isspace():
                tail -= 1
            if tail > start:
                out.append((start, tail))
                start = bullet.start()
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
