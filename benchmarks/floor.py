"""The floor under the feature pass: ``python -m analysis features`` with every stage of a
document's analysis but parsing made empty.

    .venv/bin/python benchmarks/floor.py CORPUS --out DIR [--workers 2 ...]

It takes the arguments of ``features`` and runs that command, with readability, terms,
actor mentions, era cues and dated events each given no text (so each returns its empty
rows in a moment), in this process and in the workers forked from it. What remains is what
no change to those stages can take away: starting, importing, loading the dictionaries,
reading and hashing the files, parsing them into sentences, gathering the rows and writing
Parquet. Its tables are not the pass's tables (they have no terms, no mentions, and a word
count of 4 for every document); it is a timing, not a result.
"""

from __future__ import annotations

import multiprocessing
import sys

import analysis.features.document as document
from analysis.cli import main

_TINY = document.readability_row("One short sentence here.")
_term, _era, _event, _mention = (
    document.term_rows,
    document.era_rows,
    document.event_rows,
    document.mention_rows,
)


def empty_stages() -> None:
    """Give every stage but parsing nothing to do, where ``analyse_document`` calls it."""
    document.readability_row = lambda text: _TINY
    document.term_rows = lambda doc_id, sentences, stem: _term(doc_id, [], stem=stem)
    document.era_rows = lambda doc_id, sentences, eras: _era(doc_id, [], eras)
    document.event_rows = lambda doc_id, sentences, eras: _event(doc_id, [], eras)
    document.mention_rows = _no_mentions


def _no_mentions(doc_id, sentences, actors, published):
    actors.matcher, actors.name_matcher  # noqa: B018 -- built once, as the pass builds them
    return _mention(doc_id, [], actors, published=published)


if __name__ == "__main__":
    if multiprocessing.get_start_method() != "fork":  # spawned workers would not see the stubs
        sys.exit("floor.py needs worker processes forked from it (as on Linux)")
    empty_stages()
    sys.exit(main(["features", *sys.argv[1:]]))
