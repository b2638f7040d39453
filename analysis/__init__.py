"""Tidy tables for the analysis of foreign-policy commentary.

The public entry points: :func:`build_tables` runs the feature pass over a folder of articles;
:func:`read_tables` reads tables a previous run wrote. Each computation lives in a module
named for it (``load``, ``parse``, ``sentences``, ``readability``, ...).
"""

from importlib import import_module

# ``readability`` is the module (``analysis.features.readability.readability`` the function): a lazy
# name that is also a submodule would be the function on first access and the module after.
# Imported on first use, so that a notebook importing one module (say ``analysis.pages.charts``)
# does not pay for the parser, NLTK and trafilatura: it starts a second sooner.
_HOME = {
    "CorpusTables": "tables.pipeline",
    "build_tables": "tables.pipeline",
    "iter_corpus": "ingest.load",
    "lexical_diversity": "features.readability",
    "mtld": "features.readability",
    "parse_document": "ingest.parse",
    "read_tables": "tables.store",
    "write_tables": "tables.store",
}


def __getattr__(name: str):
    if name in _HOME:
        return getattr(import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CorpusTables",
    "build_tables",
    "iter_corpus",
    "lexical_diversity",
    "mtld",
    "parse_document",
    "read_tables",
    "write_tables",
]
