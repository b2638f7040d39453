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
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .config import DATA_DIR
from .phrases import PhraseDictionary, check_entry, phrase_lists
from .terms import stopword_list

if TYPE_CHECKING:
    import networkx as nx

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


class ActorDictionary(PhraseDictionary):
    """Actors by id, and the phrases that must never count as one."""

    key = "actors"
    shipped = DEFAULT_ACTORS
    error = ActorDictionaryError

    @staticmethod
    def make_entry(where: str, raw) -> Actor:
        return _actor(where, raw)

    @staticmethod
    def phrases_of(entry: Actor) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return entry.aliases, entry.exact

    @property
    def actors(self) -> dict[str, Actor]:
        return self.entries


def load_actors(path: Path | str | None = None, *, extend: bool = True) -> ActorDictionary:
    """Read an actor dictionary.

    Args:
        path: A YAML file in the format of ``data/actors.yml``; ``None`` for the shipped one.
        extend: With a user's file, add its actors to the shipped ones (an entry with an
            existing id replaces that actor); ``False`` uses the user's file alone.

    Raises:
        ActorDictionaryError: the file is missing, not YAML, or an entry is malformed.
    """
    return ActorDictionary.load(path, extend=extend)


def _actor(where: str, entry) -> Actor:
    check_entry(where, entry, _FIELDS, ("id", "label", "kind"), ActorDictionaryError)
    if entry["kind"] not in KINDS:
        raise ActorDictionaryError(
            f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}"
        )
    aliases, exact = phrase_lists(where, entry, ("aliases", "exact"), ActorDictionaryError)
    roles = entry.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) and "role" in r for r in roles):
        raise ActorDictionaryError(
            f"{where}: 'roles' must be a list of {{role, start, end}} mappings"
        )
    return Actor(
        id=entry["id"],
        label=entry["label"],
        kind=entry["kind"],
        aliases=aliases,
        exact=exact,
        affiliation=entry.get("affiliation"),
        roles=tuple(roles),
    )


def find_mentions(text: str, dictionary: ActorDictionary) -> list[tuple[int, int, str, str]]:
    """Actor mentions in ``text`` as ``(start, end, actor_id, surface)``, in reading order;
    the longest name wins at each place (see :class:`analysis.phrases.PhraseMatcher`)."""
    return dictionary.matcher.find(text)


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
    import networkx as nx  # only for graphs

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
    import networkx as nx

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
