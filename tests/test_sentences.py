import pytest

from analysis.sentences import sentence_spans


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. Pakistan relations have long been shaped by the Cold War. They changed.",
            ["U.S. Pakistan relations have long been shaped by the Cold War.", "They changed."],
        ),
        (
            "The U.S.-Pakistan relationship has diversified. Trade grew.",
            ["The U.S.-Pakistan relationship has diversified.", "Trade grew."],
        ),
        (
            "Tension rose in 2025. U.S. diplomats urged restraint.",
            ["Tension rose in 2025.", "U.S. diplomats urged restraint."],
        ),
        (
            "He met officials from the U.S. The talks failed.",
            ["He met officials from the U.S.", "The talks failed."],
        ),
        (
            "Mr. Bhutto and Dr. Kissinger met, e.g. in Feb. 1972. No deal followed.",
            ["Mr. Bhutto and Dr. Kissinger met, e.g. in Feb. 1972.", "No deal followed."],
        ),
        (
            "43.\tI should like to thank him. IV. The next part.",
            ["43.\tI should like to thank him.", "IV. The next part."],
        ),
    ],
)
def test_sentence_boundaries(text, expected):
    assert split(text) == expected


def test_a_lone_marker_paragraph_is_kept_rather_than_lost():
    assert split("12.") == ["12."]
