"""One comment: reading it and its replies, and what its reader may do to it (edit, delete,
vote, report), each through the discussion's services with the caller's reader.

Authorisation comes from stored rows: a comment the caller may not see is missing (404), one
they may see but not change is forbidden (403), and the services check again under a lock.
"""

from __future__ import annotations

import re
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from byline.api import presenting
from byline.api.callers import Caller, caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.models import Scope
from byline.api.schemas.comments import (
    Comment,
    CommentEdit,
    ReplyPage,
    Reported,
    ReportIn,
    VoteIn,
    VoteOut,
)
from byline.discussion.models import Comment as CommentRow
from byline.discussion.moderation import actions
from byline.discussion.threads import reading, services
from byline.ratelimits import client_ip

router = Router(tags=["Threads and comments"])

CommentId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The comment's id.")]
# A replies cursor is a reply's position: its ancestors' ids and its own, 8 base-36 digits each.
POSITION = re.compile(r"(?:[0-9a-z]{8}){1,16}")
REPORTED = "Thanks for telling us. A moderator will look at this comment."


@router.get("/comments/{comment_id}", response={200: Comment, **ERRORS}, summary="One comment")
def one_comment(request: HttpRequest, comment_id: CommentId) -> dict:
    """A comment as its thread shows it to the caller (a root without its replies)."""
    caller = caller_of(request)
    return shown(comment_id, caller)


@router.get(
    "/comments/{comment_id}/replies",
    response={200: ReplyPage, **ERRORS},
    summary="The next replies of a root comment",
)
def replies(
    request: HttpRequest,
    comment_id: CommentId,
    after: Annotated[str, Query(max_length=128, description="A root's `replies_next`, or the `next` of the page before.")] = "",
    limit: Annotated[int, Query(ge=1, le=50)] = 50,
) -> dict:  # fmt: skip
    """A root comment's replies in conversation order, flat, each with its depth."""
    caller = caller_of(request)
    if after and not POSITION.fullmatch(after):
        raise ApiError(422, "invalid", "after: not a cursor of this comment's replies.", "after")
    root = (
        CommentRow.objects.visible()
        .on_public_pages()
        .select_related("thread__page")
        .filter(pk=comment_id, parent=None, thread__comments_enabled=True)
        .first()
    )
    if root is None:
        raise ApiError(404, "not_found", "There is no such comment, or it has no replies here.")
    items, more = reading.replies_page(root=root, reader=caller.viewer, after=after, limit=limit)
    return {
        "items": [presenting.comment_data(reply, root.thread.page_id) for reply in items],
        "next": items[-1].position if more and items else None,
    }


@router.patch("/comments/{comment_id}", response={200: Comment, **ERRORS}, summary="Edit")
def edit_comment(request: HttpRequest, comment_id: CommentId, data: CommentEdit) -> dict:
    """Replace the text of the caller's own comment, within the edit window. The new text
    passes the moderation pipeline again, and may take the comment off the page until a
    moderator approves it."""
    caller = changing(request, comment_id, "edit")
    services.edit_comment(
        comment_id=comment_id, reader=caller.reader, body=data.body,
        ip_address=client_ip(request),
    )  # fmt: skip
    return shown(comment_id, caller)


@router.delete("/comments/{comment_id}", response={204: None, **ERRORS}, summary="Delete")
def delete_comment(request: HttpRequest, comment_id: CommentId) -> Status[None]:
    """Delete the caller's own comment, within the edit window; one with replies stays as a
    placeholder."""
    caller = changing(request, comment_id, "delete")
    services.delete_comment(comment_id=comment_id, reader=caller.reader)
    return Status(204, None)


@router.put("/comments/{comment_id}/vote", response={200: VoteOut, **ERRORS}, summary="Vote")
def vote(request: HttpRequest, comment_id: CommentId, data: VoteIn) -> dict:
    """Set the caller's vote on someone else's published comment: 1, -1, or 0 to take it back.
    A guest's vote is their address range's too, as on the site."""
    caller = acting_on_published(request, comment_id, "vote on")
    comment = services.cast_vote(
        comment_id=comment_id, reader=caller.reader, value=data.value,
        ip_address=client_ip(request),
    )  # fmt: skip
    return {"score": comment.score, "my_vote": data.value}


@router.post(
    "/comments/{comment_id}/reports",
    response={201: Reported, **ERRORS},
    summary="Report a comment to the moderators",
)
def report(request: HttpRequest, comment_id: CommentId, data: ReportIn) -> Status[dict]:
    """Ask the moderators to look at someone else's published comment. One report per reader;
    enough readers' reports hide it until a moderator decides."""
    caller = acting_on_published(request, comment_id, "report")
    actions.report_comment(
        comment_id=comment_id, reader=caller.reader, reason=data.reason, note=data.note,
        ip_address=client_ip(request),
    )  # fmt: skip
    return Status(201, {"message": REPORTED})


def shown(comment_id: int, caller: Caller) -> dict:
    comment = reading.one_comment(comment_id=comment_id, reader=caller.viewer, own=True)
    if comment is None:
        raise ApiError(404, "not_found", "There is no such comment.")
    return presenting.comment_data(comment, comment.thread.page_id)


def changing(request: HttpRequest, comment_id: int, action: str) -> Caller:
    """The caller, if the comment is theirs to ``action`` (edit or delete) now."""
    caller = caller_of(request)
    caller.require(Scope.COMMENT)
    comment = (
        CommentRow.objects.visible_to(caller.reader).on_public_pages().filter(pk=comment_id).first()
    )
    if comment is None:
        raise ApiError(404, "not_found", "There is no such comment.")
    if not comment.is_changeable_by(caller.reader):
        raise ApiError(
            403, "forbidden",
            f"You can only {action} your own comments, for a short while after posting.",
        )  # fmt: skip
    return caller


def acting_on_published(request: HttpRequest, comment_id: int, action: str) -> Caller:
    """The caller, if the comment is someone else's published one; a guest without a key acts
    with one made for this request (their address range's vote or report stands for them, as
    ``services.cast_vote`` and ``actions.report_comment`` count guests)."""
    caller = caller_of(request)
    caller.require(Scope.COMMENT)
    comment = (
        CommentRow.objects.filter(pk=comment_id, status=CommentRow.Status.PUBLISHED)
        .on_public_pages()
        .first()
    )
    if comment is None:
        raise ApiError(404, "not_found", "There is no such comment.")
    if caller.reader.owns(comment):
        raise ApiError(403, "forbidden", f"You can't {action} your own comment.")
    return caller.as_poster()
