"""Every page of the registry (analysis.pages.pages()): its notebook declares the parameters
its page module does, and, run in the seed report, records the values its file of expected
values gives (expected/<page>.yml)."""

import nbformat
import papermill
import pytest

from analysis.notebook import recorded
from analysis.pages import MODULES, Page, pages
from analysis.report.parameters import parameters
from analysis.report.runner import notebook_paths
from tests.pages import EXPECTED_DIR, expected

#: In a list, the items after the ones given; in a mapping, the keys besides the ones given.
MORE = "..."
#: Keys of a mapping that test a list for its members rather than match it.
MEMBERS = {"$contains", "$lacks"}


def mismatches(found, wanted, where: str = "") -> list[str]:
    """Where the recorded value ``found`` differs from ``wanted`` (rules:
    expected/README.md); none when it matches."""
    if isinstance(wanted, dict) and wanted and set(wanted) <= MEMBERS:
        if not isinstance(found, list):
            return [f"{where}: {found!r} is not a list"]
        return [
            f"{where}: no {item!r}" for item in wanted.get("$contains", []) if item not in found
        ] + [
            f"{where}: {item!r} should not be there"
            for item in wanted.get("$lacks", [])
            if item in found
        ]
    if isinstance(wanted, dict):
        if not isinstance(found, dict):
            return [f"{where}: {found!r} is not a mapping"]
        keys = [key for key in wanted if key != MORE]
        problems = [f"{where}[{key!r}]: not recorded" for key in keys if key not in found]
        if MORE not in wanted and set(found) - set(keys):
            problems.append(f"{where}: keys not expected: {sorted(set(found) - set(keys))}")
        for key in keys:
            if key in found:
                problems += mismatches(found[key], wanted[key], f"{where}[{key!r}]")
        return problems
    if isinstance(wanted, list):
        if not isinstance(found, list):
            return [f"{where}: {found!r} is not a list"]
        more = bool(wanted) and wanted[-1] == MORE
        items = wanted[:-1] if more else wanted
        if len(found) < len(items) or (not more and len(found) != len(items)):
            return [f"{where}: {found!r} is not {wanted!r}"]
        return [
            problem
            for number, (item, want) in enumerate(zip(found, items, strict=False))
            for problem in mismatches(item, want, f"{where}[{number}]")
        ]
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (found, wanted))
    if numbers and (isinstance(found, float) or isinstance(wanted, float)):
        return [] if abs(found - wanted) <= 0.01 else [f"{where}: {found!r}, not {wanted!r}"]
    if found != wanted or isinstance(found, bool) != isinstance(wanted, bool):
        return [f"{where}: {found!r}, not {wanted!r}"]
    return []


# --- the rules themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "wanted"),
    [
        (16.718665, 16.72),
        (0.0, 0),
        ({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2]}),
        ({"a": 1, "b": 2}, {"a": 1, MORE: "b"}),
        ([["USA", 60], ["PAK", 59]], [["USA", MORE], MORE]),
        (["pakistan", "US"], {"$contains": ["US"], "$lacks": ["U.S."]}),
    ],
)
def test_a_recorded_value_matches(found, wanted):
    assert mismatches(found, wanted) == []


@pytest.mark.parametrize(
    ("found", "wanted", "said"),
    [
        (16.74, 16.72, ": 16.74, not 16.72"),
        (True, 1, ": True, not 1"),
        ("1", 1, ": '1', not 1"),
        ({"a": 1, "b": 2}, {"a": 1}, ": keys not expected: ['b']"),
        ({"a": 1}, {"a": 1, "c": 3, MORE: ""}, "['c']: not recorded"),
        ({"a": [1, 2]}, {"a": [1]}, "['a']: [1, 2] is not [1]"),
        ([1], [1, 2, MORE], ": [1] is not [1, 2, '...']"),
        ([["PAK", 59], ["USA", 60]], [["USA", MORE], MORE], "[0][0]: 'PAK', not 'USA'"),
        (["U.S."], {"$contains": ["US"]}, ": no 'US'"),
        (["US", "U.S."], {"$lacks": ["U.S."]}, ": 'U.S.' should not be there"),
        ("US", {"$contains": ["US"]}, ": 'US' is not a list"),
    ],
)
def test_a_recorded_value_that_differs_is_said_where(found, wanted, said):
    assert said in mismatches(found, wanted)


# --- every page has its expectations, and declares what its notebook takes -----------------


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_every_page_has_a_file_of_expected_values(page):
    values = expected(page)
    assert set(values) <= {"recorded", "figures", "says"}, page.name
    assert values.get("recorded"), f"{page.name}: give at least one recorded value"
    assert isinstance(values.get("figures"), int) and values["figures"] >= 0, page.name
    for kind, messages in values.get("says", {}).items():
        assert messages and all(isinstance(m, str) and m for m in messages), (page.name, kind)


def test_a_page_without_a_file_of_expected_values_is_told_to_add_one():
    with pytest.raises(pytest.fail.Exception) as failed:
        expected(Page("99_questions.ipynb", origin="policy-discourse-questions==0.1.0"))
    assert str(failed.value).startswith(
        "page 99_questions (policy-discourse-questions==0.1.0) has no expected values: "
        "add tests/pages/expected/99_questions.yml with what its notebook records on the seeds"
    )


def test_every_file_of_expected_values_is_a_pages():
    names = {page.name for page in pages()}
    assert {path.stem for path in EXPECTED_DIR.glob("*.yml")} <= names


def test_the_report_runs_the_notebooks_of_the_registry_in_page_order():
    assert notebook_paths() == [page.path() for page in pages()]
    # The built-in pages are numbered in the order the report shows them.
    built_in = [page.name for page in pages()[: len(MODULES)]]
    assert [name[:3] for name in built_in] == [f"{n:02d}_" for n in range(1, len(MODULES) + 1)]


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_every_notebook_declares_its_pages_parameters_with_their_defaults(page):
    declared = papermill.inspect_notebook(str(page.path()))
    notebook = nbformat.read(page.path(), as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "run" in declared  # what the page starts from: the run file
    # Only the page's own parameters, those its module declares (the title, document filter
    # and PNG folder come with the run file); each typed, commented, with the default.
    assert set(declared) - {"run"} == set(page.parameters)
    for name, info in declared.items():
        if name == "run":
            continue
        spec = page.parameters[name]
        assert parameters()[name] == spec and spec.reader == "page", name
        assert info["inferred_type_name"] == spec.kind.__name__, name
        assert eval(info["default"]) == spec.default, name
        assert info["help"], name


# --- what each page records on the seeds -------------------------------------------------


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_each_page_records_its_hand_checked_values_on_the_seeds(seed_report, page):
    out, result = seed_report
    wanted = expected(page)["recorded"]
    assert result.returncode == 0, result.stderr
    found = recorded(out / "notebooks" / f"{page.name}.ipynb")
    # The names the file gives; a page may record more.
    assert mismatches(found, {**wanted, MORE: "names not given"}) == []
