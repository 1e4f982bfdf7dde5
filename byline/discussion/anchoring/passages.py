"""The plain text of each block of an article body, as a reader's browser sees it.

Offsets in a TextPositionSelector count characters of this text, so it must agree with the
script's reading of the rendered page: the text content of the block (for an editor prompt,
of its paragraph only) with whitespace collapsed.
"""

from __future__ import annotations

from html.parser import HTMLParser

from byline.discussion.anchoring.selectors import Selector, SelectorError, normalise, validate

# Blocks readers can comment on; images, embeds and fact boxes are not prose.
TEXT_BLOCKS = {"paragraph", "subheading", "pull_quote", "inline_prompt"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return normalise("".join(collector.parts))


def block_html(child) -> str:
    """The rendered HTML of the part of a block readers can select."""
    if child.block_type == "inline_prompt":
        return str(child.value["text"])
    return child.render()


def block_texts(body) -> dict[str, str]:
    """Block id -> plain text, for every prose block of a StreamField ``body``."""
    return {
        child.id: html_text(block_html(child))
        for child in body
        if child.block_type in TEXT_BLOCKS and child.id
    }


def prompts(body) -> dict[str, dict[str, str]]:
    """Block id -> the editor prompt's question and passage, for every prompt in ``body``."""
    return {
        child.id: {
            "question": child.value["question"],
            "passage": normalise(child.value["passage"]),
        }
        for child in body
        if child.block_type == "inline_prompt" and child.id
    }


def words_of_paragraph(paragraph_html: str, passage: str) -> str | None:
    """The words of the paragraph that an editor's ``passage`` names, as the paragraph has them,
    or None: matched as a reader's selection is, so "pure invention" finds “pure invention”."""
    hint = Selector(block_id="paragraph", exact=passage, prefix="", suffix="", start=0, end=0)
    try:
        return validate(hint, {"paragraph": html_text(paragraph_html)}).exact
    except SelectorError:
        return None
