"""How often the date a document's text gives is right, measured on the dated documents
(the seeds and the 607 of ``../shared/corpora``) with their metadata dates hidden.

For each document with a date in its manifest, the manifest row is dropped and the document
analysed as if undated; the date the text gives (a date line at the top) and the rule the
pass no longer applies, "not before the latest year it cites" (``inferred``, computed here
from the document's events with :func:`analysis.features.events.latest_cited_year`), are
compared, year against year, with the manifest's. The pass dates a document from its text
only by a rule that is right on at least 95% of the documents it dates (issue 26); this
prints each rule's figure.

    .venv/bin/python benchmarks/date_inference.py [CORPUS ...]
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from analysis.features.document import analyse_document
from analysis.features.events import latest_cited_year
from analysis.ingest.load import RawDocument, iter_corpus
from analysis.options import FeatureOptions

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT / "seeds", ROOT.parent / "shared" / "corpora"]
if not DEFAULT[1].is_dir():
    DEFAULT[1] = Path("/work/shared/corpora")


def main(folders: list[Path]) -> None:
    options = FeatureOptions()
    tally: dict[str, Counter] = defaultdict(Counter)
    for folder in folders:
        for raw in iter_corpus(folder):
            if not isinstance(raw, RawDocument) or not raw.metadata.get("published"):
                continue
            truth = raw.metadata["published"][:4]
            hidden = replace(raw, metadata={})
            row, rows = analyse_document(hidden, options)
            rule = row["date_precision"]
            if row["published"] is None:
                cited = latest_cited_year(rows["events"], options.latest_date)
                if cited is not None:
                    row, rule = {"published": f"{cited:04d}"}, "inferred"
            if row["published"] is None:
                tally[rule]["undated"] += 1
                continue
            guess = row["published"][:4]
            tally[rule]["right" if guess == truth else "wrong"] += 1
            if guess != truth:
                tally[rule]["off by one"] += abs(int(guess) - int(truth)) == 1
    for rule, counts in sorted(tally.items()):
        dated = counts["right"] + counts["wrong"]
        share = counts["right"] / dated if dated else float("nan")
        print(
            f"{rule:9} dated {dated:4}  right {counts['right']:4} ({share:.1%})  "
            f"wrong {counts['wrong']:4} (off by one year: {counts['off by one']})  "
            f"undated {counts['undated']}"
        )


if __name__ == "__main__":
    main([Path(x) for x in sys.argv[1:]] or DEFAULT)
