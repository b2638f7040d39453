import pandas as pd
import pytest

from analysis.tables.store import (
    atomic_write,
    read_tables,
    write_tables,
    write_text,
)


def test_tables_round_trip(tmp_path):
    frame = pd.DataFrame({"doc_id": ["a", "b"], "headings": [["X"], []], "words": [3, 4]})
    paths = write_tables({"documents": frame}, tmp_path / "out")
    assert paths == [tmp_path / "out" / "documents.parquet"]
    back = read_tables(tmp_path / "out")["documents"]
    assert back["doc_id"].tolist() == ["a", "b"]
    assert [list(h) for h in back["headings"]] == [["X"], []]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path):
    target = tmp_path / "index.html"
    write_text(target, "good report")

    def half_write(tmp):
        tmp.write_text("half a rep")
        raise RuntimeError("killed mid-write")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_write)
    assert target.read_text() == "good report"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
