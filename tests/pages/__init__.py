"""Tests of the report's pages. What each page must show is data, one file per page of the
registry: ``expected/<page>.yml`` (its format: ``expected/README.md``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.config import PROJ_ROOT
from analysis.pages import Page, pages

EXPECTED_DIR = Path(__file__).resolve().parent / "expected"


def expected(page: Page) -> dict:
    """What ``page`` must show (``expected/<page>.yml``); the test fails, saying to add the
    file, when there is none."""
    path = EXPECTED_DIR / f"{page.name}.yml"
    if not path.is_file():
        pytest.fail(
            f"page {page.name} ({page.origin}) has no expected values: add "
            f"{path.relative_to(PROJ_ROOT)} with what its notebook records on the seeds "
            f"(see {(EXPECTED_DIR / 'README.md').relative_to(PROJ_ROOT)})",
            pytrace=False,
        )
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def figures() -> dict[str, int]:
    """The charts each page of a report draws (tests/test_browser.py's report), by HTML
    file, the index's none included."""
    return {f"{page.name}.html": expected(page)["figures"] for page in pages()} | {"index.html": 0}
