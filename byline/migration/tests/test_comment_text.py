"""Comment HTML from WordPress or Disqus becomes Byline Markdown, and renders safely."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.discussion import markup
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.migration.comment_text import html_to_markdown


def rendered(html: str) -> str:
    return markup.render(html_to_markdown(html))


def test_formatting_readers_used_survives():
    html = 'I <em>knew</em> it, <strong>really</strong>.\n\nSee <a href="https://example.net/a">this</a>.'
    assert rendered(html) == (
        "<p>I <em>knew</em> it, <strong>really</strong>.</p>\n"
        '<p>See <a href="https://example.net/a" rel="nofollow ugc noopener">this</a>.</p>'
    )


def test_quotes_lists_and_breaks():
    assert "<blockquote>" in rendered("<blockquote>They said so.</blockquote>No.")
    assert "<li>one</li>" in rendered("<ul><li>one</li><li>two</li></ul>")
    assert "<br" in rendered("line one<br>line two")


def test_scripts_handlers_and_javascript_links_go_and_the_words_stay():
    html = 'Me too. <script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">click</a>'
    assert rendered(html) == "<p>Me too. click</p>"


def test_markdown_characters_stay_what_the_reader_typed():
    assert rendered("2*3*4 = 24 and [x](https://e.example) # not a heading") == (
        "<p>2*3*4 = 24 and [x](https://e.example) # not a heading</p>"
    )


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, dict(attrs)))


def unsafe(html: str) -> list[str]:
    """What in rendered HTML could run script: elements beyond the subset, event handlers,
    links that are not http(s) or mailto. Words like "javascript:" in the text are harmless."""
    parser = _Elements()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        if tag not in markup.ALLOWED_TAGS:
            problems.append(tag)
        problems += [name for name in attrs if name.startswith("on")]
        href = (attrs.get("href") or "").strip().lower()
        if tag == "a" and not href.startswith(("http://", "https://", "mailto:")):
            problems.append(f"href={href}")
    return problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_known_xss_payloads_never_render_as_markup(payload):
    assert unsafe(rendered(payload)) == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<script>", "</script>", "<a href='javascript:x'>", "<a href=\"https://ok.example\">",
             "</a>", "<em>", "</em>", "<img src=x onerror=alert(1)>", "<b onclick=y>", "</b>",
             "<p>", "</p>", "<blockquote>", "</blockquote>", "<li>", "<ul>", "</ul>", "&lt;",
             "&amp;", "*", "[", "](", ")", "\n\n", "<style>", "</style>", "<pre>", "</pre>"]
        )
        | st.text(max_size=12),
        max_size=40,
    )
)  # fmt: skip
def test_any_comment_html_renders_without_script_handlers_or_javascript_links(parts):
    assert unsafe(rendered("".join(parts))) == []
