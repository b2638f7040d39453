"""Terms: what words a text uses, and which words mark one group of texts against another.

Tokens are words of letters (with inner apostrophes and hyphens), lower-cased, except
acronyms written in capitals or with dots, which keep their capitals so "US" is never the
stop word "us", and lose their dots, so "U.S." and "US" (a house style, not a difference of
content) are one term, "US". Numbers are not terms. Phrases in ``data/phrases.txt``
("war on terror", "Cold War", "New Delhi") are single terms. Unigrams drop stop words
(``data/stopwords.txt``); bigrams and trigrams are runs within a sentence that contain no
stop word, as tidytext and quanteda users form them. Optional Snowball stemming.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

import pandas as pd
import pyarrow as pa

from .config import DATA_DIR
from .labels import groups
from .phrases import folds_into_ascii
from .sentences import read_word_list

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,}")
_POSSESSIVE = re.compile(r"['’]s$")


@cache
def stopword_list() -> frozenset[str]:
    """The shipped English stop words (curly apostrophes normalised to straight ones)."""
    return frozenset(read_word_list(DATA_DIR / "stopwords.txt"))


@cache
def phrase_list() -> tuple[str, ...]:
    """The shipped multi-word terms, longest first."""
    return tuple(sorted(read_word_list(DATA_DIR / "phrases.txt"), key=len, reverse=True))


@cache
def _phrase_pattern(phrases: tuple[str, ...], ignore_case: bool = True) -> re.Pattern:
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    # The class of first letters lets the engine pass over most places at once (the same
    # matches, a third faster: the class ignores case as the phrases do).
    firsts = re.escape("".join(sorted({p[0] for p in phrases if p})))
    ahead = f"(?=[{firsts}])" if all(phrases) else ""
    return re.compile(rf"(?<!\w){ahead}(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)


def _phrase_matches(text: str, phrases: tuple[str, ...]) -> Iterator[re.Match]:
    """The kept phrases in ``text``, as the pattern that ignores case finds them.

    Phrases of ASCII characters, lower-cased, find the same spans in the lower-cased text
    with case respected, at two thirds of the cost. Lower-casing keeps each character one
    character, a word character or not, and outside ASCII or not (``tests/test_terms.py``
    tries every code point), except for two of the four characters that match an ASCII
    letter only when case is ignored (:data:`analysis.phrases.ASCII_FOLDING`): a text that
    holds one of the four, or phrases that are not ASCII, take the pattern that ignores
    case."""
    lowered = _lower_phrase_pattern(phrases)
    if lowered and not folds_into_ascii(text):
        return lowered.finditer(text.lower())
    return _phrase_pattern(phrases).finditer(text)


@cache
def _lower_phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern | None:
    if not all(map(str.isascii, phrases)):
        return None
    return _phrase_pattern(tuple(p.lower() for p in phrases), ignore_case=False)


def tokenize(text: str, *, phrases: tuple[str, ...] | None = None, stem: bool = False) -> list[str]:
    """Term tokens of one sentence, in order (stop words included; callers drop them).

    >>> tokenize("The U.S. and Pakistan’s war on terror cost 1,000 lives.")
    ['the', 'US', 'and', 'pakistan', 'war on terror', 'cost', 'lives']
    """
    phrases = phrase_list() if phrases is None else phrases
    tokens: list[str] = []
    position = 0
    spans = list(_phrase_matches(text, phrases)) if phrases else []
    for match in [*spans, None]:
        end = match.start() if match else len(text)
        tokens.extend(map(_word, _TOKEN.findall(text, position, end)))
        if match:
            tokens.append(" ".join(match.group().lower().split()))
            position = match.end()
    if stem:
        stemmer = _stemmer()
        tokens = [t if " " in t or _ACRONYM.fullmatch(t) else stemmer.stem(t) for t in tokens]
    return tokens


@cache
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # NLTK is imported only when needed

    return SnowballStemmer("english")


@cache  # once per distinct token
def _word(token: str) -> str:
    token = _POSSESSIVE.sub("", token)
    if _ACRONYM.fullmatch(token):
        return token.replace(".", "")  # U.S. and US: one spelling of one name
    return token.lower().replace("’", "'")


def _query_pattern(query: str, case: bool) -> re.Pattern:
    words = r"\s+".join(map(re.escape, query.split()))
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if case else re.IGNORECASE)


def count_terms(sentences: list[str], *, max_n: int = 3, stem: bool = False) -> Counter:
    """Counts of ``(term, ngram)`` over sentences, for n-grams up to ``max_n``.

    An n-gram is n tokens in a row within one sentence, none of them a stop word (so n-grams
    are taken within the runs of content words between stop words).
    """
    stop = stopword_list()
    # The document's tokens in order, with None for each stop word and after each sentence:
    # the n-grams are then the windows of this one list that hold no None, and each is
    # counted by Counter in C rather than formed word by word in Python.
    marked: list[str | None] = []
    for sentence in sentences:
        marked += [None if token in stop else token for token in tokenize(sentence, stem=stem)]
        marked.append(None)
    counts = Counter({(term, 1): count for term, count in Counter(filter(None, marked)).items()})
    for n in range(2, max_n + 1):
        windows = zip(*(marked[i:] for i in range(n)), strict=False)  # stops at the shortest
        found = Counter(map(" ".join, filter(all, windows)))  # all(): no None in the window
        counts.update({(term, n): count for term, count in found.items()})
    return counts


def term_rows(doc_id: str, sentences: list[str], *, max_n: int = 3, stem: bool = False) -> pa.Table:
    """The ``terms`` table of one document, by term and then n. ``ngram`` is the n of the
    n-gram of tokens; a kept phrase is one token, so "war on terror" is a unigram term.

    An Arrow table rather than rows: a document has thousands of terms, and columns are
    built, sorted and sent between processes at a fraction of the cost of one dict per row.
    """
    counts = count_terms(sentences, max_n=max_n, stem=stem)
    table = pa.table(
        {
            "doc_id": pa.array([doc_id] * len(counts), pa.string()),
            "term": pa.array([term for term, _ in counts], pa.string()),
            "ngram": pa.array([n for _, n in counts], pa.int64()),
            "count": pa.array(list(counts.values()), pa.int64()),
        }
    )
    # Arrow compares UTF-8 bytes, which order as code points do: Python's order of terms.
    return table.sort_by([("term", "ascending"), ("ngram", "ascending")])


def top_terms(
    terms: pd.DataFrame,
    documents: pd.DataFrame | None = None,
    *,
    by: str | None = None,
    n: int = 20,
    ngram: int | None = 1,
) -> pd.DataFrame:
    """The ``n`` most frequent terms overall, or per group of a documents column ``by``.

    Returns:
        (group,) term, count, docfreq (documents using the term), rank.
    """
    frame = _with_groups(terms, documents, by)
    if ngram is not None:
        frame = frame[frame["ngram"] == ngram]
    keys = ["group"] if by else []
    summed = (
        frame.groupby([*keys, "term"], observed=True)
        .agg(count=("count", "sum"), docfreq=("doc_id", "nunique"))
        .reset_index()
        .sort_values([*keys, "count", "term"], ascending=[*([True] * len(keys)), False, True])
    )
    summed["rank"] = summed.groupby(keys).cumcount() + 1 if keys else range(1, len(summed) + 1)
    return summed[summed["rank"] <= n].reset_index(drop=True)


def document_frequency(terms: pd.DataFrame, *, ngram: int | None = 1) -> pd.DataFrame:
    """For each term: documents that use it (``docfreq``) and the share of all documents."""
    frame = terms if ngram is None else terms[terms["ngram"] == ngram]
    total = terms["doc_id"].nunique()
    out = frame.groupby("term")["doc_id"].nunique().rename("docfreq").reset_index()
    out["share"] = out["docfreq"] / total
    return out.sort_values(["docfreq", "term"], ascending=[False, True]).reset_index(drop=True)


def _with_groups(
    terms: pd.DataFrame, documents: pd.DataFrame | None, by: str | None
) -> pd.DataFrame:
    if by is None:
        return terms
    if documents is None:
        columns = (
            ", ".join(documents.columns) if documents is not None else "(no documents table given)"
        )
        raise ValueError(f"cannot group by {by!r}; documents columns are: {columns}")
    group = groups(documents, by)  # a document without a value is in "(none)"
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
    sentences: pd.DataFrame, *, measure: str = "likelihood", min_count: int = 3, n: int = 20
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
    scored = sorted(finder.score_ngrams(scorers[measure]), key=lambda p: (-p[1], p[0]))[:n]
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
