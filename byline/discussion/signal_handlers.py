"""Reactions to Wagtail events: a published article gets its discussion thread, and its inline
feedback is re-anchored to the new text by the worker."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from wagtail.signals import page_published

from byline.discussion import tasks
from byline.discussion.models import Anchor, Thread


def open_thread(sender, instance, **kwargs) -> None:
    if getattr(instance, "has_discussion", False):
        Thread.objects.for_page(instance)


def reanchor_feedback(sender, instance, **kwargs) -> None:
    if Anchor.objects.filter(comment__thread__page_id=instance.pk).exists():
        transaction.on_commit(partial(tasks.reanchor_article.enqueue, instance.pk))


def register() -> None:
    page_published.connect(open_thread, dispatch_uid="byline-open-thread")
    page_published.connect(reanchor_feedback, dispatch_uid="byline-reanchor-feedback")
