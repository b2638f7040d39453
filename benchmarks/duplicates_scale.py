"""The duplicate pass (``analysis.tables.duplicates.find_duplicates``) at 1x, 5x, 10x and
20x the 607 documents of ``../shared/corpora``: time, and time per document, which stays
flat when the pass is linear. The larger corpora are copies of the corpus side by side (as
``run.py``'s 20x corpus), so every document there has copies: the hardest case for the
index, whose buckets hold every copy. A second series perturbs each copy (a word in 20
changed), so that the copies are near copies and the candidates must be checked. The
first series uses the signatures the documents table keeps (``minhash``, computed with each
document by the workers), as a run does; the second computes them in the pass, from the
text, which is then most of its time.

    .venv/bin/python benchmarks/duplicates_scale.py TABLES_DIR   # a features --out folder
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.tables.duplicates import find_duplicates


def _scaled(documents: pd.DataFrame, times: int, perturb: bool) -> pd.DataFrame:
    frames = []
    rng = random.Random(26)
    for copy in range(times):
        frame = documents.copy()
        frame["doc_id"] = frame["doc_id"] + f"~{copy}"
        frame["path"] = frame["path"] + f"~{copy}"
        if perturb and copy:
            frame["text"] = [
                re.sub(r"\w+", lambda m: m.group() if rng.random() > 0.05 else "changed", text)
                for text in frame["text"]
            ]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def main(tables: Path) -> None:
    documents = pd.read_parquet(
        tables / "documents.parquet",
        columns=["doc_id", "path", "published", "text", "language", "minhash"],
    )
    for perturb in (False, True):
        for times in (1, 5, 10, 20):
            frame = _scaled(documents, times, perturb)
            if perturb:
                frame = frame.drop(columns=["minhash"])
            start = time.perf_counter()
            found = find_duplicates(frame)
            seconds = time.perf_counter() - start
            megabytes = frame["text"].str.len().sum() / 2**20
            print(
                f"{'near copies' if perturb else 'copies':11} {times:2}x: {len(frame):6} documents, "
                f"{megabytes:6.1f} MB, {seconds:6.1f} s, {1000 * seconds / len(frame):5.2f} ms "
                f"per document, {found.notna().sum():6} copies found"
            )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
