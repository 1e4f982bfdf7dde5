"""The prose of another site's page, block by block, as the embed's passages script reads it.

A host opts in by marking a container with ``data-byline-passages``; its blocks are the ``p``,
``h2``-``h4``, ``blockquote`` and ``li`` elements inside it, outermost only (a paragraph in a
quotation belongs to the quotation's block). A block is named by its ``data-byline-block`` or
``id`` attribute when that is usable (1 to 64 characters, not taken by an earlier block), else
by its position among the blocks: ``b1``, ``b2``, ... A block whose name is taken either way is
not commentable. Its text is that of its text nodes, outside ``script``, ``style``, ``template``
and ``noscript``, with whitespace collapsed (``anchoring.normalise``, as ``passages.html_text``
reads Byline's own articles), so that offsets agree with embed-passages.js.

The HTML is hostile: only the first marked container counts, parsing is bs4's with Python's
own tolerant parser (no recursion over the tree), and the number of blocks and the length of
each text are capped.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.builder import ParserRejectedMarkup
from bs4.element import PreformattedString

from byline.discussion.anchoring import normalise

CONTAINER = "data-byline-passages"
BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "blockquote", "li"})
SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
MAX_BLOCK_ID = 64  # Anchor.block_id's length
MAX_BLOCKS = 2_000
MAX_BLOCK_TEXT = 50_000


class ProseError(ValueError):
    """The page's HTML could not be read at all."""


def block_texts(html: str | bytes, *, encoding: str | None = None) -> dict[str, str]:
    """Block id -> plain text for the prose blocks of the page's marked container; {} if it
    marks none."""
    try:
        soup = BeautifulSoup(
            html, "html.parser", from_encoding=encoding if isinstance(html, bytes) else None
        )
    except (ParserRejectedMarkup, LookupError) as error:
        raise ProseError(f"The page's HTML could not be read ({error}).") from error
    container = soup.find(None, {CONTAINER: True})
    if not isinstance(container, Tag):
        return {}
    texts: dict[str, str] = {}
    for position, block in enumerate(_blocks(container), start=1):
        if position > MAX_BLOCKS:
            break
        name = _name(block, position, texts)
        if name is not None:
            texts[name] = normalise(_text(block))[:MAX_BLOCK_TEXT]
    return texts


def _blocks(container: Tag) -> list[Tag]:
    """The outermost block elements inside ``container``, in document order: one walk down
    the tree that does not enter a block, so hostile nesting costs no more than its size."""
    found: list[Tag] = []
    stack = list(reversed(_elements(container)))
    while stack:
        element = stack.pop()
        if element.name in BLOCK_TAGS:
            found.append(element)
        else:
            stack.extend(reversed(_elements(element)))
    return found


def _elements(parent: Tag) -> list[Tag]:
    return [child for child in parent.children if isinstance(child, Tag)]


def _name(block: Tag, position: int, taken: dict[str, str]) -> str | None:
    for attribute in ("data-byline-block", "id"):
        value = block.get(attribute)
        if isinstance(value, str) and 0 < len(value) <= MAX_BLOCK_ID and value not in taken:
            return value
    fallback = f"b{position}"
    return None if fallback in taken else fallback


def _text(block: Tag) -> str:
    """The block's text nodes, as a browser's tree walker over text nodes finds them."""
    parts: list[str] = []
    stack = list(reversed(block.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name not in SKIPPED_TAGS:
                stack.extend(reversed(node.contents))
        # Comments, CDATA and processing instructions are strings to bs4, not text to a browser.
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    return "".join(parts)
