"""The language a document is written in, as an ISO 639-1 code (``en``, ``zh``, ``ur``),
detected offline by py3langid (langid.py's model, shipped in the package: 97 languages).

The script decides first, since it is certain where the model may hesitate: Chinese and
Japanese by their characters (kana make it Japanese), Arabic script among Arabic, Urdu,
Persian and Pashto, Devanagari among Hindi, Marathi and Nepali, each by the model limited
to those. A text in Latin script is English unless the model is confident it is not: a
short English text (a title, a sentence) is what the model most often gets wrong, and
reading an English document as French would leave it out of every English-only measure.
``benchmarks/language_detectors.py`` measures this against py3langid and langdetect alone.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: The languages whose sentences end at their own marks (。！？ ۔ । ؟), beside English's.
OWN_PUNCTUATION = frozenset(("zh", "ja", "ur", "hi", "ar", "fa", "ps", "mr", "ne"))
#: Characters of a text looked at: enough to tell its language, little enough to be fast.
_SAMPLE = 5000
#: A Latin-script text is taken as another language than English only when the model gives
#: that language at least this probability (normalised over its 97 languages).
_CONFIDENT = 0.8
_SCRIPTS = {
    "arabic": ("ar", "ur", "fa", "ps"),
    "devanagari": ("hi", "mr", "ne"),
}


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code; ``"en"`` for a text with no letters.

    Args:
        text: A document's body (its first 5,000 characters are read).
    """
    sample = text[:_SAMPLE]
    scripts = _script_counts(sample)
    letters = sum(scripts.values())
    if not letters:
        return "en"
    if scripts.get("kana", 0) > 0.05 * letters:
        return "ja"
    if scripts.get("han", 0) > 0.3 * letters:
        return "zh"
    for script, languages in _SCRIPTS.items():
        if scripts.get(script, 0) > 0.5 * letters:
            return _identifier(languages).classify(sample)[0]
    if scripts.get("latin", 0) > 0.5 * letters:
        language, probability = _identifier(None).classify(sample)
        return language if language != "en" and probability >= _CONFIDENT else "en"
    return _identifier(None).classify(sample)[0]


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        script = _script(char)
        counts[script] = counts.get(script, 0) + 1
    return counts


@cache
def _script(char: str) -> str:
    if "\u3040" <= char <= "\u30ff":
        return "kana"
    if "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf":
        return "han"
    name = unicodedata.name(char, "")
    for script in ("LATIN", "ARABIC", "DEVANAGARI", "CYRILLIC", "GREEK", "HANGUL"):
        if name.startswith(script):
            return script.lower()
    return "other"


@cache
def _identifier(languages: tuple[str, ...] | None):
    """py3langid's identifier with probabilities normalised, limited to ``languages``."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(list(languages))
    return identifier


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def count_words(text: str, language: str) -> int:
    """Words of a text in a language other than English: runs of letters, where words are
    set apart by spaces; for Chinese and Japanese, which write none between words, their
    characters (with the words of any other script among them)."""
    if language in ("zh", "ja"):
        return len(_CJK.findall(text)) + len(_WORD.findall(_CJK.sub(" ", text)))
    return len(_WORD.findall(text))
