from datetime import date

import pytest

from analysis.config import SHARED_CORPORA_DIR
from analysis.ingest.parse import (
    is_boilerplate,
    is_furniture,
    is_heading,
    parse_date,
    parse_document,
    resolve_relative_date,
)
from tests.conftest import HTML_PAGE, SEED_000, SEED_004, needs_corpora


@pytest.fixture(scope="module")
def seed_000():
    return parse_document(SEED_000.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_004():
    return parse_document(SEED_004.read_text(encoding="utf-8"))


def test_seed_000_header_and_boilerplate(seed_000):
    assert seed_000.title == "US POLICY ON PAKISTAN AND IMPLICATIONS FOR KASHMIR DISPUTES"
    assert seed_000.byline == "JK Blue"
    assert seed_000.date_text == "1 day ago"
    assert seed_000.published is None
    assert seed_000.date_precision == "relative"
    assert seed_000.reading_time_minutes == 3
    assert seed_000.boilerplate == ["Comments"]
    assert seed_000.headings == []
    assert seed_000.source is None


def test_seed_000_paragraphs_and_sentences(seed_000):
    # Read by hand: ten paragraphs (one per line), 5+3+5+2+2+2+2+3+2+4 sentences.
    assert len(seed_000.paragraphs) == 10
    per_paragraph = [sum(s.paragraph_id == p for s in seed_000.sentences) for p in range(10)]
    assert per_paragraph == [5, 3, 5, 2, 2, 2, 2, 3, 2, 4]
    texts = [s.text for s in seed_000.sentences]
    assert texts[0].startswith("U.S. Pakistan relations have long been shaped")
    assert texts[0].endswith("regional stability in South Asia.")
    assert texts[10] == "During periods of heightened tension such as \u201cOP SINDOOR'' in 2025."
    assert texts[11] == (
        "U.S. diplomatic leadership emphasised that India and Pakistan should refrain from escalation."
    )
    assert texts[21] == (
        "The U.S. India partnership has grown significantly, driven by shared concerns about "
        "China and expanding economic ties."
    )
    assert texts[-1].endswith("in a region with complex historical conflicts.")
    assert "Comments" not in seed_000.text
    assert "JK Blue" not in seed_000.text and "min read" not in seed_000.text


def test_seed_004_headings_sections_and_boilerplate(seed_004):
    assert seed_004.title is None
    assert seed_004.byline is None
    assert seed_004.date_precision == "unknown"
    assert seed_004.headings == [
        "US-Pakistan Relations: A Strategic Re-evaluation",
        "Possible Changes Under a Harris or Trump Administration",
        "Low strategic importance: The peripheral position of Pakistan",
        "Prospects for a Deeper Bilateral Relationship",
        "Conclusion",
    ]
    assert seed_004.boilerplate == [
        "Read More News here: https://behindthecurtain.blog/imaan-mazari-arrested-with-husband-"
        "for-interfering-in-government-affairs/"
    ]
    assert seed_004.source == "behindthecurtain.blog"
    assert len(seed_004.paragraphs) == 10
    assert len(seed_004.sentences) == 31
    sections = [s.section for s in seed_004.sentences]
    assert sections[:4] == [None] * 4
    assert sections[4] == "US-Pakistan Relations: A Strategic Re-evaluation"
    assert sections[-3:] == ["Conclusion"] * 3
    conclusion = [s.text for s in seed_004.sentences if s.section == "Conclusion"]
    assert "pivot of U.S.-Pakistan relations." in conclusion[1]
    for heading in seed_004.headings:
        assert heading not in seed_004.text
    # "Harris Administration: ..." ends in a full stop: a paragraph, not a heading.
    assert seed_004.sentences[12].text.startswith("Harris Administration: The Kamala Harris")


@pytest.mark.parametrize("name", ["seed_000", "seed_004"])
def test_offsets_point_into_body_text(name, request):
    parsed = request.getfixturevalue(name)
    for sentence in parsed.sentences:
        assert parsed.text[sentence.start : sentence.end] == sentence.text
    assert parsed.text == "\n\n".join(parsed.paragraphs)


def test_relative_date_is_resolved_against_the_reference_date():
    parsed = parse_document(SEED_000.read_text(encoding="utf-8"), reference_date=date(2025, 6, 10))
    assert parsed.published == "2025-06-09"
    assert parsed.date_precision == "relative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 day ago", "2024-03-01"),
        ("3 weeks ago", "2024-02-10"),
        ("2 hours ago", "2024-03-02"),
        ("a month ago", "2024-02-02"),
        ("yesterday", "2024-03-01"),
        ("2 years ago", "2022-03-02"),
        ("Monday", None),
    ],
)
def test_resolve_relative_date(text, expected):
    assert resolve_relative_date(text, date(2024, 3, 2)) == expected


