"""Tables where analysts work: a folder of tables as CSV files or as one XLSX workbook.

``python -m analysis export DIR --to csv|xlsx [--tables NAME ...] [--out PATH]`` calls
:func:`export_tables`. (The report's pages are exported to HTML by
:mod:`analysis.report.export`, a different thing.)

**CSV** (:func:`write_csv`): a file per table, ``<table>.csv``, UTF-8 *with* a byte-order
mark, comma-separated, rows ending in CRLF, the column names in the first row, and RFC
4180 quoting (a value holding a comma, a quote or a line break is in double quotes, its
quotes doubled; text keeps its line breaks inside the quotes). A missing value is an empty
cell; an empty text is ``""``. Numbers are written as Python prints them (``0.1``,
``1e+20``), which reads back to the same number. The mark is there for Excel, which opens a
double-clicked CSV as UTF-8 only when it starts with one (else in the machine's ANSI code
page: ``Pakistanâ€™s``); pandas, readr, data.table, Stata and SPSS read it and drop it, and
base R's ``read.csv`` does too with ``fileEncoding = "UTF-8-BOM"``.

**XLSX** (:func:`write_workbook`): a sheet per table, after a ``README`` sheet that says
what the workbook holds, how many rows and cells each table has there, and what every
column means (from the registry, :func:`analysis.features.all_tables`). Excel holds at most
:data:`EXCEL_MAX_ROWS` rows a sheet, the column names included: a longer table goes on
over the sheets ``terms``, ``terms (2)``, ..., each starting with the column names. A cell
holds at most :data:`EXCEL_MAX_CHARACTERS` characters (UTF-16 code units, as Excel counts):
a longer text (a document's ``text``) is cut and ends in a note saying how long it was.
Both are said on standard error and in the README sheet. Text is always written as text,
never read as a formula or a link (``=1+1``, ``-3 dead``, ``http://...`` stay as they are).
The workbook is written by xlsxwriter in its constant-memory mode, chosen over openpyxl by
speed (``benchmarks/README.md``).

In both, a list cell (``documents.headings``, ``actors.names``, ``era_definitions.cues``)
is a JSON array: ``["Kashmir", "China"]``, ``[]`` for none (``json.loads`` in Python,
``jsonlite::fromJSON`` in R).

Tables are read from Parquet a batch at a time (:meth:`pyarrow.parquet.ParquetFile.iter_batches`),
never whole, and every file is written to a temporary file beside it and moved into place
(:func:`analysis.tables.store.atomic_write`). A file already where an export would write is
replaced only when an export wrote it (a CSV folder lists them in
:data:`EXPORT_MARKER`; a workbook says so in its properties) or when ``--out`` names that
very file; nothing is written inside a run's output folder, which the next run replaces.
"""

from __future__ import annotations

import codecs
import json
import math
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..config import OUTPUT_MARKER
from ..errors import AnalysisError
from ..tables.store import DamagedTable, atomic_write, write_text

#: What a table can be exported to.
FORMATS = ("csv", "xlsx")
#: Rows of an Excel sheet, the row of column names included.
EXCEL_MAX_ROWS = 1_048_576
#: Characters of an Excel cell (UTF-16 code units).
EXCEL_MAX_CHARACTERS = 32_767
#: Columns of an Excel sheet.
EXCEL_MAX_COLUMNS = 16_384
#: The first sheet of a workbook: what it holds.
README_SHEET = "README"
#: In a folder of CSV files: the files an export wrote there, which the next may replace.
EXPORT_MARKER = ".policy-discourse-export"
#: The workbook's comment (its properties): an export wrote it.
WORKBOOK_COMMENT = "Tables exported by policy-discourse (python -m analysis export)"
#: Rows read from a Parquet file at a time.
BATCH_ROWS = 8_192

