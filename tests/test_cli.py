import hashlib
import subprocess
import sys

import pandas as pd

from analysis.config import PROJ_ROOT, SEEDS_DIR


def run(*args, cwd=PROJ_ROOT):
    return subprocess.run(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_features_writes_the_tables_and_a_summary(tmp_path):
    result = run("features", SEEDS_DIR, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "cooccurrence.parquet",
        "documents.parquet",
        "era_mix.parquet",
        "eras.parquet",
        "events.parquet",
        "mentions.parquet",
        "problems.parquet",
        "readability.parquet",
        "sentences.parquet",
        "terms.parquet",
    ]
    assert result.stdout.startswith("2 document(s) analysed; 0 skipped; 1,519 words; 61 sentences")
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert len(sentences) == 61


def test_mixed_folder_exits_0_names_each_bad_file_and_changes_no_input(mixed_corpus, tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in mixed_corpus.iterdir()}
    result = run("features", mixed_corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {mixed_corpus / 'binary.txt'}: skipped: binary file (control bytes throughout), not text",
        f"warning: {mixed_corpus / 'empty.txt'}: skipped: empty file",
    ]
    assert result.stdout.startswith("5 document(s) analysed; 2 skipped;")
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in mixed_corpus.iterdir()} == before


def test_report_writes_tables_and_index(tmp_path):
    result = run("report", SEEDS_DIR, "--out", tmp_path / "rep", "--reference-date", "2025-06-10")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert "US POLICY ON PAKISTAN AND IMPLICATIONS FOR KASHMIR DISPUTES" in index
    assert "2025-06-09" in index  # "1 day ago" resolved against the reference date
    docs = pd.read_parquet(tmp_path / "rep" / "tables" / "documents.parquet")
    assert docs["published"].tolist()[0] == "2025-06-09"


def test_exit_codes_for_usage_errors_and_nothing_to_analyse(tmp_path):
    missing = run("features", tmp_path / "nope", "--out", tmp_path / "out")
    assert missing.returncode == 2
    assert "does not exist or is not a folder" in missing.stderr
    bad_date = run(
        "features", SEEDS_DIR, "--out", tmp_path / "out", "--reference-date", "10/06/2025"
    )
    assert bad_date.returncode == 2
    assert "'10/06/2025' is not a date of the form YYYY-MM-DD" in bad_date.stderr
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "blank.txt").write_text("")
    nothing = run("features", tmp_path / "empty", "--out", tmp_path / "out")
    assert nothing.returncode == 1
    assert "no document could be analysed" in nothing.stderr
    assert not (tmp_path / "out").exists()
