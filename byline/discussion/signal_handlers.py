"""Reactions to Wagtail events: a published article gets its discussion thread; a thread's
settings changed in the admin (closed, comments off) purge the pages that show it."""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.signals import page_published

from byline.discussion import purging
from byline.discussion.models import Thread


def open_thread(sender, instance, **kwargs) -> None:
    if getattr(instance, "has_discussion", False):
        Thread.objects.for_page(instance)


def thread_changed(sender, instance: Thread, created: bool, raw: bool = False, **kwargs) -> None:
    if not raw and not created:
        purging.purge_thread(instance)


def register() -> None:
    page_published.connect(open_thread, dispatch_uid="byline-open-thread")
    post_save.connect(thread_changed, sender=Thread, dispatch_uid="byline-purge-thread")
