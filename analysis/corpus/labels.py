"""Names for documents, groups and files, one way for every page, and text made safe for a
chart.

A document is named by a short label built from what tells it apart from the others: the
source (or author) when the corpus has several, its date, and its title without the prefix
that every title of its folder shares ("UN General Assembly General Debate statement, ..."),
or else its first words. Groups come from one documents column; a document without a value
is in the group "(none)" on every page. The default grouping column, and the two sides a
comparison sets against each other when none are given, are chosen here, so that every page
picks the same ones. A file is named from its corpus folder's name on, never by where that
folder is on disk: a page is sent on.
"""

from __future__ import annotations

import html
import os
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import NamedTuple

import pandas as pd

#: The group of a document that has no value in the grouping column.
NONE = "(none)"
#: Columns that group documents when they have several values, in the order tried.
GROUPING_COLUMNS = ("source", "author")
#: Documents columns that describe a file, never a group.
_NOT_GROUPS = frozenset(
    (
        "doc_id",
        "path",
        "title",
        "text",
        "published",
        "date_precision",
        "content_hash",
        "feature_key",
        "format",
        "encoding",
        "byline",
        "date_text",
        "warnings",
        "headings",
        "boilerplate",
    )
)
_BREAKS = re.compile(r"[,:;–—]\s|\s[-–—]\s|\(|\[")


class Empty(str):
    """What a page says instead of a chart or table that would have nothing in it."""


def escape(text, width: int | None = 80) -> str:
    """Document text made safe for a plotly label: HTML-escaped, wrapped with ``<br>``, and
    with ``%`` written as an entity, so a title holding ``%{x}`` is never filled in by a
    hover template (plotly turns the entity back into ``%`` when it draws)."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    text = " ".join(str(text).split())
    lines = textwrap.wrap(text, width) if width else [text]
    return "<br>".join(html.escape(line, quote=False).replace("%", "&#37;") for line in lines)


def shorten(text, width: int = 48) -> str:
    """A text cut to ``width`` characters (with an ellipsis), not yet escaped."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


#: The one group of every document when the pages group by nothing.
ALL_DOCUMENTS = "all documents"


def groups(documents: pd.DataFrame, group_by: str) -> pd.Series:
    """Each document's group (by doc_id) from column ``group_by``; a missing value is "(none)";
    with no ``group_by``, every document is in :data:`ALL_DOCUMENTS`.

    Raises:
        ValueError: ``group_by`` is not a column; the message lists the columns.
    """
    if not group_by:
        return pd.Series(ALL_DOCUMENTS, index=documents["doc_id"].to_numpy(), dtype=object)
    if group_by not in documents.columns:
        raise ValueError(
            f"cannot group by {group_by!r}; documents columns are: {', '.join(documents.columns)}"
        )
    values = documents[group_by].astype("string").str.strip().replace("", pd.NA).fillna(NONE)
    return pd.Series(values.to_numpy(), index=documents["doc_id"].to_numpy(), name=group_by)


def _values(documents: pd.DataFrame, column: str) -> pd.Series:
    values = documents[column].astype("string").str.strip().replace("", pd.NA)
    return values.dropna()


def grouping_column(documents: pd.DataFrame, preferred: str = "") -> str:
    """The column that forms groups: ``preferred`` when given, else the first of source,
    author and the extra manifest columns that has at least two values (an extra column only
    when some value is shared, so a column of one value per file is no grouping). Empty
    when no column qualifies.

    Raises:
        ValueError: ``preferred`` is not a documents column.
    """
    if preferred:
        groups(documents.head(0), preferred)  # refuse an unknown column with the list
        return preferred
    extras = [
        c
        for c in documents.columns
        if c not in (*GROUPING_COLUMNS, *_NOT_GROUPS)
        and (
            pd.api.types.is_object_dtype(documents[c]) or pd.api.types.is_string_dtype(documents[c])
        )
    ]
    for column in (*GROUPING_COLUMNS, *extras):
        if column not in documents:
            continue
        values = _values(documents, column)
        shared = column in GROUPING_COLUMNS or values.duplicated().any()
        if values.nunique() >= 2 and shared:
            return column
    return ""


def choose_grouping(documents: pd.DataFrame, preferred: str = "") -> tuple[str, str]:
    """The grouping column (:func:`grouping_column`) and a sentence that says it for a page."""
    column = grouping_column(documents, preferred)
    if not column:
        return "", (
            "Groups: none (no column such as source or author has two values; set group_by "
            "to a documents column to form groups)."
        )
    sizes = groups(documents, column).value_counts()
    how = "as set by group_by" if preferred else "by default the first column with two values"
    return column, (
        f"Groups: by {column} ({how}), {len(sizes)} group(s); a document without a value "
        f"is in {NONE}."
    )


class Side(NamedTuple):
    """One side of a comparison: its name and its documents."""

    name: str
    ids: list[str]


