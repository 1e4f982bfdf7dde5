"""What follows a change of a comment's status, in the transaction that changes it: the thread's
and the ancestors' counts, the notification outbox, the page cache and the moderators' digest.

Posting and editing (``threads.services``), moderators' decisions and readers' reports
(``moderation.actions``) all call these; none of them repeats the steps.
"""

from __future__ import annotations

from django.db.models import F

from byline.discussion.models import Comment, Thread
from byline.discussion.models.comments import POSITION_STEP
from byline.discussion.moderation import digest
from byline.discussion.notify import outbox
from byline.discussion.threads import purging


def published(comment: Comment) -> None:
    """Everything that follows a comment becoming visible to readers, in the same transaction.

    Run when a comment is posted and published at once, and when a moderator approves one.
    """
    count(comment, +1)
    outbox.record_publication(comment)
    purging.purge_thread(comment.thread, comment=comment)


def held(comment: Comment) -> None:
    """Everything that follows a comment joining the moderation queue: the moderators' digest."""
    digest.schedule()


def count(comment: Comment, delta: int) -> None:
    """Add ``delta`` to the thread's comment count and to every ancestor's reply count."""
    thread_changes: dict[str, object] = {"comment_count": F("comment_count") + delta}
    if delta > 0:
        thread_changes["last_comment_at"] = comment.created_at
    Thread.objects.filter(pk=comment.thread_id).update(**thread_changes)
    ancestors = ancestor_ids(comment)
    if ancestors:
        Comment.objects.filter(pk__in=ancestors).update(reply_count=F("reply_count") + delta)


def ancestor_ids(comment: Comment) -> list[int]:
    """Ids of every ancestor, read from the comment's position rather than by walking parents."""
    steps = [
        comment.position[i : i + POSITION_STEP]
        for i in range(0, len(comment.position), POSITION_STEP)
    ]
    return [int(step, 36) for step in steps[:-1]]
