"""Markup: Markdown and HTML reduced to headings and paragraphs of plain text."""

from analysis.ingest.markup import Block, html_to_markdown, markdown_blocks
from tests.conftest import HTML_PAGE


def test_headings_keep_their_level_and_inline_markup_leaves_its_text():
    markdown = (
        "# Talks *resume*\n\n"
        "Some **bold** words, [a link](https://example.org) and `code`.\n"
        "A second line of the same paragraph.\n\n"
        "### Third level\n"
        "Setext title\n"
        "============\n"
    )
    assert markdown_blocks(markdown) == [
        Block("heading", "Talks resume", 1),
        Block(
            "paragraph",
            "Some bold words, a link and code. A second line of the same paragraph.",
        ),
        Block("heading", "Third level", 3),
        Block("heading", "Setext title", 1),
    ]


def test_code_raw_html_and_images_are_dropped_lists_and_quotes_kept():
    markdown = (
        "<div>a raw HTML block</div>\n\n"
        "    indented code\n\n"
        "```\nfenced code\n```\n\n"
        "![a photo](photo.png)\n\n"
        "- first item\n- second item\n\n"
        "> quoted words\n\n"
        "an <b>inline</b> tag\n"
    )
    assert markdown_blocks(markdown) == [
        Block("paragraph", "first item"),
        Block("paragraph", "second item"),
        Block("paragraph", "quoted words"),
        Block("paragraph", "an inline tag"),  # the tags go, the word between them stays
    ]


def test_escaped_markup_comes_out_as_the_literal_text_it_stands_for():
    # Entities and backslash escapes are text the author wrote, not markup: they stay, as
    # plain characters (the charts escape them again before they reach a page).
    blocks = markdown_blocks("Tom &amp; Jerry wrote \\*stars\\* and &lt;script&gt;.\n")
    assert blocks == [Block("paragraph", "Tom & Jerry wrote *stars* and <script>.")]


def test_empty_text_and_empty_headings_give_no_blocks():
    assert markdown_blocks("") == []
    assert markdown_blocks("  \n\n\t\n") == []
    assert markdown_blocks("##\n\nText.\n") == [Block("paragraph", "Text.")]


def test_html_main_text_without_navigation_or_footer_and_its_metadata():
    markdown, metadata = html_to_markdown(HTML_PAGE)
    blocks = markdown_blocks(markdown)
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("paragraph", 0),
        ("heading", 2),
        ("paragraph", 0),
    ]
    assert blocks[0].text == "Kashmir talks resume"
    assert blocks[2].text == "Background"
    assert blocks[1].text.startswith("Officials from India and Pakistan met in Geneva")
    text = " ".join(b.text for b in blocks)
    for chrome in ("Home", "About", "Copyright", "Subscribe"):
        assert chrome not in text
    # the article's heading, not the <title> with the site's name in it
    assert metadata == {
        "title": "Kashmir talks resume",
        "author": "Jane Roe",
        "published": "2024-10-05",
    }


def test_html_metadata_is_stripped_and_blank_values_are_left_out():
    page = HTML_PAGE.replace(
        '<meta name="author" content="Jane Roe">',
        '<meta name="author" content="   "><meta property="og:site_name" content=" Example News ">',
    )
    _, metadata = html_to_markdown(page)
    assert "author" not in metadata
    assert metadata["source"] == "Example News"


def test_markup_written_as_text_in_html_stays_text():
    page = HTML_PAGE.replace(
        "<p>Officials", "<p>They said &lt;script&gt;alert(1)&lt;/script&gt; twice. Officials"
    )
    markdown, _ = html_to_markdown(page)
    paragraph = markdown_blocks(markdown)[1]
    assert paragraph.text.startswith("They said <script>alert(1)</script> twice. Officials")


def test_a_page_without_main_text_gives_nothing():
    assert html_to_markdown("") == ("", {})
    assert html_to_markdown("<html><body></body></html>") == ("", {})
