import hashlib

import pandas as pd

from analysis.config import SEEDS_DIR
from analysis.features import table_names
from tests.conftest import run_cli


def test_features_writes_the_tables_and_a_summary(tmp_path):
    result = run_cli("features", SEEDS_DIR, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    # Every table of the registry (the dictionaries the pass used among them, so that no
    # page reads their files), and the marker that keeps a scan of a corpus out of it.
    assert {"actors", "era_definitions"} <= set(table_names())
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        [".policy-discourse-output", *(f"{name}.parquet" for name in table_names())]
    )
    assert result.stdout.startswith(
        "2 document(s): 2 analysed, 0 reused, 0 dropped; 0 skipped; 1,519 words; 61 sentences"
    )
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert len(sentences) == 61
    actors = pd.read_parquet(tmp_path / "out" / "actors.parquet")
    usa = actors.set_index("actor_id").loc["USA"]
    assert (usa["label"], usa["kind"]) == ("United States", "state")
    assert {"Washington", "U.S."} <= set(usa["names"])
    eras = pd.read_parquet(tmp_path / "out" / "era_definitions.parquet")
    assert eras["era_id"].tolist()[:2] == ["partition", "cold_war"]  # in the file's order
    assert "war on terror" in eras.set_index("era_id").loc["war_on_terror", "cues"]


def test_mixed_folder_exits_0_names_each_bad_file_and_changes_no_input(mixed_corpus, tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in mixed_corpus.iterdir()}
    result = run_cli("features", mixed_corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {mixed_corpus / 'binary.txt'}: skipped: binary file (control bytes throughout), not text",
        f"warning: {mixed_corpus / 'empty.txt'}: skipped: empty file",
    ]
    assert result.stdout.startswith("5 document(s): 5 analysed, 0 reused, 0 dropped; 2 skipped;")
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in mixed_corpus.iterdir()} == before


def test_exit_codes_for_usage_errors_and_nothing_to_analyse(tmp_path):
    missing = run_cli("features", tmp_path / "nope", "--out", tmp_path / "out")
    assert missing.returncode == 2
    assert "does not exist or is not a folder" in missing.stderr
    bad_date = run_cli(
        "features", SEEDS_DIR, "--out", tmp_path / "out", "--reference-date", "10/06/2025"
    )
    assert bad_date.returncode == 2
    assert "'10/06/2025' is not a date of the form YYYY-MM-DD" in bad_date.stderr
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("")
    nothing = run_cli("features", tmp_path / "empty", "--out", tmp_path / "out")
    assert nothing.returncode == 1
    assert "no document could be analysed" in nothing.stderr
    assert not (tmp_path / "out").exists()
