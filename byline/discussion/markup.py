"""Readers write a small Markdown subset; it is rendered and sanitised once, when written.

Paragraphs, emphasis, links, quotes, code and lists. No images, headings, tables or raw HTML:
anything else stays visible as the text the reader typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "blockquote", "code", "pre", "ul", "ol", "li"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# Control characters other than tab and newline never belong in a comment or a name.
_CONTROL_CHARACTERS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2066-\u2069]"
)


def _is_allowed_link(url: str) -> bool:
    # Links to anything but the web or an email address stay as the text the reader typed, so
    # the sanitiser never has to strip an href and leave a dead link behind.
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


@cache
def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    parser.validateLink = _is_allowed_link
    return parser.disable(
        ["image", "heading", "lheading", "hr", "html_block", "html_inline", "table"],
        ignoreInvalid=True,
    )


def clean_text(text: str) -> str:
    """Normalise what a reader typed: NFC, Unix newlines, no control or direction characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL_CHARACTERS.sub("", text).strip()


def _drop_generic_attributes(tag: str, attribute: str, value: str) -> str | None:
    # The sanitiser always allows a few generic attributes (title, lang); comments need none.
    return value if attribute in ALLOWED_ATTRIBUTES.get(tag, ()) or attribute == "rel" else None


def render(source: str) -> str:
    """Render the Markdown subset to HTML that is safe to include in a page as is."""
    html = _markdown().render(clean_text(source))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_drop_generic_attributes,
        link_rel=LINK_REL,
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of rendered HTML, for excerpts and feeds."""
    return nh3.clean(html, tags=set()).strip()
