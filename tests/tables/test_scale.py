"""Incremental runs, local processes and a Dask cluster: the same tables, less work; and
runs that are killed or overlap never spoil the outputs."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis.tables.store
from analysis.config import PROJ_ROOT, SEEDS_DIR, SHARED_CORPORA_DIR
from analysis.options import FeatureOptions
from analysis.report.output import output_lock
from analysis.tables import pipeline
from analysis.tables.pipeline import build_tables
from analysis.tables.store import read_arrow_tables, read_tables
from tests.conftest import needs_corpora, run_cli

EXTRA = "Kashmir talks resumed in 2019. India and Pakistan met after the Cold War ended.\n"


def same_tables(left: dict, right: dict) -> None:
    assert list(left) == list(right)
    for name in left:
        pd.testing.assert_frame_equal(
            left[name].reset_index(drop=True), right[name].reset_index(drop=True), check_dtype=False
        )


def test_a_second_run_reuses_every_unchanged_document(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    first = build_tables(corpus, progress=False)
    assert (first.analysed, first.reused, first.dropped) == (2, 0, 0)
    again = build_tables(corpus, progress=False, previous=first.tables())
    assert (again.analysed, again.reused, again.dropped) == (0, 2, 0)
    same_tables(first.tables(), again.tables())
    # One new article, one changed, one removed: only the new and changed are analysed.
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    (corpus / "000_977c81c4cfa53bf2.txt").unlink()
    grown = build_tables(corpus, progress=False, previous=again.tables())
    assert (grown.analysed, grown.reused, grown.dropped) == (1, 1, 1)
    assert grown.documents["doc_id"].tolist() == ["004_913ef7c22a1c9937", "new"]
    same_tables(grown.tables(), build_tables(corpus, progress=False).tables())
    # Other options make every document new.
    stemmed = build_tables(
        corpus, progress=False, options=FeatureOptions(stem=True), previous=grown.tables()
    )
    assert (stemmed.analysed, stemmed.reused) == (2, 0)


def test_a_pass_streamed_to_disk_writes_the_same_tables_and_reuses_from_them(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    in_memory = build_tables(corpus, progress=False)
    streamed = build_tables(corpus, progress=False, sink=tmp_path / "out")
    assert streamed.sentences.empty and streamed.terms.empty  # written, not kept
    assert streamed.rows["sentences"] == len(in_memory.sentences) == 61
    assert streamed.rows["terms"] == len(in_memory.terms)
    written = read_tables(tmp_path / "out")
    same_tables({name: written[name] for name in in_memory.tables()}, in_memory.tables())
    # Read back as Arrow (doc_id dictionary-encoded), the tables serve the next run.
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    grown = build_tables(corpus, progress=False, previous=read_arrow_tables(tmp_path / "out"))
    assert (grown.analysed, grown.reused, grown.dropped) == (1, 2, 0)
    same_tables(grown.tables(), build_tables(corpus, progress=False).tables())


def test_a_run_over_an_unchanged_corpus_copies_the_tables_it_would_write(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / "002_extra.txt").write_text(EXTRA, encoding="utf-8")  # between the seeds
    build_tables(corpus, progress=False, sink=tmp_path / "first")
    again = build_tables(
        corpus,
        progress=False,
        previous=read_arrow_tables(tmp_path / "first"),
        sink=tmp_path / "again",
    )
    assert (again.analysed, again.reused) == (0, 3)
    assert again.rows["terms"] == len(read_tables(tmp_path / "first")["terms"]) > 0
    for name in ("documents", "terms", "sentences", "actors", "problems"):
        # The same file (a hard link), not the same rows written again.
        first, copy = (tmp_path / folder / f"{name}.parquet" for folder in ("first", "again"))
        assert os.stat(first).st_ino == os.stat(copy).st_ino, name
    same_tables(read_tables(tmp_path / "again"), read_tables(tmp_path / "first"))
    # The middle document changed: the first is reused as the head of each stored table,
    # the last is sliced out of it, and the tables are those of a fresh run.
    (corpus / "002_extra.txt").write_text(EXTRA.replace("2019", "2021"), encoding="utf-8")
    changed = build_tables(
        corpus,
        progress=False,
        previous=read_arrow_tables(tmp_path / "again"),
        sink=tmp_path / "changed",
    )
    assert (changed.analysed, changed.reused) == (1, 2)
    build_tables(corpus, progress=False, sink=tmp_path / "fresh")
    fresh, written = read_tables(tmp_path / "fresh"), read_tables(tmp_path / "changed")
    same_tables(written, fresh)
    assert written["events"]["year"].tolist().count(2021) == 1


def test_a_run_that_copies_the_tables_never_reads_the_texts(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    build_tables(corpus, progress=False, sink=tmp_path / "first")
    read = []  # the columns of documents.parquet read, None for all
    whole = analysis.tables.store.pq.read_table

    def read_table(path, *args, columns=None, **kwargs):
        if Path(path).name == "documents.parquet":
            read.append(columns)
        return whole(path, *args, columns=columns, **kwargs)

    monkeypatch.setattr(analysis.tables.store.pq, "read_table", read_table)
    again = build_tables(
        corpus, progress=False, previous=read_arrow_tables(tmp_path / "first"), sink=tmp_path / "a"
    )
    assert again.reused == 2 and read  # documents was read ...
    assert all(columns is not None and "text" not in columns for columns in read)  # ... not text
    assert "text" not in again.documents  # with a sink, the text is in the file only
    assert read_tables(tmp_path / "a")["documents"]["text"].str.len().gt(1000).all()
    # A run that writes documents again takes the texts of the reused rows from the file.
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    read.clear()
    grown = build_tables(
        corpus, progress=False, previous=read_arrow_tables(tmp_path / "a"), sink=tmp_path / "b"
    )
    assert (grown.analysed, grown.reused) == (1, 2) and ["text"] in read
    build_tables(corpus, progress=False, sink=tmp_path / "fresh")
    equal_tables(read_tables(tmp_path / "b"), read_tables(tmp_path / "fresh"))  # every table


def test_tables_whose_documents_are_not_together_are_not_reused(tmp_path):
    first = build_tables(SEEDS_DIR, progress=False).tables()
    # Rows of each document must be contiguous to be sliced out; shuffled, they are not.
    first["terms"] = first["terms"].sample(frac=1, random_state=0)
    again = build_tables(SEEDS_DIR, progress=False, previous=first)
    assert (again.analysed, again.reused) == (2, 0)


def test_the_command_line_says_what_was_analysed_reused_and_dropped(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    out = tmp_path / "tables"
    first = run_cli("features", corpus, "--out", out)
    assert first.stdout.startswith("2 document(s): 2 analysed, 0 reused, 0 dropped;"), first.stderr
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    second = run_cli("features", corpus, "--out", out)
    assert second.stdout.startswith("3 document(s): 1 analysed, 2 reused, 0 dropped;"), (
        second.stderr
    )
    (corpus / "new.txt").unlink()
    third = run_cli("features", corpus, "--out", out, "--workers", "2")
    assert third.stdout.startswith("2 document(s): 0 analysed, 2 reused, 1 dropped;"), third.stderr
    assert pd.read_parquet(out / "documents.parquet")["doc_id"].tolist() == [
        "000_977c81c4cfa53bf2",
        "004_913ef7c22a1c9937",
    ]


@needs_corpora
def test_two_processes_and_a_dask_cluster_give_the_single_process_tables():
    from dask.distributed import LocalCluster

    corpus = SHARED_CORPORA_DIR / "us_state_dept_milestones"
    single = build_tables(corpus, progress=False).tables()
    assert len(single["documents"]) > 50
    same_tables(single, build_tables(corpus, progress=False, workers=2).tables())
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        distributed = build_tables(corpus, progress=False, scheduler=cluster.scheduler_address)
    same_tables(single, distributed.tables())
    assert distributed.analysed == len(single["documents"])


def test_a_dask_task_holds_fewer_documents_for_a_small_corpus():
    assert pipeline._Dask.batch_size(607, 2) == 16
    assert pipeline._Dask.batch_size(20, 2) == 2  # 10 tasks for 2 threads
    assert pipeline._Dask.batch_size(3, 1) == 1
    assert pipeline._Dask.batch_size(0, 4) == 1


@pytest.mark.parametrize(
    ("size", "characters", "batches"),
    [(2, 1_000_000, [2, 1]), (16, 1, [1, 1, 1])],  # full and part batches; one by size
)
def test_dask_batches_keep_each_document_with_its_own_outcome(
    tmp_path, monkeypatch, size, characters, batches
):
    from dask.distributed import LocalCluster

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / "headings_only.md").write_text("# Only a heading\n", encoding="utf-8")
    monkeypatch.setattr(pipeline._Dask, "batch_size", classmethod(lambda cls, d, t: size))
    monkeypatch.setattr(pipeline._Dask, "batch_characters", characters)
    sent = []
    flush = pipeline._Dask.flush

    def spy(self):
        if self._filling.documents:  # the flush at the end of the plan may find none
            sent.append(len(self._filling.documents))
        flush(self)

    monkeypatch.setattr(pipeline._Dask, "flush", spy)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        distributed = build_tables(corpus, progress=False, scheduler=cluster.scheduler_address)
        # 3 documents to analyse: the two seeds and the one with headings only.
        assert sent == batches
        equal_tables(build_tables(corpus, progress=False).tables(), distributed.tables())
        assert distributed.problems["problem"].tolist() == [
            "skipped: no body text found after removing title, headings and boilerplate"
        ]
        # One document changed: it is analysed, the other is reused in between.
        changed = next(corpus.glob("004*"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA new line.\n", "utf-8")
        sent.clear()
        again = build_tables(
            corpus,
            progress=False,
            scheduler=cluster.scheduler_address,
            previous=distributed.tables(),
        )
    # Sent again: the changed seed and the document with headings only (skipped again).
    assert (again.analysed, again.reused, sent) == (1, 1, batches[:1] if size == 2 else [1, 1])
    equal_tables(build_tables(corpus, progress=False).tables(), again.tables())


def equal_tables(left: dict, right: dict) -> None:
    assert list(left) == list(right)
    for name in left:
        assert left[name].reset_index(drop=True).equals(right[name].reset_index(drop=True)), name


def test_workers_must_be_a_positive_number(tmp_path):
    result = run_cli("features", SEEDS_DIR, "--out", tmp_path / "t", "--workers", "0")
    assert result.returncode == 2
    assert "'0' is not a whole number of at least 1" in result.stderr


def spy_on_pools(monkeypatch) -> list[int]:
    """The process counts of the worker pools build_tables starts from now on."""
    started = []
    real = pipeline.ProcessPoolExecutor

    def pool(processes, **kwargs):
        started.append(processes)
        return real(processes, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", pool)
    return started


@pytest.mark.parametrize("workers", [1, 2])
def test_a_skipped_file_is_named_however_the_work_is_spread(tmp_path, monkeypatch, workers):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "headings_only.md").write_text("# Only a heading\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "_DOCUMENTS_PER_PROCESS", 1)  # 4 files: 2 processes
    pools = spy_on_pools(monkeypatch)
    tables = build_tables(corpus, progress=False, workers=workers)
    assert pools == ([2] if workers == 2 else [])
    problems = dict(
        zip(
            tables.problems["path"].map(lambda p: p.rsplit("/", 1)[-1]),
            tables.problems["problem"],
            strict=True,
        )
    )
    assert problems["empty.txt"] == "skipped: empty file"
    assert problems["headings_only.md"].startswith("skipped: no body text")
    assert tables.documents["doc_id"].tolist() == ["000_977c81c4cfa53bf2", "004_913ef7c22a1c9937"]


def test_no_worker_starts_for_a_small_or_unchanged_corpus(monkeypatch):
    pools = spy_on_pools(monkeypatch)
    small = build_tables(SEEDS_DIR, progress=False, workers=2)  # 2 documents < 2 x 16
    assert (small.analysed, pools) == (2, [])
    monkeypatch.setattr(pipeline, "_DOCUMENTS_PER_PROCESS", 1)  # a process per document
    unchanged = build_tables(SEEDS_DIR, progress=False, workers=2, previous=small.tables())
    assert (unchanged.analysed, unchanged.reused, pools) == (0, 2, [])
    (changed := dict(small.tables()))["documents"] = small.documents.assign(feature_key="old")
    again = build_tables(SEEDS_DIR, progress=False, workers=2, previous=changed)
    assert (again.analysed, pools) == (2, [2])  # the pool starts once there is work


def tree_hashes(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def start_cli(*args):
    return subprocess.Popen(
        [sys.executable, "-m", "analysis", *map(str, args)],
        cwd=PROJ_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@needs_corpora
def test_a_run_killed_at_any_moment_leaves_the_previous_tables_byte_identical(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SHARED_CORPORA_DIR / "us_state_dept_milestones", corpus)
    out = tmp_path / "tables"
    assert run_cli("features", corpus, "--out", out, "--workers", "1").returncode == 0
    before = tree_hashes(out)
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    # --stem changes every document's features, so the killed runs have all 95 to analyse.
    for delay in (0.3, 1.0, 2.0, 3.5, 5.0, 7.0):
        process = start_cli("features", corpus, "--out", out, "--workers", "1", "--stem")
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        if tree_hashes(out) != before:
            # Only a run that got past the swap may change the folder, and then it holds the
            # complete new tables.
            assert process.returncode in (0, -signal.SIGKILL), process.stderr
            new = {
                name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "terms")
            }
            assert "new" in set(new["documents"]["doc_id"]), delay
            assert sorted(p.name for p in out.iterdir()) == sorted(before)
            break
    # The dead runs' locks and leftovers don't stop the next run.
    final = run_cli("features", corpus, "--out", out, "--workers", "1", "--wait", "5")
    assert final.returncode == 0, final.stderr
    assert "new" in set(pd.read_parquet(out / "documents.parquet")["doc_id"])
    assert not list(tmp_path.glob(".tables.staging-*"))


def test_a_killed_report_run_leaves_the_previous_report_byte_identical(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    out = tmp_path / "report"
    assert run_cli("report", corpus, "--out", out).returncode == 0
    before = tree_hashes(out)
    (corpus / "new.txt").write_text(EXTRA, encoding="utf-8")
    killed = []
    for delay in (2.0, 6.0, 12.0):  # analysing, early notebooks, late notebooks or done
        process = start_cli("report", corpus, "--out", out)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            killed.append(delay)
        process.wait()
        if tree_hashes(out) != before:
            # Only a run that got past the swap may change the folder, and then it holds the
            # complete new report.
            assert process.returncode in (0, -signal.SIGKILL), process.stderr
            documents = pd.read_parquet(out / "tables" / "documents.parquet")
            assert "new" in set(documents["doc_id"]), delay
            assert len(list(out.glob("*.html"))) == 9  # 7 pages, the index, the single file
            break
    assert killed[:1] == [2.0]  # at least the first run died mid-way and changed nothing


def test_two_runs_on_one_folder_take_turns(tmp_path):
    out = tmp_path / "tables"
    # This test process plays the first run: it holds the folder's lock.
    with output_lock(out):
        impatient = run_cli("features", SEEDS_DIR, "--out", out, "--wait", "0")
        assert impatient.returncode == 4, impatient.stdout
        assert f"{out.resolve()} is being written by pid {os.getpid()}" in impatient.stderr
        assert not out.exists()  # it wrote nothing
        patient = start_cli("features", SEEDS_DIR, "--out", out, "--wait", "120")
        time.sleep(3)
        assert patient.poll() is None  # still waiting for the lock
    stdout, stderr = patient.communicate(timeout=300)
    assert patient.returncode == 0, stderr
    assert stdout.startswith("2 document(s): 2 analysed")
    # Two real runs at once: one waits for the other, and the tables are whole.
    runs = [start_cli("features", SEEDS_DIR, "--out", out, "--stem") for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(o[0].split(";")[0] for o in outputs) == [
        "2 document(s): 0 analysed, 2 reused, 0 dropped",
        "2 document(s): 2 analysed, 0 reused, 0 dropped",
    ]
    same_tables(
        {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "terms")},
        {
            name: frame
            for name, frame in build_tables(
                SEEDS_DIR, progress=False, options=FeatureOptions(stem=True)
            )
            .tables()
            .items()
            if name in ("documents", "terms")
        },
    )


def test_a_folder_with_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"my notes")
    result = run_cli("features", SEEDS_DIR, "--out", out)
    assert result.returncode == 2
    assert "holds files a run did not write (notes.docx)" in result.stderr
    assert (out / "notes.docx").read_bytes() == b"my notes"
    result = run_cli("report", SEEDS_DIR, "--out", out)
    assert result.returncode == 2
    assert "holds files a run did not write (notes.docx)" in result.stderr
