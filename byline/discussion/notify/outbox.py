"""The notification outbox: one small row per published comment, written in the transaction that
publishes it, and the worker woken once that transaction commits (see ``notify.delivery``)."""

from __future__ import annotations

from django.db import transaction

from byline.discussion.models import Comment, NotificationEvent
from byline.discussion.tasks import wake_worker


def record_publication(comment: Comment) -> None:
    """Write the outbox row for a comment that just became visible, in the caller's transaction,
    and wake the worker once that transaction commits."""
    NotificationEvent.objects.bulk_create(
        [NotificationEvent(comment_id=comment.pk)], ignore_conflicts=True
    )
    transaction.on_commit(wake_worker)
