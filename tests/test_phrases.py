"""The phrase matcher shared by actors and era cues: its fast way through ASCII text."""

import re

import pytest

from analysis.actors import load_actors
from analysis.eras import load_eras
from analysis.parse import parse_document
from analysis.phrases import _ASCII_FOLDING, PhraseMatcher

from .conftest import SEED_000, SEED_004


def test_the_characters_that_ignore_case_into_ascii_are_the_four_listed():
    # The fast way is exact only if no other character matches an ASCII one when case is
    # ignored: ask the regex engine itself, for every ASCII character against every other.
    others = "".join(map(chr, range(128, 0x110000)))
    found = set()
    for code in range(128):
        found.update(re.findall(re.escape(chr(code)), others, re.IGNORECASE))
    assert found == set(_ASCII_FOLDING)


@pytest.mark.parametrize("dictionary", [load_actors, load_eras])
def test_ascii_text_finds_what_ignoring_case_finds(dictionary):
    matcher = dictionary().matcher
    assert matcher._ascii_loose is not None  # the shipped dictionaries take the fast way
    slow = PhraseMatcher({}, {})
    slow._lookup, slow._patterns = matcher._lookup, matcher._patterns
    slow._ascii_loose = None  # the same matcher, always ignoring case
    sentences = [
        s.text
        for seed in (SEED_000, SEED_004)
        for s in parse_document(seed.read_text(encoding="utf-8")).sentences
    ]
    sentences += [s.upper() for s in sentences] + [s.swapcase() for s in sentences]
    assert sum(map(str.isascii, sentences)) > 100
    found = [matcher.find(s) for s in sentences]
    assert found == [slow.find(s) for s in sentences]
    assert sum(map(len, found)) > 50


def test_a_phrase_with_a_folding_letter_takes_the_slow_way():
    # "ſ" (long s) matches "s" and "S" when case is ignored.
    matcher = PhraseMatcher({"ſoviet union": "SUN", "kashmir": "KAS"})
    assert matcher._ascii_loose is None
    found = matcher.find("SOVIET UNION, Soviet Union and Kashmir")
    assert [e for _, _, e, _ in found] == ["SUN", "SUN", "KAS"]
    fast = PhraseMatcher({"soviet union": "SUN", "kashmir": "KAS"})
    assert fast._ascii_loose is not None
    assert [(s, e, x) for s, e, x, _ in fast.find("The SOVIET UNION and KaShMiR.")] == [
        (4, 16, "SUN"),
        (21, 28, "KAS"),
    ]
    # Text that is not ASCII is matched ignoring case as before: "ſ" in the text is "s".
    assert [x for _, _, x, _ in fast.find("Kaſhmir and the Soviet Union\u2019s end")] == [
        "KAS",
        "SUN",
    ]
