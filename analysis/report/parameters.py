"""The parameters of a report run (``-p name value``): their types, defaults and checks.

Parameters are checked before anything runs: their types here (:func:`parse_parameters`),
then against the corpus once its tables are built (:func:`check_against_tables`), so a
mistyped column or document is said in one line rather than as a failed notebook.
"""

from __future__ import annotations

import pandas as pd
import yaml

from ..errors import AnalysisError
from ..pages import Parameter, page_parameters


class ParameterError(AnalysisError, ValueError):
    """A parameter that cannot be used; the message says which and what is accepted."""


#: The parameters of the run itself, which every page starts from or the runner reads.
RUN_PARAMETERS: dict[str, Parameter] = {
    "title": Parameter(str, "", "report title (default: the corpus folder's name)", "run"),
    "documents": Parameter(list, [], "doc_ids to analyse, e.g. [a, b] (default: all)", "run"),
    "png": Parameter(bool, False, "also write every figure as PNG to figures/ (for slides)", "run"),
    "keep_duplicates": Parameter(
        bool,
        False,
        "keep copies of a document (documents.duplicate_of) in every count and page "
        "(default: left out, listed on the overview page beside their original)",
        "run",
    ),
    "show_code": Parameter(bool, False, "show the code cells in the HTML", "runner"),
}


def parameters() -> dict[str, Parameter]:
    """Every parameter a report run accepts (``-p name value``): the run's, then those the
    pages declare (:func:`analysis.pages.page_parameters`), in page order."""
    run = dict(RUN_PARAMETERS)
    documents_filter = {name: run.pop(name) for name in ("title", "documents")}
    return {**documents_filter, **page_parameters(), **run}


def parse_parameters(pairs: list[tuple[str, str]]) -> dict:
    """``-p name value`` pairs as typed values, checked against :data:`PARAMETERS`.

    Raises:
        ParameterError: an unknown name or a value of the wrong type; the message lists what is
            accepted.
    """
    values = {}
    for name, raw in pairs:
        if name not in parameters():
            raise ParameterError(f"unknown parameter {name!r}; accepted:\n{describe_parameters()}")
        spec = parameters()[name]
        values[name] = _typed(name, raw, spec)
    return values


def _typed(name: str, raw: str, spec: Parameter):
    problem = f"parameter {name!r}: {raw!r} is not "
    if spec.kind is str:
        return raw
    if spec.kind is int:
        try:
            value = int(raw)
        except ValueError:
            raise ParameterError(problem + "a whole number") from None
        if value < 1:
            raise ParameterError(problem + "a whole number of at least 1")
        return value
    if spec.kind is bool:
        value = yaml.safe_load(raw) if raw.strip() else None
        if not isinstance(value, bool):
            raise ParameterError(problem + "true or false")
        return value
    # list: YAML "[a, b]" or "a,b"
    try:
        value = yaml.safe_load(raw) if raw.strip().startswith("[") else None
    except yaml.YAMLError:
        value = None
    if value is None:
        value = [part.strip() for part in raw.split(",") if part.strip()]
    if not isinstance(value, list):
        raise ParameterError(problem + "a list such as [a, b] or a,b")
    return [str(item) for item in value]


def describe_parameters() -> str:
    """The accepted parameters, one per line, for messages and ``--help``."""
    return "\n".join(
        f"  {name} ({spec.kind.__name__}, default {spec.default!r}): {spec.help}"
        for name, spec in parameters().items()
    )


def check_against_tables(
    params: dict, documents: pd.DataFrame, *, actors: pd.DataFrame | None = None
) -> None:
    """Refuse parameters that name columns, documents or values the corpus does not have,
    or actors the run's dictionary (its ``actors`` table) does not know."""
    from ..corpus.labels import compare_sides, grouping_column
    from ..dictionaries.actors import check_actor_ids

    columns = list(documents.columns)
    for key in ("group_by", "compare_by"):
        if params[key] and params[key] not in columns:
            raise ParameterError(
                f"parameter {key!r}: {params[key]!r} is not a documents column; columns: {', '.join(columns)}"
            )
    known = set(documents["doc_id"])
    unknown = [doc for doc in params["documents"] if doc not in known]
    if unknown:
        raise ParameterError(
            f"parameter 'documents': {', '.join(unknown)} not in the corpus; doc_ids: {', '.join(sorted(known)[:50])}"
        )
    subset = (
        documents[documents["doc_id"].isin(params["documents"])]
        if params["documents"]
        else documents
    )
    by = params["compare_by"] or grouping_column(subset, params["group_by"])
    try:
        compare_sides(subset, by, params["compare"])
    except ValueError as exc:
        raise ParameterError(f"parameter 'compare': {exc}") from None
    for key, spec in parameters().items():
        if spec.choices and params[key] not in spec.choices:
            raise ParameterError(
                f"parameter {key!r}: {params[key]!r} is not one of {', '.join(spec.choices)}"
            )
        if spec.actor_ids and actors is not None:
            try:
                check_actor_ids(params[key], actors)
            except ValueError as exc:
                raise ParameterError(f"parameter {key!r}: {exc}") from None
