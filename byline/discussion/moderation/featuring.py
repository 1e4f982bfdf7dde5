"""Editors and moderators feature comments: one pinned comment per thread, and editor's picks.

Only a published comment that starts a conversation (a root) can be pinned or picked; taking
it down later (``threads.status``) drops its pin and pick. Each change is audited in Wagtail's
log and purges the article's cached pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import LogContext, log

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Comment, Thread
from byline.discussion.threads import purging, roles

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from byline.accounts.models import User

PIN = "byline_discussion.pin"
UNPIN = "byline_discussion.unpin"
PICK = "byline_discussion.pick"
UNPICK = "byline_discussion.unpick"

LOG_ACTIONS = {
    PIN: ("Pin comment", "Pinned the comment to the top of its thread"),
    UNPIN: ("Unpin comment", "Unpinned the comment"),
    PICK: ("Mark editor's pick", "Marked the comment an editor's pick"),
    UNPICK: ("Unmark editor's pick", "No longer an editor's pick"),
}
NO_SUCH_COMMENT = "That comment is no longer available."
CHANGES = {"pin": PIN, "unpin": UNPIN, "pick": PICK, "unpick": UNPICK}


def feature(*, comment_id: int, change: str, editor: User | AnonymousUser) -> Comment:
    """Apply ``change`` ("pin", "unpin", "pick" or "unpick") to one comment for ``editor``.

    Pinning a comment replaces the thread's earlier pin. Unpinning or unpicking a comment that
    is neither changes nothing and logs nothing."""
    if change not in CHANGES:
        raise DiscussionError("Choose to pin, unpin, pick or unpick the comment.")
    if not roles.can_feature(editor):
        raise DiscussionError("Only editors and moderators can pin or pick comments.")
    with transaction.atomic(), LogContext(user=editor):
        comment = (
            Comment.objects.select_for_update()
            .select_related("thread")
            .filter(pk=comment_id)
            .first()
        )
        if comment is None:
            raise DiscussionError(NO_SUCH_COMMENT)
        if change in ("pin", "pick"):
            featurable(comment)
        changed = {"pin": _pin, "unpin": _unpin, "pick": _pick, "unpick": _unpick}[change](comment)
        if changed:
            log(comment, CHANGES[change])
            purging.purge_thread(comment.thread, comment=comment, count=False)
    return comment


def featurable(comment: Comment) -> None:
    if comment.status != Comment.Status.PUBLISHED:
        raise DiscussionError("Only a published comment can be pinned or picked.")
    if comment.parent_id is not None:
        raise DiscussionError("Only a comment that starts a conversation can be pinned or picked.")


def _pin(comment: Comment) -> bool:
    return bool(
        Thread.objects.filter(pk=comment.thread_id)
        .exclude(pinned_comment_id=comment.pk)
        .update(pinned_comment=comment)
    )


def _unpin(comment: Comment) -> bool:
    return bool(
        Thread.objects.filter(pk=comment.thread_id, pinned_comment_id=comment.pk).update(
            pinned_comment=None
        )
    )


def _pick(comment: Comment) -> bool:
    if comment.picked_at is not None:
        return False
    comment.picked_at = timezone.now()
    comment.save(update_fields=["picked_at"])
    return True


def _unpick(comment: Comment) -> bool:
    if comment.picked_at is None:
        return False
    comment.picked_at = None
    comment.save(update_fields=["picked_at"])
    return True
