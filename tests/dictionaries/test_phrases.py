"""The phrase matcher shared by actors and era cues, held to the regex it replaced."""

import re

import pandas as pd
import pytest

from analysis.dictionaries.actors import load_actors
from analysis.dictionaries.eras import load_eras
from analysis.dictionaries.phrases import (
    ASCII_FOLDING,
    SEPARATOR_CHARACTERS,
    PhraseMatcher,
    phrase_key,
    spellings,
)
from analysis.ingest.parse import parse_document

from ..conftest import (
    SEED_000,
    SEED_004,
    SHARED_CORPORA_DIR,
    needs_corpora,
)

_SEPARATORS = "\\s\\-\u2010\u2011\u2012\u2013\u2014"


class RegexMatcher:
    """The matcher as it was before the automaton: one trie-shaped regex per kind (ignoring
    case, matching case), the longest branch tried first, and a lookup by phrase key."""

    def __init__(self, loose, strict):
        self.lookup = ({}, {})
        for case_sensitive, phrases in ((False, loose), (True, strict)):
            for phrase, entry in phrases.items():
                self.lookup[case_sensitive][phrase_key(phrase, case_sensitive)] = entry
        self.patterns = [self.alternation(list(loose), False), self.alternation(list(strict), True)]

    @staticmethod
    def units(phrase, case_sensitive):
        units = []
        for piece in re.split(f"([{_SEPARATORS}]+|['\u2019])", phrase.strip()):
            if not piece:
                continue
            if re.fullmatch(f"[{_SEPARATORS}]+", piece):
                units.append(f"[{_SEPARATORS}]*")
            elif piece in "'\u2019":
                units.append("['\u2019]")
            else:
                units.extend(re.escape(c if case_sensitive else c.lower()) for c in piece)
        return units

    def alternation(self, phrases, case_sensitive):
        if not phrases:
            return re.compile(r"(?!x)x")
        trie = {}
        for phrase in set(phrases):
            node = trie
            for unit in self.units(phrase, case_sensitive):
                node = node.setdefault(unit, {})
                node[""] = max(node.get("", 0), len(phrase))
            node[None] = True

        def regex(node):
            branches = sorted(((u, c) for u, c in node.items() if u), key=lambda b: -b[1][""])
            alternatives = [unit + regex(child) for unit, child in branches]
            if None in node:
                alternatives.append("")
            if len(alternatives) == 1:
                return alternatives[0]
            return "(?:" + "|".join(alternatives) + ")"

        flags = 0 if case_sensitive else re.IGNORECASE
        return re.compile(rf"(?<![\w.])(?:{regex(trie)})(?!\w)", flags)

    def find(self, text):
        candidates = [
            (m.start(), m.end(), kind)
            for kind, pattern in enumerate(self.patterns)
            for m in pattern.finditer(text)
        ]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        found, taken_until = [], -1
        for start, end, kind in candidates:
            if start < taken_until:
                continue
            taken_until = end
            surface = text[start:end]
            entry = self.lookup[kind].get(phrase_key(surface, bool(kind)))
            if entry is not None:
                found.append((start, end, entry, surface))
        return found


def phrase_tables(dictionary):
    loose, strict = {}, {}
    for entry in dictionary.entries.values():
        names, exact = dictionary.phrases_of(entry)
        loose.update(dict.fromkeys(names, entry.id))
        strict.update(dict.fromkeys(exact, entry.id))
    loose.update(dict.fromkeys(dictionary.ignore))
    return loose, strict


def seed_sentences():
    sentences = [
        s.text
        for seed in (SEED_000, SEED_004)
        for s in parse_document(seed.read_text(encoding="utf-8")).sentences
    ]
    return sentences + [s.upper() for s in sentences] + [s.swapcase() for s in sentences]


TRICKY = [
    "the U.S.-Pakistan and US-India ties; U.S. Pakistan relations",
    "New  Delhi and New - Delhi, New\u2013Delhi, NewDelhi and New\nDelhi",
    "counter terrorism, counterterrorism, counter\u2014terrorism and Counter-Terrorism",
    "Pakistan\u2019s and Washington's; Indiana, Pakistanistan, U.S.A. and USA.",
    "the post-Cold War order; the Cold  War;  the Soviet withdrawal from Afghanistan",
    "KA\u017fHMIR and T\u00fcrkiye",
    "the Indian Ocean, the Indian   Ocean and Indian-Ocean",
    "",
    "x",
]


def test_the_characters_that_ignore_case_into_ascii_are_the_four_listed():
    # Text is lower-cased and these four folded by hand; no other character matches an
    # ASCII one when case is ignored: ask the regex engine, for every ASCII character.
    others = "".join(map(chr, range(128, 0x110000)))
    found = set()
    for code in range(128):
        found.update(re.findall(re.escape(chr(code)), others, re.IGNORECASE))
    assert found == set(ASCII_FOLDING)


