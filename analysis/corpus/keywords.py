"""Terms across a corpus: the most frequent, keyness of one group against another,
collocations, keyword in context and dispersion.

Corpus-level statistics over the ``terms`` and ``documents`` tables (tokens as
:mod:`analysis.features.terms` makes them); editing them never re-analyses a document.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..features.terms import stopword_list, tokenize
from .labels import groups


def _query_pattern(query: str, case: bool) -> re.Pattern:
    words = r"\s+".join(map(re.escape, query.split()))
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if case else re.IGNORECASE)


def top_terms(
    terms: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    group_by: str | None = None,
    top_n: int = 20,
    ngram: int | None = 1,
) -> pd.DataFrame:
    """The ``top_n`` most frequent terms overall, or per group of a documents column ``group_by``.

    Returns:
        (group,) term, count, docfreq (documents using the term), rank.
    """
    frame = _with_groups(terms, documents, group_by)
    if ngram is not None:
        frame = frame[frame["ngram"] == ngram]
    keys = ["group"] if group_by else []
    summed = (
        frame.groupby([*keys, "term"], observed=True)
        .agg(count=("count", "sum"), docfreq=("doc_id", "nunique"))
        .reset_index()
        .sort_values([*keys, "count", "term"], ascending=[*([True] * len(keys)), False, True])
    )
    summed["rank"] = summed.groupby(keys).cumcount() + 1 if keys else range(1, len(summed) + 1)
    return summed[summed["rank"] <= top_n].reset_index(drop=True)


def document_frequency(terms: pd.DataFrame, *, ngram: int | None = 1) -> pd.DataFrame:
    """For each term: documents that use it (``docfreq``) and the share of all documents."""
    frame = terms if ngram is None else terms[terms["ngram"] == ngram]
    total = terms["doc_id"].nunique()
    out = frame.groupby("term")["doc_id"].nunique().rename("docfreq").reset_index()
    out["share"] = out["docfreq"] / total
    return out.sort_values(["docfreq", "term"], ascending=[False, True]).reset_index(drop=True)


def _with_groups(
    terms: pd.DataFrame, documents: pd.DataFrame | None, group_by: str | None
) -> pd.DataFrame:
    if group_by is None:
        return terms
    if documents is None:
        columns = (
            ", ".join(documents.columns) if documents is not None else "(no documents table given)"
        )
        raise ValueError(f"cannot group by {group_by!r}; documents columns are: {columns}")
    group = groups(documents, group_by)  # a document without a value is in "(none)"
    return terms.assign(group=terms["doc_id"].map(group)).dropna(subset=["group"])


def keyness(
    terms: pd.DataFrame,
    target: list[str] | pd.Series,
    reference: list[str] | pd.Series | None = None,
    *,
    ngram: int = 1,
    min_count: int = 1,
) -> pd.DataFrame:
    """Keyness of terms in target documents against reference documents (default: the rest).

    For each term with frequencies a (target) and b (reference) in corpora of sizes c and d
    tokens: expected E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d);
    log-likelihood ``g2`` = 2(a ln(a/E1) + b ln(b/E2)) (Rayson & Garside 2000), signed negative
    where the term is relatively rarer in the target; ``chi2`` is Pearson's chi-square of the
    2x2 table; ``log_ratio`` = log2((a/c)/(b/d)) with 0.5 added to zero counts (Hardie 2014),
    the effect size; ``p`` for G² with one degree of freedom.

    Returns:
        term, target_count, reference_count, target_per_10k, reference_per_10k, g2, chi2, p,
        log_ratio; sorted by g2, most distinctive of the target first. Empty when a side has
        no terms.
    """
    frame = terms[terms["ngram"] == ngram]
    in_target = frame["doc_id"].isin(list(target))
    in_reference = ~in_target if reference is None else frame["doc_id"].isin(list(reference))
    a = frame[in_target].groupby("term")["count"].sum()
    b = frame[in_reference].groupby("term")["count"].sum()
    table = pd.concat([a.rename("target_count"), b.rename("reference_count")], axis=1).fillna(0)
    table = table[(table["target_count"] + table["reference_count"]) >= min_count]
    c, d = a.sum(), b.sum()
    if c == 0 or d == 0:  # one side has no words: nothing is typical of either
        return pd.DataFrame(columns=_KEYNESS_COLUMNS)
    rows = []
    for term, (ta, rb) in table.iterrows():
        rows.append(
            {
                "term": term,
                "target_count": int(ta),
                "reference_count": int(rb),
                **_keyness_stats(ta, rb, c, d),
            }
        )
    out = pd.DataFrame(rows)
    out.insert(3, "target_per_10k", out["target_count"] / c * 10_000)
    out.insert(4, "reference_per_10k", out["reference_count"] / d * 10_000)
    return out.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


_KEYNESS_COLUMNS = (
    "term",
    "target_count",
    "reference_count",
    "target_per_10k",
    "reference_per_10k",
    "g2",
    "chi2",
    "p",
    "log_ratio",
)


def _keyness_stats(a: float, b: float, c: float, d: float) -> dict[str, float]:
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    g2 = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)
    sign = 1 if a / c >= b / d else -1
    n = c + d
    cells = ((a, e1), (b, e2), (c - a, c - e1), (d - b, d - e2))
    chi2 = sum((o - e) ** 2 / e for o, e in cells if e > 0)
    log_ratio = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
    return {
        "g2": sign * g2,
        "chi2": sign * chi2,
        "p": math.erfc(math.sqrt(g2 / 2)) if n else math.nan,
        "log_ratio": log_ratio,
    }


#: Collocation measures (NLTK's bigram association measures), by name.
COLLOCATION_MEASURES = {
    "likelihood": "log-likelihood ratio (Dunning 1993): robust to rare pairs",
    "t": "t-score (Church et al. 1991): favours frequent pairs",
    "pmi": "pointwise mutual information: favours rare pairs, so set a high min_count",
}


def collocation_min_count(words: int) -> int:
    """The least count of a pair worth ranking in a corpus of ``words`` words: 2, and one
    more per 100,000 words beyond the first (a pair seen twice in a million words is
    chance)."""
    return max(2, math.ceil(words / 100_000))


def collocations(
    sentences: pd.DataFrame, *, measure: str = "likelihood", min_count: int = 3, top_n: int = 20
) -> pd.DataFrame:
    """Bigram collocations of content words (stop words removed, within a sentence), ranked
    by one of :data:`COLLOCATION_MEASURES` (NLTK's ``BigramAssocMeasures``), among the pairs
    seen at least ``min_count`` times (:func:`collocation_min_count` suits the corpus).

    Returns:
        bigram, count, score; empty when no pair is frequent enough.
    """
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    measures = BigramAssocMeasures()
    scorers = {
        "pmi": measures.pmi,
        "likelihood": measures.likelihood_ratio,
        "t": measures.student_t,
    }
    if measure not in scorers:
        raise ValueError(f"measure {measure!r} is not one of {', '.join(scorers)}")
    stop = stopword_list()
    # One token list per sentence, joined by a break so no bigram spans two sentences.
    words: list[str] = []
    for text in sentences["text"]:
        words.extend(t for t in tokenize(text) if t not in stop)
        words.append("\x00")
    finder = BigramCollocationFinder.from_words(words)
    finder.apply_ngram_filter(lambda w1, w2: "\x00" in (w1, w2))
    finder.apply_freq_filter(min_count)
    scored = sorted(finder.score_ngrams(scorers[measure]), key=lambda p: (-p[1], p[0]))[:top_n]
    return pd.DataFrame(
        [
            {"bigram": f"{w1} {w2}", "count": finder.ngram_fd[w1, w2], "score": score}
            for (w1, w2), score in scored
        ],
        columns=["bigram", "count", "score"],
    )


def kwic(
    sentences: pd.DataFrame, query: str, *, window: int = 40, case: bool = False
) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word or phrase with the text around it.

    Returns:
        doc_id, sentence_id, left, match, right (``window`` characters of context each side).
    """
    pattern = _query_pattern(query, case)
    rows = []
    for row in sentences.itertuples():
        for match in pattern.finditer(row.text):
            rows.append(
                {
                    "doc_id": row.doc_id,
                    "sentence_id": row.sentence_id,
                    "left": row.text[max(0, match.start() - window) : match.start()],
                    "match": match.group(),
                    "right": row.text[match.end() : match.end() + window],
                }
            )
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "match", "right"])


def dispersion(documents: pd.DataFrame, queries: list[str], *, case: bool = False) -> pd.DataFrame:
    """Where each query occurs along each document: ``position`` is the character offset
    divided by the body length (0 = start, 1 = end), for a lexical dispersion plot."""
    rows = []
    for query in queries:
        pattern = _query_pattern(query, case)
        for doc in documents.itertuples():
            length = max(len(doc.text), 1)
            rows += [
                {
                    "doc_id": doc.doc_id,
                    "term": query,
                    "offset": m.start(),
                    "position": m.start() / length,
                }
                for m in pattern.finditer(doc.text)
            ]
    out = pd.DataFrame(rows, columns=["doc_id", "term", "offset", "position"])
    out.attrs["queries"] = list(queries)  # for the page that says none of them occurs
    return out
