"""The sites allowed to embed Byline's discussion, and the pages of theirs it keeps threads for.

An external page is a Wagtail page like an article, so that everything the discussion hangs on a
page (its one thread, moderation, notifications, live events, the admin's queues and lists)
works for it unchanged. It lives under one hidden index page placed directly under the tree's
root, outside every site: no site routes to it, so no menu, sitemap, feed, search or listing of
Byline shows it, and no purge of Byline's pages concerns it. Its address is the other site's:
``url`` and ``full_url`` give the external URL, so e-mails, permalinks and the admin lead there,
and serving it (a preview, a form re-shown after an error) redirects there.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from byline.embedding.addresses import (
    MAX_ORIGIN_LENGTH,
    MAX_URL_LENGTH,
    AddressError,
    normalise_origin,
    normalise_url,
)


class AllowedOrigin(models.Model):
    origin = models.CharField(
        max_length=MAX_ORIGIN_LENGTH,
        unique=True,
        help_text=(
            "The site's scheme, host and port, such as https://blog.example.org (no path). Pages "
            "there may show Byline's discussion, and their scripts may call Byline's API."
        ),
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Whose site it is, and why it is allowed."
    )
    enabled = models.BooleanField(
        default=True,
        help_text=(
            "Turn off to take the discussion off this site's pages (its scripts may no longer "
            "call the API, its addresses get no thread); its threads and comments stay."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["origin"]
        verbose_name = "allowed site"
        verbose_name_plural = "allowed sites"

    def __str__(self) -> str:
        return self.origin

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever writes it (the admin, a shell, a fixture), the table holds canonical origins
        # only, which the CORS check and the thread lookup compare with exactly.
        self.origin = normalise_origin(self.origin)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        try:
            self.origin = normalise_origin(self.origin)
        except AddressError as error:
            raise ValidationError({"origin": error.args[0]}) from error


class ExternalPageIndex(Page):
    """The one hidden parent of every external page, directly under the tree's root."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["embedding.ExternalPage"]
    max_count = 1
    is_creatable = False
    preview_modes: list = []
    content_panels = [FieldPanel("title")]
    promote_panels: list = []

    class Meta:
        verbose_name = "index of external pages"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        raise Http404("Nothing is published here.")

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list:
        return []

    # Under the root, outside every site: no cached page of Byline shows it (newsroom.purging).
    purges_byline_pages = False


class ExternalPage(Page):
    """A page another (allowed) site publishes, which readers discuss through the embed."""

    external_url = models.CharField(
        "address",
        max_length=MAX_URL_LENGTH,
        unique=True,
        help_text="The page's canonical address on its own site.",
    )

    parent_page_types = ["embedding.ExternalPageIndex"]
    subpage_types: list = []
    is_creatable = False
    show_in_menus_default = False
    preview_modes: list = []
    content_panels = [FieldPanel("title"), FieldPanel("external_url", read_only=True)]
    promote_panels: list = []

    class Meta:
        verbose_name = "external page"

    def clean(self) -> None:
        super().clean()
        try:
            self.external_url = normalise_url(self.external_url).url
        except AddressError as error:
            raise ValidationError({"external_url": error.args[0]}) from error

    # Its address is the other site's, whatever site or request asks.
    def get_url_parts(self, request: HttpRequest | None = None) -> None:
        return None

    def get_url(self, request: HttpRequest | None = None, current_site: Any = None) -> str:
        return self.external_url

    url = property(get_url)

    def get_full_url(self, request: HttpRequest | None = None) -> str:
        return self.external_url

    full_url = property(get_full_url)

    def relative_url(self, current_site: Any, request: HttpRequest | None = None) -> str:
        return self.external_url

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return HttpResponseRedirect(self.external_url)

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list:
        return []

    # The discussion serves a thread on any page that says so (see discussion.http): an external
    # page has one only while its site is allowed, so disabling a site closes its threads to
    # reading and writing everywhere (API, forms, live stream) and keeps their comments.
    @property
    def has_discussion(self) -> bool:
        from byline.embedding import origins

        try:
            origin = normalise_url(self.external_url).origin
        except AddressError:
            return False
        return origins.is_allowed(origin)

    # Its address is another site's: no cached page of Byline shows it (newsroom.purging).
    purges_byline_pages = False

    def passage_texts(self) -> dict[str, str]:
        """Its prose blocks for inline feedback, as the worker last read them (inline-external)."""
        from byline.embedding.page_texts import texts_of_page

        return texts_of_page(self.pk)


# The stored text of external pages lives in its own module (inline-external's).
from byline.embedding.page_texts import PageText  # noqa: E402, F401
