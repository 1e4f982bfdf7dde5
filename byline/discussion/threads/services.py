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
from django.db.models import F, Q
from django.utils import timezone

from byline import ratelimits
from byline.accounts.names import clean_name
from byline.discussion import markup
from byline.discussion.anchoring import Selector, SelectorError
from byline.discussion.anchoring.workflows import Passage, create_anchor, place
from byline.discussion.errors import DiscussionError, RateLimited
from byline.discussion.identity import Reader
from byline.discussion.live import publishing as live
from byline.discussion.models import Comment, Thread, Vote, position_step
from byline.discussion.moderation import Decision, FormEvidence, Submission, moderate
from byline.discussion.moderation.rules import RateLimit
from byline.discussion.threads import purging, status
from byline.discussion.threads.bulk import reserve_comment_ids

if TYPE_CHECKING:
    from wagtail.models import Page


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
        replied_to = _replied_to(thread, parent_id, reader)
        parent = _within_depth_cap(replied_to)
        decision = moderate(
            Submission(
                thread=thread, reader=reader, guest=guest, body=source, body_html=html,
                ip_address=ip_address, form=form, parent=parent,
            )
        )  # fmt: skip
        if decision.action == "reject":
            raise refusal(decision)
        if not thread.is_open():
            # The pipeline's ClosedThread rule says so first; this holds if it is configured out.
            raise DiscussionError(thread.closed_reason())
        # The position ends with the comment's own id: taken first, the row is written once.
        [comment_id] = reserve_comment_ids(1)
        comment = Comment.objects.create(
            pk=comment_id,
            position=(parent.position if parent else "") + position_step(comment_id),
            thread=thread,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=parent.depth + 1 if parent else 0,
            body=source,
            body_html=html,
            **author,
            ip_address=ip_address,
            **status.first_status(decision, replying_to=replied_to),
            spam_score=decision.spam_score,
        )
        if passage is not None and selector is not None:
            create_anchor(comment, page, selector, passage.prompt_id)
        status.posted(comment)
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
            raise refusal(decision)
        comment.body, comment.body_html, comment.edited_at = source, html, timezone.now()
        comment.spam_score = decision.spam_score
        edited = ["body", "body_html", "edited_at", "spam_score"]
        # A shadowed or hidden comment keeps its status, whatever the pipeline says of the edit.
        open_to_hold = comment.status in (Comment.Status.PUBLISHED, Comment.Status.PENDING)
        if decision.action == "hold" and open_to_hold:
            status.hold(comment, rule=decision.rule, reason=decision.reason, also_save=edited)
        elif decision.action == "shadow" and open_to_hold:
            status.shadow(comment, rule=decision.rule, reason=decision.reason, also_save=edited)
        else:
            comment.save(update_fields=edited)
            if comment.status == Comment.Status.PUBLISHED:
                purging.purge_thread(comment.thread, comment=comment, count=False)
                live.edited(comment)
    return comment


def delete_comment(*, comment_id: int, reader: Reader) -> Comment:
    """Remove the reader's own comment; one with replies stays as a placeholder."""
    with transaction.atomic():
        comment = _own_comment(comment_id, reader, action="delete")
        status.remove(comment)
    return comment


def cast_vote(
    *, comment_id: int, reader: Reader, value: int, ip_address: str | None = None
) -> Comment:
    """Set the reader's vote on a comment to +1, -1 or 0 (no vote) and return the new counts.

    A guest's vote is the vote of their address range too (see models.votes): a browser that
    drops its cookie changes the range's vote instead of adding one. Votes from one range are
    rate-limited (``DISCUSSION_VOTE_RATE``).
    """
    if value not in (Vote.UP, Vote.DOWN, 0):
        raise DiscussionError("A vote is up, down or nothing.")
    voter_key = reader.voter_key
    if voter_key is None:
        raise DiscussionError("Your browser did not keep our cookie; enable cookies to vote.")
    network = ratelimits.network_of(ip_address)
    rate = settings.DISCUSSION_VOTE_RATE
    if network and rate and not ratelimits.hit("vote", network, ratelimits.Rate.parse(rate)):
        raise RateLimited(
            "You've sent many votes in a short time. Please try again later.",
            retry_after=ratelimits.Rate.parse(rate).seconds,
        )
    guest_network = "" if reader.is_authenticated else network
    with transaction.atomic():
        comment = (
            Comment.objects.on_public_pages()
            .filter(pk=comment_id, status=Comment.Status.PUBLISHED)
            .first()
        )
        if comment is None:
            raise DiscussionError("That comment is no longer available.")
        if reader.owns(comment):
            raise DiscussionError("You can't vote on your own comment.")
        previous = _replace_vote(comment, voter_key, guest_network, value)
        _count_vote(comment.pk, previous=previous, value=value)
        purging.purge_thread(comment.thread, comment=comment, count=False)
        live.votes_changed(comment.pk)
    comment.refresh_from_db(fields=["score", "upvotes", "downvotes"])
    return comment


