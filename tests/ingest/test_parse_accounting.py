"""Nothing is dropped in parsing: on every document of ../shared/corpora, every character
of the text is in the body, the title, the headings, the boilerplate or the furniture (or
the byline, date and reading-time lines); and the UN speeches, which have no title line,
keep their first line in their first sentence."""

from __future__ import annotations

import pytest

from analysis.config import SHARED_CORPORA_DIR
from analysis.ingest.load import RawDocument, iter_corpus
from analysis.ingest.parse import is_furniture, parse_document
from tests.conftest import needs_corpora

pytestmark = [needs_corpora, pytest.mark.slow]


def _letters(*parts) -> int:
    return sum(len("".join(str(part).split())) for part in parts if part)


@pytest.fixture(scope="module")
def parsed():
    found = []
    for raw in iter_corpus(SHARED_CORPORA_DIR):
        assert isinstance(raw, RawDocument), raw
        found.append((raw, parse_document(raw.text, format=raw.format)))
    return found


def test_every_character_is_accounted_for(parsed):
    assert len(parsed) == 607
    lost = {}
    for raw, doc in parsed:
        kept = _letters(
            doc.text,
            doc.title,
            *doc.headings,
            *doc.boilerplate,
            *doc.furniture,
            doc.byline,
            doc.date_text,
        )
        if kept != _letters(raw.text):
            lost[raw.doc_id] = _letters(raw.text) - kept
    assert lost == {}


def test_first_line_of_every_un_speech_is_in_its_first_sentence(parsed):
    speeches = [(raw, doc) for raw, doc in parsed if "un_general_debate" in raw.path.parts]
    assert len(speeches) == 375
    wrong = []
    for raw, doc in speeches:
        first = next(
            " ".join(line.split())
            for line in raw.text.split("\n")
            if line.strip() and not is_furniture(line)
        )
        sentence = doc.sentences[0].text
        if doc.title is not None or not (first.startswith(sentence) or sentence.startswith(first)):
            wrong.append((raw.doc_id, first[:60], doc.title, sentence[:60]))
    assert wrong == []
