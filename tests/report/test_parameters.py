"""analysis/report/parameters.py: ``-p name value`` typed and checked (its type here, then
against the corpus), every page's parameters accepted and described, choices refused with
the values accepted."""

import re

import pytest

from analysis.config import SEEDS_DIR
from analysis.pages import Parameter, page_parameters, pages
from analysis.report import parameters as parameters_module
from analysis.report.parameters import (
    RUN_PARAMETERS,
    ParameterError,
    check_against_tables,
    describe_parameters,
    parameters,
    parse_parameters,
)
from analysis.tables.pipeline import build_tables


@pytest.fixture(scope="module")
def seed_documents():
    return build_tables(SEEDS_DIR, progress=False).documents


def defaults() -> dict:
    return {name: spec.default for name, spec in parameters().items()}


# --- typed values ---------------------------------------------------------------------


def test_parameters_are_typed():
    assert parse_parameters(
        [
            ("top_n", "5"),
            ("compare", "[a, b]"),
            ("kwic", "Kashmir, Line of Control"),
            ("png", "true"),
        ]
    ) == {"top_n": 5, "compare": ["a", "b"], "kwic": ["Kashmir", "Line of Control"], "png": True}
    assert parse_parameters([("title", "2025-06-10")]) == {"title": "2025-06-10"}  # text stays text


@pytest.mark.parametrize(
    ("name", "raw", "value"),
    [
        ("documents", "[1965, 2001]", ["1965", "2001"]),  # doc_ids are text, even when numbers
        ("documents", "a", ["a"]),
        ("documents", "", []),
        ("documents", "[]", []),
        ("kwic", "[war on terror]", ["war on terror"]),
        ("show_code", "false", False),
        ("show_code", "yes", True),  # YAML's words for true
        ("max_timeline_documents", "1", 1),
        ("title", "  spaced  ", "  spaced  "),  # text as given
    ],
)
def test_each_kind_reads_its_values(name, raw, value):
    assert parse_parameters([(name, raw)]) == {name: value}


def test_the_last_value_given_for_a_name_wins():
    assert parse_parameters([("top_n", "5"), ("top_n", "7")]) == {"top_n": 7}


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        (("top_n", "5.5"), "parameter 'top_n': '5.5' is not a whole number"),
        (("top_n", "-3"), "parameter 'top_n': '-3' is not a whole number of at least 1"),
        (("png", ""), "parameter 'png': '' is not true or false"),
        (("png", "1"), "parameter 'png': '1' is not true or false"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_with_what_it_should_be(pair, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        parse_parameters([pair])


def test_an_unknown_name_is_refused_with_every_accepted_one():
    with pytest.raises(ParameterError) as refused:
        parse_parameters([("colour", "red")])
    said = str(refused.value)
    assert said.startswith("unknown parameter 'colour'; accepted:\n")
    assert said.endswith(describe_parameters())
    assert isinstance(refused.value, ValueError) and refused.value.exit_code == 2


# --- which parameters, in which order ----------------------------------------------------


def test_the_runs_parameters_frame_the_pages_in_a_fixed_order():
    # The title and the document filter first, then the pages' parameters in page order,
    # then what only the run and the runner read.
    run = ["title", "documents", "png", "keep_duplicates", "show_code"]
    assert list(RUN_PARAMETERS) == run
    assert list(parameters()) == [*run[:2], *page_parameters(), *run[2:]]
    assert [spec.reader for spec in RUN_PARAMETERS.values()] == ["run"] * 4 + ["runner"]
    assert {spec.reader for spec in page_parameters().values()} == {"page"}


def test_every_pages_parameters_are_accepted_and_described():
    described = describe_parameters().splitlines()
    names = [line.split(" (", 1)[0].strip() for line in described]
    assert names == list(parameters())
    for page in pages():
        assert page.parameters, page.name  # every built-in page takes at least group_by or top_n
        for name, spec in page.parameters.items():
            assert parameters()[name] == spec, (page.name, name)
            line = described[names.index(name)]
            assert line == (
                f"  {name} ({spec.kind.__name__}, default {spec.default!r}): {spec.help}"
            ), (page.name, name)
    # A few by hand, as --help shows them.
    assert "  top_n (int, default 20): how many terms and actors to show" in described
    assert (
        "  png (bool, default False): also write every figure as PNG to figures/ (for slides)"
        in (described)
    )


# --- checked against the corpus ----------------------------------------------------------


def test_parameters_that_name_what_the_corpus_lacks_are_refused(seed_documents):
    base = defaults()
    check_against_tables(base, seed_documents)  # the defaults fit the seeds
    for change, message in [
        ({"group_by": "colour"}, "parameter 'group_by': 'colour' is not a documents column"),
        ({"compare_by": "colour"}, "parameter 'compare_by': 'colour' is not a documents column"),
        ({"documents": ["nope"]}, "parameter 'documents': nope not in the corpus"),
        ({"compare": ["000_977c81c4cfa53bf2", "x"]}, "no document has doc_id = 'x'"),
        ({"compare": ["000_977c81c4cfa53bf2"]}, "compare needs two values"),
        ({"window": "page"}, "'page' is not one of sentence, paragraph, document"),
    ]:
        with pytest.raises(ParameterError, match=re.escape(message)):
            check_against_tables(base | change, seed_documents)


def test_the_choices_the_pages_declare_are_refused_with_the_accepted_values(seed_documents):
    declared = {name: spec.choices for name, spec in parameters().items() if spec.choices}
    assert declared == {  # as the page modules declare them
        "collocation_measure": ("likelihood", "t", "pmi"),
        "window": ("sentence", "paragraph", "document"),
        "trend_period": ("auto", "year", "decade"),
    }
    for name, choices in declared.items():
        for choice in choices:
            check_against_tables(defaults() | {name: choice}, seed_documents)
        with pytest.raises(ParameterError) as refused:
            check_against_tables(defaults() | {name: "nope"}, seed_documents)
        assert str(refused.value) == (
            f"parameter {name!r}: 'nope' is not one of {', '.join(choices)}"
        )


def test_an_added_pages_parameter_is_accepted_and_its_choices_checked(seed_documents, monkeypatch):
    added = {
        "palette": Parameter(str, "warm", "colours of the added page", choices=("warm", "cold"))
    }
    monkeypatch.setattr(parameters_module, "page_parameters", lambda: page_parameters() | added)
    assert parse_parameters([("palette", "cold")]) == {"palette": "cold"}
    assert "  palette (str, default 'warm'): colours of the added page" in describe_parameters()
    check_against_tables(defaults() | {"palette": "cold"}, seed_documents)
    with pytest.raises(ParameterError, match="'grey' is not one of warm, cold"):
        check_against_tables(defaults() | {"palette": "grey"}, seed_documents)