@dataclass(frozen=True)
class Comparison:
    """Two sides set against each other, with the column they come from and a sentence
    that says what was compared and why (for the page). Unpacks as ``a, b``."""

    group_by: str
    a: Side
    b: Side
    said: str

    def __iter__(self):
        yield self.a
        yield self.b


def default_sides(documents: pd.DataFrame, group_by: str = "") -> tuple[str, list[str], str]:
    """What a comparison sets side by side when the user named nothing: the column, its two
    values, and a sentence saying why. The two largest groups of ``group_by`` (or of the default
    grouping column, :func:`grouping_column`) when it has two values, else the first two
    documents (or the only one)."""
    column = grouping_column(documents, group_by)
    if column:
        sizes = _values(documents, column).value_counts()
        sizes = sizes.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
        if len(sizes) >= 2:
            (a, _), (b, _) = list(sizes.items())[:2]
            of = f" of its {len(sizes)}" if len(sizes) > 2 else ""
            return (
                column,
                [a, b],
                f"By default the two largest groups{of} by {column}; set compare_by and compare "
                "to choose others.",
            )
    if len(documents) < 2:
        return (
            "doc_id",
            list(documents["doc_id"]),
            "The corpus has one document: nothing to compare it with.",
        )
    why = "By default the first two documents"
    why += (
        f" ({group_by} has fewer than two values)"
        if group_by
        else " (no column has two values to group by)"
    )
    return (
        "doc_id",
        list(documents["doc_id"][:2]),
        why + "; set compare_by and compare to choose others.",
    )


def compare_sides(
    documents: pd.DataFrame, group_by: str = "", values: list[str] = ()
) -> Comparison:
    """The two sides of a comparison, each ``(name, doc_ids)``, for two values of column
    ``group_by`` (``doc_id`` compares two documents, named by their labels, :func:`document_labels`).
    With no values, the two largest groups of ``group_by``; with no ``group_by`` either, those of the
    default grouping column, else the first two documents (:func:`default_sides`). A corpus
    of one document gives a second side with no documents. Values with no ``group_by`` are
    doc_ids.

    Raises:
        ValueError: not two values, or a value no document has (the message lists them).
    """
    why = ""
    if not values:
        group_by, values, why = default_sides(documents, group_by)
    group_by = group_by or "doc_id"  # values without a column: documents
    group = groups(documents, group_by)
    if len(values) != 2 and not (why and len(values) == 1):
        raise ValueError(f"compare needs two values of {group_by!r}, got {len(values)}: {values}")
    labels = document_labels(documents, plain=True) if group_by == "doc_id" else None
    sides = []
    for value in values:
        ids = list(group.index[group == str(value)])
        if not ids:
            known = ", ".join(sorted(group.unique())[:30])
            raise ValueError(f"no document has {group_by} = {value!r}; values are: {known}")
        sides.append(Side(labels[ids[0]] if labels is not None else str(value), ids))
    if len(sides) < 2:
        sides.append(Side("(no second document)", []))
    a, b = sides
    said = f"{a.name} ({len(a.ids)} document(s)) against {b.name} ({len(b.ids)} document(s))"
    said += f", by {group_by}. " if group_by != "doc_id" else ". "
    return Comparison(
        group_by, a, b, said + (why or f"Chosen with compare_by = {group_by} and compare.")
    )


def _shared_prefix(titles: list[str]) -> str:
    """The start all ``titles`` share, cut back to a break (a comma, colon, dash or an
    opening bracket), so that only whole words and phrases go."""
    if len(titles) < 2:
        return ""
    prefix = min(titles)  # the common start of the first and last in order is everyone's
    last = max(titles)
    prefix = prefix[
        : next(
            (i for i, (x, y) in enumerate(zip(prefix, last, strict=False)) if x != y), len(prefix)
        )
    ]
    if len(set(titles)) == 1:  # one title for all: it tells none apart
        return titles[0]
    if prefix in titles:  # one title is the start of another: keep the titles whole
        return ""
    cuts = [
        m.start() if m.group().startswith(("(", "[")) else m.end() for m in _BREAKS.finditer(prefix)
    ]
    return prefix[: cuts[-1]] if cuts else ""


def _strip_repeats(rest: str, *repeats: str) -> str:
    """``rest`` without the words it repeats from the rest of the label (the source, the
    year), and without the brackets and punctuation left over."""
    for word in filter(None, repeats):  # whole words only: 1945 stays in 1945–1960
        rest = re.sub(
            rf"(?<![\w–-]){re.escape(word)}(?:['’]s)?(?![\w–-])", "", rest, flags=re.IGNORECASE
        )
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", rest)
    rest = re.sub(r"\s+([,:;)\]])", r"\1", " ".join(rest.split()))
    rest = re.sub(r"([,:;])(\s*[,:;])+", r"\1", rest)
    rest = re.sub(r"[,:;]\s*(?=[(\[])", " ", rest)
    rest = rest.strip(" ,:;-–—")
    bracketed = re.fullmatch(r"\(([^()]*)\)|\[([^\[\]]*)\]", rest)
    return next(filter(None, bracketed.groups())).strip() if bracketed else rest


