"""Hostile and ordinary inputs through both commands, as a user runs them (issue 13).

Each test is one case a careful tester found: what the user sees (exit code, one line naming
the file and the problem, no traceback) and what is left on disk.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import cli
from analysis.config import OUTPUT_MARKER
from analysis.ingest.load import find_files
from analysis.report.output import output_lock
from tests.conftest import SEED_000, SEED_004, run_cli

ARTICLE = "Pakistan and India met in Geneva on Monday. The talks went on for hours.\n"


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes: what "left as it was" means."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.fixture
def two_articles(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_000, corpus / "a.txt")
    shutil.copy(SEED_004, corpus / "b.txt")
    return corpus


def test_same_name_different_endings_are_two_documents_and_reruns_add_nothing(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "x.md").write_text("# Notes\n\nChina and Russia spoke. Both sides agreed.\n")
    out = tmp_path / "out"
    counts = []
    for _ in range(3):
        result = run_cli("features", corpus, "--out", out, "--workers", "1")
        assert result.returncode == 0, result.stderr
        counts.append(
            {
                name: len(pd.read_parquet(out / f"{name}.parquet"))
                for name in ("documents", "sentences", "terms")
            }
        )
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs["doc_id"]) == ["x.md", "x.txt"]
    # Two sentences in each file; nothing added by the unchanged reruns.
    assert counts[0]["sentences"] == 4
    assert counts == [counts[0]] * 3
    assert result.stdout.startswith("2 document(s): 0 analysed, 2 reused, 0 dropped")


def test_a_footer_with_an_ipv6_like_url_keeps_the_article(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "one.txt").write_text(ARTICLE + "\nRead more: http://[link removed]\n")
    result = run_cli("features", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["sentences"].tolist() == [2]
    no_traceback(result)


@pytest.mark.parametrize("command", ["features", "report"])
def test_out_that_is_a_file_is_refused_and_left_alone(two_articles, tmp_path, command):
    target = tmp_path / "f.txt"
    target.write_text("my notes\n")
    result = run_cli(command, two_articles, "--out", target)
    assert result.returncode == 2
    assert f"--out {target} is a file, not a folder" in result.stderr
    assert target.read_text() == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "f.txt"]
    no_traceback(result)


def test_out_that_is_a_link_to_an_earlier_output_updates_the_folder_it_leads_to(
    two_articles, tmp_path
):
    real = tmp_path / "tables-2024"
    assert run_cli("features", two_articles, "--out", real).returncode == 0
    link = tmp_path / "latest"
    link.symlink_to(real, target_is_directory=True)
    (two_articles / "b.txt").unlink()
    result = run_cli("features", two_articles, "--out", link)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert pd.read_parquet(real / "documents.parquet")["doc_id"].tolist() == ["a"]
    assert "1 dropped" in result.stdout


def test_out_that_is_a_broken_link_is_refused(two_articles, tmp_path):
    link = tmp_path / "gone"
    link.symlink_to(tmp_path / "nowhere")
    result = run_cli("features", two_articles, "--out", link)
    assert result.returncode == 2
    assert "is a broken symbolic link" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_tables_inside_a_report_being_written_wait_for_it(two_articles, tmp_path):
    report = tmp_path / "rep"
    report.mkdir()
    with output_lock(report):  # a report run holds rep/ now
        result = run_cli("features", two_articles, "--out", report / "tables", "--wait", "1")
    assert result.returncode == 4
    assert f"{report.resolve()} is being written by pid {os.getpid()}" in result.stderr
    assert not (report / "tables").exists()
    no_traceback(result)
    # Once it is free, the same command runs.
    assert run_cli("features", two_articles, "--out", report / "tables").returncode == 0


@pytest.mark.parametrize("command", ["features", "report"])
def test_out_inside_the_corpus_is_refused(two_articles, command):
    result = run_cli(command, two_articles, "--out", two_articles / "report")
    assert result.returncode == 2
    assert "is inside the corpus folder" in result.stderr
    assert sorted(p.name for p in two_articles.iterdir()) == ["a.txt", "b.txt"]


def test_out_holding_the_corpus_is_refused(two_articles, tmp_path):
    result = run_cli("features", two_articles, "--out", tmp_path)
    assert result.returncode == 2
    assert "holds the corpus folder" in result.stderr
    assert (two_articles / "a.txt").read_bytes() == SEED_000.read_bytes()


def test_output_folders_inside_a_corpus_are_passed_over_with_a_warning(two_articles):
    old_report = two_articles / "report"  # as written by a version before the marker
    (old_report / "tables").mkdir(parents=True)
    (old_report / "tables" / "documents.parquet").write_bytes(b"PAR1")
    (old_report / "index.html").write_text("<html><body>Report of a corpus</body></html>")
    (old_report / "01_overview.html").write_text("<html><body>Pakistan India</body></html>")
    marked = two_articles / "tables"
    marked.mkdir()
    (marked / OUTPUT_MARKER).write_text("")
    (marked / "notes.md").write_text("Not an article.")
    found = find_files(two_articles)
    assert [p.name for p in found.articles] == ["a.txt", "b.txt"]
    assert sorted(str(p) for p in found.skipped) == [
        f"{old_report}: skipped: the output folder of an earlier run of this tool, not articles",
        f"{marked}: skipped: the output folder of an earlier run of this tool, not articles",
    ]


def test_a_full_disk_is_said_in_one_line_and_the_old_tables_stay(
    two_articles, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "out"
    assert cli.main(["features", str(two_articles), "--out", str(out), "--quiet"]) == 0
    before = tree_digest(out)
    (two_articles / "c.txt").write_text(ARTICLE)

    def full(self, table, *args, **kwargs):  # the device fills up as the new tables are written
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    capsys.readouterr()
    code = cli.main(["features", str(two_articles), "--out", str(out), "--quiet"])
    assert code == cli.EXIT_WRITE
    assert capsys.readouterr().err == (
        "error: no space left on the device: free some space and run again; the previous "
        "output is left as it was\n"
    )
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir() if "staging" in p.name] == []


def _tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


def test_a_really_full_disk_gives_exit_code_5_and_keeps_the_report(two_articles, tmp_path):
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "12m"):
        pytest.skip("cannot mount a small tmpfs here (needs root); the simulated test covers it")
    try:
        out = disk / "tables"
        assert run_cli("features", two_articles, "--out", out).returncode == 0
        before = tree_digest(out)
        (two_articles / "big.txt").write_text(ARTICLE * 40_000)  # its tables need megabytes
        room = os.statvfs(disk)
        (disk / "filler").write_bytes(b"\0" * (room.f_bavail * room.f_frsize - 200_000))
        result = run_cli("features", two_articles, "--out", out, "--workers", "1")
        assert result.returncode == 5, result.stderr
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("error: no space left on the device")
        no_traceback(result)
        assert tree_digest(out) == before
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_every_skipped_path_is_named(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "dangling.txt").symlink_to(corpus / "missing.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "huge.txt").write_text(ARTICLE * 20_000)  # about 1.4 MB
    result = run_cli("features", corpus, "--out", tmp_path / "out", "--max-file-mb", "1")
    assert result.returncode == 0, result.stderr
    warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("warning"))
    assert warnings == [
        f"warning: {corpus / 'dangling.txt'}: skipped: broken symbolic link (to {corpus / 'missing.txt'})",
        f"warning: {corpus / 'huge.txt'}: skipped: 1.4 MB, over the limit of 1 MB for one file (raise it with --max-file-mb)",
        f"warning: {corpus / 'loop.txt'}: skipped: symbolic link loop",
        f"warning: {corpus / 'pipe.txt'}: skipped: not a regular file (a FIFO, socket or device)",
    ]
    assert "1 document(s)" in result.stdout and "4 skipped" in result.stdout


def test_files_over_the_default_limit_are_not_read(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    with (corpus / "dump.txt").open("wb") as handle:
        handle.truncate(200 * 2**20)  # 200 MB, sparse: nothing is written
    found = find_files(corpus)
    assert found.articles == []
    assert [p.problem for p in found.skipped] == [
        "skipped: 200.0 MB, over the limit of 20 MB for one file (raise it with --max-file-mb)"
    ]


def test_an_unreadable_folder_is_named(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "good.txt").write_text(ARTICLE)
    real_scandir = os.scandir

    def scandir(path):  # as the kernel answers a user without the folder's read permission
        if Path(path) == corpus / "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = find_files(corpus)
    assert [p.name for p in found.articles] == ["good.txt"]
    assert [str(p) for p in found.skipped] == [
        f"{corpus / 'locked'}: skipped: folder not readable (Permission denied)"
    ]


def test_links_outside_the_corpus_are_skipped_unless_asked_for(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    secret = outside / "passwd.txt"
    secret.write_text("root:x:0:0:Secret Service in Islamabad:/root:/bin/bash\n")
    corpus = tmp_path / "c"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "leak.txt").symlink_to(secret)
    (corpus / "inside.txt").symlink_to(corpus / "good.txt")  # inside: read, as good.txt
    (corpus / "elsewhere").symlink_to(outside, target_is_directory=True)
    found = find_files(corpus)
    assert [p.name for p in found.articles] == ["good.txt"]
    assert sorted(str(p) for p in found.skipped) == [
        f"{corpus / 'elsewhere'}: skipped: symbolic link to {outside}, outside the corpus "
        "folder (pass --follow-links to read it)",
        f"{corpus / 'inside.txt'}: skipped: symbolic link to {corpus / 'good.txt'}, which is "
        "read there",
        f"{corpus / 'leak.txt'}: skipped: symbolic link to {secret}, outside the corpus folder "
        "(pass --follow-links to read it)",
    ]
    result = run_cli("features", corpus, "--out", tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert not docs["text"].str.contains("Secret Service").any()
    assert "leak.txt: skipped: symbolic link" in result.stderr
    # Asked for, the links are read, the linked folder once, and each file once: leak.txt
    # is the file read as elsewhere/passwd.txt.
    found = find_files(corpus, follow_links=True)
    assert [p.relative_to(corpus).as_posix() for p in found.articles] == [
        "elsewhere/passwd.txt",
        "good.txt",
    ]
    assert str(found.skipped[-1]) == (
        f"{corpus / 'leak.txt'}: skipped: symbolic link to the same file as "
        f"{corpus / 'elsewhere' / 'passwd.txt'}, which is read there"
    )
    assert found.doc_ids[corpus / "elsewhere" / "passwd.txt"] == "passwd"


def test_a_folder_link_inside_the_corpus_is_read_once(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "real").mkdir(parents=True)
    (corpus / "real" / "a.txt").write_text(ARTICLE)
    (corpus / "alias").symlink_to(corpus / "real", target_is_directory=True)
    (corpus / "real" / "back").symlink_to(corpus, target_is_directory=True)  # a loop
    found = find_files(corpus, follow_links=True)
    assert [p.relative_to(corpus).as_posix() for p in found.articles] == ["real/a.txt"]
    assert len(found.skipped) == 2
    assert all("a folder inside the corpus" in p.problem for p in found.skipped)


def test_manifest_problems_are_named_and_odd_encodings_read(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(ARTICLE.replace("Geneva", "Doha"))
    (corpus / "manifest.csv").write_bytes(
        "file,title,flesch_reading_ease,source\n"
        "a.txt,Caf\u00e9 talks \u2013 first,hard,Dawn\n"
        "b.txt,Second,easy,\n"
        "a.txt,Caf\u00e9 talks \u2013 again,medium,The News\n".encode("cp1252")
    )
    result = run_cli("features", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {corpus / 'manifest.csv'}: line 4 lists a.txt again (first at line 2); "
        "line 4 is used"
    ) in result.stderr
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet").set_index("doc_id")
    assert docs.loc["a", "title"] == "Caf\u00e9 talks \u2013 again"
    assert docs.loc["a", "source"] == "The News"
    assert docs.loc["b", "meta_flesch_reading_ease"] == "easy"
    assert "flesch_reading_ease" not in docs.columns


def test_a_utf16_manifest_is_read(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "manifest.csv").write_bytes(
        "file,title,date\na.txt,\u062e\u0628\u0631 Kashmir,2019-08-05\n".encode("utf-16")
    )
    result = run_cli("features", corpus, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["title"].tolist() == ["\u062e\u0628\u0631 Kashmir"]
    assert docs["published"].tolist() == ["2019-08-05"]


def test_an_internal_error_names_its_log_not_a_traceback(
    two_articles, tmp_path, monkeypatch, capsys
):
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "build_tables", broken)
    code = cli.main(["features", str(two_articles), "--out", str(tmp_path / "out")])
    assert code == cli.EXIT_INTERNAL
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: internal error (KeyError: 'a bug'); the previous output")
    log = Path(line.rsplit("details in ", 1)[1].split(" (please")[0])
    assert 'raise KeyError("a bug")' in log.read_text()
    log.unlink()
    assert not (tmp_path / "out").exists()
