"""Every change to the discussion: posting, editing, deleting and voting.

Each workflow is atomic, checks its rules against stored rows, and keeps the counters (thread
comment count, reply counts, scores) right with database-side arithmetic, so concurrent writers
never lose an update.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from byline.discussion import markup, notifications, purging
from byline.discussion.anchoring import Selector, SelectorError
from byline.discussion.anchoring.workflows import Passage, create_anchor, place
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread, Vote, position_step
from byline.discussion.models.comments import POSITION_STEP
from byline.discussion.moderation import FormEvidence, Submission, digest, moderate

if TYPE_CHECKING:
    from wagtail.models import Page


class DiscussionError(Exception):
    """A request the discussion refuses, with a message for the reader and the field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Guest:
    name: str
    email: str


def post_comment(
    *,
    page: Page,
    body: str,
    reader: Reader,
    guest: Guest | None = None,
    parent_id: int | None = None,
    ip_address: str | None = None,
    form: FormEvidence | None = None,
    passage: Passage | None = None,
) -> Comment:
    """Write a comment or a reply on ``page`` and count it; refuse it with a reason otherwise.

    ``passage`` anchors a root comment to words of the article (inline feedback): it is checked
    against the live text first, so a comment is never stored with half an anchor.

    The moderation pipeline decides its status: published, held for a moderator (the reason is
    stored, for the author), shadowed, or refused (nothing is written). ``form`` carries the
    comment form's honeypot and timing; callers without a form (imports, tests) pass none.
    """
    source, html = _checked_body(body)
    author = _author_fields(reader, guest)
    selector = _checked_passage(page, passage, parent_id)
    with transaction.atomic():
        thread = Thread.objects.for_page(page)
        parent = _reply_target(thread, parent_id)
        decision = moderate(
            Submission(
                thread=thread, reader=reader, guest=guest, body=source, body_html=html,
                ip_address=ip_address, form=form, parent=parent,
            )
        )  # fmt: skip
        if decision.action == "reject":
            raise DiscussionError(decision.message)
        if not thread.is_open():
            # The pipeline's ClosedThread rule says so first; this holds if it is configured out.
            raise DiscussionError(thread.closed_reason())
        comment = Comment.objects.create(
            thread=thread,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            body=source,
            body_html=html,
            **author,
            ip_address=ip_address,
            status=_STATUS_OF[decision.action],
            moderation_rule=decision.rule if decision.action != "publish" else "",
            moderation_reason=decision.reason,
            spam_score=decision.spam_score,
        )
        comment.position = (parent.position if parent else "") + position_step(comment.pk)
        comment.save(update_fields=["position"])
        if passage is not None and selector is not None:
            create_anchor(comment, page, selector, passage.prompt_id)
        if comment.status == Comment.Status.PUBLISHED:
            _published(comment)
        elif comment.status == Comment.Status.PENDING:
            _held(comment)
    return comment


def edit_comment(
    *, comment_id: int, reader: Reader, body: str, ip_address: str | None = None
) -> Comment:
    """Replace the text of the reader's own comment while the edit window is open.

    The new text passes the moderation pipeline again: a refusal changes nothing, and a hold
    takes a published comment off the page until a moderator approves it. An edit never
    publishes a comment that is waiting for a moderator.
    """
    source, html = _checked_body(body)
    with transaction.atomic():
        comment = _own_comment(comment_id, reader, action="edit")
        decision = moderate(
            Submission(
                thread=comment.thread, reader=reader, body=source, body_html=html,
                ip_address=ip_address, comment=comment,
            )
        )  # fmt: skip
        if decision.action == "reject":
            raise DiscussionError(decision.message)
        was_published = comment.status == Comment.Status.PUBLISHED
        comment.body, comment.body_html, comment.edited_at = source, html, timezone.now()
        comment.spam_score = decision.spam_score
        if decision.action in ("hold", "shadow") and comment.status in (
            Comment.Status.PUBLISHED,
            Comment.Status.PENDING,
        ):
            comment.status = _STATUS_OF[decision.action]
            comment.moderation_rule, comment.moderation_reason = decision.rule, decision.reason
        comment.save(
            update_fields=[
                "body", "body_html", "edited_at", "spam_score", "status",
                "moderation_rule", "moderation_reason",
            ]
        )  # fmt: skip
        still_published = comment.status == Comment.Status.PUBLISHED
        if was_published and not still_published:
            _count(comment, -1)
        if was_published and comment.status == Comment.Status.PENDING:
            _held(comment)
        if was_published:
            purging.purge_thread(comment.thread, comment=comment, count=not still_published)
    return comment


_STATUS_OF = {
    "publish": Comment.Status.PUBLISHED,
    "hold": Comment.Status.PENDING,
    "shadow": Comment.Status.SHADOWED,
}


def delete_comment(*, comment_id: int, reader: Reader) -> Comment:
    """Remove the reader's own comment; one with replies stays as a placeholder."""
    with transaction.atomic():
        comment = _own_comment(comment_id, reader, action="delete")
        was_published = comment.status == Comment.Status.PUBLISHED
        comment.status, comment.removed_at = Comment.Status.REMOVED, timezone.now()
        comment.body = comment.body_html = ""
        comment.save(update_fields=["status", "removed_at", "body", "body_html"])
        if was_published:
            _count(comment, -1)
            purging.purge_thread(comment.thread, comment=comment)
    return comment


