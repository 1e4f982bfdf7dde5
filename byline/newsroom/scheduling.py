"""Scheduled publishing without cron: each schedule becomes a deferred task in the worker's queue."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from byline.newsroom.tasks import publish_due_pages


def run_publisher_at(moment: datetime) -> None:
    """Ask the worker to publish what is due at ``moment``, once the current transaction commits.

    Backends that cannot defer (the immediate backend of the tests) get nothing: running now
    would be too early, and `manage.py publish_scheduled` still works with them.
    """
    if not publish_due_pages.get_backend().supports_defer:
        return
    deferred = publish_due_pages.using(run_after=max(moment, timezone.now()))
    transaction.on_commit(deferred.enqueue)
