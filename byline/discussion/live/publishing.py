"""Record the live event for a change readers can see, in the transaction that makes it.

``threads.status`` calls ``shown`` and ``hidden`` when a comment starts or stops being published
(whoever changes it: a reader, a moderator in a request or the worker), ``threads.services``
calls ``edited`` and ``votes_changed``. Only what every reader may see travels: a comment that
is held, shadowed or rejected was never published, so it has no event; and nothing an event
carries says who wrote what. The store publishes the event when the transaction commits and
forgets it when it rolls back (``stores``).
"""

from __future__ import annotations

from byline.discussion.live import events, stores
from byline.discussion.models import Comment, Thread


def shown(comment: Comment) -> None:
    """A comment became visible to every reader (posted and published, or approved)."""
    _record(
        comment,
        events.COMMENT,
        {"parent": comment.parent_id, "count": _published_count(comment.thread_id)},
    )


def hidden(comment: Comment) -> None:
    """A published comment stopped being visible (removed, deleted, rejected, held, shadowed)."""
    _record(comment, events.REMOVE, {"count": _published_count(comment.thread_id)})


def edited(comment: Comment) -> None:
    """A published comment's text changed and it stays published."""
    if comment.status == Comment.Status.PUBLISHED:
        _record(comment, events.EDIT, {})


def redrawn(comment_ids: list[int]) -> None:
    """Comments whose display changed without a new text (re-anchored inline feedback): the
    published ones are sent as edits, so open pages fetch them again."""
    rows = Comment.objects.filter(pk__in=comment_ids, status=Comment.Status.PUBLISHED)
    for comment_id, thread_id in rows.order_by("pk").values_list("pk", "thread_id"):
        data = {"thread": thread_id, "comment": comment_id}
        stores.current().append(events.Draft(thread_id, events.EDIT, data))


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
    stores.current().append(events.Draft(row["thread_id"], events.VOTES, data))


def _record(comment: Comment, event_type: str, extra: dict[str, object]) -> None:
    data = {"thread": comment.thread_id, "comment": comment.pk, **extra}
    stores.current().append(events.Draft(comment.thread_id, event_type, data))


def _published_count(thread_id: int) -> int:
    """The thread's count of published comments, as this transaction leaves it."""
    count = Thread.objects.filter(pk=thread_id).values_list("comment_count", flat=True).first()
    return count or 0
