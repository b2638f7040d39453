"""Markup: reduce HTML and Markdown to headings and paragraphs of plain text.

HTML goes through trafilatura, which keeps an article's main text and drops navigation,
footers and comment threads; it hands back Markdown, which markdown-it-py then parses like
any Markdown file. Neither step uses regular expressions on markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of plain text, in reading order."""

    kind: str  # "heading" or "paragraph"
    text: str
    level: int = 0  # heading level (1 = title), 0 for paragraphs


_MARKDOWN = MarkdownIt("commonmark")


def markdown_blocks(markdown: str) -> list[Block]:
    """Headings and paragraphs of a Markdown text, inline markup removed.

    Emphasis and link markup disappear (their text stays); code blocks, raw HTML and images
    are not prose and are dropped; list items and block quotes become paragraphs.
    """
    blocks: list[Block] = []
    tokens = _MARKDOWN.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type != "inline" or index == 0:
            continue
        text = " ".join(_inline_text(token).split())
        if not text:
            continue
        opener = tokens[index - 1]
        if opener.type == "heading_open":
            blocks.append(Block("heading", text, int(opener.tag[1:])))
        else:
            blocks.append(Block("paragraph", text))
    return blocks


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def html_to_markdown(html: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page as Markdown, and the metadata found in the page.

    Returns:
        ``(markdown, metadata)``; metadata has any of ``title``, ``author``, ``published``
        (ISO date) and ``source`` (site name) that the page states. ``markdown`` is empty
        when the page has no main text.
    """
    import trafilatura  # 0.3 s to import: only for the first HTML page

    extracted = trafilatura.bare_extraction(
        html, output_format="python", with_metadata=True, include_formatting=True
    )
    if extracted is None:
        return "", {}
    metadata = {
        key: value.strip()
        for key, value in (
            ("title", extracted.title),
            ("author", extracted.author),
            ("published", extracted.date),
            ("source", extracted.sitename),
        )
        if isinstance(value, str) and value.strip()
    }
    return extracted.text or "", metadata
