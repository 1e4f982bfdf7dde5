"""One thread per commentable page, with the switches editors use to close it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from wagtail.models import Page


class ThreadQuerySet(models.QuerySet["Thread"]):
    def for_page(self, page: Page) -> Thread:
        """The page's thread, created on first use, holding ``page`` (its rules read the page's
        dates, and the caller has it loaded already)."""
        thread, _ = self.get_or_create(page_id=page.pk)
        thread.page = page
        return thread

    def on_public_pages(self) -> ThreadQuerySet:
        """Threads of pages readers can reach: live, and behind no view restriction."""
        from wagtail.models import Page

        return self.filter(page__in=Page.objects.live().public())

    def in_sites(self) -> ThreadQuerySet:
        """Threads of pages in a site's tree, which Byline's own listings may show: not those
        of the pages other sites publish, kept outside every site (see byline.embedding)."""
        from wagtail.models import Site

        inside = models.Q(pk__in=[])
        for root in Site.get_site_root_paths():
            inside |= models.Q(page__url_path__startswith=root.root_path)
        return self.filter(inside)

    def most_discussed(self) -> ThreadQuerySet:
        return self.filter(comments_enabled=True, comment_count__gt=0).order_by(
            "-comment_count", "-pk"
        )


class Thread(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="discussion_thread"
    )
    comments_enabled = models.BooleanField(
        default=True, help_text="Turn off to hide the discussion and the comment form entirely."
    )
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set to close the thread: comments stay readable, no new ones.",
    )
    premoderated = models.BooleanField(
        default=False,
        help_text="Hold every new comment until a moderator approves it, for a sensitive story.",
    )
    # One pinned comment per thread: a second pin replaces the first, so the top of the thread
    # stays one editor's choice rather than a stack of them.
    pinned_comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    comment_count = models.PositiveIntegerField(default=0, editable=False)
    last_comment_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_comment_at", "-pk"]

    def __str__(self) -> str:
        return f"Discussion of {self.page.title}"

    @property
    def page_url(self) -> str:
        """The page's address as readers reach it. Its own type has the last word (an external
        page's address is on another site: see byline.embedding), read without loading the
        fields of its type unless that type needs them."""
        return self.page.specific_deferred.url or ""

    @property
    def auto_closes_at(self) -> dt.datetime | None:
        """When the thread closes by itself: a set number of days after the page was first published."""
        days = settings.DISCUSSION_AUTO_CLOSE_DAYS
        published = self.page.first_published_at
        if not days or published is None:
            return None
        return published + dt.timedelta(days=days)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if not self.comments_enabled or self.closed_at is not None:
            return False
        closes = self.auto_closes_at
        return closes is None or now < closes

    def closed_reason(self) -> str:
        if not self.comments_enabled:
            return "Comments are turned off for this article."
        return "This discussion is closed to new comments."
