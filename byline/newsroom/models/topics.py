"""Typed tags: topics ("Award season") and people ("Lena Marsh"), each with its own page."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Topic(index.Indexed, TagBase):
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("newsroom:topic", kwargs={"slug": self.slug})


class Person(index.Indexed, TagBase):
    """Somebody a story is about (not one of our authors)."""

    description = models.TextField(blank=True, help_text="Who they are, in a sentence.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def get_absolute_url(self) -> str:
        return reverse("newsroom:person", kwargs={"slug": self.slug})


class TaggedTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class TaggedPerson(ItemBase):
    tag = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="tagged_people"
    )
