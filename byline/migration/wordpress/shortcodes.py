"""WordPress shortcodes: find them in post content and replace each with what Byline keeps.

WordPress only expands the shortcodes a plugin registered, so plain square brackets in prose
("[sic]", "[Updated 5pm]") stay text. Without the old site's plugins we call a bracket a
shortcode when its name is a known one, when it has attributes (``id="3"``), when it closes
itself (``[x /]``) or when a matching closing tag follows (``[x]...[/x]``). ``[[x]]`` is
WordPress's way to write a shortcode literally: it becomes ``[x]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

KNOWN = frozenset(
    {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "wpdiscuz-feedback"}
)
OPENING = re.compile(
    r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s(?:[^\[\]\"']|\"[^\"]*\"|'[^']*')*)?)\]"
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
    r"""|"([^"]*)"|'([^']*)'|(\S+)"""
)
CLOSING = re.compile(r"\[/([A-Za-z][\w-]*)\]")
# Brackets nest rarely, but a hostile post can nest thousands deep: past this, content stays.
MAX_DEPTH = 20


@dataclass(frozen=True)
class Shortcode:
    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    content: str | None = None


Renderer = Callable[[Shortcode, Callable[[str], str]], str]


def parse_attributes(text: str) -> dict[str, str]:
    attrs: dict[str, str] = {}
    position = 0
    for match in ATTRIBUTE.finditer(text.strip().removesuffix("/")):
        groups = match.groups()
        for key_index in (0, 2, 4):
            if groups[key_index]:
                attrs[groups[key_index].lower()] = groups[key_index + 1]
                break
        else:
            value = next(value for value in groups[6:] if value is not None)
            attrs[str(position)] = value
            position += 1
    return attrs


def keep_content(shortcode: Shortcode, expand: Callable[[str], str]) -> str:
    """The default: the shortcode goes, what it wrapped stays."""
    return expand(shortcode.content) if shortcode.content else ""


def expand(text: str, render: Renderer = keep_content, depth: int = 0) -> str:
    """Replace every shortcode in ``text`` with ``render``'s answer; other text is unchanged."""
    if depth > MAX_DEPTH or "[" not in text:
        return text

    def inner(fragment: str) -> str:
        return expand(fragment, render, depth + 1)

    closings = _closing_tags(text)
    out: list[str] = []
    position = 0
    while (match := OPENING.search(text, position)) is not None:
        name, attrs_text = match["name"], match["attrs"]
        closes_itself = attrs_text.rstrip().endswith("/")
        closing = None if closes_itself else _next_closing(closings, name, match.end())
        escaped = match.start() > 0 and text[match.start() - 1] == "["
        is_shortcode = (
            name.lower() in KNOWN
            or closes_itself
            or closing is not None
            or "=" in attrs_text
            or '"' in attrs_text
        )
        if not is_shortcode:
            out.append(text[position : match.start() + 1])
            position = match.start() + 1
            continue
        end = closing[1] if closing else match.end()
        if escaped and text[end : end + 1] == "]":
            # [[x]] writes the shortcode literally: drop the outer pair of brackets.
            out.append(text[position : match.start() - 1])
            out.append(text[match.start() : end])
            position = end + 1
            continue
        out.append(text[position : match.start()])
        content = text[match.end() : closing[0]] if closing else None
        out.append(render(Shortcode(name.lower(), parse_attributes(attrs_text), content), inner))
        position = end
    out.append(text[position:])
    return "".join(out)


def _closing_tags(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each name's closing tags are, found once per text (a hostile post may open
    thousands of tags; searching the rest of the text for each would take quadratic time)."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in CLOSING.finditer(text):
        found[match[1]].append((match.start(), match.end()))
    return found


def _next_closing(closings, name: str, start: int) -> tuple[int, int] | None:
    spans = closings.get(name, [])
    index = bisect_left(spans, (start, start))
    return spans[index] if index < len(spans) else None
