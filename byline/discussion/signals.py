"""The discussion's own signals, for the apps above it that react to what happens in threads.

Each is sent once per event, inside the transaction that makes the change (``announce``):
what a receiver writes (an outbox row) commits with the change or not at all, so a receiver
must leave effects outside the database (a task, an HTTP request) to ``transaction.on_commit``
or to the worker. A receiver that raises fails the change with it: the change and its
recorded events are one, and an event a receiver promised (a webhook) is never lost for a
change that committed. Receivers only write rows, so what fails there is the database, which
would most likely have failed the change anyway. The discussion does not
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

from django.dispatch import Signal

logger = logging.getLogger(__name__)

comment_published = Signal()
comment_held = Signal()
comment_reported = Signal()
comment_moderated = Signal()
subscription_confirmed = Signal()


def announce(signal: Signal, sender: type, **kwargs: Any) -> None:
    """Send ``signal`` in the caller's transaction: what receivers write commits with the
    change, and a receiver that fails is logged and fails the change (the caller's
    transaction rolls back)."""
    if not signal.has_listeners(sender):
        return
    try:
        signal.send(sender=sender, **kwargs)
    except Exception:
        logger.exception("A receiver of a discussion signal failed; the change is undone")
        raise
