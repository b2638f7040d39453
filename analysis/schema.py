"""The table contract: the columns of every table, in order, and their types, in one place.

The pipeline writes the tables with these columns, the measures fill them, and the charts
and notebooks read them by these names. Nothing here imports more than the standard
library, so a module that only needs a column name (the charts) stays light.
"""

from __future__ import annotations

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

#: Columns of the documents table, in order; extra manifest columns follow them.
DOCUMENT_COLUMNS = (
    "doc_id",
    "path",
    "title",
    "author",
    "source",
    "published",
    "date_precision",
    "text",
    "words",
    "sentences",
    "paragraphs",
    "headings",
    "boilerplate",
    "furniture",
    "content_hash",
    "warnings",
    "format",
    "encoding",
    "byline",
    "date_text",
    "reading_time_minutes",
    "feature_key",
)
SENTENCE_COLUMNS = ("doc_id", "sentence_id", "paragraph_id", "section", "text", "start", "end")
READABILITY_COLUMNS = ("doc_id", *MEASURES, "tokens", "types", "ttr", "mtld")
TERM_COLUMNS = ("doc_id", "term", "ngram", "count")
MENTION_COLUMNS = (
    "doc_id",
    "sentence_id",
    "actor_id",
    "actor_kind",
    "surface",
    "start",
    "end",
    "resolved_by",
    "as_of",
)
COOCCURRENCE_COLUMNS = ("doc_id", "actor_a", "actor_b", "window", "count")
ERA_COLUMNS = ("doc_id", "sentence_id", "era_id", "cue", "start", "end")
EVENT_COLUMNS = (
    "doc_id",
    "sentence_id",
    "year",
    "date",
    "precision",
    "label",
    "era_id",
    "surface",
    "start",
    "end",
)
ERA_MIX_COLUMNS = ("doc_id", "era_id", "sentences", "cues", "share", "sentence_share")
PROBLEM_COLUMNS = ("path", "problem")
#: The dictionaries a run used, one row per entry, so that no page reads a dictionary file:
#: ``names`` are the phrases an actor is found by, ``cues`` those of an era.
ACTOR_COLUMNS = ("actor_id", "label", "kind", "affiliation", "names")
ERA_DEFINITION_COLUMNS = ("era_id", "label", "start", "end", "color", "cues")
#: The dictionary tables, with their columns.
DICTIONARY_TABLES = {"actors": ACTOR_COLUMNS, "era_definitions": ERA_DEFINITION_COLUMNS}

#: Tables built from per-document rows, with their columns, in the order they are written.
ROW_TABLES = {
    "sentences": SENTENCE_COLUMNS,
    "readability": READABILITY_COLUMNS,
    "terms": TERM_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "cooccurrence": COOCCURRENCE_COLUMNS,
    "eras": ERA_COLUMNS,
    "events": EVENT_COLUMNS,
    "era_mix": ERA_MIX_COLUMNS,
}
#: Every table a run writes, in order.
TABLES = ("documents", *ROW_TABLES, "problems", *DICTIONARY_TABLES)
#: Every column name of the tables a document's columns are joined with (the dictionary
#: tables are joined on actor_id and era_id, never with the documents).
TABLE_COLUMNS = frozenset(DOCUMENT_COLUMNS).union(*ROW_TABLES.values(), PROBLEM_COLUMNS)

#: Types of the row tables' columns: whole numbers, decimals, and text for the rest.
INTEGER_COLUMNS = frozenset(
    "sentence_id paragraph_id start end ngram count year sentences cues tokens types".split()
)
FLOAT_COLUMNS = frozenset({*MEASURES, "ttr", "mtld", "share", "sentence_share"})


def column_type(column: str) -> str:
    """``"int64"``, ``"float64"`` or ``"string"``: how a row table stores ``column``."""
    if column in INTEGER_COLUMNS:
        return "int64"
    return "float64" if column in FLOAT_COLUMNS else "string"
