"""Issue 23, the output folder: a run never deletes what it did not write, a damaged
previous table or report never wedges it, the folder it publishes keeps its permissions,
and the report meant to be sent shows no absolute path.

Each test is a case a tester reproduced, run as a user runs it (the command line, the seeds)
and checked on disk.
"""

from __future__ import annotations

import grp
import hashlib
import json
import os
import shutil
import stat
import struct
from functools import partial
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.config import OUTPUT_MARKER
from analysis.report.output import OutputError, check_output
from analysis.report.runner import notebook_paths
from analysis.tables.store import read_tables
from tests.conftest import SEED_000, SEED_004, run_cli


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes: what "left as it was" means."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The two seeds, in a folder whose path is private (``.../private/articles``)."""
    folder = tmp_path / "private" / "articles"
    folder.mkdir(parents=True)
    shutil.copy(SEED_000, folder / "a.txt")
    shutil.copy(SEED_004, folder / "b.txt")
    return folder


def features(corpus: Path, out: Path, capsys) -> tuple[int, list[str], str]:
    """``python -m analysis features CORPUS --out OUT``: exit code, standard error's lines,
    standard output."""
    capsys.readouterr()
    code = cli.main(["features", str(corpus), "--out", str(out)])
    said = capsys.readouterr()
    return code, said.err.splitlines(), said.out


# --- 1: what a run did not write is never replaced ------------------------------------

#: A user's analysis folder, with the names a report writes.
USERS_FOLDER = {
    "figures/fig1.png": b"\x89PNG\r\n\x1a\n my figure",
    "tables/results.xlsx": b"PK\x03\x04 my results",
    "notebooks/my_analysis.ipynb": b'{"cells": [], "nbformat": 4, "nbformat_minor": 5}',
    "index.html": b"<html><body>My own index</body></html>",
}


