"""Every report page opened from disk in Chromium, offline: charts drawn, nothing fetched from
outside, no console errors, and a hostile document runs no script."""

import shutil

import pytest

from analysis.config import SEEDS_DIR
from tests.browser import launch, needs_browser, sync_playwright, watched_page
from tests.conftest import run_cli

pytestmark = needs_browser

HOSTILE_TITLE = "<script>window.__pwned = 1</script>Hostile op-ed"
HOSTILE_BODY = (
    'Pakistan and India met again. <img src=x onerror="window.__pwned = 2"> The Taliban '
    "and the Cold War were named.\n\n"
    "A [link](javascript:window.__pwned=3) to nowhere. The 1965 war was cited, and the "
    '<b onmouseover="window.__pwned=4">Kashmir</b> dispute.\n'
)
#: Charts each page draws (plotly figures), as the notebooks are written.
FIGURES = {
    "01_overview.html": 1,
    "02_readability.html": 1,
    "03_language.html": 3,
    "04_actors.html": 3,
    "05_timeline.html": 2,
    "06_compare.html": 3,
    "index.html": 0,
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus / seed.name)
    (corpus / "hostile.md").write_text(HOSTILE_BODY, encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        f'file,title,date\nhostile.md,"{HOSTILE_TITLE}",2024-05-01\n', encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("report")
    result = run_cli("report", corpus, "--out", out, "-p", "kwic", "[Kashmir, <b>]")
    assert result.returncode == 0, result.stderr
    return out


def test_every_page_draws_its_charts_offline_without_errors(report):
    assert sorted(p.name for p in report.glob("*.html")) == sorted(FIGURES)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, figures in FIGURES.items():
            page, watch = watched_page(browser)
            page.goto((report / name).as_uri())
            page.wait_for_load_state("load")
            if figures:
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
            plots = page.locator(".js-plotly-plot")
            assert plots.count() == figures, name
            for n in range(figures):  # each chart has drawn its data, not just an empty frame
                assert plots.nth(n).locator(".main-svg").count() >= 1, (name, n)
                assert plots.nth(n).locator("g.trace, g.hm, g.imagelayer image").count() >= 1, (
                    name,
                    n,
                )
            assert watch.blocked == [], (name, watch.blocked)
            assert watch.errors == [], (name, watch.errors)
            assert page.evaluate("window.__pwned") is None, name
            page.context.close()
        browser.close()


def test_hostile_text_is_shown_literally_and_runs_nothing(report):
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name in ("index.html", "01_overview.html", "05_timeline.html"):
            page, watch = watched_page(browser)
            page.goto((report / name).as_uri())
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)
            text = page.inner_text("body")
            assert HOSTILE_TITLE in text or "Hostile op-ed" in text, name
            assert page.locator("a[href^='javascript:']").count() == 0, name
            assert page.locator("img[src='x']").count() == 0, name
            assert page.evaluate("window.__pwned") is None, name
            assert watch.errors == [], (name, watch.errors)
            page.context.close()
        # The overview table shows the title with its markup, as text.
        page, _ = watched_page(browser)
        page.goto((report / "01_overview.html").as_uri())
        assert HOSTILE_TITLE in page.inner_text("table.analysis-table")
        # Hovering every point of the timeline runs no script either.
        page.goto((report / "05_timeline.html").as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        for point in page.locator(".js-plotly-plot .scatterlayer .point").all()[:40]:
            point.hover(force=True)
        assert page.evaluate("window.__pwned") is None
        browser.close()
