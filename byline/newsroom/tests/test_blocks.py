"""The article body's blocks: an editor's prompt must name words of its own paragraph."""

from __future__ import annotations

import json

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from byline.newsroom.blocks import InlinePromptBlock, plain_words
from byline.newsroom.tests.factories import ArticlePageFactory

PARAGRAPH = "<p>The studio said the sequel is <b>definitely</b> happening &amp; soon.</p>"


def prompt(passage: str) -> dict:
    block = InlinePromptBlock()
    return block.clean(
        block.to_python({"text": PARAGRAPH, "passage": passage, "question": "Convinced?"})
    )


@pytest.mark.parametrize("passage", ["the sequel is definitely happening", "happening & soon"])
def test_a_passage_copied_from_the_paragraph_is_accepted(passage):
    assert prompt(passage)["passage"] == passage


@pytest.mark.parametrize("passage", ["the prequel", "definitely  happening soon"])
def test_a_passage_that_is_not_in_the_paragraph_is_refused(passage):
    with pytest.raises(StructBlockValidationError) as caught:
        prompt(passage)
    assert "passage" in caught.value.block_errors


def test_plain_words_reads_rich_text_as_a_browser_does():
    assert (
        plain_words(str(RichText(PARAGRAPH)))
        == "The studio said the sequel is definitely happening & soon."
    )


@pytest.mark.django_db
def test_the_editor_offers_and_shows_the_prompt_block(admin_client):
    value = {"text": PARAGRAPH, "passage": "the sequel", "question": "Convinced?"}
    article = ArticlePageFactory(body=json.dumps([{"type": "inline_prompt", "value": value}]))
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Paragraph with a question" in response.content.decode()