_MARKER_HEADER = "Written by policy-discourse export; an export into this folder replaces:"
_CUT_NOTE = " [cut: {length:,} characters in all; the CSV export holds the whole text]"
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
_SHEET_NAME_LENGTH = 31


class ExportError(AnalysisError):
    """Tables that cannot be exported as asked (a folder without tables, an unknown table,
    an output the export must not write); the message says why and what to do (exit code
    2)."""


def table_folder(folder: Path) -> Path:
    """The folder whose ``*.parquet`` files are the tables: ``folder`` itself (a ``features
    --out`` folder, or a report's ``tables/``), or its ``tables/`` (a report folder).

    Raises:
        ExportError: no such folder, or no tables in it.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportError(
            f"{folder} is not a folder; pass a folder of tables (features --out DIR) or a "
            "report folder"
        )
    for candidate in (folder, folder / "tables"):
        if candidate.is_dir() and any(candidate.glob("*.parquet")):
            return candidate
    raise ExportError(
        f"no tables in {folder} (no .parquet files, nor a tables/ folder with them); pass a "
        "folder of tables (features --out DIR) or a report folder"
    )


def find_tables(folder: Path, names: Iterable[str] | None = None) -> dict[str, Path]:
    """The tables of ``folder`` (:func:`table_folder`) by name, each a Parquet file: those
    of the registry first, in its order, then any other, by name; or the ``names`` asked
    for, in that order.

    Raises:
        ExportError: a name that is not a table of the folder (the message lists those it
            has), or see :func:`table_folder`.
    """
    from ..features import table_names  # the registry: built-in and installed analyses

    folder = table_folder(folder)
    stored = {path.stem: path for path in folder.glob("*.parquet")}
    known = [name for name in table_names() if name in stored]
    found = {name: stored[name] for name in [*known, *sorted(set(stored) - set(known))]}
    if names is None:
        return found
    names = list(dict.fromkeys(names))
    unknown = [name for name in names if name not in found]
    if unknown:
        raise ExportError(
            f"no table {', '.join(map(repr, unknown))} in {folder}; its tables: {', '.join(found)}"
        )
    return {name: found[name] for name in names}


@dataclass
class Exported:
    """What an export wrote: the files, and each table's rows, sheets and cut cells."""

    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    sheets: dict[str, list[str]] = field(default_factory=dict)
    cut: dict[str, dict[str, int]] = field(default_factory=dict)


def export_tables(
    folder: Path,
    *,
    to: str,
    tables: Iterable[str] | None = None,
    out: Path | None = None,
    warn: Callable[[str], None] | None = None,
) -> Exported:
    """Write the tables of ``folder`` (all, or those named in ``tables``) as CSV files into
    the folder ``out``, or as one XLSX workbook at ``out`` (``to``: ``csv`` or ``xlsx``).
    Without ``out``: ``<name>-csv/`` or ``<name>.xlsx`` in the current folder, ``<name>``
    the folder's name (the report's for its ``tables/``). Lines for the user (a table split
    over sheets, cells cut) go to ``warn`` (standard error by default).

    Raises:
        ExportError: see :func:`find_tables`; ``to`` not a format; an ``out`` that is not
            the kind of path asked for (a folder for CSV, an ``.xlsx`` file), lies inside
            a run's output folder, or holds a file an export did not write.
    """
    if to not in FORMATS:
        raise ExportError(f"cannot export to {to!r}; formats: {', '.join(FORMATS)}")
    warn = warn or _stderr
    paths = find_tables(folder, tables)
    name = run_name(table_folder(folder))
    named = out is not None
    if to == "csv":
        out_dir = Path(out) if named else Path.cwd() / f"{name}-csv"
        return write_csv_files(paths, out_dir)
    target = Path(out) if named else Path.cwd() / f"{name}.xlsx"
    _check_workbook_target(target, named=named)
    return write_workbook(paths, target, title=f"Tables of {name}", warn=warn)