def cast_vote(*, comment_id: int, reader: Reader, value: int) -> Comment:
    """Set the reader's vote on a comment to +1, -1 or 0 (no vote) and return the new counts."""
    if value not in (Vote.UP, Vote.DOWN, 0):
        raise DiscussionError("A vote is up, down or nothing.")
    voter_key = reader.voter_key
    if voter_key is None:
        raise DiscussionError("Your browser did not keep our cookie; enable cookies to vote.")
    with transaction.atomic():
        comment = Comment.objects.filter(pk=comment_id, status=Comment.Status.PUBLISHED).first()
        if comment is None:
            raise DiscussionError("That comment is no longer available.")
        if reader.owns(comment):
            raise DiscussionError("You can't vote on your own comment.")
        previous = _replace_vote(comment, voter_key, value)
        up_change = int(value == Vote.UP) - int(previous == Vote.UP)
        down_change = int(value == Vote.DOWN) - int(previous == Vote.DOWN)
        Comment.objects.filter(pk=comment.pk).update(
            score=F("score") + (value - previous),
            upvotes=F("upvotes") + up_change,
            downvotes=F("downvotes") + down_change,
        )
        purging.purge_thread(comment.thread, comment=comment, count=False)
    comment.refresh_from_db(fields=["score", "upvotes", "downvotes"])
    return comment


def _checked_body(body: str) -> tuple[str, str]:
    source = markup.clean_text(body or "")
    limit = settings.DISCUSSION_MAX_LENGTH
    if not source:
        raise DiscussionError("Write something before posting.", field="body")
    if len(source) > limit:
        raise DiscussionError(
            f"Comments can be at most {limit:,} characters; this one has {len(source):,}.",
            field="body",
        )
    html = markup.render(source)
    if not markup.plain_text(html):
        raise DiscussionError("Write something before posting.", field="body")
    return source, html


def _author_fields(reader: Reader, guest: Guest | None) -> dict[str, object]:
    """Who a new comment is by: the signed-in account, or the guest's name, address and key."""
    if reader.user is not None:
        return {"author": reader.user, "guest_name": "", "guest_email": "", "guest_key": ""}
    if guest is None:
        raise DiscussionError("Sign in, or give your name and email address.", field="name")
    return {
        "author": None,
        "guest_name": guest.name,
        "guest_email": guest.email,
        "guest_key": reader.guest_key,
    }


def _checked_passage(page: Page, passage: Passage | None, parent_id: int | None) -> Selector | None:
    if passage is None:
        return None
    if parent_id is not None:
        raise DiscussionError("A reply follows the passage of the comment it answers.")
    try:
        return place(page, passage)
    except SelectorError as error:
        raise DiscussionError(str(error)) from error


def _reply_target(thread: Thread, parent_id: int | None) -> Comment | None:
    """The comment a reply attaches to: the one asked for, or its deepest ancestor within the cap."""
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).first()
    if parent is None or parent.status in (Comment.Status.PENDING, Comment.Status.HIDDEN):
        raise DiscussionError("The comment you replied to is not available.")
    if parent.thread_id != thread.pk:
        raise DiscussionError("The comment you replied to belongs to another article.")
    if parent.status == Comment.Status.REMOVED:
        raise DiscussionError("The comment you replied to has been deleted.")
    while parent.depth >= settings.DISCUSSION_MAX_DEPTH - 1 and parent.parent is not None:
        parent = parent.parent
    return parent


def _own_comment(comment_id: int, reader: Reader, *, action: str) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None or comment.is_placeholder or not reader.owns(comment):
        raise DiscussionError(f"You can only {action} your own comments.")
    if not comment.within_edit_window():
        minutes = settings.DISCUSSION_EDIT_WINDOW_MINUTES
        raise DiscussionError(f"Comments can be changed for {minutes} minutes after posting.")
    return comment


def _published(comment: Comment) -> None:
    """Everything that follows a comment becoming visible to readers, in the same transaction.

    Run when a comment is posted and published at once, and when a moderator approves one.
    """
    _count(comment, +1)
    notifications.record_publication(comment)
    purging.purge_thread(comment.thread, comment=comment)


def _held(comment: Comment) -> None:
    """Everything that follows a comment joining the moderation queue: the moderators' digest."""
    digest.schedule()


def _count(comment: Comment, delta: int) -> None:
    """Add ``delta`` to the thread's comment count and to every ancestor's reply count."""
    thread_changes: dict[str, object] = {"comment_count": F("comment_count") + delta}
    if delta > 0:
        thread_changes["last_comment_at"] = comment.created_at
    Thread.objects.filter(pk=comment.thread_id).update(**thread_changes)
    ancestor_ids = _ancestor_ids(comment)
    if ancestor_ids:
        Comment.objects.filter(pk__in=ancestor_ids).update(reply_count=F("reply_count") + delta)


def _ancestor_ids(comment: Comment) -> list[int]:
    """Ids of every ancestor, read from the comment's position rather than by walking parents."""
    steps = [
        comment.position[i : i + POSITION_STEP]
        for i in range(0, len(comment.position), POSITION_STEP)
    ]
    return [int(step, 36) for step in steps[:-1]]


def _replace_vote(comment: Comment, voter_key: str, value: int) -> int:
    """Store the reader's vote and return the previous value (0 if none).

    Two first votes racing from one reader meet the unique constraint; the loser then updates
    the winner's row instead, under a lock, so the counters move exactly once.
    """
    existing = Vote.objects.select_for_update().filter(comment=comment, voter_key=voter_key).first()
    if existing is None and value != 0:
        try:
            with transaction.atomic():
                Vote.objects.create(comment=comment, voter_key=voter_key, value=value)
            return 0
        except IntegrityError:
            existing = Vote.objects.select_for_update().get(comment=comment, voter_key=voter_key)
    if existing is None:
        return 0
    previous = existing.value
    if value == 0:
        existing.delete()
    elif value != previous:
        existing.value = value
        existing.save(update_fields=["value", "updated_at"])
    return previous
