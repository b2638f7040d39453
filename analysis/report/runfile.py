"""What a page works on, in one value: the ``run`` parameter of every notebook.

A report run writes a run file (``run.json``) that names its tables, title, document filter
and figure folder, and gives each notebook its path. In JupyterLab, ``run`` is a folder of
articles, a folder of tables, a run file, or a dict of the same fields::

    run = "../my-articles"
    run = {"corpus": "../my-articles", "documents": ["a", "b"], "actors": "mine.yml"}

A folder of articles is analysed once, into a cache folder of its own, and every notebook
pointed at it reuses those tables (documents changed since are analysed again).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, field, make_dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..config import OUTPUT_MARKER
from ..dictionaries import DICTIONARIES
from ..errors import AnalysisError
from ..tables.store import (
    StoredTables,
    Tables,
    read_tables,
    reuse_tables,
    write_text,
)
from .output import OutputBusy, OutputError, StagedOutput, staged_output, table_files

#: The file a report run writes beside its tables.
RUN_FILE = "run.json"
#: The settings of a run file, in order: ``(name, type, default)``. The dictionary options
#: (:data:`analysis.dictionaries.DICTIONARIES`) each give a path and a ``_replace`` switch.
_FIELDS = (
    ("corpus", str, ""),
    ("tables", str, ""),
    ("title", str, ""),
    ("documents", list, None),
    ("png_dir", str, ""),
    ("keep_duplicates", bool, False),
    *(
        spec
        for option in DICTIONARIES.values()
        for spec in ((option.name, str, ""), (f"{option.name}_replace", bool, False))
    ),
    ("reference_date", str, ""),
    ("stem", bool, False),
)
#: The fields that are paths: relative ones count from the run file's folder.
_PATH_FIELDS = ("corpus", "tables", "png_dir", *(option.name for option in DICTIONARIES.values()))


class RunError(AnalysisError, ValueError):
    """A ``run`` that names nothing a page can read; the message says what to give."""


class _RunFile:
    """The settings of one run of the pages (:class:`RunFile`, whose fields are
    :data:`_FIELDS`).

    Attributes:
        corpus: A folder of articles (analysed once, then reused, when ``tables`` is empty).
        tables: A folder of feature tables (``python -m analysis features`` or a report's).
        title: The report title (default: the corpus folder's name).
        documents: doc_ids to keep (empty: all).
        png_dir: Also write each figure as PNG into this folder (empty: no PNG).
        keep_duplicates: Keep the copies of a document (``documents.duplicate_of``) in
            every count and page; by default they are left out.
        actors, actors_replace, eras, eras_replace, ...: a user's dictionary for each
            dictionary option, and whether it replaces the shipped one (as the command
            line's ``--actors`` and ``--actors-replace``).
        reference_date, stem: The other feature options for analysing ``corpus``.
    """

    @classmethod
    def of(cls, run: str | Path | Mapping) -> RunFile:
        """The settings ``run`` names: a run file, a folder of tables, a report folder (its
        run file), a folder of articles, or a mapping of the fields. Paths in a run file
        count from the file's folder.

        Raises:
            RunError: nothing readable is named; the message says what is accepted.
        """
        if isinstance(run, Mapping):
            return cls._from_mapping(dict(run), Path.cwd(), "run")
        if "\0" in str(run):
            raise RunError(f"run = {str(run)!r}: a path cannot hold a NUL byte")
        path = Path(run) if str(run) else None
        if path is None or not path.exists():
            raise RunError(
                f"run = {str(run)!r}: no such file or folder; give a folder of articles, a "
                f"folder of tables, or the {RUN_FILE} of a report"
            )
        if path.is_dir() and (path / RUN_FILE).is_file():
            path = path / RUN_FILE  # a report's folder
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise RunError(f"{path}: not a run file ({exc})") from None
            if not isinstance(data, dict):
                raise RunError(f"{path}: not a run file (not a JSON object)")
            return cls._from_mapping(data, path.parent, str(path))
        if (path / "documents.parquet").is_file():
            return cls(tables=str(path.resolve()))
        if any((folder / OUTPUT_MARKER).exists() for folder in (path, *path.resolve().parents)):
            raise RunError(
                f"run = {str(run)!r} is (inside) the output of a run, not a folder of articles; "
                f"give the report's folder or its {RUN_FILE}, or a folder of tables"
            )
        return cls(corpus=str(path.resolve()))

    @classmethod
    def _from_mapping(cls, data: dict, base: Path, where: str) -> RunFile:
        defaults = asdict(cls())
        unknown = sorted(set(data) - set(defaults))
        if unknown:
            raise RunError(
                f"{where}: unknown field(s) {', '.join(unknown)}; accepted: {', '.join(defaults)}"
            )
        for name, value in data.items():
            kind = type(defaults[name])
            if not isinstance(value, kind) or (
                kind is list and not all(isinstance(item, str) for item in value)
            ):
                wanted = {str: "text", bool: "true or false", list: "a list of doc_ids"}[kind]
                raise RunError(f"{where}: {name} = {value!r} is not {wanted}")
        if data.get("reference_date"):
            try:
                date.fromisoformat(data["reference_date"])
            except ValueError:
                raise RunError(
                    f"{where}: reference_date = {data['reference_date']!r} is not a date of "
                    "the form YYYY-MM-DD"
                ) from None
        for name in _PATH_FIELDS:
            if "\0" in data.get(name, ""):
                raise RunError(f"{where}: {name} = {data[name]!r}: a path cannot hold a NUL byte")
            if data.get(name):
                data[name] = str((base / data[name]).resolve())
        settings = cls(**data)
        if not (settings.corpus or settings.tables):
            raise RunError(f"{where}: name a corpus (folder of articles) or tables (a folder)")
        return settings

    def write(self, path: Path, relative_to: Path | None = None) -> None:
        """Write the run file (atomically); paths under ``relative_to`` are written relative
        to it, so the folder can be moved."""
        data = asdict(self)
        if relative_to is not None:
            for name in _PATH_FIELDS:
                if data[name] and Path(data[name]).is_relative_to(relative_to):
                    data[name] = Path(data[name]).relative_to(relative_to).as_posix()
        write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")

    def read(self, log: Callable[[str], None] = print) -> dict[str, pd.DataFrame]:
        """The run's tables: those in ``tables``, or those of ``corpus`` in its cache folder
        (:func:`cache_dir`), brought up to date with it first (only new or changed
        documents are analysed) and read under its lock, so another page cannot replace
        them half-way.

        Raises:
            RunError: no tables there, or no document could be analysed in ``corpus``.
        """
        if self.tables:
            if not (Path(self.tables) / "documents.parquet").is_file():
                raise RunError(f"tables {self.tables}: no documents.parquet there")
            return read_tables(self.tables)
        corpus, target = Path(self.corpus), cache_dir(self)
        if not corpus.is_dir():
            raise RunError(f"corpus {self.corpus}: not a folder")
        try:
            with staged_output(target, ours=table_files(), wait=_WAIT, corpus=corpus) as out:
                self._update(out, log)
                return read_tables(target)
        except OutputBusy:
            raise RunError(
                f"another page has been analysing {corpus} into {target} for {_WAIT:.0f} s; "
                "run this page again when it is done"
            ) from None
        except OutputError as exc:
            raise RunError(f"the cache folder of {corpus} cannot be written: {exc}") from None

    def _update(self, out: StagedOutput, log: Callable[[str], None]) -> None:
        """Bring the cached tables in ``out`` up to date with the corpus."""
        from ..options import FeatureOptions  # the feature pass, only when it runs here
        from ..tables.pipeline import build_tables

        options = FeatureOptions.from_files(
            {
                option.name: (
                    getattr(self, option.name) or None,
                    getattr(self, f"{option.name}_replace"),
                )
                for option in DICTIONARIES.values()
            },
            reference_date=date.fromisoformat(self.reference_date) if self.reference_date else None,
            stem=self.stem,
        )
        used = []  # the tables the pass reused: None when there were none, or damaged ones

        def build(previous: StoredTables | None) -> Tables:
            used.append(previous)
            if previous is None:
                log(
                    f"analysing {self.corpus} (once: every page pointed at it reuses the tables) ..."
                )
            return build_tables(self.corpus, options=options, previous=previous, sink=out.staging)

        built = reuse_tables(out.target, build, sink=out.staging, warn=log)
        previous = used[-1]
        if built.documents.empty:
            raise RunError(
                f"no document could be analysed in {self.corpus} ({len(built.problems)} file(s) "
                "skipped); add articles (.txt, .md, .html, .pdf, .docx, or tables of them)"
            )
        same_problems = (
            previous is not None
            and "problems" in previous
            and built.problems.equals(previous["problems"].to_pandas())
        )
        if built.analysed or built.dropped or not same_problems:
            out.publish()
        log(
            f"{built.analysed} document(s) analysed, {built.reused} reused, into {out.target}"
            if built.analysed or previous is None
            else f"tables of {self.corpus} reused from {out.target}"
        )


RunFile = make_dataclass(
    "RunFile",
    [
        (name, kind, field(default_factory=list) if kind is list else field(default=default))
        for name, kind, default in _FIELDS
    ],
    bases=(_RunFile,),
    frozen=True,
)
RunFile.__module__, RunFile.__doc__ = __name__, _RunFile.__doc__

#: How long a page waits for another one analysing the same folder.
_WAIT = 300.0


def cache_dir(settings: RunFile) -> Path:
    """Where the tables of ``settings.corpus`` are kept between notebooks: one folder per
    corpus and feature options, under ``$POLICY_DISCOURSE_CACHE`` (default
    ``~/.cache/policy-discourse``)."""
    root = os.environ.get("POLICY_DISCOURSE_CACHE") or (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policy-discourse"
    )
    shaping = {
        name: value
        for name, value in asdict(settings).items()
        if name not in ("tables", "title", "documents", "png_dir", "keep_duplicates")
    }
    digest = hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:16]
    return Path(root) / f"{Path(settings.corpus).name or 'corpus'}-{digest}"
