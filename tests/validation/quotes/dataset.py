"""Load the attribution validation set (tests/validation/quotes).

Standard library only. ``load(shared_root)`` returns the passages with their text and their
attributions. Passages taken from ``/work/shared/corpora`` are stored as offsets only: their
text is read here from ``shared_root`` (the folder that holds ``us_state_dept_milestones/``,
``un_general_debate/``, ...) and checked against the stored SHA-1 prefix of the whole file.

    >>> from tests.validation.quotes.dataset import load
    >>> passages = load("/work/shared/corpora")
    >>> p = passages[0]
    >>> p["pid"], p["origin"], p["text"][:40], len(p["attributions"])

Each passage is a dict:

    pid          "p001", ...
    origin       "seeds/<file>", "corpora/<relative path>", a URL, or "written"
    start, end   offsets of the passage in the file's text (None for URL and written passages)
                 (in attributions.tsv, the *_start/*_end offsets are absolute in the file for
                 corpora and seeds passages, and relative to the stored text for URL and
                 written ones)
    sha1_8       first 8 hex digits of the SHA-1 of the whole file's text (UTF-8), or None
    text         the passage's text
    note         why the passage was chosen (for negatives: what makes it a near miss)
    attributions list of dicts (empty for a negative passage):
        kind              "direct" | "indirect" | "turn"
        speaker           the speaker's words as written ("" when no speaker is given)
        speaker_actor_id  an actor id (USA, NEHRU, ...), "X:<Name>", several joined by ";",
                          or "" when it cannot be told
        anonymous         bool
        cue               the reporting verb or phrase as written ("" for a turn)
        content           the attributed words as written
        content_span      (start, end) of the content in the passage text
        speaker_span      (start, end) in the passage text, or None
        cue_span          (start, end) in the passage text, or None
        note              the labeller's note ("edge: ..." marks a row that rests on an
                          edge-case rule of GUIDE.md)

The files are tab-separated with a header, written with Python's csv module (fields with tabs,
newlines or quotes are quoted).
"""

from __future__ import annotations

import csv
import hashlib
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
KINDS = ("direct", "indirect", "turn")


def _read_tsv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _file_text(origin, shared_root, cache):
    if origin in cache:
        return cache[origin]
    if origin.startswith("corpora/"):
        if shared_root is None:
            raise ValueError(f"{origin}: shared_root is needed to read corpora passages")
        path = os.path.join(shared_root, origin[len("corpora/") :])
    elif origin.startswith("seeds/"):
        path = os.path.join(PROJECT_ROOT, origin)
    else:
        raise ValueError(f"{origin}: not a file origin")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cache[origin] = (text, hashlib.sha1(text.encode("utf-8")).hexdigest()[:8])
    return cache[origin]


def _int(value):
    return int(value) if value not in (None, "") else None


def load(shared_root="/work/shared/corpora", check=True):
    """Return the list of passages (dicts, see the module docstring), in pid order.

    shared_root: the corpora folder; only needed for passages whose origin starts with
    "corpora/". check: verify SHA-1 prefixes, offsets, and that stored words match the text.
    """
    cache = {}
    passages = []
    by_pid = {}
    for row in _read_tsv("passages.tsv"):
        origin = row["origin"]
        start, end = _int(row["start"]), _int(row["end"])
        if origin.startswith(("corpora/", "seeds/")):
            full, sha = _file_text(origin, shared_root, cache)
            if check and sha != row["sha1_8"]:
                raise ValueError(f"{row['pid']}: {origin} has sha1 {sha}, expected {row['sha1_8']}")
            text = full[start:end]
            if check and row["text"] and row["text"] != text:
                raise ValueError(f"{row['pid']}: stored text differs from {origin}[{start}:{end}]")
        else:
            full, text = None, row["text"]
        p = {
            "pid": row["pid"],
            "origin": origin,
            "start": start,
            "end": end,
            "sha1_8": row["sha1_8"] or None,
            "text": text,
            "note": row["note"],
            "attributions": [],
            "_full": full,
        }
        passages.append(p)
        by_pid[p["pid"]] = p

    for row in _read_tsv("attributions.tsv"):
        p = by_pid[row["pid"]]
        if check and row["kind"] not in KINDS:
            raise ValueError(f"{row['pid']}: unknown kind {row['kind']!r}")
        a = {
            "kind": row["kind"],
            "speaker_actor_id": row["speaker_actor_id"],
            "anonymous": row["anonymous"] == "true",
            "note": row["note"],
        }
        # absolute file offsets (corpora, seeds); offsets in the passage (URL, written)
        base = p["start"] or 0
        for field in ("content", "speaker", "cue"):
            s, e = _int(row[f"{field}_start"]), _int(row[f"{field}_end"])
            words = row[field]
            if s is not None:
                span = (s - base, e - base)
                if check and not (0 <= span[0] <= span[1] <= len(p["text"])):
                    raise ValueError(f"{row['pid']}: {field} span {s}-{e} outside the passage")
                found = p["text"][span[0] : span[1]]
                if words and check and words != found:
                    raise ValueError(f"{row['pid']}: stored {field} {words!r} != text {found!r}")
                words = found
            else:
                span = None
            a[field] = words
            a[f"{field}_span"] = span
        p["attributions"].append(a)

    for p in passages:
        del p["_full"]
    return passages


def summary(passages):
    """Counts used in README.md."""
    rows = [a for p in passages for a in p["attributions"]]
    return {
        "passages": len(passages),
        "negative_passages": sum(1 for p in passages if not p["attributions"]),
        "positive_passages": sum(1 for p in passages if p["attributions"]),
        "attributions": len(rows),
        "by_kind": {k: sum(1 for a in rows if a["kind"] == k) for k in KINDS},
        "anonymous": sum(1 for a in rows if a["anonymous"]),
        "resolved_speaker": sum(1 for a in rows if a["speaker_actor_id"]),
        "edge_rows": sum(1 for a in rows if a["note"].startswith("edge")),
    }


if __name__ == "__main__":
    import json
    import sys

    root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora"
    print(json.dumps(summary(load(root)), indent=2))
