"""This package's readability over texts, in a process of its own: timed cold, the way a
worker starts, against ``textstat_reference.py``.

    python benchmarks/package_readability.py TEXTS.json OUT.json   # {doc_id: text} in
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.features.readability import readability


def main(source: str, target: str) -> None:
    texts = json.loads(Path(source).read_text(encoding="utf-8"))
    started = time.perf_counter()
    scores = {doc_id: readability(text) for doc_id, text in texts.items()}
    seconds = time.perf_counter() - started
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"seconds": seconds, "scores": scores}, handle)


if __name__ == "__main__":
    main(*sys.argv[1:3])