def test_month_steps_clamp_to_month_length():
    assert resolve_relative_date("1 month ago", date(2024, 3, 31)) == "2024-02-29"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 15, 1965", ("1965-03-15", "day")),
        ("15 March 1965", ("1965-03-15", "day")),
        ("Sept. 3rd, 2001", ("2001-09-03", "day")),
        ("Published: Monday, Oct 5, 2024", ("2024-10-05", "day")),
        ("2024-10-05", ("2024-10-05", "day")),
        ("2024-10-05T08:00:00+05:00", ("2024-10-05", "day")),
        ("October 2024", ("2024-10", "month")),
        ("1946", ("1946", "year")),
        ("February 30, 2024", None),
        ("1,972 troops", None),
        ("In 1972 the talks", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Conclusion", True),
        ("US-Pakistan Relations: A Strategic Re-evaluation", True),
        ("U.S. Policy Toward Pakistan", True),
        ("IV.", True),
        ("IV. The next part.", False),
        ("Harris Administration: The Kamala Harris administration would continue.", False),
        (
            "As a visible symbol of the United Nations and with the access he has to Governments of",
            False,
        ),
        ("China, this has been a special year. We experienced", False),
        ("- Encouraging de-escalation", False),
        ("the lower-case start of a wrapped line", False),
        ("Mr. Speaker, Mr. President, Members of the Congress:", False),
    ],
)
def test_is_heading(line, expected):
    assert is_heading(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Comments", True),
        ("12 Comments", True),
        ("Read More News here: https://example.org/a", True),
        ("Share this:", True),
        ("Facebook Twitter LinkedIn", True),
        ("Subscribe to our newsletter", True),
        ("https://example.org/story", True),
        ("Comments on the treaty were sharp and many delegates spoke against it.", False),
        ("Pakistan shares a long border with Afghanistan.", False),
    ],
)
def test_is_boilerplate(line, expected):
    assert is_boilerplate(line) is expected


def test_hard_wrapped_text_joins_lines_into_paragraphs():
    text = (
        "ATOMIC DIPLOMACY\n\n"
        "After the first test of the atomic bomb in 1945, U.S. officials\n"
        "considered the benefits of the monopoly. In the years that\n"
        "followed, officials used atomic diplomacy.\n\n"
        "Early Years\n\n"
        "The Soviet Union tested its own bomb in 1949. The monopoly\n"
        "was over.\n"
    )
    parsed = parse_document(text)
    assert parsed.title == "ATOMIC DIPLOMACY"
    assert parsed.headings == ["Early Years"]
    assert parsed.paragraphs == [
        "After the first test of the atomic bomb in 1945, U.S. officials considered the benefits "
        "of the monopoly. In the years that followed, officials used atomic diplomacy.",
        "The Soviet Union tested its own bomb in 1949. The monopoly was over.",
    ]
    assert [s.text for s in parsed.sentences] == [
        "After the first test of the atomic bomb in 1945, U.S. officials considered the benefits "
        "of the monopoly.",
        "In the years that followed, officials used atomic diplomacy.",
        "The Soviet Union tested its own bomb in 1949.",
        "The monopoly was over.",
    ]
    assert [s.section for s in parsed.sentences] == [None, None, "Early Years", "Early Years"]


def test_line_broken_mid_sentence_is_joined_and_paragraph_numbers_stay_with_their_sentence():
    text = (
        "42.\tIt gives me great pleasure to greet the President. His election is welcome.\n"
        "43.\tAs a symbol of the United Nations and with the access he has to Governments of Member\n"
        "States, the Secretary-General is in a special position.\n"
    )
    parsed = parse_document(text)
    assert parsed.title is None
    assert parsed.headings == []
    assert len(parsed.paragraphs) == 2
    assert [s.text for s in parsed.sentences] == [
        "42. It gives me great pleasure to greet the President.",
        "His election is welcome.",
        "43. As a symbol of the United Nations and with the access he has to Governments of "
        "Member States, the Secretary-General is in a special position.",
    ]


