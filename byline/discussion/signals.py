"""The discussion's own signals, for the apps above it that react to what happens in threads.

Each is sent once per event, inside the transaction that makes the change, in a savepoint
(``announce``): what a receiver writes (an outbox row) commits with the change or not at all,
so a receiver must leave effects outside the database (a task, an HTTP request) to
``transaction.on_commit`` or to the worker. A receiver that raises undoes the savepoint and is
logged; it never undoes the change nor fails the reader's request. The discussion does not
know who listens (the webhooks do, ``byline/webhooks``).

All are sent with ``sender=Comment`` (``subscription_confirmed``: ``sender=Subscription``):

- ``comment_published(comment)``: a comment became visible to every reader (posted and
  published, or approved); from ``threads.status``.
- ``comment_held(comment)``: a comment joined the moderation queue (the pipeline held it, or
  readers' reports took it down); ``comment.moderation_rule`` says why; from ``threads.status``.
- ``comment_reported(comment, report)``: a reader filed a report (one per reader and comment);
  ``comment.report_count`` counts distinct reporters; from ``moderation.actions``.
- ``comment_moderated(comment, decision, previous_status)``: a moderator's decision
  ("approve", "reject" or "spam") changed the comment or closed its reports; from
  ``moderation.actions``.
- ``subscription_confirmed(subscription)``: a "Notify of" subscription or a follow became
  confirmed (at once for a proven address, by the emailed link, or when an account proved the
  address); from ``notify.subscriptions``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

comment_published = Signal()
comment_held = Signal()
comment_reported = Signal()
comment_moderated = Signal()
subscription_confirmed = Signal()


def announce(signal: Signal, sender: type, **kwargs: Any) -> None:
    """Send ``signal`` in a savepoint of the caller's transaction: what receivers write commits
    with the change; one that fails is logged and its writes undone, and the change goes on."""
    if not signal.has_listeners(sender):
        return
    try:
        with transaction.atomic():
            signal.send(sender=sender, **kwargs)
    except Exception:
        logger.exception("A receiver of a discussion signal failed; nothing of it was recorded")
