"""Each document's language, and English-only measures left out for the others."""

from __future__ import annotations

import pytest

from analysis.ingest.language import count_words, detect_language
from analysis.ingest.sentences import sentence_spans
from analysis.tables.pipeline import build_tables

CHINESE = "巴基斯坦和印度于周二在伊斯兰堡举行会谈，讨论印度河水资源的分配问题。双方都表示会谈富有建设性！他们会再次会面吗？"
URDU = "پاکستان اور بھارت کے وزرائے خارجہ نے منگل کو اسلام آباد میں ملاقات کی۔ دونوں ممالک نے دریائے سندھ کے پانی کی تقسیم پر بات چیت کی۔ کیا وہ دوبارہ ملیں گے؟"
HINDI = "भारत और पाकिस्तान के विदेश मंत्रियों ने मंगलवार को मुलाकात की। दोनों पक्षों ने पानी के बंटवारे पर चर्चा की।"
ENGLISH = (
    "The foreign ministers met in Islamabad on Tuesday. Both sides called the talks constructive."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (CHINESE, "zh"),
        (URDU, "ur"),
        (HINDI, "hi"),
        (ENGLISH, "en"),
        ("Mr. President,", "en"),  # short English stays English
        ("Speaker Foley.", "en"),
        ("Les ministres se sont rencontrés mardi à Islamabad pour discuter de l'eau.", "fr"),
        ("1998", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_sentences_end_at_their_own_marks():
    assert [CHINESE[s:e] for s, e in sentence_spans(CHINESE, "zh")] == [
        "巴基斯坦和印度于周二在伊斯兰堡举行会谈，讨论印度河水资源的分配问题。",
        "双方都表示会谈富有建设性！",
        "他们会再次会面吗？",
    ]
    assert len(sentence_spans(URDU, "ur")) == 3
    assert len(sentence_spans(HINDI, "hi")) == 2


def test_words_of_chinese_are_its_characters():
    assert count_words("会谈富有建设性。", "zh") == 7
    assert count_words("دونوں ممالک نے", "ur") == 3


def test_english_only_measures_skip_other_languages(tmp_path):
    (tmp_path / "zh.txt").write_text(CHINESE * 20)
    (tmp_path / "ur.txt").write_text(URDU)
    (tmp_path / "en.txt").write_text(ENGLISH + " Pakistan and India agreed in 1960.")
    tables = build_tables(tmp_path, progress=False)
    documents = tables.documents.set_index("doc_id")
    assert documents["language"].to_dict() == {"en": "en", "ur": "ur", "zh": "zh"}
    assert documents.loc["zh", "sentences"] == 60
    assert documents.loc["zh", "words"] == 20 * 52  # characters, marks left out
    for name in ("readability", "terms", "mentions", "eras", "events", "era_mix"):
        assert set(tables[name]["doc_id"]) <= {"en"}, name
    assert set(tables.readability["doc_id"]) == {"en"}
    assert set(tables.sentences["doc_id"]) == {"en", "ur", "zh"}
    assert list(documents.loc["ur", "warnings"]) == [
        "language ur: left out of the English-only measures (readability, terms, mentions, "
        "cooccurrence, eras, era_mix, events)"
    ]
