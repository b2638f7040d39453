"""Tables of articles: JSON (one article object, an array of them, or an object holding
one), JSON Lines, CSV, TSV and XLSX (read by openpyxl). One row, one document.

The text is the field named like one (:data:`TEXT_FIELDS`: ``text``, ``body``,
``content``, ...), else the one given (``--text-column``), else the field that holds the
longest text. Title, date, author, source and URL are found by their usual names in any
case style (``date_published``, ``publishDate``, ``authorName``, ``byline``:
:data:`FIELDS`); every other field is kept as metadata. The same mapping reads the front
matter of a Markdown file (:func:`front_matter`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import re
import sys
import tomllib
from dataclasses import dataclass, field
from typing import Any

from ..load import DecodeError, decode_bytes

#: Names of a text field, most telling first (compared in snake case: ``fullText`` is
#: ``full_text``).
TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "contents",
    "article",
    "full_text",
    "fulltext",
    "article_text",
    "article_body",
    "body_text",
    "text_body",
    "main_text",
    "maintext",
    "story",
    "story_text",
    "plain_text",
    "raw_text",
    "transcript",
)
#: Names of the metadata fields, by the documents column (or metadata key) they fill.
FIELDS = {
    "title": ("title", "headline", "heading", "article_title", "head"),
    "published": (
        "date",
        "published",
        "publish_date",
        "published_date",
        "date_published",
        "publication_date",
        "pub_date",
        "pubdate",
        "published_at",
        "published_on",
        "publish_time",
        "published_time",
        "datetime",
        "date_time",
        "timestamp",
        "created_at",
        "date_created",
        "created",
        "release_date",
        "issued",
    ),
    "author": (
        "author",
        "authors",
        "author_name",
        "author_names",
        "byline",
        "by",
        "writer",
        "creator",
        "speaker",
        "author_or_speaker",
    ),
    "source": (
        "source",
        "source_name",
        "publisher",
        "outlet",
        "site",
        "site_name",
        "sitename",
        "publication",
        "newspaper",
        "country_or_source",
        "media",
    ),
    "url": ("url", "link", "href", "source_url", "article_url", "permalink", "canonical_url"),
}
#: Names of a column that identifies a row (its values then name the row's ``doc_id``).
ID_FIELDS = ("id", "doc_id", "article_id", "uuid", "guid", "identifier", "record_id")
#: A field is taken as the text without being named so only when it holds at least this
#: many characters on average: a title or a summary is shorter.
_LONG_TEXT = 150
_HTML_TEXT = re.compile(r"<(?:p|div|br|h[1-6]|article|section|span|a)\b[^>]*>", re.I)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def snake(name: str) -> str:
    """A field name in snake case: ``publishDate`` -> ``publish_date``, ``Full Text`` ->
    ``full_text``."""
    return _NOT_WORD.sub("_", _CAMEL.sub("_", str(name).strip()).lower()).strip("_")


@dataclass
class Record:
    """One article of a table: where it is (``key``, ``where``), its text, which field
    gave it, and its other fields mapped."""

    key: str  # names the row in doc_id: a row number, or the table's id
    where: str  # names the row in messages: "row 5", "item 3", "line 7"
    text: str
    markup: str  # "text", or "html" when the text is HTML
    metadata: dict[str, str] = field(default_factory=dict)
    content_hash: str = ""


@dataclass
class RecordTable:
    """What a file of articles holds: its records, and its problems (file-level or per row,
    each a line for the problems table)."""

    records: list[Record]
    problems: list[str]
    encoding: str | None = None
    whole: bool = False  # one article object: its doc_id is the file's alone


def read_records(data: bytes, format: str, *, text_column: str | None = None) -> RecordTable:
    """The articles in the bytes of a JSON, JSON Lines, CSV, TSV or XLSX file.

    Raises:
        DecodeError: the file as a whole cannot be read, or holds no articles; the message
            says why (rows that cannot be read are in the result's ``problems``).
    """
    problems: list[str] = []
    encoding = None
    if format == "xlsx":
        sheets = _xlsx_rows(data)
        tables = [(name, rows) for name, rows in sheets]
    else:
        text, encoding, _ = decode_bytes(data, format="text")
        if format in ("csv", "tsv"):
            tables = [("", _csv_rows(text, "\t" if format == "tsv" else None))]
        else:
            items, whole = _json_items(text, format, problems)
            table = _from_items(items, whole, text_column, problems)
            table.encoding = encoding
            return table
    records: list[Record] = []
    for sheet, rows in tables:
        prefix = f"{sheet}:" if len(tables) > 1 else ""
        records.extend(_from_rows(rows, prefix, text_column, problems, len(tables) > 1))
    if not records and problems and len(problems) == len(tables):
        raise DecodeError(problems[0].removeprefix("skipped: "))
    return RecordTable(records, problems, encoding)


def _json_items(text: str, format: str, problems: list[str]) -> tuple[list[tuple[str, Any]], bool]:
    """The JSON values that may be articles, each with where it is; and whether the file is
    one article object."""
    if format == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            lines = [line for line in text.splitlines() if line.strip()]
            if len(lines) < 2:
                raise DecodeError(f"not valid JSON ({exc})") from None
            format = "jsonl"  # a .json file that is JSON Lines
        else:
            if isinstance(value, list):
                return [(f"item {n}", item) for n, item in enumerate(value, start=1)], False
            if isinstance(value, dict):
                inner = _article_list(value)
                if inner is not None:
                    name, items = inner
                    return [(f"{name} item {n}", x) for n, x in enumerate(items, start=1)], False
                return [("", value)], True
            raise DecodeError(
                f"JSON that holds a {_json_kind(value)}, not an article object or a list of them"
            )
    items = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            items.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"skipped: line {number} is not JSON ({exc.msg})")
    return items, False


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "null" if value is None else "object"


def _article_list(value: dict) -> tuple[str, list] | None:
    """The list of article objects an object holds (``{"articles": [...]}``), when it has no
    text of its own and exactly one such list."""
    if any(snake(key) in TEXT_FIELDS for key in value):
        return None
    lists = [
        (key, items)
        for key, items in value.items()
        if isinstance(items, list) and items and all(isinstance(x, dict) for x in items)
    ]
    return lists[0] if len(lists) == 1 else None


def _from_items(
    items: list[tuple[str, Any]], whole: bool, text_column: str | None, problems: list[str]
) -> RecordTable:
    objects = []
    for where, item in items:
        if isinstance(item, dict):
            objects.append((where, item))
        else:
            problems.append(
                f"skipped: {where} is not an article object (a JSON {_json_kind(item)})"
            )
    if not objects:
        raise DecodeError("JSON without article objects (each an object with a text field)")
    keys = list(dict.fromkeys(key for _, item in objects for key in item))
    text_key = _text_field(keys, [item for _, item in objects], text_column)
    if text_key is None:
        raise DecodeError(_no_text(keys, text_column, "field"))
    id_key = _id_field(keys, [item for _, item in objects])
    records = []
    for number, (where, item) in enumerate(objects, start=1):
        key = "" if whole else _row_key(item, id_key, str(number))
        record = _record(item, text_key, key, where or "the object", problems)
        if record is not None:
            records.append(record)
    return RecordTable(records, problems, whole=whole)


def _from_rows(
    rows: list[list[Any]], prefix: str, text_column: str | None, problems: list[str], named: bool
) -> list[Record]:
    """Records from a table's rows, the first non-empty row its header."""
    sheet = f"sheet {prefix[:-1]}: " if named else ""
    start = next((n for n, row in enumerate(rows) if any(_filled(c) for c in row)), None)
    if start is None:
        problems.append(f"skipped: {sheet}an empty table: no header, no rows")
        return []
    header = [
        str(cell).strip() if _filled(cell) else f"column_{n}"
        for n, cell in enumerate(rows[start], 1)
    ]
    header = _unique(header)
    body = rows[start + 1 :]
    while body and not any(_filled(c) for c in body[-1]):
        body.pop()  # a spreadsheet's trailing blank rows
    objects = []
    for offset, row in enumerate(body):
        number = start + offset + 2  # as a spreadsheet numbers its rows
        if len(row) > len(header) and any(_filled(c) for c in row[len(header) :]):
            problems.append(
                f"skipped: {sheet}row {number} has {len(row)} cells, the header {len(header)}"
            )
            continue
        objects.append((number, dict(zip(header, row, strict=False))))
    text_key = _text_field(header, [item for _, item in objects], text_column)
    if text_key is None:
        problems.append(f"skipped: {sheet}{_no_text(header, text_column, 'column')}")
        return []
    id_key = _id_field(header, [item for _, item in objects])
    records = []
    for number, item in objects:
        key = prefix + _row_key(item, id_key, str(number))
        record = _record(item, text_key, key, f"{sheet}row {number}", problems)
        if record is not None:
            records.append(record)
    return records


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return unique


def _no_text(keys: list[str], text_column: str | None, what: str) -> str:
    shown = ", ".join(str(k) for k in keys[:12]) + (" ..." if len(keys) > 12 else "")
    if text_column:
        return f"no {what} named {text_column!r} (the {what}s: {shown})"
    return (
        f"no text {what}: none is named {', '.join(TEXT_FIELDS[:6])}, ... and none "
        f"holds long text (the {what}s: {shown}); name it with --text-column"
    )


def _text_field(keys: list, items: list[dict], text_column: str | None) -> Any | None:
    """The field that holds the text: the one given, else one named like a text field,
    else the field whose texts are longest on average, when they are long."""
    by_name = {snake(key): key for key in reversed(keys)}
    if text_column:
        return by_name.get(snake(text_column))
    for name in TEXT_FIELDS:
        if name in by_name:
            return by_name[name]
    best, longest = None, 0.0
    for key in keys:
        values = [item.get(key) for item in items]
        texts = [v for v in values if isinstance(v, str)]
        if not texts or snake(key) in FIELDS["url"]:
            continue
        mean = sum(len(t) for t in texts) / len(values)
        if mean > longest:
            best, longest = key, mean
    return best if longest >= _LONG_TEXT else None


def _id_field(keys: list, items: list[dict]) -> Any | None:
    """A column that names each row once (``id``, ``uuid``, ...), if there is one."""
    by_name = {snake(key): key for key in keys}
    for name in ID_FIELDS:
        key = by_name.get(name)
        if key is None:
            continue
        values = [_plain(item.get(key)) for item in items]
        if all(values) and len(set(values)) == len(values):
            return key
    return None


def _row_key(item: dict, id_key: Any | None, number: str) -> str:
    return _plain(item[id_key]) if id_key is not None else number


def _record(item: dict, text_key: Any, key: str, where: str, problems: list[str]) -> Record | None:
    text = _plain(item.get(text_key))
    if not text.strip():
        if any(_filled(v) for v in item.values()):
            problems.append(f"skipped: {where}: no text (field {text_key})")
        else:
            problems.append(f"skipped: {where} is empty")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    metadata = mapped_fields({k: v for k, v in item.items() if k != text_key})
    canonical = json.dumps({str(k): _plain(v) for k, v in item.items()}, sort_keys=True)
    return Record(
        key=key,
        where=where,
        text=text,
        markup="html" if _HTML_TEXT.search(text) else "text",
        metadata=metadata,
        content_hash=hashlib.sha256(canonical.encode()).hexdigest(),
    )


def mapped_fields(item: dict) -> dict[str, str]:
    """Fields by the documents' names (``publishDate`` -> ``published``), the others kept
    under their own names in snake case; empty values left out. A name that two fields
    would share goes to the first."""
    mapped: dict[str, str] = {}
    for key, value in item.items():
        text = _plain(value)
        if not text.strip():
            continue
        name = snake(key) or "field"
        target = next((f for f, names in FIELDS.items() if name in names), name)
        if target in mapped:
            target = name if name not in mapped else f"{name}_2"
        mapped.setdefault(target, text.strip())
    return mapped


def _filled(value: Any) -> bool:
    return bool(_plain(value).strip())


def _plain(value: Any) -> str:
    """A field's value as text: a list joined with "; ", an object by its ``name`` (an
    author, a source), a day as ISO; nothing for null and NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "; ".join(p for p in (_plain(v) for v in value) if p)
    if isinstance(value, dict):
        for name in ("name", "title", "text", "value"):
            if name in value:
                return _plain(value[name])
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return str(value)


def _csv_rows(text: str, delimiter: str | None) -> list[list[str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # an article is longer than 128 KB at times
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DecodeError(f"not a readable table ({exc})") from None


def _xlsx_rows(data: bytes) -> list[tuple[str, list[list[Any]]]]:
    import openpyxl  # only a corpus with workbooks pays for loading it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and openpyxl's own errors of a damaged file
        raise DecodeError(f"not a readable Excel workbook ({type(exc).__name__}: {exc})") from None
    try:
        return [
            (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    finally:
        book.close()


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n")


def front_matter(text: str) -> tuple[str, dict[str, str], list[str]]:
    """A Markdown text without its front matter (YAML between ``---`` lines, or TOML between
    ``+++``), the fields it gives mapped as in a table (:func:`mapped_fields`), and
    warnings. A block that does not parse is left in the text, with a warning."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}, []
    fence = text[:3]
    closing = re.compile(rf"^(?:{re.escape(fence)}|\.\.\.)[ \t]*$", re.M)
    end = closing.search(text, match.end())
    if not end:
        return text, {}, []
    block = text[match.end() : end.start()]
    try:
        if fence == "+++":
            values = tomllib.loads(block)
        else:
            import yaml

            values = yaml.safe_load(block)
    except Exception as exc:  # YAML and TOML errors: the block stays text
        return text, {}, [f"front matter not read ({type(exc).__name__}); kept as text"]
    if not isinstance(values, dict):
        return text, {}, []
    return text[end.end() :].lstrip("\n"), mapped_fields(values), []
