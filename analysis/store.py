"""Storage: Parquet tables and report files written atomically.

Every output is written to a temporary file beside its destination and moved into place
with :func:`os.replace`, so a reader sees either the old complete file or the new complete
file, never a half-written one, even if the run is killed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        with tmp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 text file atomically."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_tables(tables: Mapping[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table to ``out_dir/<name>.parquet`` atomically; return the paths."""
    paths = []
    for name, frame in tables.items():
        path = Path(out_dir) / f"{name}.parquet"
        atomic_write(path, lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
        paths.append(path)
    return paths


def read_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """Read every ``*.parquet`` table in ``out_dir``, keyed by table name."""
    return {path.stem: pd.read_parquet(path) for path in sorted(Path(out_dir).glob("*.parquet"))}