def withdraw_vote(vote: Vote) -> None:
    """Take a vote back and its share of the comment's counters (a reader's vote that cannot
    stay: claimed twice, or erased with its reader). In the caller's transaction."""
    vote.delete()
    _count_vote(vote.comment_id, previous=vote.value, value=0)
    live.votes_changed(vote.comment_id)


def _count_vote(comment_id: int, *, previous: int, value: int) -> None:
    """Move the comment's score and counters from a vote of ``previous`` to one of ``value``."""
    Comment.objects.filter(pk=comment_id).update(
        score=F("score") + (value - previous),
        upvotes=F("upvotes") + int(value == Vote.UP) - int(previous == Vote.UP),
        downvotes=F("downvotes") + int(value == Vote.DOWN) - int(previous == Vote.DOWN),
    )


def refusal(decision: Decision) -> DiscussionError:
    """The error for a comment the pipeline rejected: ``RateLimited`` when it came too often,
    with the longest of the posting limits to wait (the rule does not say which one it hit)."""
    if decision.rule != RateLimit.code:
        return DiscussionError(decision.message)
    periods = [
        ratelimits.Rate.parse(rate).seconds
        for rate in (settings.DISCUSSION_RATE_LIMITS or {}).values()
        if rate
    ]
    return RateLimited(decision.message, retry_after=max(periods, default=600))


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
    if guest is None or not clean_name(guest.name):
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


def _replied_to(thread: Thread, parent_id: int | None, reader: Reader) -> Comment | None:
    """The comment a reply answers, if the reader may answer it.

    A comment nobody else sees takes no replies but its author's, and refuses the others in the
    same words whether it waits for a moderator or is shadowed, so no refusal tells them apart.
    """
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).first()
    unseen = (Comment.Status.PENDING, Comment.Status.HIDDEN, Comment.Status.SHADOWED)
    if parent is None or (parent.status in unseen and not _may_reply_unseen(reader, parent)):
        raise DiscussionError("The comment you replied to is not available.")
    if parent.thread_id != thread.pk:
        raise DiscussionError("The comment you replied to belongs to another article.")
    if parent.status == Comment.Status.REMOVED:
        raise DiscussionError("The comment you replied to has been deleted.")
    return parent


def _within_depth_cap(parent: Comment | None) -> Comment | None:
    """Where a reply attaches: the comment it answers, or its deepest ancestor within the cap."""
    while parent is not None and parent.depth >= settings.DISCUSSION_MAX_DEPTH - 1:
        parent = parent.parent
    return parent


def _may_reply_unseen(reader: Reader, parent: Comment) -> bool:
    """A shadowed author sees their comment as published, Reply included: refusing them would
    tell them of the ban. A held comment offers its author no Reply, so none is needed."""
    return parent.status == Comment.Status.SHADOWED and reader.owns(parent)


def _own_comment(comment_id: int, reader: Reader, *, action: str) -> Comment:
    comment = Comment.objects.select_for_update().filter(pk=comment_id).first()
    if comment is None or comment.is_placeholder or not reader.owns(comment):
        raise DiscussionError(f"You can only {action} your own comments.")
    if not comment.within_edit_window():
        minutes = settings.DISCUSSION_EDIT_WINDOW_MINUTES
        raise DiscussionError(f"Comments can be changed for {minutes} minutes after posting.")
    return comment


def _replace_vote(comment: Comment, voter_key: str, network: str, value: int) -> int:
    """Store the reader's vote and return the previous value (0 if none).

    The reader's vote is the row with their key, or else their range's guest vote (``network``,
    blank for accounts). Two first votes racing from one reader or range meet a unique
    constraint; the loser then updates the winner's row instead, under a lock, so the counters
    move exactly once.
    """
    existing = _vote_of(comment, voter_key, network)
    if existing is None and value != 0:
        try:
            with transaction.atomic():
                Vote.objects.create(
                    comment=comment, voter_key=voter_key, network=network, value=value
                )
            return 0
        except IntegrityError:
            existing = _vote_of(comment, voter_key, network)
    if existing is None:
        return 0
    previous = existing.value
    if value == 0:
        existing.delete()
    elif value != previous:
        existing.value = value
        existing.save(update_fields=["value", "updated_at"])
    return previous


def _vote_of(comment: Comment, voter_key: str, network: str) -> Vote | None:
    """The vote that is this reader's, under a lock: their own row first, else their range's."""
    mine = Q(voter_key=voter_key) | Q(network=network) if network else Q(voter_key=voter_key)
    votes = list(Vote.objects.select_for_update().filter(mine, comment=comment))
    return next((vote for vote in votes if vote.voter_key == voter_key), None) or next(
        iter(votes), None
    )
