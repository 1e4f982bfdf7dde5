"""Source marks in rich text: found for the checker and the summary, rebuilt for readers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from byline.newsroom.sourcing.kinds import clean_name, kind_named

KIND_ATTRIBUTE = "data-source-kind"
NAME_ATTRIBUTE = "data-source-name"

# Elements that end a run of text: sentences never run across them.
BREAKING_ELEMENTS = frozenset({"p", "li", "br", "h2", "h3", "h4", "h5", "h6", "blockquote", "div"})


@dataclass(frozen=True)
class Mark:
    """One marked claim: ``text[start:end]`` of its ``MarkedText``."""

    start: int
    end: int
    kind: str
    name: str


@dataclass
class MarkedText:
    """The readable text of some rich text, with the marks found in it."""

    text: str = ""
    marks: list[Mark] = field(default_factory=list)

    def marked_between(self, start: int, end: int) -> list[Mark]:
        return [mark for mark in self.marks if mark.start < end and mark.end > start]


class _MarkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.open_spans: list[tuple[int, str, str] | None] = []
        self.marks: list[Mark] = []

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BREAKING_ELEMENTS and self.length:
            self._add("\n")
        if tag != "span":
            return
        found = dict(attrs)
        kind = kind_named(found.get(KIND_ATTRIBUTE))
        if kind is None:
            self.open_spans.append(None)
        else:
            self.open_spans.append((self.length, kind.value, clean_name(found.get(NAME_ATTRIBUTE))))

    def handle_endtag(self, tag: str) -> None:
        if tag in BREAKING_ELEMENTS:
            self._add("\n")
        if tag == "span" and self.open_spans:
            opened = self.open_spans.pop()
            if opened is not None and self.length > opened[0]:
                self.marks.append(Mark(opened[0], self.length, opened[1], opened[2]))

    def handle_data(self, data: str) -> None:
        self._add(data)


def find_marks(html: str) -> MarkedText:
    """The text of ``html`` and its source marks; spans of unknown kinds are not marks."""
    finder = _MarkFinder()
    finder.feed(html)
    finder.close()
    return MarkedText(text="".join(finder.parts), marks=finder.marks)


# A start tag of a span, with its attributes (quoted values may hold ">").
SPAN_START_TAG = re.compile(
    r"""<span\b((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""",
    re.IGNORECASE,
)
ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""",
)


def _attributes(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(source):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found.setdefault(match.group(1).lower(), unescape(value))
    return found


def _rebuilt_span(match: re.Match[str]) -> str:
    attributes = _attributes(match.group(1))
    if KIND_ATTRIBUTE not in attributes:
        return match.group(0)
    kind = kind_named(attributes[KIND_ATTRIBUTE])
    if kind is None:
        # An unknown kind: the words stay, the mark goes.
        return "<span>"
    name = clean_name(attributes.get(NAME_ATTRIBUTE))
    rebuilt = f'<span class="source-mark" {KIND_ATTRIBUTE}="{kind.value}"'
    if name:
        rebuilt += f' {NAME_ATTRIBUTE}="{escape(name)}"'
    return rebuilt + ">"


def render_source_marks(html: str) -> SafeString:
    """Rich text HTML for readers, every source mark rebuilt from its validated kind and escaped
    name, whatever else its stored tag held; other HTML is left as Wagtail rendered it."""
    return mark_safe(SPAN_START_TAG.sub(_rebuilt_span, str(html)))


def storage_attributes(kind: object, name: object) -> dict[str, str] | None:
    """The attributes a mark is stored with, or None when ``kind`` is not a known kind."""
    known = kind_named(kind)
    if known is None:
        return None
    attributes = {KIND_ATTRIBUTE: known.value}
    cleaned = clean_name(name)
    if cleaned:
        attributes[NAME_ATTRIBUTE] = cleaned
    return attributes
