import pandas as pd

from analysis.pipeline import build_tables
from analysis.report import render_index


def test_hostile_metadata_is_shown_as_text(tmp_path):
    (tmp_path / "evil.txt").write_text("An ordinary body sentence. Another one follows.\n")
    (tmp_path / "manifest.csv").write_text(
        'file,title,author\nevil.txt,"<script>alert(1)</script>","<img src=x onerror=alert(2)>"\n'
    )
    page = render_index(build_tables(tmp_path, progress=False), corpus="<b>corpus</b>")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>corpus" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "http" not in page  # nothing is loaded from outside


def test_index_lists_every_document_with_its_numbers(tmp_path):
    (tmp_path / "a.txt").write_text("Pakistan and India talked. They agreed.\n")
    tables = build_tables(tmp_path, progress=False)
    page = render_index(tables, corpus="c")
    assert "<td>a</td>" in page
    assert f"{tables.readability['flesch_reading_ease'].iloc[0]:.1f}" in page
    assert isinstance(tables.documents, pd.DataFrame)
