"""Loading: find the articles in a folder, decode them safely, attach manifest metadata.

Loading knows nothing of structure or measures. It turns each supported file into a
:class:`RawDocument` (decoded text plus metadata) or a :class:`LoadProblem` that names the file
and says what is wrong with it, so one bad file never stops a run. Input files are only read.
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..config import OUTPUT_MARKER
from ..errors import AnalysisError
from .formats import FORMATS

MANIFEST_NAME = "manifest.csv"

#: Manifest column names accepted for each metadata field, first match wins. The shared
#: corpora use ``author_or_speaker`` and ``country_or_source``.
MANIFEST_ALIASES = {
    "file": ("file", "filename", "file_name", "path", "document", "doc"),
    "title": ("title", "headline"),
    "published": ("date", "published", "publication_date", "pub_date", "published_date"),
    "author": ("author", "author_or_speaker", "authors", "byline", "speaker"),
    "source": ("source", "country_or_source", "publisher", "outlet", "site", "sitename", "domain"),
}

#: Column names of the tables (and the documents' ``feature_key``); a manifest's extra column
#: with one of these names is kept as ``meta_<name>`` so it cannot overwrite a computed value
#: or confuse a join.

_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
}
_CONTROL_OK = frozenset("\t\n\r\f\v")
_BAD_CONTROL = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(32) if chr(c) not in _CONTROL_OK) + "]"
)
_BAD_CONTROL_BYTES = bytes(c for c in range(32) if chr(c) not in _CONTROL_OK)
#: Encodings in which each control character is the one byte of its code, and no other
#: character holds such a byte: the control characters are counted in the bytes, at C speed.
_ONE_BYTE_CONTROLS = frozenset(("utf-8", "utf-8-sig", "cp1252"))


class DecodeError(AnalysisError, ValueError):
    """The bytes are not text this package can read (binary, empty, ...)."""


@dataclass
class RawDocument:
    """One document as read from its file (or from a row of a table of articles) with its
    metadata, before any parsing.

    Attributes:
        format: How the file is written (:data:`~analysis.ingest.formats.FORMATS`).
        text: The document's text: the decoded file, the text a PDF or Word file holds, or
            a row's text field.
        encoding: The encoding the text was decoded from; ``None`` for a format read as
            bytes (PDF, Word, XLSX).
        content_hash: SHA-256 of the file's bytes, or of a row's fields for a row document.
        markup: How the text is parsed when that is not its format: ``text`` (a PDF, a row),
            ``html`` (a row holding HTML) or ``blocks`` (:attr:`blocks` are its structure).
        blocks: Headings and paragraphs as the format gives them (Word).
        furniture: Page furniture the reader removed (a PDF's running heads, page numbers).
    """

    doc_id: str
    path: Path
    format: str
    text: str
    encoding: str | None
    content_hash: str
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    markup: str | None = None
    blocks: list | None = None
    furniture: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadProblem:
    """A file that was skipped, or a manifest that could not be used, and why."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def shown(value: Path | str) -> str:
    """A path (or a text holding one) as it can be stored and printed: the bytes of a file
    name that are not UTF-8, which Python holds as lone surrogates, as ``\\xe9``."""
    text = str(value)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file name makes
        return text.encode("utf-8", "backslashreplace").decode()


#: What a terminal or a log would act on rather than show: control characters, line and
#: paragraph separators, and the marks that turn text right to left.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: Path | str) -> str:
    """``text`` safe to print within one line: what a terminal would act on escaped as Python
    writes it (``\\x1b``, ``\\n``, ``\\u2028``), undecodable bytes as ``\\xe9``. A file name
    can then neither start a line of its own in a log nor send the terminal a command."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], shown(text))


def warning_line(path: Path | str, problem: str) -> str:
    """The ``warning:`` line that names a skipped file or an unusable manifest; every
    warning the commands print is made here."""
    return f"warning: {one_line(path)}: {one_line(problem)}"


def decode_bytes(data: bytes, *, format: str = "text") -> tuple[str, str, list[str]]:
    """Decode the bytes of a text file without ever crashing on odd input.

    Tries, in order: a byte-order mark (UTF-32, UTF-8, UTF-16), strict UTF-8, for an HTML
    page (``format="html"``) the charset its ``<meta>`` declares (:func:`declared_charset`),
    UTF-16 without a mark (told by its NUL pattern), then Windows-1252, the usual legacy
    encoding of English web text. A mark or valid UTF-8 wins over a declaration: a page
    saved again as UTF-8 often keeps the ``<meta>`` of its first encoding, and text in a
    legacy encoding is almost never valid UTF-8. Files that are empty, whitespace only or
    binary raise :class:`DecodeError`.

    Returns:
        ``(text, encoding, warnings)``; ``text`` has no BOM and ``\\n`` line endings;
        ``encoding`` is Python's name of the codec (``utf-8``, ``cp1251``, ``iso8859-2``).
    """
    if not data.strip():
        raise DecodeError("empty file" if not data else "file holds only white space")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise DecodeError(f"binary file ({what}), not text")
    warnings: list[str] = []
    declared = declared_charset(data) if format == "html" else None
    text, encoding = _decode(data, declared, warnings)
    if encoding in _ONE_BYTE_CONTROLS:
        bad = len(data) - len(data.translate(None, _BAD_CONTROL_BYTES))
    else:
        bad = len(_BAD_CONTROL.findall(text))
    if "\x00" in text or bad > max(2, len(text) // 100):
        raise DecodeError("binary file (control bytes throughout), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DecodeError("file holds only white space")
    return text, encoding, warnings


def _decode(data: bytes, declared: str | None, warnings: list[str]) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    codec = _html_codec(declared) if declared else None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if codec not in (None, "utf-8") and not data.isascii():
            warnings.append(f"declares charset {declared} but is valid UTF-8; read as UTF-8")
        return text, "utf-8"
    if declared and codec is None:
        warnings.append(f"declares charset {declared}, which is unknown")
    if codec not in (None, "utf-8"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            text = data.decode(codec, errors="replace")
            replaced = text.count("\ufffd")
            warnings.append(f"{replaced} bytes undefined in {codec} were replaced by U+FFFD")
            return text, codec
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    text = data.decode("cp1252", errors="replace")
    replaced = text.count("\ufffd")
    warnings.append("not UTF-8; decoded as Windows-1252")
    if replaced:
        warnings.append(f"{replaced} bytes undefined in Windows-1252 were replaced by U+FFFD")
    return text, "cp1252"


#: How much of an HTML page is searched for a ``<meta>`` charset. Browsers look at the first
#: 1,024 bytes, where the standard wants it; saved and scraped pages put it later at times,
#: after long styles or scripts.
_CHARSET_SCAN = 8192
#: Codecs that browsers read a declared charset as, by the name Python gives the declared
#: one (the WHATWG Encoding Standard): ``iso-8859-1`` and ``ascii`` pages are Windows-1252,
#: its superset, and so on; a page cannot declare UTF-16 in its ``<meta>`` (it would not be
#: readable as ASCII), so that declaration means UTF-8.
_HTML_CODECS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
#: Labels browsers know that Python does not.
_HTML_LABELS = {"windows-874": "cp874", "x-sjis": "cp932", "windows-31j": "cp932"}
_CHARSET_LABEL = re.compile(r"[A-Za-z0-9._:-]{1,40}")


class _StopScan(Exception):
    pass


class _CharsetScan(HTMLParser):
    """Reads tags up to the first ``<meta charset=...>`` or ``<meta http-equiv=Content-Type
    content="...; charset=...">``, as a browser does; comments and scripts are passed over."""

    charset: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta":
            return
        values = {name: value or "" for name, value in attrs}
        charset = values.get("charset")
        if charset is None and values.get("http-equiv", "").strip().lower() == "content-type":
            _, found, rest = values.get("content", "").lower().partition("charset=")
            charset = rest.split(";")[0] if found else None
        if charset is not None:
            self.charset = charset.strip().strip("\"'").strip()
            raise _StopScan


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` in its first 8 KB, as written
    (``iso-8859-2``), or ``None``."""
    scan = _CharsetScan()
    try:
        scan.feed(data[:_CHARSET_SCAN].decode("latin-1"))
    except _StopScan:
        pass
    except (AssertionError, ValueError):  # a tag the tokenizer cannot make sense of
        return None
    return scan.charset or None


def _html_codec(label: str) -> str | None:
    """The codec to read a page that declares ``label`` with; ``None`` when no codec of
    text has that name."""
    if not _CHARSET_LABEL.fullmatch(label):
        return None
    try:
        codec = codecs.lookup(_HTML_LABELS.get(label.lower(), label)).name
        b"".decode(codec)  # "rot13", "hex" and such are codecs, but not of text
    except LookupError:
        return None
    return _HTML_CODECS.get(codec, codec)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


def content_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes: the key that says whether a document changed."""
    return hashlib.sha256(data).hexdigest()


#: Files larger than this are refused (with a warning naming them) unless the caller raises
#: the limit: one article is rarely over 1 MB, and analysing a 200 MB file takes about 45
#: times its size in memory.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class CorpusFiles:
    """What :func:`find_files` found below a corpus folder."""

    articles: list[Path]  # files to read, in a stable order
    ignored: list[Path]  # files of other types, passed over
    skipped: list[LoadProblem]  # paths that could not be used, each with the reason
    doc_ids: dict[Path, str] = field(default_factory=dict)  # the doc_id of each article


def find_files(
    folder: Path | str, *, follow_links: bool = False, max_bytes: int = MAX_FILE_BYTES
) -> CorpusFiles:
    """The article files below ``folder``, in a stable order, with what was passed over.

    Hidden files and folders, manifests and READMEs (which describe a corpus rather than
    belong to it) are not articles and pass silently; files with other endings are counted
    in ``ignored``. Everything else that cannot be read is in ``skipped`` with the reason:
    broken or looping symbolic links, FIFOs and devices, unreadable folders, files over
    ``max_bytes``, and the output folders of earlier runs. A symbolic link is read only when
    it resolves inside ``folder``, unless ``follow_links``; a link to a folder inside it, or
    to a file that is read anyway, is skipped: each file is read once, where it really is.
    """
    folder = Path(folder)
    scan = _Scan(folder, Path(os.path.realpath(folder)), follow_links, max_bytes)
    scan.walk()
    found = scan.found
    found.articles.sort()
    found.ignored.sort()
    scan.read_links_once()
    found.doc_ids = doc_ids(found.articles, folder)
    return found


class _Scan:
    """One walk of a corpus folder, gathering what :func:`find_files` returns."""

    def __init__(self, folder: Path, root: Path, follow_links: bool, max_bytes: int) -> None:
        self.folder, self.root = folder, root
        self.follow_links, self.max_bytes = follow_links, max_bytes
        self.found = CorpusFiles([], [], [])
        self.visited = {root}  # real folders walked, so that a link loop ends
        self.linked: set[Path] = set()  # articles reached through a symbolic link

    def skip(self, path: Path, why: str) -> None:
        self.found.skipped.append(LoadProblem(path, f"skipped: {why}"))

    def walk(self) -> None:
        """Every folder from the corpus folder down, each before the folders in it, in
        name order; with a list of folders still to read rather than recursion, since a
        corpus may be thousands of folders deep."""
        waiting = [(self.folder, False)]  # (folder, reached through a symbolic link)
        while waiting:
            here, through_link = waiting.pop()
            try:
                dirs, files = _entries(here)
            except OSError as exc:
                self.skip(here, f"folder not readable ({exc.strerror})")
                continue
            if here != self.folder and _is_output_folder(here, files, dirs):
                self.skip(here, "the output folder of an earlier run of this tool, not articles")
                continue
            below = []
            for name in sorted(name for name in dirs if not name.startswith(".")):
                path = here / name
                if not path.is_symlink():
                    below.append((path, through_link))
                elif self.linked_folder(path):
                    below.append((path, True))
            for name in sorted(files):
                self.file(here / name, through_link)
            waiting.extend(reversed(below))

    def linked_folder(self, path: Path) -> bool:
        """Whether to read the folder a symbolic link leads to (else it is skipped, or was
        read already)."""
        try:
            path.stat()
        except OSError as exc:
            self.skip(path, _link_problem(path, exc))
            return False
        target = Path(os.path.realpath(path))
        if target.is_relative_to(self.root):
            self.skip(path, "symbolic link to a folder inside the corpus; its files are read there")
            return False
        if not self.follow_links:
            self.skip(path, _outside(path))
            return False
        if target in self.visited:
            return False
        self.visited.add(target)
        return True

    def file(self, path: Path, through_link: bool) -> None:
        name = path.name
        if name.startswith(".") or name == MANIFEST_NAME or path.stem.upper() == "README":
            return
        if path.suffix.lower() not in FORMATS:
            self.found.ignored.append(path)
            return
        try:
            info = path.stat()
        except OSError as exc:
            self.skip(path, _link_problem(path, exc))
            return
        link = path.is_symlink()
        if link and not _inside(path, self.root) and not self.follow_links:
            self.skip(path, _outside(path))
        elif not stat.S_ISREG(info.st_mode):
            self.skip(path, "not a regular file (a FIFO, socket or device)")
        elif info.st_size > self.max_bytes:
            self.skip(
                path,
                f"{info.st_size / 2**20:.1f} MB, over the limit of {self.max_bytes / 2**20:g} MB "
                "for one file (raise it with --max-file-mb)",
            )
        else:
            self.found.articles.append(path)
            if link or through_link:
                self.linked.add(path)

    def read_links_once(self) -> None:
        """Skip the articles found through a symbolic link whose file is read already: where
        it really is, when the scan found it there, else through the first link to it."""
        if not self.linked:
            return
        # An article found through no link is where it really is.
        read = {
            self.root / path.relative_to(self.folder): path
            for path in self.found.articles
            if path not in self.linked
        }
        articles = []
        for path in self.found.articles:
            if path in self.linked:
                kept = read.setdefault(Path(os.path.realpath(path)), path)
                if kept != path:
                    to = "the same file as " if kept in self.linked else ""
                    self.skip(path, f"symbolic link to {to}{kept}, which is read there")
                    continue
            articles.append(path)
        self.found.articles = articles


def _entries(folder: Path) -> tuple[list[str], list[str]]:
    """The names of the folders and of the other entries in ``folder``, as ``os.walk``
    tells them apart (a link to a folder is a folder).

    Raises:
        OSError: the folder cannot be read.
    """
    dirs, files = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry.name)
    return dirs, files


def _is_output_folder(base: Path, files: list[str], dirs: list[str]) -> bool:
    """A folder a run of this tool wrote (the marker; or, from versions before it, a report:
    ``index.html`` beside ``tables/documents.parquet``)."""
    if OUTPUT_MARKER in files:
        return True
    return "index.html" in files and (base / "tables" / "documents.parquet").is_file()


def _inside(path: Path, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root)


def _outside(path: Path) -> str:
    return (
        f"symbolic link to {os.path.realpath(path)}, outside the corpus folder "
        "(pass --follow-links to read it)"
    )


def _link_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if path.is_symlink():
        return f"broken symbolic link (to {os.readlink(path)})"
    return f"not readable ({exc.strerror})"


def doc_ids(articles: list[Path], folder: Path) -> dict[Path, str]:
    """The ``doc_id`` of each article: its file name without the ending; where two files
    share that, their path below ``folder`` without the ending (``x/same``, ``y/same``);
    where that is shared too (``x.txt`` beside ``x.md``), the path with its ending. Distinct
    files always get distinct ids."""
    forms = [
        lambda p: p.stem,
        lambda p: p.relative_to(folder).with_suffix("").as_posix(),
        lambda p: p.relative_to(folder).as_posix(),
    ]
    level = dict.fromkeys(articles, 0)
    while True:
        ids = {path: shown(forms[level[path]](path)) for path in articles}
        counts = Counter(ids.values())
        clashing = [p for p in articles if counts[ids[p]] > 1 and level[p] < len(forms) - 1]
        if not clashing:
            return ids
        for path in clashing:
            level[path] += 1


def read_manifest(
    path: Path, *, date_order: str | None = None
) -> tuple[dict[str, dict[str, str]], list[LoadProblem]]:
    """Read one ``manifest.csv``: metadata keyed by file path relative to its folder.

    Known columns are renamed to the documents table's names (``date`` -> ``published``,
    ``author_or_speaker`` -> ``author``, ...); other columns are kept as extra metadata.
    Empty cells are left out, so that metadata found in the text can fill them.
    """
    try:
        text, _, _ = decode_bytes(path.read_bytes())
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except (OSError, DecodeError, csv.Error) as exc:
        return {}, [LoadProblem(path, f"manifest not read ({exc}); files get no manifest metadata")]
    if not rows:
        return {}, [LoadProblem(path, "manifest is empty; files get no manifest metadata")]
    names, problems = _column_names(rows[0], path)
    if "file" not in names:
        accepted = ", ".join(MANIFEST_ALIASES["file"])
        return {}, [LoadProblem(path, f"manifest has no file column (one of: {accepted}); ignored")]
    entries: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            problems.append(
                LoadProblem(
                    path,
                    f"line {line_no} has {len(row)} cells, header has {len(names)}; row ignored",
                )
            )
            continue
        record = {name: cell.strip() for name, cell in zip(names, row, strict=True) if cell.strip()}
        file_name = record.pop("file", "")
        if not file_name:
            continue
        key = Path(file_name).as_posix()
        if key in first_line:
            problems.append(
                LoadProblem(
                    path,
                    f"line {line_no} lists {key} again (first at line {first_line[key]}); "
                    f"line {line_no} is used",
                )
            )
        first_line.setdefault(key, line_no)
        entries[key] = record
    from .dates import date_fields

    problems.extend(
        LoadProblem(path, message)
        for message in date_fields(entries, "the date column", date_order)
    )
    return entries, problems


def _column_names(header: list[str], path: Path) -> tuple[list[str], list[LoadProblem]]:
    """The name each column of a manifest is read as: a field's (``date`` -> ``published``),
    else its own, as ``meta_<name>`` where a table has a column of that name. A name that
    two columns would share (``foo,foo``; ``text`` beside ``meta_text``) is given to the
    first; the next is read as ``<name>_2`` (``_3``, ...), with a warning naming both."""
    from ..features import table_columns  # the registry's tables, plugins' too

    reserved = table_columns() | {"feature_key"}
    names: list[str] = []
    for cell in header:
        column = cell.strip().lower().replace(" ", "_")
        field_name = next((f for f, aliases in MANIFEST_ALIASES.items() if column in aliases), None)
        if field_name is None or field_name in names:
            field_name = f"meta_{column}" if column in reserved else column
        names.append(field_name)
    taken = set(names)
    first: dict[str, int] = {}
    problems = []
    for number, name in enumerate(names):
        if name not in first:
            first[name] = number
            continue
        suffix = 2
        while f"{name}_{suffix}" in taken:
            suffix += 1
        names[number] = f"{name}_{suffix}"
        taken.add(names[number])
        earlier = first[name]
        problems.append(
            LoadProblem(
                path,
                f"columns {earlier + 1} ({header[earlier].strip()}) and {number + 1} "
                f"({header[number].strip()}) would both be {name}; "
                f"column {number + 1} is read as {names[number]}",
            )
        )
    return names, problems


def iter_corpus(
    folder: Path | str,
    files: CorpusFiles | None = None,
    *,
    text_column: str | None = None,
    date_order: str | None = None,
) -> Iterator[RawDocument | LoadProblem]:
    """Yield each article below ``folder`` as a :class:`RawDocument`, or a :class:`LoadProblem`.

    Documents are read one file at a time, so memory does not grow with the corpus. A table
    of articles (JSON, CSV, TSV, XLSX) gives a document per row, named ``<file>#<row>`` (or
    ``#<id>`` by its id column); ``text_column`` names its text column where no column is
    named like one. Dates of metadata are read by :mod:`analysis.ingest.dates`, their order
    (``8/4/2017``) decided per column, else ``date_order``. ``doc_id`` follows :func:`doc_ids`. ``files`` is what :func:`find_files`
    found, if the caller has it. A file of a format this tool does not read is a problem
    that names the format.

    Raises:
        NotADirectoryError: ``folder`` is not a folder.
    """
    from .formats import unread_format

    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    files = files or find_files(folder)
    yield from files.skipped
    for path in files.ignored:
        yield LoadProblem(path, f"skipped: {unread_format(path.suffix)}")
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    claimed: dict[Path, set[str]] = {}
    for path in files.articles:
        manifest_dir = _manifest_dir(path, folder, manifests)
        if manifest_dir is not None and manifest_dir not in claimed:
            claimed[manifest_dir] = set()
            entries, problems = read_manifest(manifest_dir / MANIFEST_NAME, date_order=date_order)
            manifests[manifest_dir] = entries
            yield from problems
        metadata: dict[str, str] = {}
        warnings: list[str] = []
        if manifest_dir is not None:
            key = path.relative_to(manifest_dir).as_posix()
            metadata = dict(manifests[manifest_dir].get(key, {}))
            if key in manifests[manifest_dir]:
                claimed[manifest_dir].add(key)
            else:
                warnings.append(f"not listed in {shown(manifest_dir / MANIFEST_NAME)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield LoadProblem(path, f"skipped: not readable ({exc.strerror})")
            continue
        try:
            yield from _read_file(
                path,
                data,
                files.doc_ids[path],
                metadata,
                warnings,
                text_column=text_column,
                date_order=date_order,
            )
        except DecodeError as exc:
            yield LoadProblem(path, f"skipped: {exc}")
    for manifest_dir, keys in claimed.items():
        present = {
            path.relative_to(manifest_dir).as_posix()
            for path in (*files.ignored, *(p.path for p in files.skipped))
            if path.is_relative_to(manifest_dir)
        }
        missing = sorted(set(manifests[manifest_dir]) - keys - present)
        if missing:
            listed = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            yield LoadProblem(
                manifest_dir / MANIFEST_NAME,
                f"{len(missing)} listed file(s) not found: {listed}",
            )


def _read_file(
    path: Path,
    data: bytes,
    doc_id: str,
    metadata: dict[str, str],
    warnings: list[str],
    *,
    text_column: str | None,
    date_order: str | None,
) -> Iterator[RawDocument | LoadProblem]:
    """The documents of one file (several for a table of articles), and the problems of
    its rows.

    Raises:
        DecodeError: the file cannot be read at all.
    """
    from .dates import date_fields

    format = FORMATS[path.suffix.lower()]
    digest = content_hash(data)
    if format in ("text", "markdown", "html"):
        text, encoding, decoding = decode_bytes(data, format=format)
        if format == "markdown":
            from .formats.records import front_matter

            text, fields, matter = front_matter(text)
            if "published" not in metadata:  # the manifest wins
                for message in date_fields({"front matter": fields}, "", date_order):
                    yield LoadProblem(path, message)
            metadata = {**fields, **metadata}
            decoding += matter
        yield RawDocument(
            doc_id, path, format, text, encoding, digest, metadata, warnings + decoding
        )
    elif format == "pdf":
        from .formats.pdf import read_pdf

        pdf = read_pdf(data)
        yield RawDocument(
            doc_id,
            path,
            format,
            pdf.text,
            None,
            digest,
            metadata,
            warnings,
            markup="text",
            furniture=pdf.furniture,
        )
    elif format == "docx":
        from .formats.docx import read_docx

        blocks, fields = read_docx(data)
        if not blocks:
            raise DecodeError("a Word document without text")
        text = "\n\n".join(block.text for block in blocks)
        yield RawDocument(
            doc_id,
            path,
            format,
            text,
            None,
            digest,
            {**fields, **metadata},
            warnings,
            markup="blocks",
            blocks=blocks,
        )
    else:
        from .formats.records import read_records

        table = read_records(data, format, text_column=text_column)
        for problem in table.problems:
            yield LoadProblem(path, problem)
        dated = {record.where: record.metadata for record in table.records}
        for message in date_fields(dated, "the date column", date_order):
            yield LoadProblem(path, message)
        for record in table.records:
            yield RawDocument(
                doc_id if table.whole else f"{doc_id}#{record.key}",
                path,
                format,
                record.text,
                table.encoding,
                record.content_hash,
                {**metadata, **record.metadata},  # the row's own fields win
                list(warnings),
                markup=record.markup,
            )


def _manifest_dir(path: Path, root: Path, cache: dict[Path, object]) -> Path | None:
    """The nearest folder from ``path`` up to ``root`` that holds a manifest."""
    for parent in path.parents:
        if parent in cache or (parent / MANIFEST_NAME).is_file():
            return parent
        if parent == root:
            break
    return None
