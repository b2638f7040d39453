"""The per-document analyses: each fills one table from one parsed document.

An analysis is a module of this folder that declares :data:`ANALYSES`: for each table it
fills, an :class:`Analysis`, the :class:`~analysis.schema.Table` (name, typed and documented
columns) and a function from a :class:`Document` to that document's rows. The registry
(:func:`analyses`) is the modules listed in :data:`MODULES`, in order, then those that
installed packages add through the entry-point group :data:`ENTRY_POINT_GROUP` (see
``examples/plugin/``). Everything that lists tables (the pass, the table container, the
command line's help, the benchmarks, the tests) asks the registry.

The code here and in the modules it lists is covered by the feature fingerprint
(:data:`analysis.options.FEATURE_PARTS`): editing it re-analyses every document, as it
should; a plugin's analyses are in the key by their distribution's name and version and
the bytes of the module that defines them.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AnalysisError
from ..plugins import added
from ..schema import DICTIONARY_TABLES, DOCUMENTS, PROBLEMS, Table

if TYPE_CHECKING:
    import pyarrow as pa

    from ..ingest.load import RawDocument
    from ..ingest.parse import ParsedDocument, Sentence
    from ..options import FeatureOptions

#: The built-in analyses, in the order their tables are listed and written.
MODULES = ("sentences", "readability", "terms", "mentions", "eras", "events")
#: Installed packages add analyses here: each entry point names an :class:`Analysis`, or a
#: sequence of them (``[project.entry-points."policy_discourse.analyses"]``).
ENTRY_POINT_GROUP = "policy_discourse.analyses"


class Document:
    """One document as the analyses see it: its parsed body and sentences, its date, the
    options of the pass, and the rows of the other analyses, each computed once when first
    asked for (:meth:`rows`), so an analysis may build on another's (``cooccurrence`` on
    ``mentions``) in any order."""

    def __init__(
        self,
        raw: RawDocument,
        parsed: ParsedDocument,
        options: FeatureOptions,
        registry: dict[str, Analysis] | None = None,
    ) -> None:
        self.raw, self.parsed, self.options = raw, parsed, options
        #: The publication date (ISO), set once the documents row is made.
        self.published: str | None = None
        #: The document's language (ISO 639-1, :mod:`analysis.ingest.language`).
        self.language = "en"
        self._registry = registry if registry is not None else by_table()
        self._rows: dict[str, Any] = {}
        self._shared: dict[str, Any] = {}

    @property
    def doc_id(self) -> str:
        return self.raw.doc_id

    @property
    def text(self) -> str:
        """The body text; sentence offsets count into it."""
        return self.parsed.text

    @property
    def sentences(self) -> list[Sentence]:
        return self.parsed.sentences

    def rows(self, table: str) -> list[dict] | pa.Table:
        """This document's rows of ``table`` (computed on first ask, then kept); none of an
        English-only analysis for a document in another language."""
        if table not in self._rows:
            analysis = self._registry[table]
            skip = analysis.english_only and self.language != "en"
            self._rows[table] = [] if skip else analysis.rows(self)
        return self._rows[table]

    def shared(self, key: str, compute: Callable[[], Any]) -> Any:
        """A value several analyses need (the readability counts that also give the
        documents table its word count), computed once."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]


@dataclass(frozen=True)
class Analysis:
    """A per-document analysis: the table it fills and how.

    Attributes:
        table: The table, with its columns' names, types and documentation.
        rows: One document's rows: a list of dicts with the table's columns, or an Arrow
            table of them.
        origin: Where it comes from: this package, or ``name==version`` of the installed
            distribution that adds it (set by the registry).
        fingerprint: What of its code the feature key covers (set by the registry for an
            added analysis; the package's own code is in the feature fingerprint).
        english_only: It reads English (word lists, syllables, dictionaries of names and
            cues): a document in another language gets no rows of it, and is named in a
            warning. True unless the analysis says otherwise (the sentences do).
    """

    table: Table
    rows: Callable[[Document], list[dict] | pa.Table]
    origin: str = "policy-discourse"
    fingerprint: str = field(default="", compare=False)
    english_only: bool = True


class RegistryError(AnalysisError):
    """An installed analysis that cannot be used; the message names its entry point."""


@cache
def analyses() -> tuple[Analysis, ...]:
    """Every per-document analysis: the built-in ones (:data:`MODULES`), then those of
    installed packages (:data:`ENTRY_POINT_GROUP`, by entry point name).

    Raises:
        RegistryError: an added analysis is not an :class:`Analysis`, or its table's name is
            taken.
    """
    found = [
        analysis
        for module in MODULES
        for analysis in import_module(f".{module}", __name__).ANALYSES
    ]
    taken = {analysis.table.name for analysis in found} | {
        DOCUMENTS.name,
        PROBLEMS.name,
        *DICTIONARY_TABLES,
    }
    for entry, origin, items in added(ENTRY_POINT_GROUP, Analysis, RegistryError):
        for analysis in items:
            if analysis.table.name in taken:
                raise RegistryError(
                    f"analysis {entry.name!r} ({entry.value}): table {analysis.table.name!r} "
                    "is taken; give it another name"
                )
            taken.add(analysis.table.name)
            found.append(
                Analysis(
                    analysis.table,
                    analysis.rows,
                    origin=origin,
                    fingerprint=_code_hash(analysis.rows),
                    english_only=analysis.english_only,
                )
            )
    return tuple(found)


def _code_hash(function: Callable) -> str:
    """A hash of the file that defines ``function``: an edited plugin is a new analysis even
    before its version changes."""
    try:
        return hashlib.sha256(Path(inspect.getfile(function)).read_bytes()).hexdigest()
    except (TypeError, OSError):
        return ""


@cache
def by_table() -> dict[str, Analysis]:
    """The analyses by the name of the table they fill."""
    return {analysis.table.name: analysis for analysis in analyses()}


def row_tables() -> dict[str, Table]:
    """The tables built from per-document rows, by name, in order."""
    return {name: analysis.table for name, analysis in by_table().items()}


def table_names() -> tuple[str, ...]:
    """Every table a run writes, in order: documents, the analyses' tables, problems, the
    dictionaries."""
    return (DOCUMENTS.name, *row_tables(), PROBLEMS.name, *DICTIONARY_TABLES)


def all_tables() -> dict[str, Table]:
    """Every table a run writes, by name, in order."""
    return {
        DOCUMENTS.name: DOCUMENTS,
        **row_tables(),
        PROBLEMS.name: PROBLEMS,
        **DICTIONARY_TABLES,
    }


def table_columns() -> frozenset[str]:
    """Every column name of the tables a document's columns are joined with (the
    dictionary tables are joined on actor_id and era_id, never with the documents)."""
    return frozenset(DOCUMENTS.names).union(
        *(table.names for table in row_tables().values()), PROBLEMS.names
    )


def fingerprint() -> str:
    """What the feature key takes from the registry: each added analysis, by its table,
    origin and code (the built-in ones are in the package's fingerprint)."""
    return "\n".join(
        f"{a.table!r} {a.origin} {a.fingerprint}" for a in analyses() if a.origin != Analysis.origin
    )
