"""Dictionary phrases found in text: the matcher that actors and era cues share.

A phrase is written once and matches its common spellings: a space or hyphen in it matches
any run of spaces and dashes or none ("counter-terrorism" finds "counter terrorism",
"counterterrorism" and "counter–terrorism"), and an apostrophe matches the curly one. Names
given as ``loose`` ignore case; ``strict`` names match case-sensitively ("US" but not "us").
At each place the longest phrase wins and overlapping phrases are dropped, so nothing is
counted twice. A phrase mapped to ``None`` is matched and then dropped: it shields its words
from shorter phrases ("Indian Ocean" is not India).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import yaml

_SEPARATORS = "\\s\\-\u2010\u2011\u2012\u2013\u2014"
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}]+")
_APOSTROPHES = re.compile("['\u2019]")
#: The characters outside ASCII that match an ASCII letter when case is ignored: "İ", "ı",
#: "ſ" and the Kelvin sign (found by trying every code point against every ASCII character).
_ASCII_FOLDING = frozenset("\u0130\u0131\u017f\u212a")


def phrase_key(phrase: str, case_sensitive: bool = False) -> str:
    """The form under which a phrase and every spelling it matches are looked up."""
    key = _APOSTROPHES.sub("'", _SEPARATOR_RUN.sub("", phrase))
    return key if case_sensitive else key.casefold()


def _units(phrase: str, case_sensitive: bool) -> list[str]:
    """A phrase as a list of regex pieces: one per character, and one for each run of
    separators (any run or none) and each apostrophe (straight or curly)."""
    units = []
    for piece in re.split(f"([{_SEPARATORS}]+|['\u2019])", phrase.strip()):
        if not piece:
            continue
        if _SEPARATOR_RUN.fullmatch(piece):
            units.append(f"[{_SEPARATORS}]*")
        elif _APOSTROPHES.fullmatch(piece):
            units.append("['\u2019]")
        else:
            units.extend(re.escape(c if case_sensitive else c.lower()) for c in piece)
    return units


def _alternation(phrases: list[str], case_sensitive: bool) -> re.Pattern:
    """One regex for all the phrases, as a trie: phrases that begin alike share their
    beginning, so at each place in the text only the branches that fit are tried, however
    long the dictionary. At each branch the one leading to the longest phrase is tried
    first, and a phrase that ends there is tried last: the longest phrase wins."""
    if not phrases:
        return re.compile(r"(?!x)x")
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for unit in _units(phrase, case_sensitive):
            node = node.setdefault(unit, {})
            node[""] = max(node.get("", 0), len(phrase))  # the longest phrase below here
        node[None] = True  # a phrase ends here

    def regex(node: dict) -> str:
        branches = sorted(
            ((unit, child) for unit, child in node.items() if unit),
            key=lambda branch: -branch[1][""],
        )
        alternatives = [unit + regex(child) for unit, child in branches]
        if None in node:
            alternatives.append("")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    # Not inside a longer word; "U.S." may be followed by "-Pakistan" or a possessive.
    flags = 0 if case_sensitive else re.IGNORECASE
    # Names matched with their case begin with few characters ("US", "UN", "Modi"): a class
    # of those, tested first, lets the engine skip most places (a third faster). It would
    # not help the loose names, which begin with nearly every letter.
    ahead = ""
    if case_sensitive and all(unit and len(unit) <= 2 for unit in trie):  # characters only
        ahead = f"(?=[{''.join(sorted(trie))}])"
    return re.compile(rf"{ahead}(?<![\w.])(?:{regex(trie)})(?!\w)", flags)


class PhraseMatcher:
    """Finds dictionary phrases in text and says which entry each one stands for.

    Args:
        loose: Phrase -> entry id (or ``None`` to shield and drop), matched ignoring case.
        strict: Phrase -> entry id, matched case-sensitively.
        source: What the phrases come from, for error messages (a file name).

    Raises:
        ValueError: two spellings that match the same text stand for different entries.
    """

    def __init__(
        self,
        loose: Mapping[str, str | None],
        strict: Mapping[str, str | None] | None = None,
        *,
        source: str = "dictionary",
    ) -> None:
        strict = strict or {}
        self._lookup: tuple[dict, dict] = ({}, {})
        for case_sensitive, phrases in ((False, loose), (True, strict)):
            table = self._lookup[case_sensitive]
            for phrase, entry in phrases.items():
                key = phrase_key(phrase, case_sensitive)
                if key in table and table[key] != entry:
                    raise ValueError(
                        f"{source}: {phrase!r} is given for both {table[key]} and {entry}"
                    )
                table[key] = entry
        self._patterns = (
            _alternation(list(loose), case_sensitive=False),
            _alternation(list(strict), case_sensitive=True),
        )
        # Ignoring case costs the regex engine dearly. In ASCII text (nearly every sentence)
        # the loose phrases, all written in lower case, match exactly where they match the
        # lower-cased text case-sensitively, unless a phrase holds one of the four letters
        # that ignore case into ASCII ("ſ" matches "s"): then every text takes the slow way.
        ascii_safe = not any(c in _ASCII_FOLDING for phrase in loose for c in phrase.lower())
        self._ascii_loose = re.compile(self._patterns[0].pattern) if ascii_safe else None

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """Phrases in ``text`` as ``(start, end, entry_id, surface)``, in reading order.

        Candidates from both alternations are ranked by start, then length; the longest at
        each place wins and candidates overlapping it are dropped.
        """
        loose, strict = self._patterns
        if self._ascii_loose is not None and text.isascii():
            loose_matches = self._ascii_loose.finditer(text.lower())  # same length, offsets
        else:
            loose_matches = loose.finditer(text)
        candidates = [(m.start(), m.end(), 0) for m in loose_matches]
        candidates += [(m.start(), m.end(), 1) for m in strict.finditer(text)]
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        found, taken_until = [], -1
        for start, end, case_sensitive in candidates:
            if start < taken_until:
                continue
            taken_until = end
            surface = text[start:end]
            entry = self._lookup[case_sensitive].get(phrase_key(surface, bool(case_sensitive)))
            if entry is not None:
                found.append((start, end, entry, surface))
        return found


@dataclass
class PhraseDictionary:
    """Entries by id (actors, eras) whose phrases are matched in text, and the phrases that
    must never count as one. Subclasses say where the shipped file is and how an entry reads.
    """

    entries: dict
    ignore: tuple[str, ...] = ()
    source: str = "dictionary"
    _matcher: PhraseMatcher | None = field(default=None, repr=False)

    key: ClassVar[str]  # the list in the YAML file that holds the entries
    shipped: ClassVar[Path]
    error: ClassVar[type[ValueError]]

    @staticmethod
    def make_entry(where: str, raw):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    @staticmethod
    def phrases_of(entry) -> tuple[tuple[str, ...], tuple[str, ...]]:  # pragma: no cover
        """An entry's (case-insensitive, case-sensitive) phrases."""
        raise NotImplementedError

    @property
    def matcher(self) -> PhraseMatcher:
        """The phrase matcher for every entry, built once.

        Raises:
            error: two entries claim the same phrase.
        """
        if self._matcher is None:
            loose: dict[str, str | None] = {}
            strict: dict[str, str | None] = {}
            for entry in self.entries.values():
                names, exact = self.phrases_of(entry)
                loose.update(dict.fromkeys(names, entry.id))
                strict.update(dict.fromkeys(exact, entry.id))
            loose.update(dict.fromkeys(self.ignore))
            try:
                self._matcher = PhraseMatcher(loose, strict, source=self.source)
            except ValueError as exc:
                raise self.error(str(exc)) from None
        return self._matcher

    @classmethod
    def read(cls, path: Path):
        """One dictionary file, checked entry by entry."""
        entries, ignore = read_entries(path, cls.key, cls.error, cls.make_entry)
        return cls(entries, ignore, source=str(path))

    @classmethod
    def load(cls, path: Path | str | None = None, *, extend: bool = True):
        """The shipped dictionary; or a user's file added to it (an entry with an existing
        id replaces that one), or alone with ``extend=False``. Phrases claimed by two entries
        are refused here, at load time."""
        shipped = cls.read(cls.shipped)
        if path is None:
            return shipped
        own = cls.read(Path(path))
        if extend:
            own = cls(
                {**shipped.entries, **own.entries},
                shipped.ignore + own.ignore,
                source=f"{cls.shipped} extended by {path}",
            )
        own.matcher  # noqa: B018 -- raises on a phrase claimed twice
        return own


