"""Site-wide facts about the publication, edited in Settings > Publication."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class PublicationSettings(BaseSiteSetting):
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(
        blank=True, help_text="Used by search engines, feeds and link previews for the home page."
    )
    logo = models.ForeignKey(
        "newsroom.BylineImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    twitter_handle = models.CharField(max_length=30, blank=True, help_text="Without the @.")

    panels = [
        FieldPanel("tagline"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("twitter_handle"),
    ]

    class Meta:
        verbose_name = "publication"
