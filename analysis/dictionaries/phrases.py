"""Dictionary phrases found in text: the matcher that actors and era cues share.

A phrase is written once and matches its common spellings: a space or hyphen in it matches
any run of spaces and dashes or none ("counter-terrorism" finds "counter terrorism",
"counterterrorism" and "counter–terrorism"), and an apostrophe matches the curly one. Names
given as ``loose`` ignore case; ``strict`` names match case-sensitively ("US" but not "us").
A phrase matches only as whole words: not after a letter, digit or dot, not before a letter
or digit. At each place the longest phrase wins and overlapping phrases are dropped, so
nothing is counted twice. A phrase mapped to ``None`` is matched and then dropped: it shields
its words from shorter phrases ("Indian Ocean" is not India).

All phrases are looked for at once by one Aho-Corasick automaton (``ahocorasick_rs``) over
the lower-cased text with its separators made single spaces, so a dictionary ten times
larger costs the same per sentence.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from bisect import bisect_right
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import ClassVar

import ahocorasick_rs
import yaml

#: The most a dictionary file and the files it includes may hold together, in MB (the
#: shipped actors' three files hold 460 KB, 30,000 actors of one's own about 2.5 MB). Only
#: this much is ever read, so a device or a huge file is refused without being loaded.
MAX_DICTIONARY_MB = 10
_SEPARATORS = "\\s\\-\u2010\u2011\u2012\u2013\u2014"
_SEPARATOR_RUN = re.compile(f"[{_SEPARATORS}]+")
_APOSTROPHES = re.compile("['\u2019]")
#: The characters outside ASCII that match an ASCII letter when case is ignored: "İ", "ı",
#: "ſ" and the Kelvin sign (found by trying every code point against every ASCII character).
ASCII_FOLDING = frozenset("\u0130\u0131\u017f\u212a")
#: Every character ``[{_SEPARATORS}]`` matches: Python's whitespace (``str.isspace``), the
#: hyphen and the dashes (written out: finding them by trying every code point took 2.7 s
#: at each import; ``tests/dictionaries/test_phrases.py`` tries them all).
SEPARATOR_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f -\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2010\u2011\u2012\u2013\u2014\u2028\u2029"
    "\u202f\u205f\u3000"
)
#: Every separator becomes a space and the curly apostrophe a straight one, one character
#: for one, so offsets into the normalised text are offsets into the text.
_STRICT_TABLE = str.maketrans({**dict.fromkeys(SEPARATOR_CHARACTERS, " "), "\u2019": "'"})
#: The same for names that ignore case, with the four letters that fold into ASCII folded
#: ("İ" is the one letter whose lower case is two characters long).
_LOOSE_TABLE = {**_STRICT_TABLE, **str.maketrans("\u0130\u0131\u017f\u212a", "iisk")}
#: Separators other than the space and the hyphen (Python's ``\s`` has many), rare in text.
_ODD_SEPARATOR = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in _STRICT_TABLE if chr(c) not in " -\u2019") + "]"
)
_SPACE_RUN = re.compile("  +")
#: The most separators one phrase may hold: each may be written or left out, so a phrase
#: stands for 2 ** n spellings in the automaton.
MAX_SEPARATORS = 10


def folds_into_ascii(text: str) -> bool:
    """Whether ``text`` holds a letter of :data:`ASCII_FOLDING`."""
    return not text.isascii() and any(letter in text for letter in ASCII_FOLDING)


def phrase_key(phrase: str, case_sensitive: bool = False) -> str:
    """The form under which a phrase and every spelling it matches are looked up."""
    key = _APOSTROPHES.sub("'", _SEPARATOR_RUN.sub("", phrase))
    return key if case_sensitive else key.casefold()


def spellings(phrase: str, case_sensitive: bool = False) -> list[str]:
    """Every normalised spelling a phrase matches: its separators each a space or nothing,
    its apostrophes straight, lower-cased unless ``case_sensitive``.

    Raises:
        ValueError: the phrase holds more than :data:`MAX_SEPARATORS` separators.
    """
    words = _SEPARATOR_RUN.split(phrase.strip())
    if len(words) > MAX_SEPARATORS + 1:
        raise ValueError(f"{phrase!r} has more than {MAX_SEPARATORS} spaces or hyphens")
    table = _STRICT_TABLE if case_sensitive else _LOOSE_TABLE
    words = [w.translate(table) for w in words]
    if not case_sensitive:
        words = [w.lower() for w in words]
    found = []
    for joints in product((" ", ""), repeat=len(words) - 1):
        found.append(words[0] + "".join(j + w for j, w in zip(joints, words[1:], strict=True)))
    return found


def _normalised(text: str, lower: bool) -> str:
    """``text`` with separators as spaces, the apostrophe straight, lower-cased when asked:
    one character for one. (``str.replace`` and one search for a rare separator are several
    times faster than ``str.translate``, which only the rare texts take.)"""
    if _ODD_SEPARATOR.search(text):
        text = text.translate(_STRICT_TABLE)
    else:
        if "-" in text:
            text = text.replace("-", " ")
        if "\u2019" in text:
            text = text.replace("\u2019", "'")
    if not lower:
        return text
    if folds_into_ascii(text):
        text = text.translate(_LOOSE_TABLE)
    return text.lower()


class PhraseMatcher:
    """Finds dictionary phrases in text and says which entry each one stands for.

    Args:
        loose: Phrase -> entry (an id, or any value to hand back; ``None`` to shield and
            drop), matched ignoring case.
        strict: Phrase -> entry, matched case-sensitively.
        source: What the phrases come from, for error messages (a file name).

    Raises:
        ValueError: two spellings that match the same text stand for different entries, or
            a phrase has too many separators.
    """

    def __init__(
        self,
        loose: Mapping[str, Hashable | None],
        strict: Mapping[str, Hashable | None] | None = None,
        *,
        source: str = "dictionary",
    ) -> None:
        strict = strict or {}
        for case_sensitive, phrases in ((False, loose), (True, strict)):
            claimed: dict[str, Hashable | None] = {}
            for phrase, entry in phrases.items():
                key = phrase_key(phrase, case_sensitive)
                if key in claimed and claimed[key] != entry:
                    raise ValueError(
                        f"{source}: {phrase!r} is given for both {claimed[key]} and {entry}"
                    )
                claimed[key] = entry
        # One automaton over lower-cased text for both kinds: a name matched with its case
        # is found by its lower-cased spelling and then checked against the text as written.
        # Each spelling maps to (its length, its loose entry, {spelling as written: entry}).
        keys: dict[str, tuple[int, Hashable | None, dict]] = {}
        for phrase, entry in loose.items():
            for spelling in spellings(phrase, False):
                _, _, exact = keys.get(spelling, (0, _MISSING, {}))
                keys[spelling] = (len(spelling), entry, exact)
        for phrase, entry in strict.items():
            for spelling in spellings(phrase, True):
                lowered = _normalised(spelling, lower=True)
                length, loose_entry, exact = keys.get(lowered, (len(lowered), _MISSING, {}))
                exact[spelling] = entry
                keys[lowered] = (length, loose_entry, exact)
        self._values = list(keys.values())
        self._keys = list(keys)
        self._automaton = ahocorasick_rs.AhoCorasick(self._keys) if keys else None

    def __getstate__(self) -> dict:
        # The automaton cannot be pickled (sent to a worker process): it is built again there.
        return {**self.__dict__, "_automaton": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if self._keys:
            self._automaton = ahocorasick_rs.AhoCorasick(self._keys)

    def find(self, text: str, *, shielded: bool = False) -> list[tuple[int, int, Hashable, str]]:
        """Phrases in ``text`` as ``(start, end, entry, surface)``, in reading order.

        At each place the longest phrase of each kind (ignoring case, matching case) is
        taken, left to right; of both kinds, the longest at each place wins and the phrases
        overlapping it are dropped. Phrases mapped to ``None`` are dropped too, unless
        ``shielded`` (then they come with the entry ``None``).
        """
        if self._automaton is None:
            return []
        lowered = _normalised(text, lower=True)
        positions = None
        if "  " in lowered:  # a run of separators matches like one: close it up
            lowered, positions = _closed_up(lowered)
        hits = self._automaton.find_matches_as_indexes(lowered, overlapping=True)
        if not hits:
            return []
        size = len(lowered)
        written = None
        loose: list[tuple[int, int, Hashable | None]] = []
        strict: list[tuple[int, int, Hashable | None]] = []
        for index, start, end in hits:
            # Whole words only: not after a word character or a dot, not before a word
            # character (what the regex engine calls one: alphanumeric or "_").
            if start and ((before := lowered[start - 1]).isalnum() or before in "._"):
                continue
            if end < size and ((after := lowered[end]).isalnum() or after == "_"):
                continue
            _, entry, exact = self._values[index]
            if entry is not _MISSING:
                loose.append((start, end, entry))
            if exact:
                if written is None:
                    written = _normalised(text, lower=False)
                    if positions is not None:
                        written = _closed_up(written)[0]
                if (found := exact.get(written[start:end], _MISSING)) is not _MISSING:
                    strict.append((start, end, found))
        candidates = _leftmost_longest(loose) + _leftmost_longest(strict)
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        found, taken_until = [], -1
        for start, end, entry in candidates:
            if start < taken_until:
                continue
            taken_until = end
            if entry is not None or shielded:
                if positions is not None:
                    start, end = _original(positions, start), _original(positions, end - 1) + 1
                found.append((start, end, entry, text[start:end]))
        return found


class _Missing:
    """No entry: one object, also after pickling (it pickles as its module's name)."""

    def __reduce__(self) -> str:
        return "_MISSING"


_MISSING = _Missing()


def _leftmost_longest(hits: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """From left to right, the longest hit at each place, skipping those that overlap it."""
    hits.sort(key=lambda h: (h[0], -h[1]))
    taken, taken_until = [], -1
    for hit in hits:
        if hit[0] >= taken_until:
            taken.append(hit)
            taken_until = hit[1]
    return taken


def _closed_up(text: str) -> tuple[str, tuple[list[int], list[int]]]:
    """``text`` with each run of spaces made one, and where its pieces begin in both."""
    pieces, starts, originals, last = [], [0], [0], 0
    for run in _SPACE_RUN.finditer(text):
        pieces.append(text[last : run.start() + 1])
        last = run.end()
        starts.append(starts[-1] + len(pieces[-1]))
        originals.append(last)
    pieces.append(text[last:])
    return "".join(pieces), (starts, originals)


def _original(positions: tuple[list[int], list[int]], index: int) -> int:
    """Where the character at ``index`` of a closed-up text stands in the text."""
    starts, originals = positions
    piece = bisect_right(starts, index) - 1
    return originals[piece] + index - starts[piece]


@dataclass
class PhraseDictionary:
    """Entries by id (actors, eras) whose phrases are matched in text, and the phrases that
    must never count as one. Subclasses say where the shipped file is and how an entry reads.
    """

    entries: dict
    ignore: tuple[str, ...] = ()
    source: str = "dictionary"
    _matcher: PhraseMatcher | None = field(default=None, repr=False)
    #: The file each entry comes from (by id), for messages.
    origins: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    key: ClassVar[str]  # the list in the YAML file that holds the entries
    #: The lists a file of this kind may hold its entries in (one at least): ``key``, and
    #: for actors also ``persons``, a compact form.
    entry_lists: ClassVar[tuple[str, ...]] = ()
    sections: ClassVar[tuple[str, ...]]  # every top-level key a file of this kind may hold
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
            owner: tuple[dict, dict] = ({}, {})  # phrase key -> (entry id, phrase as given)
            for entry in self.entries.values():
                for case_sensitive, phrases in enumerate(self.phrases_of(entry)):
                    for phrase in phrases:
                        key = phrase_key(phrase, bool(case_sensitive))
                        first = owner[case_sensitive].setdefault(key, (entry.id, phrase))
                        if first[0] != entry.id:
                            raise self.error(
                                f"{self.source}: {phrase!r} is given for both {first[0]} "
                                f"(as {first[1]!r}) and {entry.id}"
                            )
                        (strict if case_sensitive else loose)[phrase] = entry.id
            # A phrase that ignores case would take every mention of one kept as written.
            folded = {key.casefold(): first for key, first in owner[1].items()}
            for key, (entry_id, phrase) in owner[0].items():
                if (other := folded.get(key)) is not None and other[0] != entry_id:
                    raise self.error(
                        self.takeover((entry_id, "cue", phrase), (other[0], "exact cue", other[1]))
                    )
            for phrase in self.ignore:
                if phrase_key(phrase) in owner[0]:
                    raise self.error(
                        f"{self.source}: {phrase!r} is both a phrase of "
                        f"{owner[0][phrase_key(phrase)][0]} and ignored"
                    )
                if (other := folded.get(phrase_key(phrase))) is not None:
                    raise self.error(
                        f"{self.source}: {phrase!r} is ignored, and so would drop every "
                        f"mention of {other[0]}'s exact {other[1]!r}"
                    )
                loose[phrase] = None
            try:
                self._matcher = PhraseMatcher(loose, strict, source=self.source)
            except ValueError as exc:
                raise self.error(str(exc)) from None
        return self._matcher

    def takeover(self, loose: tuple[str, str, str], exact: tuple[str, str, str]) -> str:
        """The message for a phrase matched ignoring case, ``(entry id, kind, phrase)``, that
        is another entry's phrase matched as written: the first is taken at each place, so it
        would take every mention of the other. It names the user's entry of the two (the
        shipped file has no such clash), else the one ignoring case, and its file."""
        shipped = read_shipped(type(self)).entries
        named_exact = shipped.get(loose[0]) is self.entries.get(loose[0])
        named, other = (exact, loose) if named_exact else (loose, exact)
        label = getattr(self.entries[other[0]], "label", other[0])
        where = f"{self.origins.get(named[0], self.source)}: {named[0]}: {named[1]} {named[2]!r}"
        fix = (
            f"leave it out, or replace {other[0]} (an entry with its id)"
            if shipped.get(other[0]) is self.entries.get(other[0])
            else "leave one of them out"
        )
        if named_exact:
            return (
                f"{where} would never be found: the {loose[1]} {loose[2]!r} of {other[0]} "
                f"({label}) is matched ignoring case and takes it; {fix}"
            )
        return (
            f"{where} is matched ignoring case, so it would take every mention of {other[0]} "
            f"({label}) by its {exact[1]} {exact[2]!r}; {fix}"
        )

    @classmethod
    def read(cls, path: Path | str, *, _reading: _Reading | None = None):
        """One dictionary file and the files it ``include``s (paths from its folder), checked
        entry by entry; an id given in two of them is refused. Each file is read once, only
        regular files are read, and all of them together at most
        :data:`MAX_DICTIONARY_MB`."""
        reading = _reading or _Reading.start(Path(path), cls.error)
        path = Path(path)
        data = reading.parse(path, cls.entry_lists or (cls.key,), cls.sections)
        included = data.get("include") or []
        if not isinstance(included, list) or not all(isinstance(x, str) for x in included):
            raise cls.error(f"{path}: 'include' must be a list of file names")
        parts = []
        for name in included:
            parts.append(cls.read(reading.include(path, name), _reading=reading))
        reading.open.pop()  # this file and those it includes are read
        own, own_ignore = cls.own_entries(path, data)
        entries, origins, ignore = {}, {}, ()
        for part in parts:
            for entry_id in part.entries:
                if entry_id in entries:
                    raise cls.error(
                        f"{part.source}: {entry_id}: id given in two files "
                        f"(also in {origins[entry_id]})"
                    )
            entries.update(part.entries)
            origins.update(part.origins)
            ignore += part.ignore
        for entry_id in own:
            if entry_id in entries:
                raise cls.error(
                    f"{path}: {entry_id}: id given in two files (also in {origins[entry_id]})"
                )
        entries.update(own)
        origins.update(dict.fromkeys(own, str(path)))
        return cls(
            entries,
            ignore + own_ignore,
            source=str(path),
            origins=origins,
            **cls.read_more(path, data, parts),
        )

    @classmethod
    def own_entries(cls, path: Path, data: dict) -> tuple[dict, tuple[str, ...]]:
        """The entries a file gives itself, by id, and its ``ignore`` phrases."""
        return read_entries(path, cls.key, cls.error, cls.make_entry, data=data)

    @classmethod
    def read_more(cls, path: Path, data: dict, parts: list) -> dict:
        """What else a subclass reads from a file and the ``parts`` it includes."""
        return {}

    @classmethod
    def load(cls, path: Path | str | None = None, *, extend: bool = True):
        """The shipped dictionary; or a user's file added to it (an entry with an existing
        id replaces that one), or alone with ``extend=False``. Phrases claimed by two entries
        are refused here, at load time. The shipped file is read once per process."""
        shipped = read_shipped(cls)
        if path is None:
            return shipped
        own = cls.read(Path(path))
        if extend:
            own = cls(
                {**shipped.entries, **own.entries},
                shipped.ignore + own.ignore,
                source=f"{cls.shipped} extended by {path}",
                origins={**shipped.origins, **own.origins},
            )
        own.matcher  # noqa: B018 -- raises on a phrase claimed twice
        return own


@functools.cache
def read_shipped(cls: type[PhraseDictionary]) -> PhraseDictionary:
    """A dictionary class's shipped file, read once: loading is not free (the actors' files
    hold some 3,000 entries), and the dictionary is never changed once read."""
    return cls.read(cls.shipped)


def read_entries(
    path: Path, key: str, error: type[ValueError], make: Callable, *, data: dict
) -> tuple[dict, tuple[str, ...]]:
    """The entries of a dictionary file by id, and its ``ignore`` phrases.

    Args:
        key: The list that holds the entries (``actors``, ``eras``).
        make: ``make(where, entry)`` checks one entry and returns it as an object with an
            ``id``; ``where`` names the file and entry for messages.
        data: The file as :meth:`_Reading.parse` gave it.

    Raises:
        error: an entry cannot be used; the message names the file and entry.
    """
    entries: dict = {}
    for number, raw in enumerate(data.get(key) or [], start=1):
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


class _KeyGivenTwice(yaml.YAMLError):
    """A key given twice in one mapping (YAML would keep the last and drop the first)."""

    def __init__(self, node: yaml.ScalarNode, first: yaml.ScalarNode, entry: str | None) -> None:
        super().__init__()
        in_entry = f"entry {entry}: " if entry else ""
        self.message = (
            f"line {node.start_mark.line + 1}: {in_entry}key {node.value!r} is given twice (first on "
            f"line {first.start_mark.line + 1}); only the last would count"
        )

    def __str__(self) -> str:
        return self.message


_MERGE = "tag:yaml.org,2002:merge"


class _DictionaryLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe YAML loader (libyaml's when PyYAML has it: the shipped dictionaries load ten
    times faster) that refuses a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                # Keys as written and resolved ("1" and 1 differ); "<<: *base" followed by a
                # key of base overrides it on purpose; a key that is not a scalar is refused
                # by the constructor itself.
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE:
                    first = seen.setdefault((key_node.tag, key_node.value), key_node)
                    if first is not key_node:
                        raise _KeyGivenTwice(key_node, first, _entry_id(node))
        return super().construct_mapping(node, deep=deep)


def _entry_id(node: yaml.MappingNode) -> str | None:
    """The ``id`` of a mapping node, if it gives one as text."""
    for key_node, value_node in node.value:
        if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
            return value_node.value
    return None


_FILE_KINDS = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a FIFO",
    stat.S_ISCHR: "a character device",
    stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket",
}


@dataclass
class _Reading:
    """One dictionary being read, a file and those it includes: which have been read (each
    once, by the file that included it first), which are open, and how much may still be."""

    error: type[ValueError]
    first: dict[Path, Path | None] = field(default_factory=dict)  # resolved -> included by
    open: list[Path] = field(default_factory=list)  # resolved, the outermost first
    texts: dict[Path, str] = field(default_factory=dict)  # read, not yet parsed
    left: int = MAX_DICTIONARY_MB * 2**20

    @classmethod
    def start(cls, path: Path, error: type[ValueError]) -> _Reading:
        """The reading of the file ``path``, read here (so a problem with it names it)."""
        reading = cls(error)
        if "\0" in str(path):
            raise error(f"{str(path)!r}: a file name cannot hold a NUL byte")
        reading.first[path.resolve()] = None
        reading.open.append(path.resolve())
        reading.texts[path] = reading.text(path, str(path))
        return reading

    def include(self, path: Path, name: str) -> Path:
        """The file ``path`` includes as ``name``, read here (so a problem with it names
        ``path`` and ``name``).

        Raises:
            error: ``name`` holds a NUL byte, the file is included in a loop or a second
                time, is not a regular file, or takes the dictionary over the size limit.
        """
        if "\0" in name:
            raise self.error(f"{path}: include {name!r}: a file name cannot hold a NUL byte")
        other = (path.parent / name).resolve()
        if other in self.open:
            raise self.error(f"{path}: {name} is included in a loop")
        if other in self.first:
            raise self.error(
                f"{path}: {name} is included a second time (first by {self.first[other]}); "
                "each file is read once"
            )
        self.first[other] = path
        self.texts[other] = self.text(other, f"{path}: include {name}")
        self.open.append(other)
        return other

    def text(self, path: Path, where: str) -> str:
        """The text of a regular file, read up to the bytes left (a device or a FIFO is
        never read, nor waited on: it is opened without blocking and refused).

        Raises:
            error: the file cannot be read, is not a regular file or too large; the message
                starts with ``where``.
        """
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            raise self.error(f"{where}: cannot read the file ({exc.strerror})") from None
        try:
            mode = os.fstat(descriptor).st_mode
            if not stat.S_ISREG(mode):
                kind = next((name for test, name in _FILE_KINDS.items() if test(mode)), "special")
                raise self.error(f"{where}: not a regular file ({kind}); give a YAML file")
            with os.fdopen(descriptor, "rb", closefd=False) as file:
                raw = file.read(self.left + 1)
        except OSError as exc:
            raise self.error(f"{where}: cannot read the file ({exc.strerror})") from None
        finally:
            os.close(descriptor)
        if len(raw) > self.left:
            raise self.error(
                f"{where}: more than {MAX_DICTIONARY_MB} MB (a dictionary file and the files "
                f"it includes may hold {MAX_DICTIONARY_MB} MB together)"
            )
        self.left -= len(raw)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise self.error(
                f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None

    def parse(self, path: Path, keys: tuple[str, ...], sections: tuple[str, ...]) -> dict:
        """The YAML mapping of a file read here, checked to hold a list under one of ``keys``
        at least (the others, if given, lists too) and no top-level key but ``sections``.

        Raises:
            error: the file is not YAML, gives a key twice in a mapping, lacks the ``key``
                list or holds another key; the message names the file (and the line).
        """
        text = self.texts.pop(path)
        try:
            data = yaml.load(text, Loader=_DictionaryLoader)
        except _KeyGivenTwice as exc:
            raise self.error(f"{path}: {exc}") from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
            raise self.error(f"{path}: not valid YAML ({at}{exc.problem})") from None
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date such as 1990-02-30
            said = " ".join(str(exc).split())  # one line
            raise self.error(f"{path}: not valid YAML ({said})") from None
        if not isinstance(data, dict) or not any(isinstance(data.get(k), list) for k in keys):
            others = "".join(f" (or a {k!r} list)" for k in keys[1:])
            raise self.error(f"{path}: expected a mapping with an {keys[0]!r} list{others}")
        for k in keys:
            if data.get(k) is not None and not isinstance(data[k], list):
                raise self.error(f"{path}: {k!r} must be a list")
        unknown = [str(name) for name in data if name not in sections]
        if unknown:
            raise self.error(
                f"{path}: unknown top-level key(s) {', '.join(unknown)}; a file of "
                f"{keys[0]} holds {', '.join(sections)}"
            )
        return data
