"""analysis/plugins.py: what installed packages add through entry points, and what is
refused in one line naming the entry point."""

from importlib import metadata

import pytest

from analysis import features, pages, plugins
from analysis.features import Analysis, RegistryError
from analysis.pages import PageError


def _entry_points(*values: str):
    found = [metadata.EntryPoint(f"e{i}", value, "group") for i, value in enumerate(values)]
    return lambda group: found


def test_an_entry_point_that_cannot_be_loaded_is_named(monkeypatch):
    monkeypatch.setattr(plugins.metadata, "entry_points", _entry_points("json:no_such_thing"))
    with pytest.raises(RegistryError) as error:
        list(plugins.added("group", Analysis, RegistryError))
    assert str(error.value) == (
        "group 'e0' (json:no_such_thing) cannot be loaded: AttributeError: "
        "module 'json' has no attribute 'no_such_thing'"
    )


def test_an_entry_point_of_another_kind_is_refused(monkeypatch):
    monkeypatch.setattr(plugins.metadata, "entry_points", _entry_points("json:dumps"))
    with pytest.raises(PageError, match=r"'e0' \(json:dumps\) is not an analysis.pages.Page"):
        list(plugins.added("group", pages.Page, PageError))


def test_an_added_analysis_may_not_take_a_tables_name(monkeypatch):
    monkeypatch.setattr(
        plugins.metadata, "entry_points", _entry_points("analysis.features.mentions:ANALYSES")
    )
    features.analyses.cache_clear()
    try:
        with pytest.raises(RegistryError, match="table 'mentions' is taken"):
            features.analyses()
    finally:
        features.analyses.cache_clear()
