"""Language detectors compared on what a corpus of commentary holds: the 607 English
documents of ``../shared/corpora`` and the seeds (whole, and their first sentence alone,
the short case), and hand-written foreign-policy sentences in other languages (whole
paragraphs, and one sentence). Prints each detector's accuracy and time.

    .venv/bin/python benchmarks/language_detectors.py
"""

from __future__ import annotations

import time
from pathlib import Path

from analysis.ingest.load import RawDocument, iter_corpus
from analysis.ingest.parse import parse_document

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")

#: Hand-written passages (two or three sentences each) in the languages of the issue and a
#: few more a foreign-policy corpus meets.
FOREIGN = {
    "zh": "巴基斯坦和印度于周二在伊斯兰堡举行会谈，讨论印度河水资源的分配问题。双方都表示会谈富有建设性，并同意在季风来临之前再次会面。",
    "ur": "پاکستان اور بھارت کے وزرائے خارجہ نے منگل کو اسلام آباد میں ملاقات کی۔ دونوں ممالک نے دریائے سندھ کے پانی کی تقسیم پر بات چیت کی۔ مذاکرات کو تعمیری قرار دیا گیا۔",
    "hi": "भारत और पाकिस्तान के विदेश मंत्रियों ने मंगलवार को इस्लामाबाद में मुलाकात की। दोनों पक्षों ने सिंधु नदी के पानी के बंटवारे पर चर्चा की। बातचीत को रचनात्मक बताया गया।",
    "ar": "التقى وزيرا خارجية الهند وباكستان يوم الثلاثاء في إسلام آباد لمناقشة تقاسم مياه نهر السند. ووصف الجانبان المحادثات بأنها بناءة واتفقا على الاجتماع مرة أخرى.",
    "fa": "وزیران خارجه هند و پاکستان روز سه‌شنبه در اسلام‌آباد دیدار کردند. دو طرف درباره تقسیم آب رود سند گفتگو کردند و توافق کردند که دوباره دیدار کنند.",
    "ja": "インドとパキスタンの外相は火曜日にイスラマバードで会談し、インダス川の水の配分について協議した。双方は会談が建設的だったと述べた。",
    "ru": "Министры иностранных дел Индии и Пакистана встретились во вторник в Исламабаде. Стороны обсудили раздел вод реки Инд и договорились встретиться снова.",
    "fr": "Les ministres des Affaires étrangères de l'Inde et du Pakistan se sont rencontrés mardi à Islamabad. Les deux parties ont qualifié les discussions de constructives.",
    "de": "Die Außenminister Indiens und Pakistans trafen sich am Dienstag in Islamabad. Beide Seiten bezeichneten die Gespräche als konstruktiv und wollen sich erneut treffen.",
    "es": "Los ministros de Asuntos Exteriores de la India y Pakistán se reunieron el martes en Islamabad. Ambas partes calificaron las conversaciones de constructivas.",
}


def _samples() -> list[tuple[str, str, str]]:
    """(language, kind, text): whole English documents, their first sentences, the foreign
    passages and their first sentences."""
    samples = []
    for folder in (ROOT / "seeds", CORPORA):
        for raw in iter_corpus(folder):
            if isinstance(raw, RawDocument):
                parsed = parse_document(raw.text, format=raw.format)
                samples.append(("en", "document", parsed.text))
                samples.append(("en", "sentence", parsed.sentences[0].text))
    for language, text in FOREIGN.items():
        samples.append((language, "document", text))
        first = text.replace("。", "。\n").replace("۔", "۔\n").replace("।", "।\n").split("\n")[0]
        first = first.split(". ")[0]
        samples.append((language, "sentence", first))
    return samples


def _detectors():
    import py3langid

    from analysis.ingest.language import detect_language

    yield "py3langid", lambda text: py3langid.classify(text)[0]
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0
        yield "langdetect", detect
    except ImportError:
        pass
    yield "analysis.ingest.language", detect_language


def main() -> None:
    samples = _samples()
    for name, detect in _detectors():
        start = time.perf_counter()
        results: dict[tuple[str, str], list[int]] = {}
        wrong = []
        for language, kind, text in samples:
            key = ("en" if language == "en" else "other", kind)
            guess = detect(text)
            tally = results.setdefault(key, [0, 0])
            tally[0] += guess == language
            tally[1] += 1
            if guess != language and len(wrong) < 4:
                wrong.append((language, guess, text[:50]))
        seconds = time.perf_counter() - start
        parts = ", ".join(f"{k[0]} {k[1]}s {r[0]}/{r[1]}" for k, r in sorted(results.items()))
        print(f"{name}: {parts}; {seconds:.1f} s; e.g. wrong: {wrong}")


if __name__ == "__main__":
    main()
