"""The parameters of a report run (``-p name value``): their types, defaults and checks.

Parameters are checked before anything runs: their types here (:func:`parse_parameters`),
then against the corpus once its tables are built (:func:`check_against_tables`), so a
mistyped column or document is said in one line rather than as a failed notebook.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import yaml


class ParameterError(ValueError):
    """A parameter that cannot be used; the message says which and what is accepted."""


@dataclass(frozen=True)
class Parameter:
    kind: type
    default: object
    help: str
    #: Who reads it: "page" (the notebooks that declare it), "run" (the run file every page
    #: starts from: title, document filter, PNG) or "runner" (the report runner alone).
    reader: str = "page"


#: Every parameter a report run accepts (``-p name value``), with its type and default.
PARAMETERS: dict[str, Parameter] = {
    "title": Parameter(str, "", "report title (default: the corpus folder's name)", "run"),
    "documents": Parameter(list, [], "doc_ids to analyse, e.g. [a, b] (default: all)", "run"),
    "group_by": Parameter(
        str, "", "documents column that forms groups (default: source, author, ... with two values)"
    ),
    "compare_by": Parameter(
        str, "", "column whose two values are compared (default: group_by; doc_id: documents)"
    ),
    "compare": Parameter(
        list,
        [],
        "the two values of compare_by (default: the two largest groups, else the first two documents)",
    ),
    "kwic": Parameter(list, ["Kashmir", "China"], "words or phrases for keyword in context"),
    "top_n": Parameter(int, 20, "how many terms and actors to show"),
    "window": Parameter(
        str, "sentence", "actor co-occurrence window: sentence, paragraph, document"
    ),
    "max_timeline_documents": Parameter(
        int, 40, "up to this many documents the timeline has a row each; more: per group and period"
    ),
    "collocation_measure": Parameter(
        str, "likelihood", "collocations ranked by likelihood (log-likelihood), t (t-score) or pmi"
    ),
    "trend_actors": Parameter(
        list, [], "actor ids for the trends page (default: the most named in the dated documents)"
    ),
    "trend_terms": Parameter(list, [], "words or phrases for the trends page (default: kwic)"),
    "trend_period": Parameter(str, "auto", "trends by year, decade or auto"),
    "png": Parameter(bool, False, "also write every figure as PNG to figures/ (for slides)", "run"),
    "show_code": Parameter(bool, False, "show the code cells in the HTML", "runner"),
}


def parse_parameters(pairs: list[tuple[str, str]]) -> dict:
    """``-p name value`` pairs as typed values, checked against :data:`PARAMETERS`.

    Raises:
        ParameterError: an unknown name or a value of the wrong type; the message lists what is
            accepted.
    """
    values = {}
    for name, raw in pairs:
        if name not in PARAMETERS:
            raise ParameterError(f"unknown parameter {name!r}; accepted:\n{describe_parameters()}")
        spec = PARAMETERS[name]
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
        for name, spec in PARAMETERS.items()
    )


def check_against_tables(
    params: dict, documents: pd.DataFrame, *, actors: pd.DataFrame | None = None
) -> None:
    """Refuse parameters that name columns, documents or values the corpus does not have,
    or actors the run's dictionary (its ``actors`` table) does not know."""
    from .actors import check_actor_ids
    from .labels import compare_sides, grouping_column
    from .terms import COLLOCATION_MEASURES

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
    for key, accepted in (
        ("window", ("sentence", "paragraph", "document")),
        ("collocation_measure", tuple(COLLOCATION_MEASURES)),
        ("trend_period", ("auto", "year", "decade")),
    ):
        if params[key] not in accepted:
            raise ParameterError(
                f"parameter {key!r}: {params[key]!r} is not one of {', '.join(accepted)}"
            )
    if actors is not None:
        try:
            check_actor_ids(params["trend_actors"], actors)
        except ValueError as exc:
            raise ParameterError(f"parameter 'trend_actors': {exc}") from None
