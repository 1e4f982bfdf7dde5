"""The article body's blocks: an editor's prompt must name words of its own paragraph, matched
as readers' selections are (typographic punctuation and whitespace aside), and is stored as the
paragraph has it."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from wagtail.blocks.struct_block import StructBlockValidationError

from byline.newsroom.blocks import InlinePromptBlock
from byline.newsroom.tests.factories import ArticlePageFactory

PARAGRAPH = "<p>The studio said the sequel is <b>definitely</b> happening &amp; soon.</p>"
TYPESET = "<p>Her agent said it was “pure invention” — the couple’s\nfriends say ‘otherwise’.</p>"


def prompt(passage: str, paragraph: str = PARAGRAPH) -> dict:
    block = InlinePromptBlock()
    return block.clean(
        block.to_python({"text": paragraph, "passage": passage, "question": "Convinced?"})
    )


@pytest.mark.parametrize("passage", ["the sequel is definitely happening", "happening & soon"])
def test_a_passage_copied_from_the_paragraph_is_accepted(passage):
    assert prompt(passage)["passage"] == passage


@pytest.mark.parametrize("passage", ["the prequel", "definitely  happening soon", "   "])
def test_a_passage_that_is_not_in_the_paragraph_is_refused(passage):
    with pytest.raises(StructBlockValidationError) as caught:
        prompt(passage)
    assert "passage" in caught.value.block_errors


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ('it was "pure invention" - the couple\'s', "it was “pure invention” — the couple’s"),
        ("couple's friends say 'otherwise'", "couple’s friends say ‘otherwise’"),
        ("  \u201cpure   invention\u201d ", "“pure invention”"),
    ],
)
def test_straight_quotes_and_dashes_match_the_typeset_paragraph(typed, stored):
    """The editor types the passage with the keyboard's quotes; the block keeps the paragraph's
    own words, which the article's script marks and readers' answers anchor on."""
    assert prompt(typed, TYPESET)["passage"] == stored


# Property tests: a paragraph of words with typographic punctuation and any whitespace; the
# editor copies some of its words with plain punctuation and sloppy spacing.

TYPOGRAPHIC = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"}
word = st.text(alphabet="abcxyz'\"-" + "".join(TYPOGRAPHIC), min_size=1, max_size=8)
space = st.sampled_from([" ", "  ", "\n", "\u00a0", "\t "])


def typed_on_a_keyboard(words: str) -> str:
    return "".join(TYPOGRAPHIC.get(char, char) for char in words)


@st.composite
def paragraph_and_passage(draw):
    words = draw(st.lists(word, min_size=1, max_size=20))
    gaps = [draw(space) for _ in words]
    start = draw(st.integers(0, len(words) - 1))
    end = draw(st.integers(start + 1, len(words)))
    text = "".join(w + gap for w, gap in zip(words, gaps, strict=True))
    chosen = " ".join(words[start:end])
    typed = draw(space) + typed_on_a_keyboard(chosen).replace(" ", draw(space))
    return f"<p>{html.escape(text, quote=False)}</p>", " ".join(text.split()), chosen, typed


@settings(max_examples=200, deadline=None)
@given(paragraph_and_passage())
def test_any_passage_copied_with_plain_punctuation_is_found_as_the_paragraph_has_it(case):
    paragraph, text, chosen, typed = case
    stored = prompt(typed, paragraph)["passage"]
    assert stored in text
    assert typed_on_a_keyboard(stored) == typed_on_a_keyboard(chosen)


@settings(max_examples=200, deadline=None)
@given(st.lists(word, min_size=1, max_size=12).map(" ".join), st.text(max_size=60))
def test_words_that_are_not_in_the_paragraph_are_refused(text, typed):
    wanted = " ".join(typed_on_a_keyboard(typed).split())
    assume(wanted not in typed_on_a_keyboard(text))
    with pytest.raises(StructBlockValidationError) as caught:
        prompt(typed, f"<p>{html.escape(text, quote=False)}</p>")
    assert "passage" in caught.value.block_errors


@pytest.mark.django_db
def test_the_editor_offers_and_shows_the_prompt_block(admin_client):
    value = {"text": PARAGRAPH, "passage": "the sequel", "question": "Convinced?"}
    article = ArticlePageFactory(body=json.dumps([{"type": "inline_prompt", "value": value}]))
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Paragraph with a question" in response.content.decode()
