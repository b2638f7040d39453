"""Actors: who a text names, and which actors it puts together.

The dictionary is data (``data/actors.yml``; a user's file can extend or replace it). Each
actor has case-insensitive ``aliases`` and case-sensitive ``exact`` names, so "US" is the
United States and "us" is not. Matching takes the longest name at each place and never counts
overlapping names twice ("New Delhi" is India once; "South Sudan" is not also "Sudan");
possessives ("Pakistan’s") and hyphenated compounds ("US-India", "U.S.-Pakistan") match.
Phrases under ``ignore`` are matched and dropped ("Indian Ocean" is not India).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx
import pandas as pd
import yaml

from .config import DATA_DIR
from .terms import stopword_list

DEFAULT_ACTORS = DATA_DIR / "actors.yml"
KINDS = ("state", "person", "igo", "group", "territory")
WINDOWS = ("sentence", "paragraph", "document")
MENTION_COLUMNS = ("doc_id", "sentence_id", "actor_id", "actor_kind", "surface", "start", "end")
COOCCURRENCE_COLUMNS = ("doc_id", "actor_a", "actor_b", "window", "count")
_FIELDS = {"id", "label", "kind", "aliases", "exact", "affiliation", "roles"}


class ActorDictionaryError(ValueError):
    """A dictionary file that cannot be used; the message names the file, entry and problem."""


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    affiliation: str | None = None
    roles: tuple[dict, ...] = ()


@dataclass
class ActorDictionary:
    """Actors by id, and the phrases that must never count as one."""

    actors: dict[str, Actor]
    ignore: tuple[str, ...] = ()
    _compiled: tuple | None = field(default=None, repr=False)

    def _compile(self) -> tuple:
        """Alternations (case-insensitive, case-sensitive) and name -> id lookups, built once."""
        if self._compiled is None:
            loose = {name.casefold(): a.id for a in self.actors.values() for name in a.aliases}
            loose.update({name.casefold(): None for name in self.ignore})
            strict = {name: a.id for a in self.actors.values() for name in a.exact}
            names = [n for a in self.actors.values() for n in a.aliases] + list(self.ignore)
            self._compiled = (
                _alternation(names, re.IGNORECASE),
                _alternation(list(strict), 0),
                loose,
                strict,
            )
        return self._compiled

    def patterns(self) -> tuple[re.Pattern, re.Pattern]:
        """Compiled (case-insensitive, case-sensitive) alternations, longest names first."""
        return self._compile()[:2]

    def lookup(self, surface: str, case_sensitive: bool) -> str | None:
        """The actor id a matched name stands for (None for an ignored phrase)."""
        _, _, loose, strict = self._compile()
        return strict.get(surface) if case_sensitive else loose.get(surface.casefold())


def _alternation(names: list[str], flags: int) -> re.Pattern:
    if not names:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
    # Not inside a longer word; "U.S." may be followed by "-Pakistan" or a possessive.
    return re.compile(rf"(?<![\w.])(?:{body})(?!\w)", flags)


def load_actors(path: Path | str | None = None, *, extend: bool = True) -> ActorDictionary:
    """Read an actor dictionary.

    Args:
        path: A YAML file in the format of ``data/actors.yml``; ``None`` for the shipped one.
        extend: With a user's file, add its actors to the shipped ones (an entry with an
            existing id replaces that actor); ``False`` uses the user's file alone.

    Raises:
        ActorDictionaryError: the file is missing, not YAML, or an entry is malformed.
    """
    shipped = _read_dictionary(DEFAULT_ACTORS)
    if path is None:
        return shipped
    own = _read_dictionary(Path(path))
    if not extend:
        return own
    return ActorDictionary(
        {**shipped.actors, **own.actors}, tuple(shipped.ignore) + tuple(own.ignore)
    )


def _read_dictionary(path: Path) -> ActorDictionary:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ActorDictionaryError(
            f"{path}: cannot read the actor dictionary ({exc.strerror})"
        ) from None
    except yaml.YAMLError as exc:
        raise ActorDictionaryError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorDictionaryError(f"{path}: expected a mapping with an 'actors' list")
    actors: dict[str, Actor] = {}
    for number, entry in enumerate(data["actors"], start=1):
        actor = _actor(path, number, entry)
        if actor.id in actors:
            raise ActorDictionaryError(f"{path}: entry {number} ({actor.id}): id used twice")
        actors[actor.id] = actor
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        raise ActorDictionaryError(f"{path}: 'ignore' must be a list of phrases")
    return ActorDictionary(actors, tuple(ignore))


def _actor(path: Path, number: int, entry) -> Actor:
    where = f"{path}: entry {number}"
    if not isinstance(entry, dict):
        raise ActorDictionaryError(f"{where}: expected a mapping with id, label, kind and aliases")
    if isinstance(entry.get("id"), str):
        where += f" ({entry['id']})"
    unknown = set(entry) - _FIELDS
    if unknown:
        raise ActorDictionaryError(
            f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(_FIELDS))}"
        )
    for required in ("id", "label", "kind"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            raise ActorDictionaryError(f"{where}: '{required}' is missing or not text")
    if entry["kind"] not in KINDS:
        raise ActorDictionaryError(
            f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}"
        )
    names = {}
    for key in ("aliases", "exact"):
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            raise ActorDictionaryError(f"{where}: '{key}' must be a list of non-empty names")
        names[key] = tuple(value)
    if not names["aliases"] and not names["exact"]:
        raise ActorDictionaryError(f"{where}: no names to match (give 'aliases' or 'exact')")
    roles = entry.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) and "role" in r for r in roles):
        raise ActorDictionaryError(
            f"{where}: 'roles' must be a list of {{role, start, end}} mappings"
        )
    return Actor(
        id=entry["id"],
        label=entry["label"],
        kind=entry["kind"],
        aliases=names["aliases"],
        exact=names["exact"],
        affiliation=entry.get("affiliation"),
        roles=tuple(roles),
    )


def find_mentions(text: str, dictionary: ActorDictionary) -> list[tuple[int, int, str, str]]:
    """Actor mentions in ``text`` as ``(start, end, actor_id, surface)``, in reading order.

    Candidates from both alternations are ranked by start, then length; the longest at each
    place wins and overlapping candidates are dropped.
    """
    loose, strict = dictionary.patterns()
    candidates = [(m.start(), m.end(), False) for m in loose.finditer(text)]
    candidates += [(m.start(), m.end(), True) for m in strict.finditer(text)]
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    found, taken_until = [], -1
    for start, end, case_sensitive in candidates:
        if start < taken_until:
            continue
        taken_until = end
        surface = text[start:end]
        actor_id = dictionary.lookup(surface, case_sensitive)
        if actor_id is not None:
            found.append((start, end, actor_id, surface))
    return found


def mention_rows(doc_id: str, sentences: list, dictionary: ActorDictionary) -> list[dict]:
    """Rows of the ``mentions`` table for one document's sentences (offsets into its body)."""
    rows = []
    for sentence in sentences:
        for start, end, actor_id, surface in find_mentions(sentence.text, dictionary):
            rows.append(
                {
                    "doc_id": doc_id,
                    "sentence_id": sentence.sentence_id,
                    "actor_id": actor_id,
                    "actor_kind": dictionary.actors[actor_id].kind,
                    "surface": surface,
                    "start": sentence.start + start,
                    "end": sentence.start + end,
                }
            )
    return rows


