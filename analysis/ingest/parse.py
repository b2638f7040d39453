"""Parsing: the structure of an article as scraped from a blog, a speech or a web page.

From decoded text this module finds the title, byline, date and reading-time lines at the
top, section headings, trailing boilerplate (comment prompts, share and subscribe lines,
``Read More News here: <url>``), paragraphs and sentences. What remains is the body
``text``: paragraphs separated by a blank line, with every sentence given as character
offsets into it. It knows nothing of the measures taken later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlparse

from .markup import Block, html_blocks, markdown_blocks
from .sentences import sentence_spans

#: ``date_precision`` values, from most to least exact.
DATE_PRECISIONS = ("day", "month", "year", "relative", "inferred", "unknown")

_BULLET = re.compile(r"^[-–—•*·]\s*")
_LIST_ITEM = re.compile(r"^(?:[-–—•*·]|\d{1,3}[.)])\s+")
_TERMINAL = re.compile(r"[.!?:;,…]['\"”’)\]]*$")
#: How a line ends a sentence, and how it may end a paragraph (a colon before a capital).
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*$")
_PARAGRAPH_END = re.compile(r"[.!?:…]['\"”’)\]]*$")
#: Page furniture: the page numbers, job numbers, document symbols and dates that head and
#: foot the pages of a printed record ("14", "15-29425 31/34", "A/70/PV.15 28/09/2015"),
#: and the links of a site's navigation ("WEB RESOURCES >>").
_FURNITURE = [
    re.compile(pattern)
    for pattern in (
        r"\d{1,3}",
        r"(?:\d{1,3}(?:/\d{1,3})?\s+)?\d{2}-\d{5}(?:\s+\d{1,3}(?:/\d{1,3})?)?",
        r"(?:\d{1,2}/\d{1,2}/\d{4}\s+)?A/(?:[A-Z\d.-]+/)*PV\.\d+(?:\s+\d{1,2}/\d{1,2}/\d{4})?",
        r"[^.!?]{1,40}\s>>",
    )
]
_READING_TIME = re.compile(r"^(\d{1,3})\s*-?\s*min(?:ute)?s?\.?\s+read$", re.I)
_RELATIVE = re.compile(
    r"^(?:(?:posted|published|updated)\s*:?\s*)?(?:(\d{1,3}|an?|one)\s+"
    r"(second|minute|min|hour|hr|day|week|month|year)s?\s+ago|(yesterday|today|just now))$",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:(?:written\s+)?by\s+)?([^\W\d_][\w.'’-]*(?:\s+(?:[^\W\d_][\w.'’-]*|&|and)){0,5})$", re.I
)
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{2}[.!?]['\"”’)]*\s")
_SECTION_NUMBER = re.compile(r"[IVXL]{1,6}\.")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_FUNCTION_WORDS = frozenset(
    "a an the of to in on for and or but nor with by at from as that which who is are was were "
    "be been its their his her our my your this these those than into onto upon".split()
)
_BOILERPLATE = [
    re.compile(pattern, re.I)
    for pattern in (
        r"comments?(?:\s*\(\d+\))?",
        r"\d+\s+comments?",
        r"(?:leave|post|add|write)\s+an?\s+(?:comment|reply)\.?",
        r"no\s+comments?(?:\s+yet)?\.?",
        r"read\s+(?:more|also|next|the\s+full\s+story)\b.*",
        r"(?:click|tap)\s+here\b.*",
        r"share(?:\s+this)?(?:\s+(?:article|post|story|page))?(?:\s+(?:on|via)\b.*|\s*:.*)?",
        r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|print|"
        r"copy\s+link)[\s,|/•·]*)+",
        r"(?:subscribe|sign\s+up)\b.*",
        r"follow\s+us\b.*",
        r"like\s+this:?",
        r"(?:like\s+)?loading\s*(?:\.\.\.|…)?",
        r"related(?:\s+(?:posts?|articles?|stories|news))?:?",
        r"you\s+(?:may|might)\s+also\s+like\b.*",
        r"tags?\s*:.*",
        r"filed\s+under\b.*",
        r"posted\s+in\b.*",
        r"advertisement",
        r"all\s+rights\s+reserved\b.*",
        r"(?:©|copyright\s+©?).*",
        _URL.pattern,
    )
]
#: Month names and abbreviations (lower case) -> month number.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMATS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I), ("m", "d", "y")),
    (
        re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(\d{{4}})$", re.I),
        ("d", "m", "y"),
    ),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(rf"^{_MONTH},?\s+(\d{{4}})$", re.I), ("m", "y")),
    (re.compile(r"^(\d{4})$"), ("y",)),
]
_DATE_PREFIX = re.compile(
    r"^(?:(?:published|posted|updated|dated?)(?:\s+on)?\s*:?\s*)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    """A body sentence; ``start``/``end`` are offsets into the document's body text."""

    sentence_id: int
    paragraph_id: int
    section: str | None
    text: str
    start: int
    end: int


