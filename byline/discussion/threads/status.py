"""Every change of a comment's status, and what follows it, in the transaction that makes it.

A status change touches more than the row: the thread's comment count and every ancestor's
reply count move when a comment starts or stops being published, a comment that becomes
published writes its notification outbox row, the cached pages that show it are purged and the
pages open on it are told (``live.publishing``), a comment that joins the moderation queue
schedules the moderators' digest, and one taken down loses its pin and editor's pick; the
discussion's signals (``signals``) announce a comment published or held. Posting
and editing
(``threads.services``), moderators' decisions and readers' reports (``moderation.actions``) all
change a status through the functions here, so each of those steps runs exactly once, decided
by the status the comment had and the one it gets.

A comment's first status comes from the moderation pipeline (``first_status``); after that:

- ``publish``: it becomes visible to readers (``approve`` is a moderator doing so);
- ``hold``: it waits in the moderation queue, with the rule and the reason;
- ``shadow``: only its author sees it (a shadow-banned author's edit);
- ``reject``: a moderator hides it, as spam or not;
- ``remove``: its author deletes it, leaving a placeholder where it has replies.

A rejected comment comes back through ``approve``: the queue offers no other restore.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import F
from django.utils import timezone

from byline.discussion import signals
from byline.discussion.live import publishing as live
from byline.discussion.models import Comment, Thread
from byline.discussion.moderation import digest
from byline.discussion.notify import outbox
from byline.discussion.threads import purging

if TYPE_CHECKING:
    from byline.accounts.models import User
    from byline.discussion.moderation import Decision

# What each of the pipeline's answers makes of a comment ("reject" writes none).
STATUS_OF_ACTION = {
    "publish": Comment.Status.PUBLISHED,
    "hold": Comment.Status.PENDING,
    "shadow": Comment.Status.SHADOWED,
}

# The fields a moderator's decision writes.
DECISION_FIELDS = (
    "status", "is_spam", "moderation_rule", "moderation_reason", "moderated_at", "moderated_by",
)  # fmt: skip


def first_status(decision: Decision, *, replying_to: Comment | None) -> dict[str, str]:
    """The status fields of a comment about to be written, as the pipeline decided.

    A reply to a shadowed comment is shadowed too, wherever the depth cap attaches it: it
    would otherwise hang, published, under or beside a comment that nobody else sees. Write the
    comment with these, then call ``posted``.
    """
    status = STATUS_OF_ACTION[decision.action]
    if replying_to is not None and replying_to.status == Comment.Status.SHADOWED:
        status = Comment.Status.SHADOWED
    return {
        "status": status,
        "moderation_rule": decision.rule if decision.action != "publish" else "",
        "moderation_reason": decision.reason,
    }


def posted(comment: Comment) -> None:
    """Run what follows a comment just written with its first status (see ``first_status``).

    Call it once the comment has its position: the counts find its ancestors there.
    """
    _follow(comment, was=None)


def publish(comment: Comment, *, also_save: Iterable[str] = ()) -> None:
    """Show a stored comment to readers; ``also_save`` names other fields the caller changed."""
    _change(comment, Comment.Status.PUBLISHED, also_save)


def hold(comment: Comment, *, rule: str, reason: str, also_save: Iterable[str] = ()) -> None:
    """Take a comment off the page into the moderation queue, saying which rule and why."""
    comment.moderation_rule, comment.moderation_reason = rule, reason
    fields = ["moderation_rule", "moderation_reason", *also_save]
    _change(comment, Comment.Status.PENDING, fields)


def shadow(comment: Comment, *, rule: str, reason: str, also_save: Iterable[str] = ()) -> None:
    """Show a comment to its author only, saying which rule and why."""
    comment.moderation_rule, comment.moderation_reason = rule, reason
    fields = ["moderation_rule", "moderation_reason", *also_save]
    _change(comment, Comment.Status.SHADOWED, fields)


def remove(comment: Comment) -> None:
    """Delete a comment for its author: its text goes; with replies it stays as a placeholder."""
    comment.removed_at = timezone.now()
    comment.body = comment.body_html = ""
    _change(comment, Comment.Status.REMOVED, ["removed_at", "body", "body_html"])


def approve(comment: Comment, moderator: User, *, also_save: Iterable[str] = ()) -> None:
    """Publish a comment for a moderator, clearing why it was held and any spam mark."""
    comment.is_spam = False
    comment.moderation_rule = comment.moderation_reason = ""
    _stamp(comment, moderator)
    publish(comment, also_save=[*DECISION_FIELDS, *also_save])


def reject(
    comment: Comment, moderator: User, *, spam: bool = False, also_save: Iterable[str] = ()
) -> None:
    """Hide a comment for a moderator, marked as spam or not."""
    comment.is_spam = spam
    _stamp(comment, moderator)
    _change(comment, Comment.Status.HIDDEN, [*DECISION_FIELDS, *also_save])


def _stamp(comment: Comment, moderator: User) -> None:
    comment.moderated_at, comment.moderated_by = timezone.now(), moderator


def _change(comment: Comment, status: str, fields: Iterable[str]) -> None:
    """Give ``comment`` its new status, save it with ``fields``, and run what follows."""
    was = comment.status
    comment.status = status
    comment.save(update_fields=list(dict.fromkeys(["status", *fields])))
    _follow(comment, was=was)


def _follow(comment: Comment, *, was: str | None) -> None:
    """Everything that follows a comment going from ``was`` (None: not yet written) to its
    status: counts, outbox and purge when it starts or stops being published, the digest when
    it joins the queue."""
    now = comment.status
    if now == was:
        return
    if now == Comment.Status.PUBLISHED:
        _count(comment, +1)
        outbox.record_publication(comment)
        purging.purge_thread(comment.thread, comment=comment)
        live.shown(comment)
        signals.announce(signals.comment_published, Comment, comment=comment)
    elif was == Comment.Status.PUBLISHED:
        _count(comment, -1)
        _drop_features(comment)
        purging.purge_thread(comment.thread, comment=comment)
        live.hidden(comment)
    if now == Comment.Status.PENDING:
        digest.schedule()
        signals.announce(signals.comment_held, Comment, comment=comment)


def _drop_features(comment: Comment) -> None:
    """A comment taken down loses its pin and its editor's pick: approved again, it returns as
    an ordinary comment."""
    Thread.objects.filter(pk=comment.thread_id, pinned_comment_id=comment.pk).update(
        pinned_comment=None
    )
    if comment.picked_at is not None:
        comment.picked_at = None
        Comment.objects.filter(pk=comment.pk).update(picked_at=None)


def _count(comment: Comment, delta: int) -> None:
    """Add ``delta`` to the thread's comment count and to every ancestor's reply count."""
    thread_changes: dict[str, object] = {"comment_count": F("comment_count") + delta}
    if delta > 0:
        thread_changes["last_comment_at"] = comment.created_at
    Thread.objects.filter(pk=comment.thread_id).update(**thread_changes)
    ancestors = comment.ancestor_ids()
    if ancestors:
        Comment.objects.filter(pk__in=ancestors).update(reply_count=F("reply_count") + delta)
