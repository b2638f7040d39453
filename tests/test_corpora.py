"""The real corpora in ../shared/corpora: every document loads, parses and is measured."""

import json
import re
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

from analysis.config import PROJ_ROOT, SHARED_CORPORA_DIR
from analysis.schema import MEASURES
from analysis.tables.pipeline import build_tables
from tests.conftest import needs_corpora

pytestmark = needs_corpora


@pytest.fixture(scope="module")
def corpora():
    return build_tables(SHARED_CORPORA_DIR, progress=False)


def test_all_607_documents_load_and_parse(corpora):
    assert corpora.problems.empty, corpora.problems.to_string()
    assert len(corpora.documents) == 607
    docs = corpora.documents
    assert (docs["sentences"] > 0).all()
    assert docs["published"].notna().all()  # every manifest row has a date
    assert set(docs["date_precision"]) == {"day", "year"}
    for doc in docs.itertuples():
        sentences = corpora.sentences[corpora.sentences["doc_id"] == doc.doc_id]
        assert sentences["sentence_id"].tolist() == list(range(doc.sentences))
    # Manifest metadata: the 1965 special message by Johnson.
    johnson = docs.set_index("doc_id").loc["sotu_1965-Johnson-2"]
    assert johnson["author"] == "Lyndon B. Johnson"
    assert johnson["published"] == "1965-03-15"
    assert johnson["text"].startswith("Mr. Speaker, Mr. President, Members of the Congress:")


def test_offsets_trace_back_to_the_text(corpora):
    texts = corpora.documents.set_index("doc_id")["text"]
    for row in corpora.sentences.sample(2000, random_state=0).itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_readability_equals_textstat_on_every_document(corpora, tmp_path):
    # The reference is textstat as it ships, in its own process; the package computes the
    # measures from its own one-pass counts and must give the same numbers.
    texts = dict(zip(corpora.documents["doc_id"], corpora.documents["text"], strict=True))
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            str(PROJ_ROOT / "benchmarks" / "textstat_reference.py"),
            tmp_path / "texts.json",
            tmp_path / "ref.json",
        ],
        check=True,
        timeout=900,
    )
    reference = json.loads((tmp_path / "ref.json").read_text(encoding="utf-8"))["scores"]
    assert len(reference) == 607
    for row in corpora.readability.itertuples():
        for name in MEASURES:
            assert getattr(row, name) == reference[row.doc_id][name], (
                row.doc_id,
                name,
            )


def test_keyness_of_the_seeds_against_the_state_of_the_union(corpora):
    from analysis.config import SEEDS_DIR
    from analysis.corpus.keywords import keyness

    seeds = build_tables(SEEDS_DIR, progress=False)
    sotu = corpora.documents.loc[
        corpora.documents["path"].str.contains("us_state_of_the_union"), "doc_id"
    ]
    terms = pd.concat([seeds.terms, corpora.terms[corpora.terms["doc_id"].isin(sotu)]])
    top = keyness(terms, seeds.documents["doc_id"], sotu)["term"].head(10).tolist()
    assert {"pakistan", "kashmir", "islamabad"} <= set(top), top


def test_un_statements_by_pakistan_and_india_name_the_states_a_reader_sees(corpora):
    m = corpora.mentions
    pak_1965 = set(m.loc[m["doc_id"] == "PAK_20_1965", "actor_id"])
    assert {"IND", "KASHMIR", "UNO", "PAK"} <= pak_1965
    ind_1971 = set(m.loc[m["doc_id"] == "IND_26_1971", "actor_id"])
    # The 1971 crisis, in September: East Pakistan, not yet Bangladesh (December 1971).
    assert {"PAK", "EAST_PAKISTAN", "UNO", "U_THANT", "YAHYA"} <= ind_1971
    assert "BGD" not in ind_1971
    texts = corpora.documents.set_index("doc_id")["text"]
    sample = m.sample(2000, random_state=1)
    for row in sample.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface


def test_era_mix_over_the_decades_follows_history(corpora):
    from analysis.pages.timeline import era_mix_frame

    frame = era_mix_frame(corpora.documents, corpora.era_mix, period="decade")
    share = frame.pivot_table(index="bin", columns="era_id", values="share", fill_value=0)
    # The Cold War frames most era references from the 1950s to the 1980s ...
    for decade in (1950, 1960, 1970, 1980):
        assert share.loc[decade, "cold_war"] > 0.8, decade
    # ... the war on terror takes over in the 2000s ...
    assert share.loc[2000].idxmax() == "war_on_terror"
    assert share.loc[2000, "war_on_terror"] > 0.8
    # ... and competition with China grows decade by decade after that.
    assert share.loc[2000, "china_competition"] < share.loc[2010, "china_competition"]
    assert share.loc[2010, "china_competition"] < share.loc[2020, "china_competition"]
    assert share.loc[2020, "china_competition"] > 0.25
    # The 1971 war is framed most in the 1970s.
    assert share["war_1971"].idxmax() == 1970


def test_cited_years_and_their_eras(corpora):
    events = corpora.events.merge(corpora.documents[["doc_id", "published"]], on="doc_id")
    # A text cites years up to shortly after its own: plans, not history ("by 2030").
    published = events["published"].str[:4].astype(int)
    assert (events["year"] <= published + 60).all()
    ind_1971 = events[(events["doc_id"] == "IND_26_1971")]
    assert 1971 in set(ind_1971["year"])
    assert set(events.loc[events["year"] == 1972, "era_id"]) == {"war_1971"}
    assert events["label"].str.len().max() < 120


def _reference_terms(sentences: list[str], max_n: int = 3) -> Counter:
    """Terms as first written (before counting moved into Counter): phrases found with a
    plain alternation, then n-grams formed run by run between stop words."""
    from analysis.features.terms import (
        _TOKEN,
        _word,
        phrase_list,
        stopword_list,
    )

    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrase_list())
    phrase = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    stop = stopword_list()
    grams: list[list[str]] = [[] for _ in range(max_n)]
    for sentence in sentences:
        tokens, position = [], 0
        for match in [*phrase.finditer(sentence), None]:
            end = match.start() if match else len(sentence)
            tokens.extend(map(_word, _TOKEN.findall(sentence, position, end)))
            if match:
                tokens.append(" ".join(match.group().lower().split()))
                position = match.end()
        run: list[str] = []
        for token in [*tokens, None]:
            if token is not None and token not in stop:
                run.append(token)
            elif run:
                for n in range(1, min(max_n, len(run)) + 1):
                    grams[n - 1] += [" ".join(run[i : i + n]) for i in range(len(run) - n + 1)]
                run = []
    return Counter({(t, n): c for n, g in enumerate(grams, 1) for t, c in Counter(g).items()})


def test_terms_equal_the_plain_reference_on_every_document(corpora):
    sentences = corpora.sentences.groupby("doc_id", sort=False)["text"].apply(list)
    terms = corpora.terms.groupby("doc_id", sort=False)
    assert len(sentences) == 607
    for doc_id, texts in sentences.items():
        rows = terms.get_group(doc_id)
        keys = zip(rows["term"], rows["ngram"], strict=True)
        got = Counter(dict(zip(keys, rows["count"], strict=True)))
        assert got == _reference_terms(texts), doc_id
