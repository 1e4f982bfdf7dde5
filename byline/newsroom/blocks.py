"""The StreamField blocks an article body is built from."""

from __future__ import annotations

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


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


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="newsroom/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        icon="title", form_classname="title", template="newsroom/blocks/subheading.html"
    )
    image = CaptionedImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedWithCaptionBlock()
    fact_box = FactBoxBlock()
