"""Markup: reduce HTML and Markdown to headings and paragraphs of plain text.

HTML goes through trafilatura, which keeps an article's main text and drops navigation,
footers and comment threads; it hands back Markdown, which markdown-it-py then parses like
any Markdown file. A page nested deeper than libxml2 reads (256 elements; 2,048 with its
limit raised) is read by the standard library's tokenizer instead. None of these steps
uses regular expressions on markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

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


def html_blocks(html: str) -> tuple[list[Block], dict[str, str]]:
    """Headings and paragraphs of an HTML page's main text, and the metadata found in the
    page (as :func:`html_to_markdown` gives them).

    libxml2, which trafilatura reads pages with, stops 256 elements deep and leaves the rest
    out, so a deeper page seems to have no text, or only what lies above that depth. Such a
    page is read with that limit raised to 2,048 (``huge_tree``); deeper still, its body's
    text is taken as it comes, a paragraph per block element, by the standard library's
    tokenizer, which has no limit.
    """
    if not _tree(html, huge=False)[1]:  # the usual page: trafilatura reads it as it is
        markdown, metadata = html_to_markdown(html)
        return markdown_blocks(markdown), metadata
    tree, cut = _tree(html, huge=True)
    if tree is not None and not cut:
        markdown, metadata = html_to_markdown(tree)
        return markdown_blocks(markdown), metadata
    body = _BodyText()
    body.feed(html)
    body.close()
    return body.blocks, {"title": body.title} if body.title else {}


def html_to_markdown(html) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (a text, or a tree that lxml parsed) as Markdown, and
    the metadata found in the page.

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


def _tree(html: str, *, huge: bool):
    """The page parsed by lxml as trafilatura parses it, with libxml2's depth limit raised
    from 256 to 2,048 when ``huge``; and whether that limit cut the page short."""
    from lxml import etree  # loaded with trafilatura already
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        huge_tree=huge,
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
    )
    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):  # nothing lxml can build a tree of
        tree = None
    cut = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return tree, cut


#: Elements whose content is not text to read.
_NOT_TEXT = frozenset(
    "script style noscript template svg math iframe object canvas select textarea".split()
)
#: Elements that end a paragraph where they start and where they end.
_BLOCK_ELEMENTS = frozenset(
    (
        "address article aside blockquote body dd details div dl dt fieldset figcaption "
        "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
        "table td th tr ul"
    ).split()
)


class _BodyText(HTMLParser):
    """The text of a page as headings and paragraphs, a paragraph per block element, for
    pages too deep for lxml: the tokenizer keeps no tree, so depth costs it nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
        self._parts: list[str] = []
        self._heading = 0  # level of the heading being read, 0 in a paragraph
        self._hidden = 0  # open elements whose content is not text
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _NOT_TEXT:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK_ELEMENTS:
            self._end_block()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._heading = int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_TEXT:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_ELEMENTS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = " ".join(f"{self.title} {data}".split())
        elif not self._hidden:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._end_block()

    def _end_block(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            kind = "heading" if self._heading else "paragraph"
            self.blocks.append(Block(kind, text, self._heading))
        self._parts, self._heading = [], 0