def test_speech_header_with_title_and_date_line():
    text = (
        "SPECIAL MESSAGE TO THE CONGRESS: THE AMERICAN PROMISE\n\nMarch 15, 1965\n\n"
        "Mr. Speaker, Mr. President, Members of the Congress:\n"
        "I speak tonight for the dignity of man and the destiny of democracy.\n"
    )
    parsed = parse_document(text)
    assert parsed.title == "SPECIAL MESSAGE TO THE CONGRESS: THE AMERICAN PROMISE"
    assert (parsed.published, parsed.date_precision) == ("1965-03-15", "day")
    assert parsed.paragraphs[0] == "Mr. Speaker, Mr. President, Members of the Congress:"
    assert len(parsed.sentences) == 2


def test_markdown_headings_title_and_trailing_boilerplate():
    text = (
        "# Kashmir and the **Quad**\n\nBy the desk.\n\n## Background\n\n"
        "The [Quad](https://example.org) met in 2024. India attended.\n\n"
        "- Share this: Twitter\n"
    )
    parsed = parse_document(text, format="markdown")
    assert parsed.title == "Kashmir and the Quad"
    assert parsed.headings == ["Background"]
    assert parsed.boilerplate == ["Share this: Twitter"]
    assert [s.text for s in parsed.sentences] == [
        "By the desk.",
        "The Quad met in 2024.",
        "India attended.",
    ]


def test_html_main_text_and_metadata():
    parsed = parse_document(HTML_PAGE, format="html")
    assert parsed.title == "Kashmir talks resume"
    assert parsed.author == "Jane Roe"
    assert (parsed.published, parsed.date_precision) == ("2024-10-05", "day")
    assert parsed.headings == ["Background"]
    assert "Home" not in parsed.text and "Subscribe" not in parsed.text
    assert [s.text for s in parsed.sentences][:2] == [
        "Officials from India and Pakistan met in Geneva on Monday.",
        "The U.S. welcomed the talks and offered support for a lasting ceasefire along the Line of Control.",
    ]
    assert len(parsed.sentences) == 4


def test_unknown_format_is_refused_with_the_valid_ones():
    with pytest.raises(ValueError, match="expected one of: text, markdown, html"):
        parse_document("x", format="pdf")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("14", True),
        ("11-51360 10", True),
        ("15-29425 31/34", True),
        ("32/34 15-29425", True),
        ("A/70/PV.15 28/09/2015", True),
        ("28/09/2015 A/70/PV.15", True),
        ("   WEB RESOURCES >>", True),
        ("1972", False),
        ("43.", False),
        ("Chapter 5", False),
        ("See A/70/PV.15 for the record.", False),
        ("The vote was 97-3 in favour.", False),
    ],
)
def test_is_furniture(line, expected):
    assert is_furniture(line) is expected


def test_page_furniture_inside_a_sentence_is_removed_and_the_sentence_runs_on():
    text = (
        "The meeting was called to order at 10 a.m.\n"
        "It gives me great pleasure to greet the Assembly. However, the\n"
        "15-29425 31/34\n\n"
        "A/70/PV.15 28/09/2015\n"
        "Organization must change, and it must change soon.\n"
        "The next paragraph begins here.\n"
    )
    parsed = parse_document(text)
    assert parsed.furniture == ["15-29425 31/34", "A/70/PV.15 28/09/2015"]
    assert parsed.headings == []
    assert parsed.paragraphs == [
        "The meeting was called to order at 10 a.m.",
        "It gives me great pleasure to greet the Assembly. However, the Organization must "
        "change, and it must change soon.",
        "The next paragraph begins here.",
    ]


def test_a_page_number_in_hard_wrapped_text_is_removed():
    text = (
        "The meeting was called to order at 10 a.m.\n\n"
        "The Secretary-General has told us of the work of the\n"
        "Organization in the past year, and of the many\n"
        "14\n\n"
        "difficulties that remain before it in the\n"
        "years to come.\n"
        "23\n\n"
        "We thank him for his report and for his\n"
        "work.\n"
    )
    parsed = parse_document(text)
    assert parsed.furniture == ["14", "23"]
    assert parsed.paragraphs == [
        "The meeting was called to order at 10 a.m.",
        "The Secretary-General has told us of the work of the Organization in the past year, "
        "and of the many difficulties that remain before it in the years to come.",
        "We thank him for his report and for his work.",
    ]
    assert "14" not in parsed.text and "23" not in parsed.text


