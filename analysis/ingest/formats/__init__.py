"""Readers of the file formats that are not plain text: each turns a file's bytes into the
text of one document (PDF, Word) or of many (JSON, CSV, TSV and XLSX tables of articles),
with a well-kept library doing the reading.

Which ending is read as which format is :data:`FORMATS`; what the formats have in common
(a reason when a file cannot be read) is :class:`~analysis.ingest.load.DecodeError`.
"""

from __future__ import annotations

#: File endings read as articles, and the format each one is read as.
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".xlsx": "xlsx",
}
#: Formats whose file is a table (or list) of articles: one row, one document.
RECORD_FORMATS = frozenset(("json", "jsonl", "csv", "tsv", "xlsx"))
#: Formats read as bytes by a library rather than decoded as text.
BINARY_FORMATS = frozenset(("pdf", "docx", "xlsx"))

#: File endings this tool does not read, with what they are, so a problem row can name the
#: format (any other ending is named by the ending alone).
KNOWN_UNREAD = {
    ".doc": "an old Word document (.doc); save it as .docx",
    ".rtf": "a Rich Text document (.rtf); save it as .docx or .txt",
    ".odt": "an OpenDocument text (.odt); save it as .docx",
    ".pages": "an Apple Pages document (.pages); export it as .docx",
    ".xls": "an old Excel workbook (.xls); save it as .xlsx or .csv",
    ".ods": "an OpenDocument spreadsheet (.ods); save it as .xlsx or .csv",
    ".pptx": "a PowerPoint presentation (.pptx)",
    ".ppt": "a PowerPoint presentation (.ppt)",
    ".epub": "an e-book (.epub)",
    ".xml": "an XML file (.xml)",
    ".mht": "a web archive (.mht); save the page as .html",
    ".mhtml": "a web archive (.mhtml); save the page as .html",
    ".webarchive": "a Safari web archive (.webarchive); save the page as .html",
    ".zip": "a ZIP archive (.zip); unpack it into the folder",
    ".gz": "a gzip archive (.gz); unpack it into the folder",
    ".png": "a PNG image (.png)",
    ".jpg": "a JPEG image (.jpg)",
    ".jpeg": "a JPEG image (.jpeg)",
    ".gif": "a GIF image (.gif)",
    ".tif": "a TIFF image (.tif); run OCR on it to read its text",
    ".tiff": "a TIFF image (.tiff); run OCR on it to read its text",
    ".parquet": "a Parquet table (.parquet); save it as .csv with a text column",
}


def unread_format(suffix: str) -> str:
    """Why a file with this ending is not read, naming its format."""
    suffix = suffix.lower()
    if suffix in KNOWN_UNREAD:
        return f"{KNOWN_UNREAD[suffix]}, a format this tool does not read"
    if not suffix:
        return "a file without an ending, a format this tool does not read (name it .txt if it is text)"
    return f"a {suffix} file, a format this tool does not read"


def readable_formats() -> str:
    """The endings read, for messages: ``.txt, .md, ...``."""
    return ", ".join(FORMATS)