@dataclass
class ParsedDocument:
    """The structure of one document and its body text."""

    text: str
    paragraphs: list[str]
    sentences: list[Sentence]
    headings: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)  # page numbers, running heads, links
    title: str | None = None
    byline: str | None = None
    date_text: str | None = None
    published: str | None = None
    date_precision: str = "unknown"
    reading_time_minutes: int | None = None
    source: str | None = None  # domain of a URL found in the boilerplate, or the site name
    author: str | None = None  # from HTML metadata; plain text carries it in ``byline``


def parse_date(value: str) -> tuple[str, str] | None:
    """An explicit date as ``(iso, precision)``, or ``None`` when ``value`` is not one.

    Reads ``2024-10-05``, ``March 15, 1965``, ``15 March 1965``, ``Oct. 2024``, ``1965``
    (with an optional ``Published:`` or weekday prefix). ``iso`` is as long as the precision
    allows: ``1965-03-15`` (day), ``2024-10`` (month), ``1965`` (year).
    """
    value = _DATE_PREFIX.sub("", value.strip()).strip()
    for pattern, order in _DATE_FORMATS:
        match = pattern.match(value)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        year = int(parts["y"])
        month = MONTHS.get(parts.get("m", "").lower().rstrip(".")) or int(parts.get("m") or 1)
        day = int(parts.get("d") or 1)
        try:
            date(year, month, day)
        except ValueError:
            return None
        if not 1000 <= year <= 2999:
            return None
        if "d" in parts:
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
        if "m" in parts:
            return f"{year:04d}-{month:02d}", "month"
        return f"{year:04d}", "year"
    return None


def resolve_relative_date(value: str, reference: date) -> str | None:
    """The ISO day that a relative date such as ``1 day ago`` names, seen from ``reference``.

    Months and years step back by calendar month and year (the day is clamped to the month's
    length); hours, minutes and seconds name the reference day itself. ``None`` when
    ``value`` is not a relative date, or names a day before the year 1.
    """
    match = _RELATIVE.match(value.strip())
    if not match:
        return None
    try:
        return _count_back(*match.groups(), reference)
    except (OverflowError, ValueError):  # before 0001-01-01: no date can say it
        return None


def _count_back(number: str | None, unit: str | None, word: str | None, reference: date) -> str:
    if word:
        days = 1 if word.lower() == "yesterday" else 0
        return (reference - timedelta(days=days)).isoformat()
    count = int(number) if number.isdigit() else 1
    unit = unit.lower()
    if unit in ("second", "minute", "min", "hour", "hr"):
        return reference.isoformat()
    if unit in ("day", "week"):
        return (reference - timedelta(days=count * (7 if unit == "week" else 1))).isoformat()
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(reference.year * 12 + reference.month - 1 - months, 12)
    day = min(reference.day, _month_length(year, month + 1))
    return date(year, month + 1, day).isoformat()