def test_a_block_in_lower_case_after_one_without_final_mark_continues_it():
    text = (
        "The meeting was called to order at 10 a.m.\n\n"
        "We have come a long way since the\n\n"
        "founding of this Organization.\n\n"
        "Much remains to be done.\n"
    )
    parsed = parse_document(text)
    assert parsed.paragraphs == [
        "The meeting was called to order at 10 a.m.",
        "We have come a long way since the founding of this Organization.",
        "Much remains to be done.",
    ]


def test_a_line_ending_in_a_comma_or_semicolon_does_not_end_the_paragraph():
    text = (
        "America, America,\n"
        "God shed His grace on thee,\n"
        "And crown thy good with brotherhood\n"
        "From sea to shining sea.\n"
        "Next year we will spend more on health;\n"
        "on education;\n"
        "and on highways.\n"
        "The budget is balanced:\n"
        "this is the first time in years.\n"
        "That is our hope.\n"
    )
    parsed = parse_document(text)
    assert parsed.headings == []
    assert parsed.paragraphs == [
        "America, America, God shed His grace on thee, And crown thy good with brotherhood "
        "From sea to shining sea.",
        "Next year we will spend more on health; on education; and on highways.",
        "The budget is balanced: this is the first time in years.",
        "That is our hope.",
    ]


def test_a_site_navigation_tail_is_furniture_not_headings():
    text = (
        "We march in the noblest of causes.\n"
        "May God bless us all.\n\n"
        "   WEB RESOURCES >>\n\n"
        "State of the Union Archives\n"
        "Video & Text of Addresses\n\n"
        "ALL WEB RESOURCES >>\n"
    )
    parsed = parse_document(text)
    assert parsed.headings == []
    assert parsed.furniture == [
        "WEB RESOURCES >>",
        "State of the Union Archives",
        "Video & Text of Addresses",
        "ALL WEB RESOURCES >>",
    ]
    assert parsed.paragraphs == ["We march in the noblest of causes.", "May God bless us all."]


@needs_corpora
def test_a_un_verbatim_record_loses_its_page_furniture():
    # Read by hand in the file: six lines of furniture (three page breaks), the first of them
    # inside the sentence "However, it / also poses a serious challenge ...".
    path = SHARED_CORPORA_DIR / "un_general_debate" / "AFG_70_2015.txt"
    parsed = parse_document(path.read_text(encoding="utf-8"))
    assert parsed.furniture == [
        "15-29425 31/34",
        "A/70/PV.15 28/09/2015",
        "32/34 15-29425",
        "28/09/2015 A/70/PV.15",
        "15-29425 33/34",
        "A/70/PV.15 28/09/2015",
    ]
    assert parsed.headings == []
    texts = [s.text for s in parsed.sentences]
    assert (
        "However, it also poses a serious challenge to the United Nations existing mandate, "
        "structure, resources and traditional approaches to dealing with global issues."
    ) in texts
    assert not any("PV.15" in t or "15-29425" in t for t in texts)


@needs_corpora
@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        (
            "us_state_of_the_union/sotu_1974-Nixon.txt",
            "Note: The President spoke at 9:05 p.m. in the House Chamber of the Capitol after being "
            "introduced by Carl Albert, Speaker of the House of Representatives.",
        ),
        (
            "un_general_debate/CHN_34_1979.txt",
            'Obviously, this is the habitual clumsy tactics of a thief crying, "Stop thief!" and of '
            "gaining fame by demagogic means.",
        ),
        (
            "us_state_of_the_union/sotu_2017-Trump.txt",
            "It's been a little over a month since my Inauguration, and I want to take this moment "
            "to update the Nation on the progress I've made in keeping those promises.",
        ),
    ],
)
def test_real_sentences_a_reader_sees(path, sentence):
    # Read by hand in the files: each of these is one sentence, split before (after "p.m.",
    # after "thief!") or joined to its neighbours ("Thank you.It's been ...").
    parsed = parse_document((SHARED_CORPORA_DIR / path).read_text(encoding="utf-8"))
    assert sentence in [s.text for s in parsed.sentences]
