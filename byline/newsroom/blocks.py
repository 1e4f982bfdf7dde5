"""The StreamField blocks an article body is built from."""

from __future__ import annotations

import re
from html import unescape

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail import blocks, hooks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "source"]


class CaptionedImageBlock(blocks.StructBlock):
    """An image in the body; caption and credit default to the image library's."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Leave empty to use the image's caption.")
    credit = blocks.CharBlock(required=False, help_text="Leave empty to use the image's credit.")

    class Meta:
        icon = "image"
        template = "newsroom/blocks/captioned_image.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        image = value["image"]
        context["caption"] = value["caption"] or (image.caption if image else "")
        context["credit"] = value["credit"] or (image.credit if image else "")
        return context


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, help_text='Who said it, e.g. "A source close to the couple".'
    )

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/pull_quote.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    """A video or post from another site; the link stays readable if the embed cannot load."""

    url = EmbedBlock(help_text="A YouTube, Vimeo, Bluesky or similar link.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="The facts so far")
    facts = blocks.ListBlock(blocks.CharBlock(label="Fact"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "newsroom/blocks/fact_box.html"


def plain_words(html: str) -> str:
    """Text of rich text HTML with whitespace collapsed, as readers' browsers read it."""
    return re.sub(r"\s+", " ", unescape(strip_tags(html))).strip()


def words_of_paragraph(paragraph_html: str, passage: str) -> str | None:
    """The words of the paragraph that ``passage`` names, as the paragraph has them, or None.

    The app that anchors readers' comments on passages answers (hook ``byline_words_of_paragraph``),
    so an editor's passage is matched exactly as readers' selections are. Without it nothing
    anchors on the passage, and it is kept as typed.
    """
    for find in hooks.get_hooks("byline_words_of_paragraph"):
        return find(paragraph_html, passage)
    return passage


class InlinePromptBlock(blocks.StructBlock):
    """A paragraph with a question attached to one of its passages: inline feedback invited by
    the editor. Readers see a discreet marker on the passage, with the number of answers."""

    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES, label="Paragraph")
    passage = blocks.CharBlock(
        max_length=500,
        help_text="The words of the paragraph the question is about, copied from it.",
    )
    question = blocks.CharBlock(
        max_length=200, help_text='For example "Do you believe the source?"'
    )

    class Meta:
        icon = "help"
        label = "Paragraph with a question"
        template = "newsroom/blocks/inline_prompt.html"

    def clean(self, value):
        value = super().clean(value)
        words = words_of_paragraph(value["text"].source, value["passage"])
        if not words:
            raise StructBlockValidationError(
                {"passage": ValidationError("Copy these words from the paragraph above.")}
            )
        # Stored as the paragraph has them: the article marks these very characters.
        value["passage"] = words
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="newsroom/blocks/paragraph.html"
    )
    inline_prompt = InlinePromptBlock()
    subheading = blocks.CharBlock(
        icon="title", form_classname="title", template="newsroom/blocks/subheading.html"
    )
    image = CaptionedImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedWithCaptionBlock()
    fact_box = FactBoxBlock()