def test_the_separators_written_out_are_every_character_the_separator_class_matches():
    # The list replaces a scan of every code point at import: the scan, here.
    others = "".join(map(chr, range(0x110000)))
    found = "".join(re.findall(f"[{_SEPARATORS}]", others))
    assert found == SEPARATOR_CHARACTERS
    assert len(found) == 35 and {" ", "-", "\u00a0", "\u2014", "\u3000"} <= set(found)


def test_spellings_leave_each_separator_written_or_out():
    assert spellings("Counter-Terrorism") == ["counter terrorism", "counterterrorism"]
    assert spellings("People\u2019s Republic", case_sensitive=True) == [
        "People's Republic",
        "People'sRepublic",
    ]
    assert len(spellings("a b c d")) == 8
    with pytest.raises(ValueError, match="more than 10 spaces"):
        spellings(" ".join("abcdefghijkl"))


@pytest.mark.parametrize("dictionary", [load_actors, load_eras])
def test_the_automaton_finds_what_the_regex_found_on_the_seeds(dictionary):
    loose, strict = phrase_tables(dictionary())
    automaton, regex = PhraseMatcher(loose, strict), RegexMatcher(loose, strict)
    sentences = seed_sentences() + TRICKY + [s.upper() for s in TRICKY]
    found = [automaton.find(s) for s in sentences]
    assert found == [regex.find(s) for s in sentences]
    assert sum(map(len, found)) > 50


@needs_corpora
@pytest.mark.parametrize("dictionary", [load_actors, load_eras])
def test_the_automaton_finds_what_the_regex_found_on_the_corpora(dictionary):
    from analysis.ingest.load import iter_corpus

    loose, strict = phrase_tables(dictionary())
    automaton, regex = PhraseMatcher(loose, strict), RegexMatcher(loose, strict)
    lines = [
        line
        for item in iter_corpus(SHARED_CORPORA_DIR)
        if not isinstance(item, Exception) and hasattr(item, "text")
        for line in item.text.splitlines()
    ]
    assert len(lines) > 50_000
    different = [line for line in lines if automaton.find(line) != regex.find(line)]
    assert different == []


def test_folding_letters_and_closed_up_separators():
    matcher = PhraseMatcher({"\u017foviet union": "SUN", "kashmir": "KAS", "new delhi": "IND"})
    found = matcher.find("SOVIET UNION, Soviet Union and Kashmir")
    assert [e for _, _, e, _ in found] == ["SUN", "SUN", "KAS"]
    text = "Ka\u017fhmir,  New   Delhi and the Soviet Union\u2019s end"
    assert [(text[s:e], x) for s, e, x, _ in matcher.find(text)] == [
        ("Ka\u017fhmir", "KAS"),
        ("New   Delhi", "IND"),
        ("Soviet Union", "SUN"),
    ]


def test_dotted_and_dotless_i_are_i():
    # The regex matched them but lost them in the lookup (their case folding is two
    # characters long): "TÜRKİYE" as Turkish writes it was no one.
    matcher = PhraseMatcher(*phrase_tables(load_actors()))
    text = "\u0130ran, \u0131ndia and T\u00dcRK\u0130YE"
    assert [(x, s) for _, _, x, s in matcher.find(text)] == [
        ("IRN", "\u0130ran"),
        ("IND", "\u0131ndia"),
        ("TUR", "T\u00dcRK\u0130YE"),
    ]


def test_entries_may_be_any_value_and_strict_names_keep_their_case():
    sense = ("USA", "name")
    matcher = PhraseMatcher({"america": sense}, {"US": "USA", "Us": "OTHER"})
    assert [(s, x) for _, _, x, s in matcher.find("us, US, Us and America")] == [
        ("US", "USA"),
        ("Us", "OTHER"),
        ("America", sense),
    ]
    with pytest.raises(ValueError, match="'Counter Terrorism' is given for both A and B"):
        PhraseMatcher({"counter-terrorism": "A", "Counter Terrorism": "B"})


def test_no_phrases_find_nothing():
    assert PhraseMatcher({}, {}).find("Pakistan") == []
    assert isinstance(pd.DataFrame(), pd.DataFrame)


def test_a_matcher_goes_to_a_worker_process_and_back():
    import pickle

    matcher = PhraseMatcher(*phrase_tables(load_actors()))
    text = "US-India ties, Moscow and the Indian Ocean"
    assert pickle.loads(pickle.dumps(matcher)).find(text) == matcher.find(text)
    assert load_actors() is load_actors()  # the shipped file is read once per process
