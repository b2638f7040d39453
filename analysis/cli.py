"""Command line: ``python -m analysis features|report CORPUS_DIR --out DIR``, and
``python -m analysis export DIR --to csv|xlsx`` for the tables of a run.

Exit codes: 0 = done (some files may have been skipped, each named in a warning);
1 = nothing could be analysed; 2 = usage error (bad option or parameter, missing folder);
3 = a notebook failed (the previous report is left in place); 4 = another run was still
writing the same output folder after --wait seconds; 5 = the output could not be written
(disk full, no permission; the previous output is left in place); 69 = the Dask scheduler
of --scheduler could not be reached; 70 = an internal error (its traceback is written to a
file the message names); 130 = interrupted (Ctrl-C); 143 = terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import errno
import math
import os
import signal
import sys
import tempfile
import traceback
from datetime import date
from functools import partial
from pathlib import Path

from .dictionaries import DICTIONARIES
from .errors import AnalysisError
from .features import table_names
from .ingest.load import MAX_FILE_BYTES, warning_line
from .options import FeatureOptions
from .processes import Terminated, sigterm_interrupts, terminated
from .report.output import StagedOutput, staged_output, table_files
from .report.parameters import describe_parameters, parse_parameters
from .report.spreadsheets import FORMATS, export_tables
from .tables.pipeline import SchedulerUnreachable, build_tables
from .tables.store import Tables, reuse_tables

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 5
# As in sysexits.h (EX_UNAVAILABLE, EX_SOFTWARE), and 128 + the signal.
EXIT_UNAVAILABLE, EXIT_INTERNAL = 69, 70
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date of the form YYYY-MM-DD"
        ) from None


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds >= 0):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds (0 or more)")
    return seconds


def _scheduler(value: str) -> str:
    """A Dask scheduler's address, ``tcp://HOST:PORT``."""
    scheme, _, place = value.partition("://")
    host, _, port = place.rpartition(":")
    if not (scheme == "tcp" and host.strip("[]") and port.isdigit() and 0 < int(port) < 65536):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a scheduler address: give tcp://HOST:PORT, e.g. tcp://127.0.0.1:8786"
        )
    return value


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Turn a folder of articles into tidy tables and reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    _input_options(common)
    _feature_options(common)
    _run_options(common)
    _features_command(commands, common)
    _report_command(commands, common)
    _export_command(commands)
    return parser


def _input_options(common: argparse.ArgumentParser) -> None:
    """Which files are read."""
    common.add_argument(
        "corpus",
        type=Path,
        metavar="CORPUS_DIR",
        help="folder of articles: .txt, .md, .html, .pdf, .docx, and tables of them (.json, "
        ".jsonl, .csv, .tsv, .xlsx), read recursively; optional manifest.csv",
    )
    common.add_argument(
        "--text-column",
        metavar="NAME",
        help="the text column of tables of articles where none is named text, body, content, ...",
    )
    common.add_argument(
        "--date-order",
        choices=("mdy", "dmy"),
        help="read dates such as 8/4/2017 as month first (mdy) or day first (dmy) where a "
        "column's values do not decide it (default: month first, with a warning)",
    )
    common.add_argument(
        "--follow-links",
        action="store_true",
        help="also read symbolic links that lead outside CORPUS_DIR (by default they are skipped)",
    )
    common.add_argument(
        "--max-file-mb",
        type=_positive,
        default=MAX_FILE_BYTES // 2**20,
        metavar="MB",
        help=f"skip files larger than this (default {MAX_FILE_BYTES // 2**20} MB)",
    )


def _feature_options(common: argparse.ArgumentParser) -> None:
    """What changes the features: the dictionaries, the reference date, stemming."""
    common.add_argument(
        "--reference-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="day that relative dates such as '1 day ago' count back from (default: left unresolved)",
    )
    for option in DICTIONARIES.values():
        common.add_argument(
            f"--{option.name}",
            type=Path,
            metavar="FILE",
            help=f"your own {option.what} (YAML, as {option.shipped}); extends the shipped one",
        )
        common.add_argument(
            f"--{option.name}-replace",
            action="store_true",
            help=f"use the --{option.name} file alone instead of extending the shipped one",
        )
    common.add_argument("--stem", action="store_true", help="Snowball-stem the terms table")