def run_name(folder: Path) -> str:
    """The name of the run whose tables are in ``folder``: the folder's, or the report's
    for a report's ``tables/``."""
    folder = Path(folder).resolve()
    return folder.parent.name if folder.name == "tables" and folder.parent.name else folder.name


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


# --- CSV -----------------------------------------------------------------------------------


def write_csv(table: pa.Table | Path, path: Path) -> int:
    """Write ``table`` (an Arrow table, or the Parquet file at that path, read a batch at a
    time) to the CSV file ``path`` (the format is in this module's docstring), atomically;
    return how many rows it has.

    Raises:
        ExportError: a column of a type CSV cannot hold.
    """
    schema, batches = _source(table)
    text_schema = pa.schema(
        [pa.field(f.name, pa.string()) if _nested(f.type) else f for f in schema]
    )
    rows = 0

    def write(tmp: Path) -> None:
        nonlocal rows
        with tmp.open("wb") as handle:
            handle.write(codecs.BOM_UTF8)
            options = pa_csv.WriteOptions(eol="\r\n")
            with pa_csv.CSVWriter(handle, text_schema, write_options=options) as writer:
                for batch in batches:
                    try:
                        writer.write_batch(_lists_as_json(batch, text_schema))
                    except (pa.ArrowNotImplementedError, pa.ArrowInvalid) as exc:
                        raise ExportError(
                            f"{path.name}: a column cannot be written as CSV ({exc})"
                        ) from None
                    rows += batch.num_rows

    atomic_write(Path(path), write)
    return rows


