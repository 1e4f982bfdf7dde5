"""The newsroom's image library: every picture carries its caption, credit and rights."""

from __future__ import annotations

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class UsageRights(models.TextChoices):
    OWNED = "owned", "Owned by the publication"
    LICENSED = "licensed", "Licensed from an agency"
    HANDOUT = "handout", "Handout or press image"
    CREATIVE_COMMONS = "creative_commons", "Creative Commons"
    PUBLIC_DOMAIN = "public_domain", "Public domain"


class BylineImage(AbstractImage):
    """An image with the editorial metadata a news page shows and a picture desk tracks."""

    caption = models.CharField(
        max_length=300, blank=True, help_text="What the picture shows, as printed under it."
    )
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text='Who to credit, e.g. "Northlight Agency / Mara Quell". Shown as "Pic credit: …".',
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the image came from: agency, URL or handout."
    )
    usage_rights = models.CharField(
        max_length=32, choices=UsageRights.choices, default=UsageRights.OWNED
    )

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit", "source", "usage_rights")

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"


class BylineRendition(AbstractRendition):
    image = models.ForeignKey(BylineImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