def cooccurrence_rows(doc_id: str, mentions: list[dict], sentences: list) -> list[dict]:
    """Rows of ``cooccurrence`` for one document: for each pair of distinct actors and window
    (sentence, paragraph, document), the number of such windows that name both."""
    paragraph_of = {s.sentence_id: s.paragraph_id for s in sentences}
    units: dict[str, dict[int, set[str]]] = {window: {} for window in WINDOWS}
    for mention in mentions:
        sid = mention["sentence_id"]
        for window, key in (("sentence", sid), ("paragraph", paragraph_of[sid]), ("document", 0)):
            units[window].setdefault(key, set()).add(mention["actor_id"])
    rows = []
    for window in WINDOWS:
        counts = Counter(
            pair for actors in units[window].values() for pair in combinations(sorted(actors), 2)
        )
        rows += [
            {"doc_id": doc_id, "actor_a": a, "actor_b": b, "window": window, "count": n}
            for (a, b), n in sorted(counts.items())
        ]
    return rows


def cooccurrence_graph(
    cooccurrence: pd.DataFrame,
    *,
    window: str = "sentence",
    dictionary: ActorDictionary | None = None,
) -> nx.Graph:
    """Actors as nodes, co-occurrence summed over documents as edge ``weight``.

    Nodes carry ``label`` and ``kind`` from the dictionary; edges carry ``documents``, the
    number of documents in which the pair meets.
    """
    if window not in WINDOWS:
        raise ValueError(f"window {window!r} is not one of {', '.join(WINDOWS)}")
    dictionary = dictionary or load_actors()
    rows = cooccurrence[cooccurrence["window"] == window]
    graph = nx.Graph()
    summed = rows.groupby(["actor_a", "actor_b"]).agg(
        weight=("count", "sum"), documents=("doc_id", "nunique")
    )
    for (a, b), edge in summed.iterrows():
        for node in (a, b):
            actor = dictionary.actors.get(node)
            graph.add_node(
                node, label=actor.label if actor else node, kind=actor.kind if actor else ""
            )
        graph.add_edge(a, b, weight=int(edge["weight"]), documents=int(edge["documents"]))
    return graph