def write_csv_files(tables: Mapping[str, Path], out_dir: Path) -> Exported:
    """Each table (name: Parquet file) as ``out_dir/<name>.csv`` (:func:`write_csv`).

    Raises:
        ExportError: ``out_dir`` is a file, lies inside a run's output folder, or holds a
            ``<name>.csv`` that an export did not write.
        DamagedTable: a table that cannot be read (found before anything is written, if
            its footer is damaged).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"--out {out_dir} is a file; for CSV name a folder (made if missing)")
    _outside_runs(out_dir)
    ours = _exported_files(out_dir)
    clash = [
        f"{name}.csv"
        for name in tables
        if f"{name}.csv" not in ours
        and ((out_dir / f"{name}.csv").exists() or (out_dir / f"{name}.csv").is_symlink())
    ]
    if clash:
        raise ExportError(
            f"{out_dir} already holds {', '.join(clash)}, which an export did not write; "
            "move them or choose another --out folder"
        )
    for source in tables.values():  # a damaged table is found before anything is written
        _open(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Listed before they are written: an export cut short leaves files the next may replace.
    listed = sorted(ours | {f"{name}.csv" for name in tables})
    write_text(out_dir / EXPORT_MARKER, "\n".join([_MARKER_HEADER, *listed]) + "\n")
    exported = Exported()
    for name, source in tables.items():
        path = out_dir / f"{name}.csv"
        exported.rows[name] = write_csv(source, path)
        exported.files.append(path)
    return exported


def _exported_files(out_dir: Path) -> set[str]:
    """The files an export listed as its own in ``out_dir``."""
    try:
        lines = (out_dir / EXPORT_MARKER).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in lines[1:] if line} if lines[:1] == [_MARKER_HEADER] else set()


# --- XLSX ----------------------------------------------------------------------------------


def write_workbook(
    tables: Mapping[str, Path],
    path: Path,
    *,
    title: str = "Tables",
    warn: Callable[[str], None] | None = None,
) -> Exported:
    """Every table (name: Parquet file) as a sheet of one XLSX workbook at ``path``, after a
    README sheet; a table longer than a sheet goes on over more, a text longer than a cell
    is cut with a note (each said through ``warn``). Written atomically.

    Raises:
        ExportError: a table with more columns than a sheet holds.
    """
    import xlsxwriter  # only for this export

    warn = warn or _stderr
    path = Path(path)
    exported = Exported()
    for name, source in tables.items():
        columns = len(_open(source).schema_arrow)
        if columns > EXCEL_MAX_COLUMNS:
            raise ExportError(
                f"table {name!r} has {columns:,} columns; an Excel sheet holds "
                f"{EXCEL_MAX_COLUMNS:,} (export it --to csv)"
            )

    def write(tmp: Path) -> None:
        # Each sheet's rows go to a file until the workbook is zipped: beside the output,
        # on the disk it will be written to (not in a /tmp that may be memory).
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=f".{path.name}.") as parts:
            book = xlsxwriter.Workbook(
                str(tmp),
                {
                    "constant_memory": True,
                    "tmpdir": parts,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                    "strings_to_numbers": False,
                    "nan_inf_to_errors": True,
                    "remove_timezone": True,
                    "default_date_format": "yyyy-mm-dd hh:mm:ss",
                },
            )
            book.set_properties({"title": title, "comments": WORKBOOK_COMMENT})
            readme = book.add_worksheet(README_SHEET)  # first; filled once the rest is known
            bold = book.add_format({"bold": True})
            taken = {README_SHEET.casefold()}
            for name, source in tables.items():
                _write_table(book, name, source, exported, taken, bold)
            _write_readme(readme, title, tables, exported, bold)
            book.close()

    atomic_write(path, write)
    exported.files.append(path)
    for name, sheets in exported.sheets.items():
        if len(sheets) > 1:
            warn(
                f"note: {name}: {exported.rows[name]:,} rows, more than an Excel sheet holds "
                f"({EXCEL_MAX_ROWS - 1:,} and the column names): on sheets "
                f"{', '.join(repr(sheet) for sheet in sheets)} (see the README sheet)"
            )
    for name, columns in exported.cut.items():
        for column, count in columns.items():
            warn(
                f"warning: {name}.{column}: {count:,} cell(s) longer than Excel's "
                f"{EXCEL_MAX_CHARACTERS:,} characters cut, each ending in a note saying how "
                "long it was (--to csv holds them whole)"
            )
    return exported


def _write_table(book, name: str, source: Path, exported: Exported, taken: set, bold) -> None:
    """One table on as many sheets as it needs, each starting with the column names."""
    file = _open(source)
    header = file.schema_arrow.names
    per_sheet = EXCEL_MAX_ROWS - 1
    names = _sheet_names(name, max(1, math.ceil(file.metadata.num_rows / per_sheet)), taken)
    exported.sheets[name], exported.rows[name] = names, 0
    cut: dict[str, int] = {}

    def new_sheet(part: int):
        sheet = book.add_worksheet(names[part])
        sheet.write_row(0, 0, header, bold)
        sheet.freeze_panes(1, 0)
        return sheet

    sheet, part, row = new_sheet(0), 0, 0
    for batch in _batches(file, source):
        for values in _cells(batch, cut):
            if row == per_sheet:
                part += 1
                sheet, row = new_sheet(part), 0
            row += 1
            sheet.write_row(row, 0, values)
        exported.rows[name] += batch.num_rows
    if cut:
        exported.cut[name] = cut


def _sheet_names(table: str, count: int, taken: set[str]) -> list[str]:
    """The names of a table's ``count`` sheets: ``terms``, ``terms (2)``, ...; made a name
    Excel takes (at most 31 characters, none of ``[]:*?/\\``) and unique in the workbook,
    which ``taken`` (case-folded, as Excel compares them) collects."""
    base = table.translate(_SHEET_FORBIDDEN).strip("'") or "table"
    names = []
    for part in range(1, count + 1):
        suffix = f" ({part})" if part > 1 else ""
        stem = base[: _SHEET_NAME_LENGTH - len(suffix)]
        name, extra = stem + suffix, 1
        while name.casefold() in taken or name.casefold() == "history":
            extra += 1
            mark = f"~{extra}"
            name = stem[: _SHEET_NAME_LENGTH - len(suffix) - len(mark)] + mark + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _write_readme(sheet, title: str, tables: Mapping[str, Path], exported: Exported, bold) -> None:
    """The README sheet: what the workbook holds, the limits it meets, each table's sheets,
    rows and cut cells, and what every column means."""
    from ..features import all_tables
    from ..options import versions

    split = {name: sheets for name, sheets in exported.sheets.items() if len(sheets) > 1}
    cut = [
        f"{count:,} cell(s) of {name}.{column}"
        for name, columns in exported.cut.items()
        for column, count in columns.items()
    ]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"Exported by policy-discourse {versions().get('policy-discourse', '')} on "
        f"{generated}: a sheet per table, its column names in the first row.",
        'A list cell holds a JSON array: ["Kashmir", "China"], [] for none.',
        f"An Excel sheet holds {EXCEL_MAX_ROWS:,} rows: a longer table goes on over the "
        "sheets 'NAME', 'NAME (2)', ..., each starting with the column names. "
        + (
            "Here: "
            + "; ".join(f"{name} on {', '.join(sheets)}" for name, sheets in split.items())
            + "."
            if split
            else "No table here needed more than one."
        ),
        f"An Excel cell holds {EXCEL_MAX_CHARACTERS:,} characters: a longer text is cut and "
        "ends in '[cut: N characters in all; ...]' (the CSV export, --to csv, holds it whole). "
        + (f"Cut here: {'; '.join(cut)}." if cut else "No cell here was cut."),
    ]
    sheet.write_string(0, 0, title, bold)
    for row, line in enumerate(lines, 1):
        sheet.write_string(row, 0, line)
    row = len(lines) + 2
    sheet.write_row(
        row, 0, ("table", "sheets", "rows", "columns", "cells cut", "one row per"), bold
    )
    contract = all_tables()
    schemas = {name: pq.read_schema(path) for name, path in tables.items()}
    for name in tables:
        row += 1
        table = contract.get(name)
        sheet.write_row(
            row,
            0,
            (
                name,
                ", ".join(exported.sheets[name]),
                exported.rows[name],
                len(schemas[name]),
                sum(exported.cut.get(name, {}).values()),
                table.per if table else "",
            ),
        )
    row += 2
    sheet.write_row(row, 0, ("table", "column", "type", "meaning"), bold)
    for name, schema in schemas.items():
        documented = (
            {column.name: column for column in contract[name].columns} if name in contract else {}
        )
        for arrow_field in schema:
            row += 1
            column = documented.get(arrow_field.name)
            sheet.write_row(
                row,
                0,
                (
                    name,
                    arrow_field.name,
                    column.type if column else str(arrow_field.type),
                    column.doc if column else "",
                ),
            )
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 24)


def _check_workbook_target(target: Path, *, named: bool) -> None:
    """Refuse a workbook path the export must not write (see :func:`export_tables`)."""
    if target.is_dir():
        raise ExportError(f"--out {target} is a folder; for XLSX name a file ending in .xlsx")
    if target.suffix.lower() != ".xlsx":
        raise ExportError(
            f"--out {target}: name a file ending in .xlsx (Excel opens a workbook only by that "
            "ending)"
        )
    _outside_runs(target)
    if (target.exists() or target.is_symlink()) and not named and not _exported_workbook(target):
        raise ExportError(
            f"{target} exists and an export did not write it; name another file with --out "
            "(or this one, to replace it)"
        )


def _exported_workbook(path: Path) -> bool:
    """Whether the workbook at ``path`` says an export wrote it."""
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return WORKBOOK_COMMENT in core


def _outside_runs(path: Path) -> None:
    """Refuse an output inside a run's output folder: the next run would replace the folder
    whole, or refuse to, for the file it did not write."""
    resolved = Path(path).resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / OUTPUT_MARKER).is_file():
            raise ExportError(
                f"--out {path} is inside {folder}, the output folder of a run, which the next "
                "run replaces whole; choose a path outside it"
            )


# --- Cells ---------------------------------------------------------------------------------


def _source(table: pa.Table | Path) -> tuple[pa.Schema, Iterator[pa.RecordBatch]]:
    if isinstance(table, pa.Table):
        return table.schema.remove_metadata(), iter(table.to_batches(max_chunksize=BATCH_ROWS))
    file = _open(Path(table))
    return file.schema_arrow.remove_metadata(), _batches(file, Path(table))


def _open(path: Path) -> pq.ParquetFile:
    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise DamagedTable(path, exc) from None


def _batches(file: pq.ParquetFile, path: Path) -> Iterator[pa.RecordBatch]:
    """The rows of the Parquet file at ``path``, :data:`BATCH_ROWS` at a time."""
    try:
        yield from file.iter_batches(batch_size=BATCH_ROWS)
    except (pa.ArrowException, OSError) as exc:
        raise DamagedTable(path, exc) from None


def _nested(kind: pa.DataType) -> bool:
    return pa.types.is_nested(kind)


def _json_values(column: pa.Array) -> list[str | None]:
    """A list (or other nested) column as JSON text, cell by cell."""
    return [
        None if value is None else json.dumps(value, ensure_ascii=False, default=str)
        for value in column.to_pylist()
    ]


def _lists_as_json(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    """``batch`` with its nested columns as JSON text (``schema``)."""
    arrays = [
        pa.array(_json_values(column), pa.string()) if _nested(column.type) else column
        for column in batch.columns
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _cells(batch: pa.RecordBatch, cut: dict[str, int]) -> Iterator[tuple]:
    """The batch's rows as Excel cell values: text, numbers (NaN as an empty cell), truth
    values, dates; lists as JSON text; text past a cell's limit cut (counted in ``cut`` by
    column)."""
    columns = []
    for arrow_field, column in zip(batch.schema, batch.columns, strict=True):
        kind = arrow_field.type
        if pa.types.is_dictionary(kind):
            column, kind = column.dictionary_decode(), kind.value_type
        if _nested(kind):
            values = _json_values(column)
        elif pa.types.is_floating(kind):
            values = pc.if_else(pc.is_nan(column), None, column).to_pylist()
        elif (
            pa.types.is_string(kind)
            or pa.types.is_large_string(kind)
            or pa.types.is_integer(kind)
            or pa.types.is_boolean(kind)
            or pa.types.is_temporal(kind)
            or pa.types.is_null(kind)
        ):
            values = column.to_pylist()
        else:  # binary, decimal, ...: as text
            values = [None if value is None else str(value) for value in column.to_pylist()]
        if any(
            isinstance(value, str) and len(value) > EXCEL_MAX_CHARACTERS // 2 for value in values
        ):
            values = [_fit(value, arrow_field.name, cut) for value in values]
        columns.append(values)
    return zip(*columns, strict=True)


def _fit(value, column: str, cut: dict[str, int]):
    """``value``, or the text cut to fit a cell with a note of its length (counted)."""
    if not isinstance(value, str) or _utf16_length(value) <= EXCEL_MAX_CHARACTERS:
        return value
    cut[column] = cut.get(column, 0) + 1
    return cut_text(value)


def cut_text(text: str, limit: int = EXCEL_MAX_CHARACTERS) -> str:
    """``text`` cut to at most ``limit`` UTF-16 code units (as Excel counts a cell),
    ending in a note of how many characters it had."""
    note = _CUT_NOTE.format(length=len(text))
    room = limit - len(note)
    kept = text[:room]
    # A character outside the Basic Multilingual Plane counts 2: dropping half the excess
    # in characters drops at least half of it in units, and at most one unit too many.
    while (excess := _utf16_length(kept) - room) > 0:
        kept = kept[: len(kept) - (excess + 1) // 2]
    return kept + note


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
