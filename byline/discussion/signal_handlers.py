"""Reactions to Wagtail events: a published article gets its discussion thread."""

from __future__ import annotations

from wagtail.signals import page_published

from byline.discussion.models import Thread


def open_thread(sender, instance, **kwargs) -> None:
    if getattr(instance, "has_discussion", False):
        Thread.objects.for_page(instance)


def register() -> None:
    page_published.connect(open_thread, dispatch_uid="byline-open-thread")
