"""The floor under the feature pass: ``python -m analysis features`` with every stage of a
document's analysis but parsing made empty.

    .venv/bin/python benchmarks/floor.py CORPUS --out DIR [--workers 2 ...]

It takes the arguments of ``features`` and runs that command, with every analysis of the
registry (:func:`analysis.features.by_table`) but the sentences given a document with no
sentences and a one-sentence text (so each returns its empty rows in a moment), and the
documents row the counts of that text, in this process and in the workers forked from it.
What remains is what no change to those stages can take away: starting, importing, loading
the dictionaries, reading and hashing the files, parsing them into sentences, gathering the
rows and writing Parquet. Its tables are not the pass's tables (they have no terms, no
mentions, and a word count of 4 for every document); it is a timing, not a result.
"""

from __future__ import annotations

import multiprocessing
import sys
from dataclasses import replace
from functools import partial

import analysis.features.document as document
from analysis.cli import main
from analysis.features import Analysis, Document, by_table
from analysis.features.readability import counts
from analysis.ingest.parse import ParsedDocument

#: The text every stage but parsing is given.
TINY = "One short sentence here."
#: The analyses that are parsing itself (its sentences), kept as they are.
PARSING = ("sentences",)
_TINY_COUNTS = counts(TINY)


def empty_stages() -> None:
    """Give every stage but parsing nothing to do, where ``analyse_document`` calls it."""
    document.document_counts = lambda doc: _TINY_COUNTS
    registry = by_table()  # the dict every document's analyses are looked up in
    for name, analysis in list(registry.items()):
        if name not in PARSING:
            registry[name] = replace(analysis, rows=partial(_on_nothing, analysis))


def _on_nothing(analysis: Analysis, doc: Document):
    """``analysis``'s rows of a document like ``doc`` but with no sentences."""
    actors = doc.options.actors
    actors.matcher, actors.name_matcher  # noqa: B018 -- built once, as the pass builds them
    empty = Document(doc.raw, ParsedDocument(TINY, [TINY], []), doc.options)
    empty.published = doc.published
    return analysis.rows(empty)


if __name__ == "__main__":
    if multiprocessing.get_start_method() != "fork":  # spawned workers would not see the stubs
        sys.exit("floor.py needs worker processes forked from it (as on Linux)")
    empty_stages()
    sys.exit(main(["features", *sys.argv[1:]]))
