"""The options object: what it hashes, and what it leaves out."""

import shutil
from datetime import date

from analysis import options as options_module
from analysis.config import PACKAGE_DIR
from analysis.options import FeatureOptions, feature_fingerprint, package_fingerprint
from analysis.tables.pipeline import build_tables

# Cites 2024 and 2026: no longer dated by either (issue 26).
CITING = "Talks began in 2024. A second round is due in 2026. Both sides agreed.\n"


def test_the_year_stands_in_for_a_missing_reference_date_in_the_key():
    late_2025 = FeatureOptions(today=date(2025, 12, 31))
    assert late_2025.key == FeatureOptions(today=date(2025, 1, 1)).key
    assert late_2025.key != FeatureOptions(today=date(2026, 1, 1)).key
    fixed = date(2020, 5, 1)
    assert (
        FeatureOptions(reference_date=fixed, today=date(2025, 12, 31)).key
        == FeatureOptions(reference_date=fixed, today=date(2026, 1, 1)).key
    )
    assert FeatureOptions(stem=True).key != FeatureOptions().key


def test_a_new_year_analyses_a_document_again(tmp_path):
    # The years a text cites no longer date it (issue 26), but "today" stays in the key: the
    # newest year an event may be read as is the reference date's, or this year's.
    (tmp_path / "talks.txt").write_text(CITING)
    before = build_tables(tmp_path, options=FeatureOptions(today=date(2025, 12, 31)))
    assert before.documents["published"].isna().all()
    after = build_tables(
        tmp_path, options=FeatureOptions(today=date(2026, 1, 2)), previous=before.tables()
    )
    assert (after.analysed, after.reused) == (1, 0)


def test_the_feature_fingerprint_covers_feature_code_not_presentation(tmp_path, monkeypatch):
    package = tmp_path / "analysis"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))

    def fingerprint() -> str:
        feature_fingerprint.cache_clear()
        package_fingerprint.cache_clear()
        monkeypatch.setattr(options_module, "PACKAGE_DIR", package)
        return feature_fingerprint()

    original = fingerprint()
    # A page, a corpus statistic, the report, the command line and the export to CSV and
    # XLSX present the tables.
    for presentation in (
        "pages/charts.py",
        "corpus/keywords.py",
        "report/runner.py",
        "cli.py",
        "report/spreadsheets.py",
    ):
        (package / presentation).write_text("# a new chart colour\n", encoding="utf-8")
        assert fingerprint() == original, presentation
    for feature in (
        "ingest/parse.py",
        "features/terms.py",
        "dictionaries/actors.py",
        "tables/store.py",
    ):
        (package / feature).write_text("# another parser\n", encoding="utf-8")
        assert fingerprint() != original, feature
        original = fingerprint()
    feature_fingerprint.cache_clear()
    package_fingerprint.cache_clear()


def test_a_new_version_of_a_feature_library_changes_the_fingerprint(monkeypatch):
    original = feature_fingerprint()
    real = options_module._version
    monkeypatch.setattr(
        options_module, "_version", lambda name: "99.0" if name == "sentencex" else real(name)
    )
    feature_fingerprint.cache_clear()
    try:
        assert feature_fingerprint() != original
    finally:
        feature_fingerprint.cache_clear()