def test_a_users_folder_with_a_reports_names_is_refused(corpus, tmp_path, capsys):
    out = tmp_path / "analysis"
    write_files(out, USERS_FOLDER)
    before = tree_digest(out)
    capsys.readouterr()
    code = cli.main(["report", str(corpus), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    [line] = err.splitlines()
    assert line.startswith(f"error: --out {out} holds files a run did not write (")
    assert "figures/fig1.png" in line and "index.html" in line
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis", "private"]


def test_parquet_files_and_datasets_of_a_user_are_not_tables_of_a_run(corpus, tmp_path, capsys):
    out = tmp_path / "data"
    write_files(
        out,
        {
            "sales.parquet/year=2024/part-0.parquet": b"PAR1 a partitioned dataset PAR1",
            "customers.parquet": b"PAR1 a table of mine PAR1",
        },
    )
    before = tree_digest(out)
    code, err, _ = features(corpus, out, capsys)
    assert code == 2
    [line] = err
    assert "customers.parquet" in line and "sales.parquet/year=2024/part-0.parquet" in line
    assert tree_digest(out) == before


def test_inside_a_runs_output_only_what_a_run_writes_is_its_own(corpus, tmp_path, capsys):
    out = tmp_path / "tables"
    assert features(corpus, out, capsys)[0] == 0
    (out / "sales.parquet").write_bytes(b"PAR1 a table of mine PAR1")
    before = tree_digest(out)
    code, err, _ = features(corpus, out, capsys)
    assert code == 2
    [line] = err
    assert "(sales.parquet)" in line
    assert tree_digest(out) == before
    (out / "sales.parquet").unlink()
    code, _, summary = features(corpus, out, capsys)  # its own output: incremental as ever
    assert code == 0 and summary.startswith("2 document(s): 0 analysed, 2 reused, 0 dropped")


#: The files ``python -m analysis report seeds --out rep`` wrote before issue 23 (main at
#: 89900ba), and ``-p png true`` adds figures.
OLDER_REPORT = [
    OUTPUT_MARKER,
    "01_overview.html",
    "02_readability.html",
    "03_language.html",
    "04_actors.html",
    "05_timeline.html",
    "06_compare.html",
    "07_trends.html",
    "index.html",
    "plotly.min.js",
    "report.html",
    "report.json",
    "run.json",
    "figures/lengths.png",
    "figures/timeline.png",
    *(f"notebooks/{path.name}" for path in notebook_paths()),
    "notebooks/kernels.log",
    *(
        f"tables/{name}.parquet"
        for name in "actors cooccurrence documents era_definitions era_mix eras events "
        "mentions problems readability sentences terms".split()
    ),
]


def test_a_report_folder_written_before_is_still_its_runs_own(tmp_path):
    from analysis.report.runner import report_layout  # new with issue 23

    out = tmp_path / "rep"
    write_files(out, dict.fromkeys(OLDER_REPORT, b""))
    (out / "report.json").write_text(json.dumps({"key": "0" * 64, "pages": []}))
    ours = partial(report_layout, notebooks=notebook_paths())
    assert check_output(out, ours=ours) == out.resolve()
    write_files(out, {"notebooks/my_analysis.ipynb": b"{}", "figures/keep/fig.svg": b"<svg/>"})
    with pytest.raises(OutputError) as refused:
        check_output(out, ours=ours)
    assert "(figures/keep/fig.svg, notebooks/my_analysis.ipynb)" in str(refused.value)
    (out / OUTPUT_MARKER).unlink()  # no marker: nothing in it is a run's
    (out / "notebooks" / "my_analysis.ipynb").unlink()
    shutil.rmtree(out / "figures" / "keep")
    with pytest.raises(OutputError) as refused:
        check_output(out, ours=ours)
    assert "(01_overview.html, 02_readability.html, 03_language.html," in str(refused.value)


# --- 3: a damaged table of the last run -------------------------------------------------


@pytest.mark.parametrize(
    ("table", "damage"),
    [
        ("sentences", lambda data: data[: len(data) // 2]),  # truncated
        ("documents", lambda data: data[:4] + b"\0" * 2000 + data[2004:]),  # pages overwritten
    ],
)
def test_a_damaged_table_is_named_and_the_run_goes_cold(corpus, tmp_path, capsys, table, damage):
    out = tmp_path / "tables"
    assert features(corpus, out, capsys)[0] == 0
    first = read_tables(out)
    path = out / f"{table}.parquet"
    path.write_bytes(damage(path.read_bytes()))
    code, err, summary = features(corpus, out, capsys)
    assert code == 0, err
    [warning] = [line for line in err if path.name in line]
    assert warning.startswith(f"warning: {path}: damaged table (")
    assert warning.endswith("); every document is analysed again")
    assert summary.startswith("2 document(s): 2 analysed, 0 reused, 0 dropped")
    again = read_tables(out)
    assert list(again) == list(first)
    for name, frame in first.items():
        assert again[name].equals(frame), name


# --- 4: the folder keeps its mode, group and access list ---------------------------------


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX ACL as the ``system.posix_acl_*`` attributes hold it: version 2, then
    (tag, permissions, id) entries."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


def test_the_published_folder_keeps_its_mode_group_and_acl(corpus, tmp_path, capsys):
    private = tmp_path / "private-tables"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    assert features(corpus, private, capsys)[0] == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o700  # not readable by every user
    assert features(corpus, private, capsys)[0] == 0  # and again, replacing its own
    assert stat.S_IMODE(private.stat().st_mode) == 0o700

    shared = tmp_path / "shared-tables"
    shared.mkdir()
    others = [g for g in os.getgroups() if g != os.getegid()]
    group = others[0] if others else os.getegid()
    if os.geteuid() == 0:  # root may give it any group: one this process is not in
        group = next(g.gr_gid for g in grp.getgrall() if g.gr_gid != os.getegid())
    os.chown(shared, -1, group)
    shared.chmod(0o2770)
    # An access list granting a second group read access (tag 8 = group, 0x10 = mask).
    acl = _acl(
        (1, 7, 0xFFFFFFFF),
        (4, 7, 0xFFFFFFFF),
        (8, 5, 4242),
        (0x10, 7, 0xFFFFFFFF),
        (0x20, 0, 0xFFFFFFFF),
    )
    try:
        os.setxattr(shared, "system.posix_acl_access", acl)
        shared.chmod(0o2770)
    except OSError:
        acl = None  # no access lists on this file system
    for _ in range(2):
        assert features(corpus, shared, capsys)[0] == 0
        info = shared.stat()
        assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o2770, group)
        if acl is not None:
            assert os.getxattr(shared, "system.posix_acl_access") == acl
        umask = os.umask(0)
        os.umask(umask)
        for table in shared.glob("*.parquet"):  # as if written there: its group, the umask
            assert table.stat().st_gid == group, table
            assert stat.S_IMODE(table.stat().st_mode) == 0o666 & ~umask, table

    team = tmp_path / "team"  # a new folder: what its parent gives (group, setgid)
    team.mkdir()
    os.chown(team, -1, group)
    team.chmod(0o2770)
    new = team / "tables"
    assert features(corpus, new, capsys)[0] == 0
    info = new.stat()
    assert info.st_gid == group and info.st_mode & stat.S_ISGID


# --- 1, 3, 15 and 16 in a report -------------------------------------------------------


@pytest.fixture(scope="module")
def nightly(tmp_path_factory) -> tuple[Path, Path, object]:
    """A report of the two seeds and a file it cannot use, from a private folder."""
    root = tmp_path_factory.mktemp("faults")
    corpus = root / "private" / "articles"
    corpus.mkdir(parents=True)
    shutil.copy(SEED_000, corpus / "a.txt")
    shutil.copy(SEED_004, corpus / "b.txt")
    (corpus / "empty.txt").write_bytes(b"")
    out = root / "reports" / "nightly"
    return corpus, out, run_cli("report", corpus, "--out", out)


@pytest.mark.slow
def test_the_report_to_send_names_no_absolute_path(nightly):
    corpus, out, result = nightly
    assert result.returncode == 0, result.stderr
    private = str(corpus.parent.parent)  # where the corpus and the report are
    shown = [*out.glob("*.html"), *(out / "notebooks").glob("*.ipynb")]
    assert len(shown) == 9 + 7
    for path in shown:
        assert private not in path.read_text(encoding="utf-8"), path.name
    for page in ("index.html", "report.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "Corpus <code>articles</code>" in text
        assert "<li>articles/empty.txt: skipped: empty file</li>" in text


@pytest.mark.slow
def test_a_users_file_inside_a_report_is_not_the_reports(nightly):
    corpus, out, _ = nightly
    mine = out / "notebooks" / "my_analysis.ipynb"
    mine.write_text('{"cells": []}')
    try:
        before = tree_digest(out)
        refused = run_cli("report", corpus, "--out", out)
        assert refused.returncode == 2
        assert refused.stderr == (
            f"error: --out {out} holds files a run did not write (notebooks/my_analysis.ipynb); "
            "a run replaces the whole folder, so choose a new folder or one a run wrote\n"
        )
        assert tree_digest(out) == before
    finally:
        mine.unlink(missing_ok=True)


@pytest.mark.slow
def test_a_broken_report_is_rebuilt_not_left_as_it_is(nightly):
    corpus, out, _ = nightly
    same = run_cli("report", corpus, "--out", out)  # unchanged and whole: left as it was
    assert "nothing changed since the last report, left as it was" in same.stdout, same.stderr
    whole = tree_digest(out)
    (out / "03_language.html").unlink()
    (out / "plotly.min.js").unlink()
    with (out / "report.html").open("r+b") as damaged:
        damaged.truncate(100_000)
    terms = out / "tables" / "terms.parquet"
    terms.write_bytes(terms.read_bytes()[:-100])  # 3: a damaged table as well
    again = run_cli("report", corpus, "--out", out)
    [why] = [line for line in again.stderr.splitlines() if "not as its manifest says" in line]
    assert why == (
        f"warning: the report in {out} is not as its manifest says (03_language.html, plotly.min.js "
        "missing; report.html, tables/terms.parquet changed); building it again"
    )
    assert again.returncode == 0, again.stderr
    assert "7 notebook(s) run and exported" in again.stdout
    assert f"warning: {terms}: damaged table (" in again.stderr
    assert "2 document(s) analysed, 0 reused from the last run" in again.stderr
    # Whole again, and the manifest holds the size and hash of every file it wrote.
    assert set(tree_digest(out)) == set(whole)
    manifest = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(whole) - {
        "report.json",
        OUTPUT_MARKER,
        "notebooks/kernels.log",
    }
    for name, entry in manifest["files"].items():
        data = (out / name).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"])
    pd.read_parquet(terms)


def test_a_features_run_never_replaces_a_report_nor_a_report_the_tables(tmp_path):
    """The marker lists what a run wrote, and which command wrote it: `features --out
    REPORT` (REPORT/tables meant) is refused rather than replacing the report's pages, and
    `report --out TABLES` rather than a folder of tables."""
    from analysis.report.output import StagedOutput, table_files
    from analysis.report.runner import notebook_paths, report_layout

    report, staging = tmp_path / "report", tmp_path / "staging"
    (staging / "tables").mkdir(parents=True)
    for name in ("index.html", "01_overview.html", "tables/documents.parquet"):
        (staging / name).write_text("a report's", encoding="utf-8")
    StagedOutput(report, staging, "report").publish()
    assert check_output(report, ours=report_layout(report, notebook_paths())) == report.resolve()
    with pytest.raises(OutputError, match=r"holds files a run did not write \(01_overview"):
        check_output(report, ours=table_files())

    tables, staging = tmp_path / "tables", tmp_path / "staging2"
    staging.mkdir()
    (staging / "documents.parquet").write_text("a table", encoding="utf-8")
    (staging / "questions.parquet").write_text("a plugin's table", encoding="utf-8")
    StagedOutput(tables, staging, "tables").publish()
    assert check_output(tables, ours=table_files()) == tables.resolve()  # questions listed
    with pytest.raises(
        OutputError, match=r"did not write \(documents.parquet, questions.parquet\)"
    ):
        check_output(tables, ours=report_layout(tables, notebook_paths()))
