"""Word documents (``.docx``), read by python-docx: the body's paragraphs and tables in
the order they stand, headings told by their style (``Title``, ``Heading 1`` ...), and the
text in a table's cells read a paragraph per cell (a cell merged across columns once)."""

from __future__ import annotations

import io
import re
import zipfile

from ..load import DecodeError
from ..markup import Block

_HEADING_STYLE = re.compile(r"heading\s*(\d)", re.I)


def read_docx(data: bytes) -> tuple[list[Block], dict[str, str]]:
    """The blocks of a Word document, in reading order, and its metadata (``title`` from
    the document's properties, when it has one).

    Raises:
        DecodeError: the file is not a Word document python-docx can read.
    """
    import docx  # only a corpus with Word files pays for loading it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DecodeError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # lxml and zip errors of a damaged file
        raise DecodeError(f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):  # a table
            blocks.extend(_table_blocks(item))
        else:
            blocks.extend(_paragraph_blocks(item))
    metadata = {}
    title = (document.core_properties.title or "").strip()
    if title:
        metadata["title"] = title
    return blocks, metadata


def _paragraph_blocks(paragraph) -> list[Block]:
    text = " ".join(paragraph.text.split())
    if not text:
        return []
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title":
        return [Block("heading", text, 1)]
    if match := _HEADING_STYLE.match(style):
        # "Heading 1" is a section of the document; the title is level 1 of a Block.
        return [Block("heading", text, int(match.group(1)) + 1)]
    return [Block("paragraph", text)]


def _table_blocks(table) -> list[Block]:
    blocks: list[Block] = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per column it spans
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                blocks.extend(_paragraph_blocks(paragraph))
            for inner in cell.tables:
                blocks.extend(_table_blocks(inner))
    return [Block("paragraph", b.text) for b in blocks]
