"""Every report page opened from disk in Chromium, offline: charts drawn, nothing fetched from
outside, no console errors, and a hostile document runs no script."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import NOTEBOOKS_DIR, SEEDS_DIR
from tests.browser import launch, needs_browser, sync_playwright, watched_page
from tests.conftest import run_cli
from tests.pages import figures

pytestmark = needs_browser

HOSTILE_TITLE = "<script>window.__pwned = 1</script>%{x} Hostile op-ed"
HOSTILE_BODY = (
    'Pakistan and India met again. <img src=x onerror="window.__pwned = 2"> The Taliban '
    "and the Cold War were named.\n\n"
    "A [link](javascript:window.__pwned=3) to nowhere. The 1965 war was cited, and the "
    '<b onmouseover="window.__pwned=4">Kashmir</b> dispute.\n'
)


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
    result = run_cli(
        "report",
        corpus,
        "--out",
        out,
        "-p",
        "kwic",
        "[Kashmir, <b>]",
        "-p",
        "compare_by",
        "doc_id",
        "-p",
        "compare",
        "[hostile, 000_977c81c4cfa53bf2]",
    )
    assert result.returncode == 0, result.stderr
    return out


def _drawn(page, count: int, name: str) -> None:
    """``count`` charts on the page, each with its data drawn, not just an empty frame."""
    if count:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
    plots = page.locator(".js-plotly-plot")
    assert plots.count() == count, name
    for n in range(count):
        assert plots.nth(n).locator(".main-svg").count() >= 1, (name, n)
        assert plots.nth(n).locator("g.trace, g.hm, g.imagelayer image").count() >= 1, (name, n)


def test_every_page_draws_its_charts_offline_without_errors(report):
    # The charts of each page: tests/pages/expected/<page>.yml, under figures.
    drawn = figures()
    assert sorted(p.name for p in report.glob("*.html")) == sorted([*drawn, "report.html"])
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, count in drawn.items():
            page, watch = watched_page(browser)
            page.goto((report / name).as_uri())
            page.wait_for_load_state("load")
            _drawn(page, count, name)
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
            assert "<script>window.__pwned = 1</script>%{x} Hostile" in text, name  # as text
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


def test_the_single_file_holds_every_page_and_works_on_its_own(report, tmp_path):
    # Alone in a folder, without plotly.min.js beside it: it needs nothing else.
    single = tmp_path / "shared.html"
    shutil.copy(report / "report.html", single)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, watch = watched_page(browser)
        page.goto(single.as_uri())
        page.wait_for_load_state("load")
        _drawn(page, sum(figures().values()), "report.html")
        assert watch.blocked == [] and watch.errors == []
        assert page.evaluate("window.__pwned") is None
        # The contents link to each page inside the file.
        page.click("a[href='#05_timeline']")
        assert page.evaluate("location.hash") == "#05_timeline"
        top = page.evaluate("document.getElementById('05_timeline').getBoundingClientRect().top")
        assert abs(top) < 50
        assert HOSTILE_TITLE in page.inner_text("body")
        browser.close()


def test_plotly_placeholders_in_a_title_stay_as_written_in_a_hover(report):
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, watch = watched_page(browser)
        page.goto((report / "06_compare.html").as_uri())
        page.wait_for_selector(".js-plotly-plot .main-svg")
        # The actors chart: its bars' hover template names the side, the hostile document.
        actors = page.locator(".js-plotly-plot").nth(1)
        actors.scroll_into_view_if_needed()
        bars = actors.locator(".trace.bars").first.locator(".point path").all()
        box = max((bar.bounding_box() for bar in bars), key=lambda b: b["height"])
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
        page.wait_for_selector(".hoverlayer .hovertext")
        shown = actors.locator(".hoverlayer").text_content()
        # The side's name as written, in a hover template that fills in the bar's own value.
        assert "</script>%{x} Hostile" in shown, shown
        assert watch.errors == []
        browser.close()


def test_a_plain_papermill_and_nbconvert_run_opens_offline(tmp_path):
    # The scheduled run of the README without this package's runner: papermill, then
    # jupyter nbconvert with the project's exporter, found by name.
    bin_dir = Path(sys.executable).parent
    executed = tmp_path / "05_timeline.ipynb"
    subprocess.run(
        [bin_dir / "papermill", "05_timeline.ipynb", executed, "-p", "run", SEEDS_DIR],
        cwd=NOTEBOOKS_DIR,
        check=True,
        capture_output=True,
        timeout=600,
    )
    subprocess.run(
        [bin_dir / "jupyter", "nbconvert", "--to", "policy-discourse", "--no-input", executed],
        check=True,
        capture_output=True,
        timeout=600,
    )
    page_file = tmp_path / "05_timeline.html"
    text = page_file.read_text(encoding="utf-8")
    assert "require.min.js" not in text and "MathJax.js" not in text
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page, watch = watched_page(browser)
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        _drawn(page, figures()["05_timeline.html"], "plain route")
        assert watch.blocked == [] and watch.errors == []
        browser.close()