def _run_options(common: argparse.ArgumentParser) -> None:
    """How the run goes: where, how long it waits, what it says."""
    common.add_argument(
        "--workers",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="local processes for the feature pass (default: this machine's cores)",
    )
    common.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="tcp://HOST:PORT",
        help="run the feature pass on this Dask scheduler instead (its workers need this package)",
    )
    common.add_argument(
        "--wait",
        type=_seconds,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for another run on the same --out folder to finish (default 300)",
    )
    common.add_argument(
        "--quiet", action="store_true", help="no progress bar or warnings, only the summary"
    )


def _features_command(commands, common: argparse.ArgumentParser) -> None:
    features = commands.add_parser(
        "features",
        parents=[common],
        help="write the feature tables as Parquet files",
        description=(
            f"Write the feature tables ({', '.join(table_names())}) to DIR/<table>.parquet: "
            "the documents, a table per analysis, the files that were skipped (problems) and "
            "the dictionaries the pass used."
        ),
    )
    features.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the tables"
    )


def _report_command(commands, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser(
        "report",
        parents=[common],
        help="build the tables, run every notebook and write the HTML report",
        description=(
            "Build the tables (reused when the corpus and options are unchanged), run every "
            "notebook in notebooks/ through papermill and export it to HTML, and write "
            "DIR/index.html, DIR/<notebook>.html, DIR/report.html (all in one file), "
            "DIR/report.json (the run manifest), DIR/tables/ and DIR/notebooks/."
        ),
        epilog="parameters (-p NAME VALUE):\n" + describe_parameters(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for the report"
    )
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter (listed below); repeat for more",
    )
    report.add_argument(
        "--keep-duplicates",
        action="store_true",
        help="keep copies of a document (documents.duplicate_of) in every count and page "
        "(default: left out, listed on the overview page beside their original)",
    )
    report.add_argument(
        "--force",
        action="store_true",
        help="run the notebooks even when nothing changed since the last report into DIR",
    )


def _export_command(commands) -> None:
    export = commands.add_parser(
        "export",
        help="write the tables of a run as CSV files or one XLSX workbook",
        description=(
            "Write the tables of DIR (a features --out folder, a report folder or its "
            f"tables/; tables: {', '.join(table_names())}) as CSV files, one per table "
            "(UTF-8 with a byte-order mark, for Excel), or as one XLSX workbook, a sheet "
            "per table after a README sheet (a table longer than a sheet goes on over more, "
            "a text longer than a cell is cut with a note). List cells are JSON arrays."
        ),
    )
    export.add_argument("folder", type=Path, metavar="DIR", help="folder of tables, or a report")
    export.add_argument("--to", required=True, choices=FORMATS, help="csv or xlsx")
    export.add_argument(
        "--tables", nargs="+", metavar="NAME", help="only these tables (default: all of DIR's)"
    )
    export.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="folder for the CSV files, or the .xlsx file (default: DIR's name + -csv or "
        ".xlsx, in the current folder)",
    )


