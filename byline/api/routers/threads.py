"""Threads: one page's discussion, its comments a page at a time, and posting to it.

Reads and writes go through the discussion's own reads (``threads.reading``) and services
(``threads.services``), with the reader the caller is (``callers.caller_of``). Posting meets the
same pipeline, sanitiser and rate limits as the comment form, and, having no form's spam traps,
the API's limits for guests (``byline.api.posting``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from byline.accounts.names import clean_name
from byline.api import presenting
from byline.api.callers import caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.models import Scope
from byline.api.posting import check_guest_rate
from byline.api.schemas.comments import CommentPage, NewComment, PassageIn, Posted, Thread
from byline.discussion.anchoring.workflows import Passage
from byline.discussion.http import discussed_page
from byline.discussion.models import Comment
from byline.discussion.models import Thread as ThreadRow
from byline.discussion.threads import in_pages, reading, roles, services
from byline.discussion.threads.forms import passage_from
from byline.discussion.threads.services import Guest
from byline.ratelimits import client_ip

router = Router(tags=["Threads and comments"])

# Wagtail's page ids are 32-bit integers: a larger one names no page (and PostgreSQL refuses it).
PageId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The commented page's id.")]
HELD = "Only you can see this comment until a moderator approves it."
PUBLISHED = "Your comment is published."


@router.get("/threads/{page_id}", response={200: Thread, **ERRORS}, summary="A page's thread")
def thread(request: HttpRequest, page_id: PageId) -> dict:
    """The thread of a page: its count, whether it takes comments, where its live stream is."""
    caller = caller_of(request)
    page = discussed_page(page_id)
    since = in_pages.live_position()
    row = ThreadRow.objects.filter(page_id=page.pk).first()
    view = reading.ThreadView(page=page, thread=row, reader=caller.viewer)
    return presenting.thread_data(page, view, since=since)


@router.get(
    "/threads/{page_id}/comments",
    response={200: CommentPage, **ERRORS},
    summary="A page of root comments, each with its first replies",
)
def comments(
    request: HttpRequest,
    page_id: PageId,
    sort: Literal["newest", "oldest", "votes"] = "newest",
    after: Annotated[str | None, Query(max_length=64, description="`next` of the page before.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=50)] = None,
    inline: Annotated[Literal["all"] | None, Query(description="Only inline feedback.")] = None,
    prompt: Annotated[str | None, Query(max_length=64, description="The answers to one prompt.")] = None,
    block: Annotated[str | None, Query(max_length=64, description="The comments on one passage.")] = None,
    start: Annotated[int | None, Query(ge=0, le=999_999_999)] = None,
    end: Annotated[int | None, Query(ge=0, le=999_999_999)] = None,
) -> dict:  # fmt: skip
    """Keyset pages in every sort: pass the answer's ``next`` as ``after`` for the next page.
    The pinned comment leads the first page of the whole thread."""
    caller = caller_of(request)
    page = discussed_page(page_id)
    if after and reading.decode_cursor(after, sort) is None:
        raise ApiError(422, "invalid", f"after: not a cursor of the {sort!r} sort.", "after")
    if block and (start is None or end is None):
        raise ApiError(422, "invalid", "block: give the passage's start and end too.", "block")
    filters = {
        "inline": inline or "", "prompt": prompt or "", "block": block or "",
        "start": "" if start is None else str(start), "end": "" if end is None else str(end),
    }  # fmt: skip
    view = reading.thread_view(
        page=page, reader=caller.viewer, sort=sort, cursor=after,
        inline=reading.parse_inline(filters), size=limit,
    )  # fmt: skip
    shown = [view.pinned, *view.roots] if view.pinned else view.roots
    return {
        "items": [presenting.comment_data(comment, page.pk) for comment in shown],
        "next": view.next_cursor,
        "total": view.comment_count,
    }


@router.post(
    "/threads/{page_id}/comments",
    response={201: Posted, **ERRORS},
    summary="Post a comment or a reply",
)
def post_comment(request: HttpRequest, page_id: PageId, data: NewComment) -> Status[dict]:
    """Post as the signed-in reader, the token's account, or a guest (``name`` and ``email``).

    The comment passes the same moderation pipeline as the form: it may be published, held for
    a moderator, or refused with a reason (400). A guest without a key is given one
    (``guest_key``) to send from then on as ``X-Byline-Guest``. Without the form's spam traps,
    guests meet the API's own limits per address and per key (429)."""
    caller = caller_of(request)
    caller.require(Scope.COMMENT)
    page = discussed_page(page_id)
    guest = None if caller.user is not None else guest_of(data)
    passage = passage_of(data.passage)
    ip_address = client_ip(request)
    check_guest_rate(caller, ip_address)
    poster = caller.as_poster()
    comment = services.post_comment(
        page=page, body=data.body, reader=poster.reader, guest=guest,
        parent_id=data.parent_id, ip_address=ip_address, passage=passage,
    )  # fmt: skip
    reading.attach_reader_state([comment], poster.reader)
    roles.attach_roles([comment], page.pk)
    held = comment.status == Comment.Status.PENDING
    return Status(
        201,
        {
            "comment": presenting.comment_data(comment, page.pk),
            "status": "held" if held else "published",
            "message": " ".join(filter(None, [HELD, comment.moderation_reason]))
            if held
            else PUBLISHED,
            "guest_key": poster.reader.guest_token if poster is not caller else None,
        },
    )


def guest_of(data: NewComment) -> Guest:
    """A guest's name and address, as the comment form checks them."""
    name = clean_name(data.name or "")
    if not name:
        raise ApiError(
            422, "invalid", "name: tell us the name to show beside your comment.", "name"
        )
    email = (data.email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ApiError(
            422, "invalid", "email: give a valid email address (it is never shown).", "email"
        ) from None
    return Guest(name=name, email=email)


def passage_of(data: PassageIn | None) -> Passage | None:
    """The passage a new comment responds to, read as the comment form reads it."""
    if data is None:
        return None
    fields = {
        "prompt": data.prompt, "block": data.block, "exact": data.quote,
        "start": str(data.start), "end": str(data.end),
    }  # fmt: skip
    try:
        passage = passage_from(fields)
    except ValueError as error:
        raise ApiError(422, "invalid", f"passage: {error}", "passage") from None
    if passage is None:
        raise ApiError(422, "invalid", "passage: give a prompt, or a block and a quote.", "passage")
    return passage
