"""pdfminer.six (the package's PDF reader, ``analysis.ingest.formats.pdf``) against pypdf on
reports made from real text: documents of ``../shared/corpora`` typeset by fpdf2, one
column with a running head and page numbers, and two columns drawn line by line across the
page (so that the order a file draws its text in is not the order it is read in). For
each: pages per second, and how much of the text comes back in order (the share of the
source's word pairs found in the extracted text) and how much running head leaks into it.

    .venv/bin/python benchmarks/pdf_libraries.py [DOCUMENTS]
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import textwrap
import time
from pathlib import Path

from fpdf import FPDF

from analysis.ingest.formats.pdf import read_pdf
from analysis.ingest.load import RawDocument, iter_corpus

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
if not CORPORA.is_dir():
    CORPORA = Path("/work/shared/corpora")
HEAD = "Policy Review | Foreign Affairs Quarterly"


def _latin(text: str) -> str:
    """The text in the core fonts' Latin-1 (typographic quotes and dashes made plain)."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "…": "..."})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def one_column(paragraphs: list[str]) -> bytes:
    class Report(FPDF):
        def header(self):
            self.set_font("Helvetica", size=8)
            self.cell(0, 8, HEAD, align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 10, str(self.page_no()), align="C")

    pdf = Report()
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, _latin(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())


def two_columns(paragraphs: list[str]) -> bytes:
    """Two columns, each line of the left drawn before the same line of the right."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=9)
    lines = [line for p in paragraphs for line in [*textwrap.wrap(_latin(p), 48), ""]]
    per_page = 2 * 50
    for start in range(0, len(lines), per_page):
        pdf.add_page()
        page = lines[start : start + per_page]
        left, right = page[:50], page[50:]
        for number in range(50):
            y = 25 + 5 * number
            if number < len(left) and left[number]:
                pdf.text(12, y, left[number])
            if number < len(right) and right[number]:
                pdf.text(108, y, right[number])
    return bytes(pdf.output())


def _pairs(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"[A-Za-z]+", text.lower())
    return set(itertools.pairwise(words))


def _in_order(paragraphs: list[str], text: str) -> tuple[int, int]:
    """Of the source's sentences taken two by two, how many come back whole and in order
    (each found by its words in the extracted text, the second after the first)."""
    flat = " ".join(re.findall(r"[a-z]+", text.lower()))
    places = []
    for sentence in re.split(r"(?<=[.!?])\s+", _latin(" ".join(paragraphs))):
        words = " ".join(re.findall(r"[a-z]+", sentence.lower()))
        if len(words.split()) >= 4:
            places.append(flat.find(words))
    pairs = list(itertools.pairwise(places))
    return sum(0 <= a < b for a, b in pairs), len(pairs)


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def main(count: int) -> None:
    sources = []
    for raw in iter_corpus(CORPORA / "us_state_dept_milestones"):
        if isinstance(raw, RawDocument) and len(sources) < count:
            sources.append([p for p in raw.text.split("\n") if p.strip()][1:])
    for layout, make in (("one column", one_column), ("two columns", two_columns)):
        made = [(paragraphs, make(paragraphs)) for paragraphs in sources]
        pages = sum(len(re.findall(rb"/Type\s*/Page\b", data)) for _, data in made)
        for name, extract in (("pdfminer.six", lambda d: read_pdf(d).text), ("pypdf", _pypdf)):
            start = time.perf_counter()
            texts = [extract(data) for _, data in made]
            seconds = time.perf_counter() - start
            found = total = ordered = sentences = leaked = 0
            for (paragraphs, _), text in zip(made, texts, strict=True):
                source = _pairs(_latin(" ".join(paragraphs)))
                found += len(source & _pairs(text))
                total += len(source)
                right, pairs = _in_order(paragraphs, text)
                ordered, sentences = ordered + right, sentences + pairs
                leaked += text.count("Policy Review")
            print(
                f"{layout:11} {name:12} {len(made)} PDFs, {pages} pages: {pages / seconds:6.1f} "
                f"pages/s; word pairs kept {found / total:.1%}; sentences whole and in order "
                f"{ordered / sentences:.1%}; running head left in {leaked} times"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
