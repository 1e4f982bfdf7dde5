"""Another system's comment HTML as Byline's Markdown subset, ready for the sanitiser.

Comments in WordPress and Disqus are HTML. Byline stores what a reader wrote in its Markdown
subset and renders it once through ``discussion.markup`` (the one sanitiser). So the HTML is
read, its words kept, the formatting Byline supports (paragraphs, line breaks, emphasis, links,
quotes, code, lists) written as Markdown, and everything else (scripts, styles, event handlers,
images, unsafe links) dropped. Markdown characters in the text are escaped, so a comment's
"*" or "<" stays what the reader typed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~])")
SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "svg", "math", "head"}
BLOCKS = {"p", "div", "blockquote", "ul", "ol", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
MAX_NESTING = 200


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0
        self.links: list[str | None] = []
        self.lists: list[str] = []
        self.quote = 0
        self.pre = 0
        self.open_tags = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or self.open_tags > MAX_NESTING:
            return
        self.open_tags += 1
        if tag in ("em", "i"):
            self.out.append("*")
        elif tag in ("strong", "b"):
            self.out.append("**")
        elif tag == "code" and not self.pre:
            self.out.append("`")
        elif tag == "br":
            self.out.append("\n" + "> " * self.quote)
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            safe = href.strip() if SAFE_LINK.match(href.strip()) else None
            self.links.append(safe)
            if safe:
                self.out.append("[")
        elif tag == "blockquote":
            self.quote += 1
            self._paragraph()
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
            self._paragraph()
        elif tag == "li":
            self.out.append("\n" + ("1. " if self.lists and self.lists[-1] == "ol" else "- "))
        elif tag == "pre":
            self.pre += 1
            self._paragraph()
            self.out.append("```\n")
        elif tag in BLOCKS:
            self._paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(self.dropping - 1, 0)
            return
        if self.dropping:
            return
        self.open_tags = max(self.open_tags - 1, 0)
        marker = {"em": "*", "i": "*", "strong": "**", "b": "**"}.get(tag)
        if tag == "code" and not self.pre:
            marker = "`"
        if marker:
            self._close(marker)
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f"]({href.replace(')', '%29').replace(' ', '%20')})")
        elif tag == "blockquote":
            self.quote = max(self.quote - 1, 0)
            self._paragraph()
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._paragraph()
        elif tag == "pre":
            self.pre = max(self.pre - 1, 0)
            self.out.append("\n```")
            self._paragraph()
        elif tag in BLOCKS and tag != "li":
            self._paragraph()

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.pre:
            self.out.append(data.replace("```", "'''"))
            return
        text = MARKDOWN_SPECIAL.sub(r"\\\1", data)
        # Blank lines in the HTML are paragraph breaks (WordPress adds the <p> on display).
        text = re.sub(r"\n\s*\n", "\n\n" + "> " * self.quote, text)
        self.out.append(text)

    def _close(self, marker: str) -> None:
        # An element with nothing inside (<em></em>) leaves no stray markers behind.
        if self.out and self.out[-1] == marker:
            self.out.pop()
        else:
            self.out.append(marker)

    def _paragraph(self) -> None:
        self.out.append("\n\n" + "> " * self.quote)


def html_to_markdown(html: str) -> str:
    """Byline Markdown for a comment written in HTML (WordPress, Disqus)."""
    converter = _Converter()
    converter.feed(html or "")
    converter.close()
    text = "".join(converter.out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