def write_graph(graph: nx.Graph, path: Path | str) -> Path:
    """Write a graph for Gephi: ``.graphml`` or ``.gexf``, chosen by the file ending."""
    path = Path(path)
    writers = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}
    if path.suffix not in writers:
        raise ValueError(f"{path}: unknown graph format; use one of {', '.join(writers)}")
    writers[path.suffix](graph, path)
    return path


def evidence(
    mentions: pd.DataFrame, sentences: pd.DataFrame, actor_a: str, actor_b: str
) -> pd.DataFrame:
    """The sentences in which two actors meet: doc_id, sentence_id, section, text."""
    both = mentions[mentions["actor_id"].isin([actor_a, actor_b])]
    per_sentence = both.groupby(["doc_id", "sentence_id"])["actor_id"].nunique()
    keys = per_sentence[per_sentence == (1 if actor_a == actor_b else 2)].index
    found = sentences.set_index(["doc_id", "sentence_id"]).loc[keys].reset_index()
    return found[["doc_id", "sentence_id", "section", "text"]]


_CAPITALISED = re.compile(
    r"(?<![\w.’'-])[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+(?:of\s+|the\s+|al-)?[A-Z][\w’'-]*)*"
)


def candidate_actors(
    sentences: pd.DataFrame,
    dictionary: ActorDictionary,
    *,
    min_count: int = 3,
    stopwords: set[str] | None = None,
) -> pd.DataFrame:
    """Capitalised names that recur but are not in the dictionary, to help grow it.

    A name is a run of capitalised words (with inner "of", "the"); a single word is skipped
    where it only stands at a sentence start or is a common word (``stopwords``).

    Returns:
        name, count, documents, example (one sentence), most frequent first.
    """
    stopwords = stopwords if stopwords is not None else stopword_list()
    found: list[tuple[str, bool, str, str]] = []  # name, at sentence start, doc_id, sentence
    for row in sentences.itertuples():
        known = find_mentions(row.text, dictionary)
        for match in _CAPITALISED.finditer(row.text):
            if any(s < match.end() and match.start() < e for s, e, _, _ in known):
                continue
            name = re.sub(r"[’']s$", "", match.group().strip())
            found.append((name, row.text[: match.start()].strip() == "", row.doc_id, row.text))
    # A capital at a sentence start proves nothing: "Later Imaan Mazari" is "Imaan Mazari"
    # when that name is seen elsewhere; a lone first word is not a name.
    inner = {name for name, initial, _, _ in found if not initial}
    counts: Counter = Counter()
    docs: dict[str, set[str]] = {}
    examples: dict[str, str] = {}
    for name, initial, doc_id, text in found:
        words = name.split()
        if initial:
            if len(words) == 1:
                continue
            if " ".join(words[1:]) in inner:
                name = " ".join(words[1:])
        if name.split()[0].lower() in stopwords:
            continue
        counts[name] += 1
        docs.setdefault(name, set()).add(doc_id)
        examples.setdefault(name, text)
    rows = [
        {"name": name, "count": n, "documents": len(docs[name]), "example": examples[name]}
        for name, n in counts.most_common()
        if n >= min_count
    ]
    return pd.DataFrame(rows, columns=["name", "count", "documents", "example"])
