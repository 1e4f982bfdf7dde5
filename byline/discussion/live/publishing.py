"""Record the live event for a change readers can see, in the transaction that makes it.

``threads.status`` calls ``shown`` and ``hidden`` when a comment starts or stops being published
(whoever changes it: a reader, a moderator in a request or the worker), ``threads.services``
calls ``edited`` and ``votes_changed``. Only what every reader may see travels: a comment that
is held, shadowed or rejected was never published, so it has no event; and nothing an event
carries says who wrote what. The store publishes the event when the transaction commits and
forgets it when it rolls back (``stores``); counts are read as committed, when it publishes.

Without a live server (``LIVE_EVENTS_URL`` empty) no page listens, so nothing is recorded.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings

from byline.discussion.live import events, stores
from byline.discussion.models import Comment, Thread


def shown(comment: Comment) -> None:
    """A comment became visible to every reader (posted and published, or approved)."""
    _record(comment, events.COMMENT, {"parent": comment.parent_id})


def hidden(comment: Comment) -> None:
    """A published comment stopped being visible (removed, deleted, rejected, held, shadowed)."""
    _record(comment, events.REMOVE, {})


def edited(comment: Comment) -> None:
    """A published comment's text changed and it stays published."""
    if comment.status == Comment.Status.PUBLISHED:
        _record(comment, events.EDIT, {}, counted=False)


def redrawn(comment_ids: list[int]) -> None:
    """Comments whose display changed without a new text (re-anchored inline feedback): the
    published ones are sent as edits, so open pages fetch them again."""
    rows = Comment.objects.filter(pk__in=comment_ids, status=Comment.Status.PUBLISHED)
    for comment_id, thread_id in rows.order_by("pk").values_list("pk", "thread_id"):
        data = {"thread": thread_id, "comment": comment_id}
        _append(events.Draft(thread_id, events.EDIT, data))


def votes_changed(comment_id: int) -> None:
    """A published comment's votes changed: send its counts as they now stand."""
    row = (
        Comment.objects.filter(pk=comment_id, status=Comment.Status.PUBLISHED)
        .values("thread_id", "upvotes", "downvotes")
        .first()
    )
    if row is None:
        return
    data = {"thread": row["thread_id"], "comment": comment_id}
    data |= {"up": row["upvotes"], "down": row["downvotes"]}
    _append(events.Draft(row["thread_id"], events.VOTES, data, partial(_votes, comment_id)))


def _record(
    comment: Comment, event_type: str, extra: dict[str, object], *, counted: bool = True
) -> None:
    data = {"thread": comment.thread_id, "comment": comment.pk, **extra}
    count = partial(_published_count, comment.thread_id) if counted else None
    _append(events.Draft(comment.thread_id, event_type, data, count))


def _append(draft: events.Draft) -> None:
    if settings.LIVE_EVENTS_URL:
        stores.current().append(draft)


def _published_count(thread_id: int) -> dict[str, Any]:
    """The thread's count of published comments, as committed when the event is sent."""
    count = Thread.objects.filter(pk=thread_id).values_list("comment_count", flat=True).first()
    return {"count": count or 0}


def _votes(comment_id: int) -> dict[str, Any]:
    """The comment's counts as committed when the event is sent (those the transaction left, if
    the comment has gone since: its ``remove`` event follows)."""
    row = Comment.objects.filter(pk=comment_id).values("upvotes", "downvotes").first()
    return {} if row is None else {"up": row["upvotes"], "down": row["downvotes"]}
