"""Actors across a corpus: who meets whom (a graph of co-occurrence), the sentences where two
actors meet, and recurring names the dictionary lacks.

Corpus-level statistics the pages use: they read the tables (``mentions``,
``cooccurrence``, ``sentences``, ``actors``), never a document, so editing them never
re-analyses one.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..dictionaries.actors import ActorDictionary, load_actors
from ..features.mentions import WINDOWS
from ..features.terms import stopword_list

if TYPE_CHECKING:
    import networkx as nx


def cooccurrence_graph(
    cooccurrence: pd.DataFrame,
    *,
    window: str = "sentence",
    actors: pd.DataFrame | None = None,
) -> nx.Graph:
    """Actors as nodes, co-occurrence summed over documents as edge ``weight``.

    Nodes carry ``label`` and ``kind`` from ``actors`` (a run's ``actors`` table; default:
    the shipped dictionary's); edges carry ``documents``, the number of documents in which
    the pair meets.
    """
    if window not in WINDOWS:
        raise ValueError(f"window {window!r} is not one of {', '.join(WINDOWS)}")
    actors = load_actors().frame() if actors is None else actors
    known = actors.set_index("actor_id")[["label", "kind"]].to_dict("index")
    import networkx as nx  # only for graphs

    rows = cooccurrence[cooccurrence["window"] == window]
    graph = nx.Graph()
    summed = rows.groupby(["actor_a", "actor_b"]).agg(
        weight=("count", "sum"), documents=("doc_id", "nunique")
    )
    for (a, b), edge in summed.iterrows():
        for node in (a, b):
            graph.add_node(node, **known.get(node, {"label": node, "kind": ""}))
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
    """Capitalised names that recur but are not in the dictionary (as a name, an office or
    an ignored phrase), to help grow it.

    A name is a run of capitalised words (with inner "of", "the"); a single word is skipped
    where it only stands at a sentence start or is a common word (``stopwords``).

    Returns:
        name, count, documents, example (one sentence), most frequent first.
    """
    stopwords = stopwords if stopwords is not None else stopword_list()
    found: list[tuple[str, bool, str, str]] = []  # name, at sentence start, doc_id, sentence
    for row in sentences.itertuples():
        known = dictionary.matcher.find(row.text, shielded=True)  # names and ignored phrases
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
