"""Load the tone/relations validation set (see GUIDE.md and README.md).

Standard library only. Sentences from ``seeds/`` (in this repository) and from public URLs
carry their text in ``sentences.tsv``; sentences from the shared corpora are stored as a
reference (path relative to the corpora folder, character offsets, sha1 prefix) and their
text is read from ``shared_root`` and checked against the sha1 prefix.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def _rows(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def sentence_text(origin: str, start: int, end: int, shared_root: str | Path) -> str:
    """The text of a sentence from its origin (``seeds/...`` or ``corpora/...``) and offsets."""
    if origin.startswith("seeds/"):
        path = REPO / origin
    elif origin.startswith("corpora/"):
        path = Path(shared_root) / origin[len("corpora/") :]
    else:
        raise ValueError(f"no file for origin {origin!r}")
    return open(path, encoding="utf-8").read()[start:end]


def sha1_8(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def load(shared_root: str | Path = "/work/shared/corpora") -> list[dict]:
    """Every sentence as a dict: sid, origin, start, end, sha1_8, text, tone (list of rows),
    relations (list of rows). Raises ValueError when a sentence no longer reads the same."""
    tone: dict[str, list[dict]] = {}
    for r in _rows("tone.tsv"):
        r["score"] = float(r["score"])
        tone.setdefault(r["sid"], []).append(r)
    rel: dict[str, list[dict]] = {}
    for r in _rows("relations.tsv"):
        rel.setdefault(r["sid"], []).append(r)
    out = []
    for s in _rows("sentences.tsv"):
        start, end = int(s["start"]), int(s["end"])
        if s["origin"].startswith(("seeds/", "corpora/")):
            text = sentence_text(s["origin"], start, end, shared_root)
            if s["text"] and s["text"] != text:
                raise ValueError(f"{s['sid']}: stored text differs from {s['origin']}")
        else:
            text = s["text"]
        if sha1_8(text) != s["sha1_8"]:
            raise ValueError(f"{s['sid']}: {s['origin']} [{start}:{end}] no longer reads the same")
        out.append(
            dict(
                s,
                start=start,
                end=end,
                text=text,
                tone=tone.get(s["sid"], []),
                relations=rel.get(s["sid"], []),
            )
        )
    return out


if __name__ == "__main__":
    import collections
    import sys

    data = load(*sys.argv[1:])
    print(len(data), "sentences")
    print(collections.Counter(t["label"] for s in data for t in s["tone"]))
    print(collections.Counter(r["kind"] for s in data for r in s["relations"]))
