"""The Markdown subset renders what readers expect and nothing that can run."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.discussion.markup import ALLOWED_TAGS, LINK_REL, clean_text, plain_text, render
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def assert_safe(html: str) -> None:
    """Only allowed tags; only href (on links) and start (on lists); only safe link schemes."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, tag
        allowed = {"a": {"href", "rel"}, "ol": {"start"}}.get(tag.name, set())
        assert set(tag.attrs) <= allowed, tag
        if tag.name == "a":
            assert tag["href"].startswith(SAFE_SCHEMES), tag
            assert tag["rel"] == LINK_REL.split()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello *world* and **you**", "<p>Hello <em>world</em> and <strong>you</strong></p>"),
        (
            "> A source tells another outlet",
            "<blockquote>\n<p>A source tells another outlet</p>\n</blockquote>",
        ),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("Use `code`", "<p>Use <code>code</code></p>"),
        (
            "[story](https://example.org/a?b=1&c=2)",
            f'<p><a href="https://example.org/a?b=1&amp;c=2" rel="{LINK_REL}">story</a></p>',
        ),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
        ("# Not a heading", "<p># Not a heading</p>"),
    ],
)
def test_the_subset_renders(source, expected):
    assert render(source) == expected


def test_images_and_raw_html_stay_text():
    assert "<img" not in render("![cat](https://example.org/cat.png)")
    assert render("<b>bold</b>") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>"


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives_as_markup(payload):
    html = render(payload)

    assert_safe(html)
    assert not re.search(
        r"<(script|img|svg|iframe|style|object|embed|form|input|meta|base)\b", html, re.I
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_renders_to_safe_html(text):
    assert_safe(render(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<",
                ">",
                "[",
                "]",
                "(",
                ")",
                "*",
                "`",
                "javascript:",
                "&#",
                '"',
                "'",
                "on",
                "=",
                "x",
                "\n",
                "script",
                "a href",
            ]
        ),
        max_size=60,
    )
)
def test_markup_like_noise_renders_to_safe_html(pieces):
    assert_safe(render("".join(pieces)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_plain_words_keep_their_text(text):
    """Whatever a reader types appears as text (minus markup and control characters)."""
    words = [word for word in re.findall(r"[A-Za-z]{3,}", clean_text(text))]
    rendered = plain_text(render(text))
    for word in words:
        assert word in rendered


def test_control_and_direction_characters_are_removed():
    assert clean_text("a\x00b\u202ec\r\nd") == "ab" + "c\nd"


@pytest.mark.parametrize(
    "source", ["<A0:>", "<ftp://example.org>", "[x](/relative/path)", "[x](#top)"]
)
def test_links_to_anything_but_the_web_or_email_stay_text(source):
    html = render(source)

    assert "<a" not in html
    assert_safe(html)
