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


def test_the_readmes_python_examples_run_on_the_seeds(tmp_path, monkeypatch):
    """Each line of the README's ``python`` blocks, run in turn on the seeds' tables (``t``,
    with the names the README leaves to the reader): the modules and keywords it shows are
    the package's."""
    import re

    from analysis.config import PROJ_ROOT, SEEDS_DIR

    blocks = re.findall(
        r"```python\n(.*?)```", (PROJ_ROOT / "README.md").read_text(encoding="utf-8"), re.S
    )
    assert blocks
    (tmp_path / "seeds").symlink_to(SEEDS_DIR)
    monkeypatch.chdir(tmp_path)  # where the examples write (actors.gexf)
    space: dict = {}
    for block in blocks:
        for line in block.splitlines():
            if not line.strip():
                continue
            exec(line.replace(".show()", ""), space)
            if "tables" in space and "t" not in space:
                t = space["t"] = space["tables"]
                space["words"] = int(t.documents["words"].sum())
                space["target_ids"] = list(t.documents["doc_id"][:1])
                space["reference_ids"] = list(t.documents["doc_id"][1:])
