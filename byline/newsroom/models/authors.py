"""The people who write the news: a snippet with a photo, a bio, links and a page of their own."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index


class Author(index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(
        max_length=120, blank=True, help_text='e.g. "Senior entertainment reporter".'
    )
    photo = models.ForeignKey(
        "newsroom.BylineImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The staff account of this author, if they have one.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        InlinePanel("links", label="Links"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})


class AuthorLink(Orderable):
    author = ParentalKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text='e.g. "Website", "Bluesky", "Email".')
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self) -> str:
        return f"{self.label}: {self.url}"
