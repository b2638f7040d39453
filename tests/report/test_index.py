"""analysis/report/index.py: the index page links every page given, shows the documents and
the run's parameters, and escapes every value."""

import re
from datetime import UTC, datetime

import pytest

from analysis.config import SEEDS_DIR
from analysis.pages import pages
from analysis.report.index import render_index
from analysis.tables.pipeline import build_tables

GENERATED = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seed_tables():
    # No reference date: seed 000's "1 day ago" stays unresolved, its date inferred.
    return build_tables(SEEDS_DIR, progress=False).tables()


def test_hostile_metadata_is_shown_as_text(tmp_path):
    (tmp_path / "evil.txt").write_text("An ordinary body sentence. Another one follows.\n")
    (tmp_path / "manifest.csv").write_text(
        'file,title,author\nevil.txt,"<script>alert(1)</script>","<img src=x onerror=alert(2)>"\n'
    )
    tables = build_tables(tmp_path, progress=False).tables()
    page = render_index(tables, corpus="<b>corpus</b>", pages=[("a.html", "<i>x</i>", "")])
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>corpus" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;i&gt;x&lt;/i&gt;" in page
    assert "http" not in page  # nothing is loaded from outside


def test_a_hostile_title_is_text_in_the_window_title_and_the_heading(seed_tables):
    hostile = "</title><script>alert(1)</script> & co"
    page = render_index(seed_tables, corpus="seeds", title=hostile)
    escaped = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert f"<title>{escaped}</title>" in page
    assert f'<h1 id="contents">{escaped}</h1>' in page
    assert "<script>" not in page
    fragment = render_index(seed_tables, corpus="seeds", title=hostile, fragment=True)
    assert f'<h1 id="contents">{escaped}</h1>' in fragment and "<script>" not in fragment


def test_every_page_given_is_linked_in_order_with_its_heading_and_introduction(seed_tables):
    given = [
        (f"{page.name}.html", f"Heading {number}", f"What page {number} shows.")
        for number, page in enumerate(pages(), 1)
    ] + [("questions.html", "", "")]  # an added page without a heading: named by its file
    page = render_index(seed_tables, corpus="seeds", pages=given)
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a><br><span class="muted">([^<]*)', page)
    assert links == [*given[:-1], ("questions.html", "questions.html", "")]
    assert '<a href="report.html">report.html</a>' in page  # the single file, beside it
    # In the single file, each link goes to the page's anchor inside it.
    fragment = render_index(seed_tables, corpus="seeds", pages=given, fragment=True)
    hrefs = re.findall(r'<li><a href="([^"]+)"', fragment)
    assert hrefs == [f"#{page.name}" for page in pages()] + ["#questions"]
    assert not fragment.startswith("<!DOCTYPE") and 'href="report.html"' not in fragment


def test_no_pages_no_pages_list(seed_tables):
    assert "<h2>Pages</h2>" not in render_index(seed_tables, corpus="seeds")


def test_the_runs_parameters_fingerprint_and_versions_are_shown(seed_tables):
    page = render_index(
        seed_tables,
        corpus="/data/seeds",
        params={"top_n": 5, "kwic": ["Kashmir", "<b>"], "png": True},
        fingerprint="f00d",
        reused=True,
        generated=GENERATED,
    )
    # Each value as JSON, escaped.
    assert "<tr><th>top_n</th><td><code>5</code></td></tr>" in page
    assert "<tr><th>kwic</th><td><code>[&#34;Kashmir&#34;, &#34;&lt;b&gt;&#34;]</code>" in page
    assert "<tr><th>png</th><td><code>true</code></td></tr>" in page
    assert "<td><code>f00d</code> (tables reused)</td>" in page
    versions = re.search(r"<th>versions</th><td>([^<]+)</td>", page).group(1)
    assert versions.startswith("python 3.11.") and "papermill " in versions
    # The corpus by its folder's name, never where it is on disk (issue 23).
    assert (
        "Corpus <code>seeds</code> &middot; 2 documents &middot;\ngenerated 2025-06-10 12:00 UTC."
        in page
    )
    unreused = render_index(seed_tables, corpus="seeds", params={"top_n": 5}, fingerprint="f00d")
    assert "<td><code>f00d</code></td>" in unreused


def test_the_documents_are_listed_with_their_labels_dates_and_readability(seed_tables):
    page = render_index(seed_tables, corpus="seeds")
    rows = re.findall(r"<tr>(<td>.*?)</tr>", page)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]
    dash = '<span class="muted">&mdash;</span>'
    assert [row[0] for row in cells] == ["000_977c81c4cfa53bf2", "004_913ef7c22a1c9937"]
    # Seed 000: undated (its "1 day ago" has no reference date, and no date is inferred
    # from the years it cites since issue 26).
    assert cells[0][3:8] == ["JK Blue", dash, dash, "694", "30"]
    # Seed 004: no title, author or date; labelled by its first words.
    assert cells[1][1:8] == [
        "undated: As the US Election draws near, attention gets",
        dash,
        dash,
        "behindthecurtain.blog",
        dash,
        "825",
        "31",
    ]
    # Flesch reading ease to one decimal: textstat gives 16.72 and 11.14 on the bodies.
    assert [row[8] for row in cells] == ["16.7", "11.1"]
