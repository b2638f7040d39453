"""The public surface: every name of ``analysis.__all__`` is what its home module defines,
imported only when first used."""

import subprocess
import sys

import analysis
from analysis import features, pages, schema
from analysis.tables import pipeline, store


def test_every_public_name_is_its_home_modules():
    assert analysis.build_tables is pipeline.build_tables
    assert analysis.read_tables is store.read_tables
    assert analysis.Tables is store.Tables
    assert analysis.Analysis is features.Analysis
    assert analysis.Page is pages.Page
    assert analysis.Table is schema.Table
    for name in analysis.__all__:
        assert getattr(analysis, name).__name__ == name


def test_importing_the_package_loads_no_parser():
    loaded = subprocess.run(
        [sys.executable, "-c", "import analysis, sys; print(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "analysis.ingest.parse" not in loaded
    assert "trafilatura" not in loaded
