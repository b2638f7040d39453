"""openpyxl against xlsxwriter for the XLSX export: the same tables, the same rows.

    .venv/bin/python benchmarks/xlsx_writers.py TABLES_DIR [--repeats 3]

Writes every table of ``TABLES_DIR`` (a ``features --out`` folder) into one workbook with
each library in its streaming mode (openpyxl ``write_only``, xlsxwriter
``constant_memory``), each run in a fresh process, and prints the wall and CPU seconds
(CPU time moves less with the load of a shared machine), the peak resident memory of that
process and the size of the file. Both do the work a correct file
needs: a sheet per 1,048,575 rows, cells cut at Excel's 32,767 characters, list cells as
JSON, every string written as a string (never a formula); openpyxl also drops the control
characters XML cannot hold, which xlsxwriter escapes itself. ``analysis/report/spreadsheets.py``
is the export itself; this only compares the two libraries under it. Not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the package, as run.py does

ROWS_PER_SHEET = 1_048_575
CELL_LIMIT = 32_767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def rows(path: Path):
    """The table's rows as tuples of cell values, a batch at a time."""
    file = pq.ParquetFile(path)
    nested = [
        i
        for i, field in enumerate(file.schema_arrow)
        if pa.types.is_nested(field.type) or pa.types.is_dictionary(field.type)
    ]
    for batch in file.iter_batches(batch_size=4096):
        columns = [column.to_pylist() for column in batch.columns]
        for i in nested:
            columns[i] = [
                None if v is None else json.dumps(v, ensure_ascii=False) for v in columns[i]
            ]
        for i, column in enumerate(columns):
            if isinstance(next((v for v in column if v is not None), None), str):
                columns[i] = [
                    v[:CELL_LIMIT] if v is not None and len(v) > CELL_LIMIT else v for v in column
                ]
        yield from zip(*columns, strict=True)


def sheets(folder: Path) -> Iterator[tuple[str, list[str], Iterator[tuple]]]:
    """Each sheet's name, column names and rows: a table on as many sheets as it needs."""
    for path in sorted(folder.glob("*.parquet")):
        header = pq.ParquetFile(path).schema_arrow.names
        remaining = rows(path)
        part = 1
        while (first := next(remaining, None)) is not None or part == 1:
            head = [] if first is None else [first]
            body = itertools.chain(head, itertools.islice(remaining, ROWS_PER_SHEET - 1))
            yield path.stem + (f" ({part})" if part > 1 else ""), header, body
            part += 1


def with_openpyxl(folder: Path, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for name, header, body in sheets(folder):
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in body:
            cells = []
            for value in row:
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet)
                    cell.value = _CONTROL.sub("", value)
                    cell.data_type = "s"  # never a formula
                    cells.append(cell)
                else:
                    cells.append(value)
            sheet.append(cells)
    book.save(out)


def with_xlsxwriter(folder: Path, out: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    for name, header, body in sheets(folder):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, header)
        for number, row in enumerate(body, 1):
            sheet.write_row(number, 0, row)
    book.close()


def with_the_package(folder: Path, out: Path) -> None:
    """The export itself: ``python -m analysis export DIR --to xlsx`` (xlsxwriter)."""
    from analysis.report.spreadsheets import export_tables

    export_tables(folder, to="xlsx", out=out, warn=lambda line: None)


def csv_with_the_package(folder: Path, out: Path) -> None:
    """``python -m analysis export DIR --to csv``; ``out`` is then a folder."""
    from analysis.report.spreadsheets import export_tables

    export_tables(folder, to="csv", out=out)


CANDIDATES = {
    "xlsxwriter": with_xlsxwriter,
    "openpyxl": with_openpyxl,
    "export --to xlsx": with_the_package,
    "export --to csv": csv_with_the_package,
}


def one_run(library: str, folder: Path) -> dict:
    """Run one library in a fresh process; its seconds, peak memory (MB) and file size."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / ("csv" if "csv" in library else "tables.xlsx")
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--child", library, str(folder), str(out)],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        cpu, peak = map(float, child.stdout.split()[-2:])
        return {
            "seconds": seconds,
            "cpu": cpu,
            "peak_mb": peak,
            "size_mb": sum(p.stat().st_size for p in [out, *out.glob("*")] if p.is_file()) / 2**20,
        }


def main() -> None:
    if sys.argv[1:2] == ["--child"]:  # one library's run, in its own process
        library, folder, out = sys.argv[2:5]
        CANDIDATES[library](Path(folder), Path(out))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # CPU s, MB on Linux
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {name: [] for name in CANDIDATES}
    for _ in range(args.repeats):
        for library in results:  # alternated, so all see the same load
            results[library].append(one_run(library, args.folder))
    for library, runs in results.items():
        seconds = [run["seconds"] for run in runs]
        cpu = [run["cpu"] for run in runs]
        print(
            f"{library}: {statistics.median(seconds):.1f} s "
            f"(runs {min(seconds):.1f}-{max(seconds):.1f}), "
            f"CPU {statistics.median(cpu):.1f} s ({min(cpu):.1f}-{max(cpu):.1f}), "
            f"peak RSS {max(run['peak_mb'] for run in runs):.0f} MB, "
            f"{runs[0]['size_mb']:.1f} MB"
        )


if __name__ == "__main__":
    main()
