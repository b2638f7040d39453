"""Count what changed between two runs' tables (``features --out``), document by document:
documents added or dropped, and for each document present in both, whether its title, body
text, sentences or words changed, with the sentence and word counts before and after.

    .venv/bin/python tools/compare_tables.py BEFORE_DIR AFTER_DIR

Used for issue 26's closing note: every difference the issue makes on purpose, counted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def compare(before: Path, after: Path) -> None:
    old = pd.read_parquet(before / "documents.parquet").set_index("doc_id")
    new = pd.read_parquet(after / "documents.parquet").set_index("doc_id")
    print(f"documents: {len(old)} before, {len(new)} after")
    print(f"  only before: {sorted(set(old.index) - set(new.index))[:10]}")
    print(f"  only after: {sorted(set(new.index) - set(old.index))[:10]}")
    both = old.index.intersection(new.index)
    old, new = old.loc[both], new.loc[both]
    for column in ("title", "text", "published", "date_precision", "sentences", "words"):
        if column not in new:
            continue
        changed = ~((old[column] == new[column]) | (old[column].isna() & new[column].isna()))
        print(f"  {column}: {int(changed.sum())} documents changed")
    print(
        f"  sentences {int(old['sentences'].sum()):,} -> {int(new['sentences'].sum()):,}; "
        f"words {int(old['words'].sum()):,} -> {int(new['words'].sum()):,}"
    )
    for column in ("duplicate_of", "language"):
        if column in new:
            print(f"  {column}: {new[column].value_counts(dropna=False).head(8).to_dict()}")
    for name in ("sentences", "readability", "terms", "mentions", "eras", "events", "era_mix"):
        a, b = before / f"{name}.parquet", after / f"{name}.parquet"
        if a.exists() and b.exists():
            left, right = pd.read_parquet(a), pd.read_parquet(b)
            same = left.shape == right.shape and left.equals(right)
            print(
                f"{name}: {len(left):,} -> {len(right):,} rows{'' if not same else ', identical'}"
            )


if __name__ == "__main__":
    compare(Path(sys.argv[1]), Path(sys.argv[2]))