def label_column(documents: pd.DataFrame) -> str:
    """The column that names who wrote or published each document in its label: source,
    else author, when it has several values (empty when neither has)."""
    for column in GROUPING_COLUMNS:
        if column in documents and _values(documents, column).nunique() >= 2:
            return column
    return ""


def document_labels(
    documents: pd.DataFrame, *, width: int = 60, dated: bool = True, plain: bool = False
) -> pd.Series:
    """A short label per document (by doc_id), unique, the same on every page:
    ``Pakistan, 1965: session 20``. Its parts: the source or author (when the corpus has
    several; brackets after the name dropped), the publication date (``≥ 2025`` when only
    inferred; left out when not ``dated``), and the title without the prefix that all titles
    of its folder share and without the words already in the label, else the first words of
    the text. Two documents that would read the same get their doc_id added.

    Args:
        width: The longest label, in characters; the title part is cut to fit.
        plain: Text as it is, for a table or a caption; else HTML-escaped for a chart.
    """
    docs = documents.reset_index(drop=True)
    who_column = label_column(docs)
    titles = docs["title"] if "title" in docs else pd.Series([None] * len(docs))
    titles = titles.astype("string").str.strip().replace("", pd.NA)
    folders = (
        docs["path"].map(lambda p: str(PurePath(str(p)).parent))
        if "path" in docs
        else pd.Series([""] * len(docs))
    )
    prefix = {
        folder: _shared_prefix(list(titles[(folders == folder) & titles.notna()]))
        for folder in folders.unique()
    }
    labels = []
    for n, doc in docs.iterrows():
        who = ""
        if who_column and isinstance(doc[who_column], str) and doc[who_column].strip():
            # "China (Republic of China delegation, 1946-1971)": the date says the rest
            who = re.sub(r"\s*\([^()]*\d[^()]*\)", "", doc[who_column].strip()) or who
        published = doc.get("published")
        when = ""
        if dated:
            if isinstance(published, str) and published:
                inferred = doc.get("date_precision") == "inferred"
                when = ("≥ " if inferred else "") + published
            else:
                when = "undated"
        title = titles[n]
        if isinstance(title, str):
            rest = title[len(prefix[folders[n]]) :]
            year = published[:4] if isinstance(published, str) else ""
            rest = _strip_repeats(rest, who, year) if (who or year) else rest
        else:
            text = doc.get("text")
            rest = " ".join(str(text).split()[:8]) if isinstance(text, str) else ""
            rest = rest or str(doc["doc_id"])
        head = ", ".join(filter(None, (who, when)))
        room = max(width - len(head) - 2, 16)
        labels.append(f"{head}: {shorten(rest, room)}" if head and rest else head or rest)
    series = pd.Series(labels, index=docs["doc_id"].to_numpy())
    dupes = series.duplicated(keep=False)
    series[dupes] = [
        f"{text} [{doc}]" for text, doc in zip(series[dupes], series.index[dupes], strict=True)
    ]
    return series if plain else series.map(lambda s: escape(s, None))


def shown_paths(paths: Iterable[str], corpus: str | PurePath | None = None) -> list[str]:
    """Paths of the corpus's files as a page shows them: from the corpus folder's name on
    (``articles/2024/a.txt``), never where the folder is on disk (a path outside it: its
    name alone). Without ``corpus``, the folder all ``paths`` are in stands for it."""
    paths = [PurePath(str(path)) for path in paths]
    if corpus is None:
        if not paths:
            return []
        corpus = PurePath(os.path.commonpath(paths))
        if corpus in paths:  # one file, or a folder that holds the others
            corpus = corpus.parent
    corpus = PurePath(corpus)
    return [
        (PurePath(corpus.name) / path.relative_to(corpus)).as_posix()
        if path.is_relative_to(corpus)
        else path.name
        for path in paths
    ]


def named(frame: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its ``doc_id`` column replaced by ``document``, each document's label
    (:func:`document_labels`), first: for a table a reader scans."""
    label = document_labels(documents, plain=True)
    out = frame.assign(doc_id=frame["doc_id"].map(label)).rename(columns={"doc_id": "document"})
    return out[["document", *(c for c in out.columns if c != "document")]]


def actor_labels(actors: pd.DataFrame) -> dict[str, str]:
    """How the pages name each actor, by actor_id, from a run's ``actors`` table (callers
    name an id the table lacks by itself: ``labels.get(actor_id, actor_id)``)."""
    return dict(zip(actors["actor_id"], actors["label"], strict=True))