def read_entries(
    path: Path, key: str, error: type[ValueError], make: Callable
) -> tuple[dict, tuple[str, ...]]:
    """The entries of a dictionary file by id, and its ``ignore`` phrases.

    Args:
        key: The list that holds the entries (``actors``, ``eras``).
        make: ``make(where, entry)`` checks one entry and returns it as an object with an
            ``id``; ``where`` names the file and entry for messages.

    Raises:
        error: the file or an entry cannot be used; the message names the file and entry.
    """
    data = read_yaml_list(path, key, error)
    entries: dict = {}
    for number, raw in enumerate(data[key], start=1):
        where = f"{path}: entry {number}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            where += f" ({raw['id']})"
        entry = make(where, raw)
        if entry.id in entries:
            raise error(f"{where}: id used twice")
        entries[entry.id] = entry
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise error(f"{path}: 'ignore' must be a list of phrases")
    return entries, tuple(ignore)


def check_entry(
    where: str, entry, fields: set[str], required: tuple[str, ...], error: type[ValueError]
) -> None:
    """Refuse an entry that is not a mapping, has unknown fields or lacks a required text."""
    if not isinstance(entry, dict):
        raise error(f"{where}: expected a mapping with {', '.join(required)}")
    unknown = set(entry) - fields
    if unknown:
        raise error(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(fields))}"
        )
    for name in required:
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise error(f"{where}: '{name}' is missing or not text")


def phrase_lists(
    where: str, entry: dict, keys: tuple[str, str], error: type[ValueError]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An entry's two phrase lists (loose and exact), checked; at least one must be given."""
    lists = []
    for key in keys:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            raise error(f"{where}: '{key}' must be a list of non-empty phrases")
        lists.append(tuple(value))
    if not any(lists):
        raise error(f"{where}: nothing to match (give '{keys[0]}' or '{keys[1]}')")
    return lists[0], lists[1]


def read_yaml_list(path: Path, key: str, error: type[ValueError]) -> dict:
    """A dictionary file's YAML mapping, checked to hold a list under ``key``.

    Raises:
        error: the file is missing, not YAML, or has no ``key`` list; the message names it.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(f"{path}: cannot read the file ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise error(f"{path}: expected a mapping with an {key!r} list")
    return data