def _export(args: argparse.Namespace) -> int:
    exported = export_tables(args.folder, to=args.to, tables=args.tables, out=args.out)
    where = exported.files[0].parent if args.to == "csv" else exported.files[0]
    print(f"{len(exported.rows)} table(s), {sum(exported.rows.values()):,} rows -> {where}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code. No traceback reaches the user: a full
    disk or an unwritable folder is said in one line (exit code 5), as is a scheduler that
    does not answer (69), an interruption (130) or SIGTERM (143), and an internal error
    names the file its traceback was written to (70)."""
    try:
        with sigterm_interrupts():  # a run stopped by timeout or systemd cleans up as on Ctrl-C
            return _main(argv)
    except Terminated:
        return _terminated()
    except SchedulerUnreachable as exc:
        print(f"error: {exc}; the previous output is left as it was", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except AnalysisError as exc:  # said to the user in one line, with its exit code
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; the previous output is left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if terminated():  # e.g. a worker that got the same SIGTERM, seen first
            return _terminated()
        if isinstance(exc, OSError):
            print(
                f"error: {_os_problem(exc)}; the previous output is left as it was",
                file=sys.stderr,
            )
            return EXIT_WRITE
        # A bug: say where the details are, not a traceback.
        log = Path(tempfile.gettempdir()) / f"policy-discourse-error-{os.getpid()}.log"
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); the previous output is "
            f"left as it was; details in {log} (please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _terminated() -> int:
    print("terminated; the previous output is left as it was", file=sys.stderr)
    return EXIT_TERMINATED


def _os_problem(exc: OSError) -> str:
    """One line for an operating-system error: what failed, on which file."""
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(exc):
        return f"no space left on the device{where}: free some space and run again"
    return f"{exc.strerror or exc}{where}"


def _main(argv: list[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "export":  # reads tables, not a corpus
        return _export(args)
    if not args.corpus.is_dir():
        parser.print_usage(sys.stderr)
        print(
            f"error: corpus folder {str(args.corpus)!r} does not exist or is not a folder; "
            "pass the folder that holds your articles",
            file=sys.stderr,
        )
        return EXIT_USAGE
    for option in DICTIONARIES.values():
        if getattr(args, f"{option.name}_replace") and getattr(args, option.name) is None:
            parser.print_usage(sys.stderr)
            print(f"error: --{option.name}-replace needs --{option.name} FILE", file=sys.stderr)
            return EXIT_USAGE
    options = FeatureOptions.from_files(
        {
            option.name: (getattr(args, option.name), getattr(args, f"{option.name}_replace"))
            for option in DICTIONARIES.values()
        },
        reference_date=args.reference_date,
        stem=args.stem,
        text_column=args.text_column,
        date_order=args.date_order,
    )
    if args.command == "report":
        return _report(args, options)
    with staged_output(args.out, ours=table_files(), wait=args.wait, corpus=args.corpus) as output:
        return _features(args, options, output)


def _features(args: argparse.Namespace, options: FeatureOptions, output: StagedOutput) -> int:
    # Written beside the folder as the pass goes, and swapped in whole when complete: a
    # killed run leaves the old tables.
    def build(previous) -> Tables:
        return build_tables(
            args.corpus,
            options=options,
            progress=False if args.quiet else None,
            previous=previous,
            workers=args.workers,
            scheduler=args.scheduler,
            sink=output.staging,
            follow_links=args.follow_links,
            max_bytes=args.max_file_mb * 2**20,
        )

    warn = partial(print, file=sys.stderr)
    tables = reuse_tables(output.target, build, sink=output.staging, warn=warn)
    if not args.quiet:
        for problem in tables.problems.itertuples():
            print(warning_line(problem.path, problem.problem), file=sys.stderr)
    if tables.documents.empty:
        print(
            f"error: no document could be analysed in {args.corpus} "
            f"({len(tables.problems)} problem(s) above); add articles (.txt, .md, .html, .pdf, .docx, or tables of them)",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    output.publish()
    print(_summary(tables) + f" -> tables in {args.out}")
    return EXIT_OK


def _report(args: argparse.Namespace, options: FeatureOptions) -> int:
    def log(message: str) -> None:
        if not args.quiet or message.startswith("warning"):
            print(message, file=sys.stderr)

    params = parse_parameters([tuple(pair) for pair in args.parameter])
    if args.keep_duplicates:
        params["keep_duplicates"] = True
    from .report.runner import run_report  # papermill and nbconvert: only for reports

    summary = run_report(
        args.corpus,
        args.out,
        params,
        options=options,
        workers=args.workers,
        scheduler=args.scheduler,
        wait=args.wait,
        force=args.force,
        follow_links=args.follow_links,
        max_bytes=args.max_file_mb * 2**20,
        log=log,
    )
    tables = (
        "tables reused (corpus unchanged)"
        if summary["unchanged"]
        else f"{summary['analysed']} analysed, {summary['reused']} reused, "
        f"{summary['dropped']} dropped"
    )
    pages = (
        f"{summary['notebooks']} notebook(s) run and exported"
        if summary["notebooks"]
        else "nothing changed since the last report, left as it was"
    )
    print(
        f"{summary['documents']} document(s); {tables}; {pages} in {summary['seconds']:.0f} s "
        f"-> {summary['out'] / 'index.html'}"
    )
    return EXIT_OK


def _summary(tables: Tables) -> str:
    docs = tables.documents
    skipped = tables.problems["problem"].str.startswith("skipped").sum()
    parts = [
        f"{len(docs)} document(s): {tables.analysed} analysed, {tables.reused} reused, "
        f"{tables.dropped} dropped",
        f"{skipped} skipped",
        f"{docs['words'].sum():,} words",
        f"{tables.rows['sentences']:,} sentences",
    ]
    return "; ".join(parts)