def _month_length(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def is_boilerplate(line: str) -> bool:
    """Whether a line is page furniture (comment prompt, share/subscribe line, bare URL)."""
    line = _BULLET.sub("", line.strip())
    if not line or len(line.split()) > 25:
        return False
    return any(pattern.fullmatch(line) for pattern in _BOILERPLATE)


def is_furniture(line: str) -> bool:
    """Whether a line is page furniture: a page or job number, a UN document symbol and date
    (``A/70/PV.15 28/09/2015``), or a navigation link (``WEB RESOURCES >>``)."""
    line = line.strip()
    return bool(line) and any(pattern.fullmatch(line) for pattern in _FURNITURE)


def is_heading(line: str) -> bool:
    """Whether a line reads as a section heading: short, capitalised, no final punctuation.

    ``Conclusion``, ``US-Pakistan Relations: A Strategic Re-evaluation`` and a section number
    alone (``IV.``) are headings;
    a sentence, a list item, or the first half of a hard-wrapped line ending in ``of`` is not.
    """
    line = line.strip()
    if _SECTION_NUMBER.fullmatch(line):  # "II." alone on its line numbers a section
        return True
    words = line.split()
    if not words or len(words) > 15 or len(line) > 120:
        return False
    if _TERMINAL.search(line) or _LIST_ITEM.match(line) or _URL.search(line):
        return False
    if _SENTENCE_INSIDE.search(line):  # "... a special year. We experienced": wrapped prose
        return False
    first = line.lstrip("\"'“‘(")
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    if not re.search(r"[^\W\d_]", line):
        return False
    return words[-1].lower().strip("\"'“”‘’()") not in _FUNCTION_WORDS


def _is_title(line: str, following: str | None = None, *, wrapped: bool = False) -> bool:
    """Whether the first line of a text is its title: short, capitalised, without final
    punctuation, not ending in a word such as "the" or "of", and not run on by what
    follows: a line that starts in lower case continues it (``It gives me great`` |
    ``pleasure to ...`` is the first line of a speech), and so does, when no blank line
    stands between them (``wrapped``), a line that does not end a sentence or a salutation
    (``China is a member of the big family of the United`` | ``Nations, and ...``), and a
    line in sentence case with a sentence ending inside it. A line in capitals is a title all
    the same (``US POLICY ON PAKISTAN``), and so is one in title case with a date after a
    period (``Annual Message to the Congress on the State of the Union. January 22,
    1971``)."""
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250 or _LIST_ITEM.match(line):
        return False
    if words[-1].lower().strip("\"'“”‘’()") in _FUNCTION_WORDS:
        return False
    if following is not None and _starts_lower(following):
        return False
    headline = line.isupper() or _title_case(line)
    if wrapped and not headline and _SENTENCE_INSIDE.search(line + " "):
        return False
    if wrapped and not line.isupper() and not _PARAGRAPH_END.search(following or "."):
        return False
    letters = [ch for ch in line if ch.isalpha()]
    shouting = bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    if _TERMINAL.search(line) and not (shouting and line.endswith(".")):
        return False
    return bool(letters) and (line.lstrip("\"'“‘")[:1].isupper() or line[:1].isdigit())


def parse_document(
    text: str,
    *,
    format: str = "text",
    reference_date: date | None = None,
    blocks: list[Block] | None = None,
    language: str = "en",
) -> ParsedDocument:
    """Parse one decoded document.

    Args:
        text: The decoded file content.
        format: ``"text"``, ``"markdown"`` or ``"html"``; ``"blocks"`` when ``blocks``
            give the document's structure (a Word file), which ``text`` then only repeats.
        blocks: Headings and paragraphs in reading order, as a reader of the format found
            them.
        language: The text's language (ISO 639-1): how its sentences end.
        reference_date: The day relative dates (``1 day ago``) count back from. Without one,
            they stay unresolved: ``published`` is ``None`` and ``date_precision`` is
            ``"relative"``.
    """
    meta: dict[str, str] = {}
    if format == "html":
        blocks, meta = html_blocks(text)
        parsed = _parse_blocks(blocks, language)
    elif format == "markdown":
        parsed = _parse_blocks(markdown_blocks(text), language)
    elif format == "text":
        parsed = _parse_plain(text, reference_date, language)
    elif format == "blocks" and blocks is not None:
        parsed = _parse_blocks(list(blocks), language)
    else:
        raise ValueError(
            f"unknown format {format!r}; expected one of: text, markdown, html, blocks (with blocks)"
        )
    parsed.title = parsed.title or meta.get("title")
    parsed.author = meta.get("author")
    parsed.source = parsed.source or meta.get("source")
    if parsed.published is None and meta.get("published"):
        found = parse_date(meta["published"])
        if found:
            parsed.date_text = meta["published"]
            parsed.published, parsed.date_precision = found
    return parsed


def _parse_plain(text: str, reference_date: date | None, language: str) -> ParsedDocument:
    lines = text.split("\n")
    header, start = _read_header(lines, reference_date)
    end = len(lines)
    boilerplate: list[str] = []
    while end > start:
        line = lines[end - 1].strip()
        if line and not is_boilerplate(line):
            break
        if line:
            boilerplate.insert(0, line)
        end -= 1
    body, furniture = _remove_furniture(lines[start:end])
    # A text without a title whose first line runs on into the next one starts with a
    # paragraph ("Bismillah Rahman-ur-Rahim" | "Mr. President, ladies and gentlemen,").
    first = next((n for n, line in enumerate(lines) if line.strip()), 0)
    opens = "title" not in header and start <= first and _wrapped_to_next(lines, first)
    parsed = _build(_plain_blocks(body, opens_with_text=opens), language)
    parsed.boilerplate = boilerplate
    parsed.furniture = furniture
    parsed.source = _domain(boilerplate)
    for key, value in header.items():
        setattr(parsed, key, value)
    return parsed


def _parse_blocks(blocks: list[Block], language: str) -> ParsedDocument:
    title = None
    if blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        title, blocks = blocks[0].text, blocks[1:]
    boilerplate: list[str] = []
    while blocks and blocks[-1].kind == "paragraph" and is_boilerplate(blocks[-1].text):
        boilerplate.insert(0, blocks.pop().text)
    parsed = _build(blocks, language)
    parsed.title, parsed.boilerplate, parsed.source = title, boilerplate, _domain(boilerplate)
    return parsed


def _read_header(lines: list[str], reference_date: date | None) -> tuple[dict, int]:
    """Title, byline, date and reading-time lines at the top, and where the body starts."""
    found: dict = {}
    index = 0
    seen_title = False
    while index < len(lines):
        line = lines[index].strip()
        core = _BULLET.sub("", line)
        has_bullet = core != line
        if not line:
            pass
        elif match := _READING_TIME.match(core):
            found.setdefault("reading_time_minutes", int(match.group(1)))
        elif _RELATIVE.match(core) and "date_text" not in found:
            found["date_text"] = core
            found["date_precision"] = "relative"
            if reference_date is not None:
                found["published"] = resolve_relative_date(core, reference_date)
        elif (explicit := parse_date(core)) and "date_text" not in found:
            found["date_text"] = core
            found["published"], found["date_precision"] = explicit
        elif (
            (has_bullet or core.lower().startswith(("by ", "written by ")))
            and (byline := _BYLINE.match(core))
            and "byline" not in found
        ):
            found["byline"] = byline.group(1)
        elif (
            not seen_title
            and not found
            and _is_title(line, _next_line(lines, index), wrapped=_wrapped_to_next(lines, index))
            and _has_body_after(lines, index)
        ):
            found["title"] = line
        else:
            break
        seen_title = seen_title or bool(line)
        index += 1
    return found, index


def _title_case(line: str) -> bool:
    """Whether most words of a line but "the", "of" and such start with a capital (``Annual
    Message to the Congress on the State of the Union``), as a title's do."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in _FUNCTION_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _wrapped_to_next(lines: list[str], index: int) -> bool:
    """Whether the line after ``index`` follows it with no blank line between and is text,
    not a byline, a date or a reading time."""
    if index + 1 >= len(lines) or not lines[index + 1].strip():
        return False
    core = _BULLET.sub("", lines[index + 1].strip())
    header = (
        _READING_TIME.match(core)
        or _RELATIVE.match(core)
        or parse_date(core)
        or core.lower().startswith(("by ", "written by "))
        or core != lines[index + 1].strip()  # "- JK Blue"
    )
    return not header


def _next_line(lines: list[str], index: int) -> str | None:
    return next((line.strip() for line in lines[index + 1 :] if line.strip()), None)


def _has_body_after(lines: list[str], index: int) -> bool:
    return any(line.strip() for line in lines[index + 1 :])


def _remove_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body lines without page furniture, and the furniture lines, in order.

    Where a page break falls inside a sentence (the text before it has no final mark), the
    furniture and the blank lines around it go, and the sentence runs on; otherwise a blank
    line stays in their place. From a navigation link on (``WEB RESOURCES >>``), lines with no
    final mark are the site's, not the document's.
    """
    furniture: list[str] = []
    kept: list[str] = []
    pending_break = False  # blank or furniture lines since the last line of text
    removed = False  # some of them furniture
    navigation = False
    for line in lines:
        text = line.strip()
        if navigation and text and not _SENTENCE_END.search(text):
            furniture.append(text)
            continue
        if is_furniture(text):
            furniture.append(text)
            pending_break = removed = True
            navigation = navigation or text.endswith(">>")
            continue
        if not text:
            pending_break = True
            continue
        if pending_break and kept:
            runs_on = removed and not _SENTENCE_END.search(kept[-1].strip())
            if not runs_on:
                kept.append("")
        pending_break = removed = False
        kept.append(line)
    return kept, furniture


def _plain_blocks(lines: list[str], *, opens_with_text: bool = False) -> list[Block]:
    """Headings and paragraphs of plain text, whether one line is one paragraph or lines wrap.

    Text whose lines mostly stop mid-sentence is hard-wrapped: paragraphs are the groups of
    lines between blank lines. Otherwise each line is a paragraph, except that a line broken
    mid-sentence is joined to the next one.
    """
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(" ".join(line.split()))
        elif groups[-1]:
            groups.append([])
    groups = _join_runs_on([group for group in groups if group])
    inner = [line for group in groups for line in group[:-1]]
    hard_wrapped = len(inner) >= 3 and sum(bool(_TERMINAL.search(x)) for x in inner) < 0.5 * len(
        inner
    )
    blocks: list[Block] = []
    for number, group in enumerate(groups):
        last_group = number == len(groups) - 1
        if hard_wrapped:
            if len(group) == 1 and not last_group and is_heading(group[0]):
                blocks.append(Block("heading", group[0]))
            else:
                blocks.append(Block("paragraph", " ".join(group)))
            continue
        pending: list[str] = []
        for position, line in enumerate(group):
            following = group[position + 1] if position + 1 < len(group) else None
            at_end = last_group and following is None  # a heading needs text under it
            continues = following is not None and following[:1].islower()
            opening = opens_with_text and number == 0 and position == 0
            if not pending and not at_end and not continues and not opening and is_heading(line):
                blocks.append(Block("heading", line))
                continue
            pending.append(line)
            if following is None or _LIST_ITEM.match(following) or _ends_paragraph(line, following):
                blocks.append(Block("paragraph", " ".join(pending)))
                pending = []
    return blocks


def _join_runs_on(groups: list[list[str]]) -> list[list[str]]:
    """Blocks that a page break split mid-sentence, joined: a block that starts in lower
    case after one without a final mark; one that starts with a word or a number (not a
    paragraph number or a list item) after one that ends in a word such as "in", "the" or
    "and" (``India in`` | ``1988 proposed an action plan``); and one that starts in lower
    case after one that ends in a period set apart by a space (``do not .`` | ``withdraw``),
    as a scanned record's page break leaves it."""
    joined: list[list[str]] = []
    for group in groups:
        if joined and _runs_on(joined[-1][-1], group[0]):
            joined[-1].extend(group)
        else:
            joined.append(group)
    return joined


def _runs_on(line: str, following: str) -> bool:
    """Whether ``following``, after a blank line, continues the sentence of ``line``."""
    if _SENTENCE_END.search(line):
        return _starts_lower(following) and line.endswith(" .")
    if _starts_lower(following):
        return True
    last = line.split()[-1].lower().strip("\"'“”‘’()") if line.split() else ""
    return (
        last in _FUNCTION_WORDS
        and not line.isupper()
        and not _LIST_ITEM.match(following)
        and not re.match(r"[(\[]?[a-z\d]{1,3}[.)]\s", following)
        and bool(re.match(r"[\w“\"']", following))
    )


def _starts_lower(line: str) -> bool:
    return line.lstrip("\"'“‘(-–—… ")[:1].islower()


def _ends_paragraph(line: str, following: str) -> bool:
    """Whether a line ends its paragraph: a final mark, or a colon before a capital. A
    comma or a semicolon never does (the sentence goes on)."""
    if not _PARAGRAPH_END.search(line):
        return False
    return not (line.rstrip("'\"”’)]").endswith(":") and _starts_lower(following))


def _build(blocks: list[Block], language: str = "en") -> ParsedDocument:
    """Body text, paragraphs, headings and sentences from blocks in reading order."""
    section: str | None = None
    headings: list[str] = []
    paragraphs: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for block in blocks:
        if block.kind == "heading":
            headings.append(block.text)
            section = block.text
            continue
        paragraph = " ".join(block.text.split())
        if not paragraph:
            continue
        if paragraphs:
            offset += 2  # the blank line between paragraphs
        for start, end in sentence_spans(paragraph, language):
            sentences.append(
                Sentence(
                    sentence_id=len(sentences),
                    paragraph_id=len(paragraphs),
                    section=section,
                    text=paragraph[start:end],
                    start=offset + start,
                    end=offset + end,
                )
            )
        paragraphs.append(paragraph)
        offset += len(paragraph)
    return ParsedDocument(
        text="\n\n".join(paragraphs), paragraphs=paragraphs, sentences=sentences, headings=headings
    )


def _domain(lines: list[str]) -> str | None:
    for line in lines:
        for url in _URL.findall(line):
            try:
                host = urlparse(url if "://" in url else f"http://{url}").hostname
            except ValueError:  # "http://[link removed]" reads as a malformed IPv6 address
                continue
            if host:
                return host.removeprefix("www.")
    return None
