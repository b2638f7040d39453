"""The blind validation sets for the analyses to come (tone and relations, quotations):
every sentence still reads as it did when it was labelled, and every label is one the
guides define. Their sentences from ../shared/corpora are stored as offsets, not text."""

import pytest

from analysis.config import SHARED_CORPORA_DIR

from .conftest import needs_corpora
from .validation.quotes import dataset as quotes
from .validation.tone_relations import dataset as tone_relations


@needs_corpora
@pytest.mark.corpora
def test_the_tone_and_relations_set_reads_as_labelled():
    sentences = tone_relations.load(SHARED_CORPORA_DIR)
    assert len(sentences) == 348
    tone = [row for s in sentences for row in s["tone"]]
    pairs = [row for s in sentences for row in s["relations"]]
    assert len(tone) == 860 and len(pairs) == 742
    assert {row["label"] for row in tone} == {"negative", "neutral", "positive"}
    assert {row["kind"] for row in pairs} == {
        "none",
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
    }
    for row in pairs:
        assert row["actor_a"] < row["actor_b"], row


@needs_corpora
@pytest.mark.corpora
def test_the_quotations_set_reads_as_labelled():
    passages = quotes.load(SHARED_CORPORA_DIR)
    assert len(passages) == 382
    rows = [row for p in passages for row in p["attributions"]]
    assert len(rows) == 276
    assert {row["kind"] for row in rows} == {"direct", "indirect", "turn"}
    assert sum(not p["attributions"] for p in passages) == 161  # passages with none
