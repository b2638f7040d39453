"""Tidy tables for the analysis of foreign-policy commentary.

The package follows the flow of the data, a folder per step::

    ingest/        files -> parsed documents (decoding, formats, structure, sentences)
    dictionaries/  actors and eras: data a user may extend or replace
    features/      one module per per-document table, and the registry of analyses
    tables/        the pass (plan, execute, collect) and the Parquet files
    corpus/        corpus-level statistics the pages use (keywords, networks, labels)
    pages/         one module per report page (its figures and parameters), and its registry
    report/        the report runner, run file, kernels, export, index, output folders

The public surface is :data:`__all__`: :func:`build_tables` runs the feature pass over a
folder of articles; :func:`read_tables` reads tables a previous run wrote; both give a
:class:`Tables`. An analysis of one's own is an :class:`Analysis` (a :class:`Table` and a
function from a :class:`Document` to its rows), a page a :class:`Page`; an installed
package adds them through entry points (see the README, "Adding an analysis").
"""

from importlib import import_module

# Imported on first use, so that a notebook importing one module (say
# ``analysis.pages.actors``) does not pay for the parser, NLTK and trafilatura.
_HOME = {
    "Analysis": "features",
    "AnalysisError": "errors",
    "Column": "schema",
    "Document": "features",
    "FeatureOptions": "options",
    "Page": "pages",
    "Parameter": "pages",
    "Table": "schema",
    "Tables": "tables.store",
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


__all__ = sorted(_HOME)
