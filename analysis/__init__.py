"""Tidy tables for the analysis of foreign-policy commentary.

The public entry points: :func:`build_tables` runs the feature pass over a folder of articles;
:func:`read_tables` reads tables a previous run wrote. Each computation lives in a module
named for it (``load``, ``parse``, ``sentences``, ``readability``, ...).
"""

from .load import iter_corpus
from .parse import parse_document
from .pipeline import CorpusTables, build_tables
from .readability import lexical_diversity, mtld, readability
from .store import read_tables, write_tables

__all__ = [
    "CorpusTables",
    "build_tables",
    "iter_corpus",
    "lexical_diversity",
    "mtld",
    "parse_document",
    "read_tables",
    "readability",
    "write_tables",
]
