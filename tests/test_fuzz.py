"""Property-based tests of loading, parsing and the feature pass on generated inputs.

Inputs are built from the pieces real and hostile articles are made of (dates, list markers,
abbreviations, headings, footers, URLs, markup, odd characters) and from arbitrary text and
bytes. Whatever comes in, the pass either gives tables whose offsets lead back to the text
or skips the document with a reason (``DocumentSkipped``); it never raises anything else, and each
input has a time limit (hypothesis' ``deadline``), so a stall on one input fails the test.
The examples are derandomised: CI runs the same bounded set every time.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.features.document import DocumentSkipped, analyse_document
from analysis.ingest.load import DecodeError, RawDocument, decode_bytes
from analysis.ingest.parse import parse_document

FUZZ = settings(
    max_examples=150,
    deadline=timedelta(seconds=10),  # the time limit per input
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = [
    "Pakistan",
    "India's",
    "the U.S.",
    "US-China",
    "Mr. Sharif",
    "Cold War",
    "war on terror",
    "1971",
    "5 August 2019",
    "March 15, 1965",
    "the 1990s",
    "$2025 million",
    "resolution 1172",
    "A/70/PV.15",
    "43.",
    "IV.",
    "b)",
    ". ",
    "?! ",
    "...",
    ". . .",
    "\u2026",
    "\n",
    "\n\n",
    "# Heading",
    "## ",
    "- ",
    "* item",
    "By Jane Roe",
    "- 3 min read",
    "- 1 day ago",
    "Comments",
    "Read more: http://[link removed]",
    "www.example.com/a?b=c",
    "https://dawn.com/news/1",
    "<p>",
    "</p>",
    "<script>alert(1)</script>",
    "&amp;",
    "%{x}",
    '"',
    "\u201cquoted\u201d",
    "(",
    ")",
    ",",
    ";",
    ":",
    "\t",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\u0130stanbul",
    "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600",
    "\x0c",
]

documents = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=120
).map(" ".join)

#: One piece repeated into a long paragraph: the shape of input that makes a quadratic step
#: stall (a paragraph of years, of full stops, of list markers).
repeated = st.builds(
    lambda piece, times: f"Opening words. {piece * times} Closing words.",
    st.sampled_from(["1999 ", ". ", "?! ", "43. ", "- ", "# ", "U.S. ", "5 August 2019, "]),
    st.integers(min_value=500, max_value=20000),
)


def check_tables(text: str, format: str) -> None:
    """Analyse ``text``; every offset must lead back to what the row says was there."""
    raw = RawDocument("fuzz", Path(f"fuzz.{format}"), format, text, "utf-8", "0" * 64)
    try:
        row, rows = analyse_document(raw)
    except DocumentSkipped as exc:
        assert str(exc)
        return  # skipped, with a reason: allowed
    body = row["text"]
    assert row["sentences"] == len(rows["sentences"]) > 0
    for number, sentence in enumerate(rows["sentences"]):
        assert sentence["sentence_id"] == number
        assert body[sentence["start"] : sentence["end"]] == sentence["text"]
    for name, column in (("mentions", "surface"), ("eras", "cue"), ("events", "surface")):
        for found in rows[name]:
            assert body[found["start"] : found["end"]] == found[column]
    shares = [era["share"] for era in rows["era_mix"]]
    assert not shares or abs(sum(shares) - 1) < 1e-9


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_a_reason(data):
    try:
        text, encoding, warnings = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert text.strip() and "\r" not in text and "\x00" not in text
    assert isinstance(encoding, str) and all(isinstance(w, str) for w in warnings)


@FUZZ
@given(documents)
def test_utf8_text_decodes_to_itself(text):
    if not text.strip() or "\x00" in text:
        return
    try:
        decoded, encoding, _ = decode_bytes(text.encode("utf-8"))
    except DecodeError:
        return  # control characters throughout: refused as binary
    assert encoding == "utf-8"
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")


@FUZZ
@given(documents, st.sampled_from(["text", "markdown", "html"]))
def test_parsing_keeps_offsets_into_the_body(text, format):
    parsed = parse_document(text, format=format)
    for sentence in parsed.sentences:
        assert parsed.text[sentence.start : sentence.end] == sentence.text
    assert [s.sentence_id for s in parsed.sentences] == list(range(len(parsed.sentences)))


@FUZZ
@given(documents, st.sampled_from(["text", "markdown", "html"]))
def test_the_feature_pass_gives_consistent_tables_or_a_reason(text, format):
    check_tables(text, format)


@settings(FUZZ, max_examples=24)
@given(repeated)
def test_one_long_repetitive_paragraph_does_not_stall_the_pass(text):
    check_tables(text, "text")
