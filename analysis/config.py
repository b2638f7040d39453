"""Paths derived in one place, so every module agrees on where things live."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJ_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"
SEEDS_DIR = PROJ_ROOT / "seeds"

#: Real third-party corpora for tests and benchmarks; present beside the project in development
#: and CI, absent on a user's fresh clone.
SHARED_CORPORA_DIR = PROJ_ROOT.parent / "shared" / "corpora"
#: The report's notebooks: notebooks/ in a checkout; inside the package once installed with
#: ``pip install .`` (see pyproject.toml).
NOTEBOOKS_DIR = (
    PACKAGE_DIR / "notebooks" if (PACKAGE_DIR / "notebooks").is_dir() else PROJ_ROOT / "notebooks"
)

#: A file in every output folder a run writes: a corpus scan passes over such a folder.
OUTPUT_MARKER = ".policy-discourse-output"
