"""Shortcodes go, their content stays; brackets that are not shortcodes stay as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.migration.wordpress.shortcodes import Shortcode, expand, parse_attributes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The [sic] word", "The [sic] word"),
        ("[Updated 5pm] The couple", "[Updated 5pm] The couple"),
        ("a [[not-a-shortcode]] b", "a [[not-a-shortcode]] b"),
        ('x [gallery ids="1,2"] y', "x  y"),
        ('[contact-form-7 id="12" title="Tips"]', ""),
        ("[spoiler]He lives[/spoiler]!", "He lives!"),
        ("[b]bold[/b] and [sic]", "bold and [sic]"),
        ("[[caption]literal[/caption]]", "[caption]literal[/caption]"),
        ("[outer][inner x=1]deep[/inner][/outer]", "deep"),
        ("[clear /] done", " done"),
        ("unclosed [", "unclosed ["),
    ],
)
def test_expand_keeps_content_and_plain_brackets(text, expected):
    assert expand(text) == expected


def test_attributes_in_every_quoting_style():
    assert parse_attributes(' id="k3" question=\'Do you?\' opened=0 positional "two words"') == {
        "id": "k3",
        "question": "Do you?",
        "opened": "0",
        "0": "positional",
        "1": "two words",
    }


def test_a_renderer_sees_name_attributes_and_content():
    seen = []

    def render(code: Shortcode, inner) -> str:
        seen.append(code)
        return f"<{inner(code.content or '')}>"

    assert expand(
        'q [wpdiscuz-feedback id="k" question="Q?"]the passage[/wpdiscuz-feedback] z', render
    ) == ("q <the passage> z")
    assert seen == [Shortcode("wpdiscuz-feedback", {"id": "k", "question": "Q?"}, "the passage")]


def test_deep_nesting_stops_without_recursion_errors():
    text = "[a x=1]" * 500 + "core" + "[/a]" * 500
    assert "core" in expand(text)


WORDS = st.text(st.characters(blacklist_characters="[]", blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_expand_never_fails_and_never_invents_text(text):
    """Whatever the post says, expanding only removes shortcode markup."""
    result = expand(text)
    assert len(result) <= len(text)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_text_without_brackets_is_untouched(text):
    assert expand(text) == text


@settings(max_examples=200, deadline=None)
@given(name=st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True), content=WORDS, before=WORDS)
def test_an_enclosing_shortcode_leaves_exactly_its_content(name, content, before):
    assert expand(f'{before}[{name} id="1"]{content}[/{name}]') == before + content


@settings(max_examples=200, deadline=None)
@given(
    word=st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,12}( [A-Za-z0-9]{1,8})?", fullmatch=True), text=WORDS
)
def test_brackets_that_are_not_shortcodes_stay(word, text):
    """A bracketed word with no attributes and no closing tag is prose ("[sic]", "[Updated 5pm]")."""
    if word.split()[0].lower() in {
        "caption",
        "wp_caption",
        "gallery",
        "embed",
        "audio",
        "video",
        "playlist",
    }:
        return
    assert expand(f"{text}[{word}]{text}") == f"{text}[{word}]{text}"
