"""``GET /threads/by-url``: the thread of a page named by its address, for the embed.

A Byline page's address gives its own thread; an address on a site the editors allow gives the
thread of its external page, made on first use (``byline.embedding.external``). Anything else is
refused in the API's one error shape: 403 for a site not allowed, 404 for an address of Byline's
with no discussion, 400 for an address that cannot be a page's, 429 past the rate of new pages.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field
from wagtail.models import Page

from byline.api.errors import ERRORS, ApiError
from byline.discussion.anchoring.passages import prompts
from byline.discussion.live import events
from byline.discussion.models import Sort, Thread
from byline.discussion.threads.in_pages import live_position
from byline.embedding import external, refreshing
from byline.ratelimits import client_ip

router = Router(tags=["threads"])


class Prompt(Schema):
    id: str
    question: str
    passage: str


# The contract's Thread. The threads router (GET /threads/{page_id}) answers the same shape; the
# two are to share one schema in byline/api/schemas/comments.py.
class ThreadOut(Schema):
    page_id: int
    title: str
    url: str
    comment_count: int
    open: bool
    closed_reason: str | None
    premoderated: bool
    sorts: list[str]
    live_events_url: str | None
    since: str | None
    prompts: list[Prompt]


class ByUrl(Schema):
    url: str = Field(..., max_length=4000, description="The page's absolute http(s) URL.")
    title: str = Field(
        "", max_length=2000, description="The page's title, kept when its thread is first made."
    )


@router.get(
    "/threads/by-url",
    response={200: ThreadOut, **ERRORS},
    summary="The thread of a page, by its address",
    description=(
        "For an address of Byline's, that page's thread. For an address on a site the editors "
        "allow, its external page's thread, created on first use with `title` (the address "
        "without its fragment, tracking parameters and Byline's own, is canonical). 403 for "
        "other sites."
    ),
)
def thread_by_url(request: HttpRequest, response: HttpResponse, query: Query[ByUrl]):
    try:
        page = external.page_for_url(query.url, query.title, client=client_ip(request))
    except external.OriginNotAllowed as refusal:
        raise ApiError(403, "forbidden", refusal.message, "url") from refusal
    except external.NoDiscussionHere as refusal:
        raise ApiError(404, "not_found", refusal.message, "url") from refusal
    except external.TooManyNewPages as refusal:
        response["Retry-After"] = str(refusal.retry_after)
        return Status(429, {"error": {"code": "rate_limited", "message": refusal.message}})
    # Inline feedback needs the page's text: the worker reads it when missing or stale.
    refreshing.request_refresh(page)
    return Status(200, thread_of(page))


def thread_of(page: Page) -> dict:
    thread = Thread.objects.for_page(page)
    since = live_position()
    is_open = thread.is_open()
    return {
        "page_id": page.pk,
        "title": page.title,
        "url": absolute(page.url or ""),
        "comment_count": thread.comment_count,
        "open": is_open,
        "closed_reason": None if is_open else thread.closed_reason(),
        "premoderated": thread.premoderated or settings.DISCUSSION_PREMODERATE_ALL,
        "sorts": list(Sort.values),
        "live_events_url": absolute(events.stream_url(thread.pk))
        if settings.LIVE_EVENTS_URL
        else None,
        "since": since or None,
        "prompts": [
            {"id": block_id, **prompt}
            for block_id, prompt in prompts(getattr(page, "body", None) or []).items()
        ],
    }


def absolute(url: str) -> str:
    """An address the embed can use from another site: Byline's own paths made absolute."""
    return f"{settings.BYLINE_BASE_URL}{url}" if url.startswith("/") else url
