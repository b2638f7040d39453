"""The table contract: what a table is (:class:`Table`: a name, typed columns and a line of
documentation each), and the tables every run writes besides the analyses' own.

The per-document tables are declared by the analyses that fill them (each module of
``analysis/features/`` declares its :class:`Table`), and the registry
(:mod:`analysis.features`) lists them; this module holds the tables that no analysis fills:
``documents``, ``problems`` and the dictionaries a run used. Nothing here imports more than
the standard library, so a module that only needs a column name stays light.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a column is stored: whole numbers, decimals, text, or a list of texts.
COLUMN_TYPES = ("int64", "float64", "string", "list<string>")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, how it is stored and what it means."""

    name: str
    type: str
    doc: str

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(
                f"column {self.name!r}: type {self.type!r} is not one of {', '.join(COLUMN_TYPES)}"
            )


@dataclass(frozen=True)
class Table:
    """A table of the contract: ``name``, what one row is (``per``), and its columns in
    order. Column names are part of the public interface: pages, notebooks and users read
    the tables by them."""

    name: str
    per: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def types(self) -> dict[str, str]:
        """Each column's storage type, by name."""
        return {column.name: column.type for column in self.columns}

    def describe(self) -> str:
        """The table as a line of the documentation: name, per, columns."""
        return f"{self.name} (one row per {self.per}): {', '.join(self.names)}"


def columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    """Columns from ``(name, type, doc)`` triples."""
    return tuple(Column(*spec) for spec in specs)


#: The eight readability measures (textstat's names), in the order they are reported.
MEASURES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "text_standard",
)

DOCUMENTS = Table(
    "documents",
    "document",
    columns(
        (
            "doc_id",
            "string",
            "the file name without its ending (a longer path where two share it); <file>#<row> for a row of a table of articles",
        ),
        ("path", "string", "the file, relative to the corpus folder"),
        ("title", "string", "from the manifest, else the text's title line"),
        ("author", "string", "from the manifest, else the byline"),
        ("source", "string", "from the manifest, else the domain of a link in the boilerplate"),
        ("published", "string", "ISO date (1965-03-15, 2024-10, 1965) or empty"),
        (
            "date_precision",
            "string",
            "day, month, year, relative or unknown (inferred in tables of earlier versions)",
        ),
        ("text", "string", "the body: title, byline, headings and boilerplate removed"),
        (
            "words",
            "int64",
            "words of the body, as textstat counts them (another language: its words; Chinese "
            "and Japanese: their characters)",
        ),
        ("sentences", "int64", "body sentences"),
        ("paragraphs", "int64", "body paragraphs"),
        ("headings", "list<string>", "section headings"),
        ("boilerplate", "list<string>", "lines removed as boilerplate"),
        ("furniture", "list<string>", "page furniture removed: page numbers, running heads"),
        (
            "content_hash",
            "string",
            "hash of the file's bytes (of the row's fields for a row of a table)",
        ),
        ("warnings", "list<string>", "what could not be read as expected"),
        ("format", "string", "text, markdown, html, pdf, docx, json, jsonl, csv, tsv or xlsx"),
        ("encoding", "string", "the encoding the file was read in (empty for PDF, Word, XLSX)"),
        ("byline", "string", "the byline as written"),
        ("date_text", "string", "the date as written"),
        ("reading_time_minutes", "int64", "a stated reading time"),
        (
            "language",
            "string",
            "ISO 639-1 code of the body's language (py3langid; en, zh, ur, ...); English-only "
            "measures skip the others",
        ),
        (
            "duplicate_of",
            "string",
            "the doc_id of the first copy (earliest date, then path) of a document whose body "
            "is a copy or a near copy of another's; empty for the others",
        ),
        (
            "minhash",
            "string",
            "MinHash of the body's word 5-shingles (base64 of 128 32-bit values), what "
            "duplicate_of is found by; computed with the document, so a run reuses it",
        ),
        ("feature_key", "string", "hash of the bytes, manifest row, options and feature code"),
    ),
)
#: Columns of the documents table, in order; extra manifest columns follow them.
DOCUMENT_COLUMNS = DOCUMENTS.names

PROBLEMS = Table(
    "problems",
    "file that was skipped or manifest that could not be used",
    columns(("path", "string", "the file"), ("problem", "string", "why, in one line")),
)
PROBLEM_COLUMNS = PROBLEMS.names

#: The dictionaries a run used, one row per entry, so that no page reads a dictionary file.
ACTORS = Table(
    "actors",
    "entry of the actor dictionary the run used",
    columns(
        ("actor_id", "string", "ISO 3166-1 alpha-3 for states; UNO, NATO, ... for organisations"),
        ("label", "string", "display name"),
        ("kind", "string", "state, person, igo, group or territory"),
        ("affiliation", "string", "a person's state"),
        ("names", "list<string>", "the phrases the actor is found by"),
    ),
)
ACTOR_COLUMNS = ACTORS.names
ERA_DEFINITIONS = Table(
    "era_definitions",
    "entry of the era dictionary the run used",
    columns(
        ("era_id", "string", "the era's id"),
        ("label", "string", "display name"),
        ("start", "int64", "first year"),
        ("end", "int64", "last year (empty while ongoing)"),
        ("color", "string", "the era's colour on the pages"),
        ("cues", "list<string>", "the phrases that invoke it"),
    ),
)
ERA_DEFINITION_COLUMNS = ERA_DEFINITIONS.names
#: The dictionary tables, by name.
DICTIONARY_TABLES = {table.name: table for table in (ACTORS, ERA_DEFINITIONS)}
