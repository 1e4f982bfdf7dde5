"""``GET /threads/by-url``: the thread of a page named by its address, for the embed.

A Byline page's address gives its own thread; an address on a site the editors allow gives the
thread of its external page, made on first use (``byline.embedding.external``). Anything else is
refused in the API's one error shape: 403 for a site not allowed (or a new page asked for by
another origin than its own), 404 for an address of Byline's
with no discussion, 400 for an address that cannot be a page's, 429 past the rate of new pages.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field
from wagtail.models import Page

from byline.api import presenting
from byline.api.errors import ERRORS, ApiError
from byline.api.schemas.comments import Thread as ThreadSchema
from byline.discussion.identity import Reader
from byline.discussion.models import Thread
from byline.discussion.threads import reading
from byline.discussion.threads.in_pages import live_position
from byline.embedding import external, refreshing
from byline.ratelimits import client_ip

router = Router(tags=["threads"])


class ByUrl(Schema):
    url: str = Field(..., max_length=4000, description="The page's absolute http(s) URL.")
    title: str = Field(
        "", max_length=2000, description="The page's title, kept when its thread is first made."
    )


@router.get(
    "/threads/by-url",
    response={200: ThreadSchema, **ERRORS},
    summary="The thread of a page, by its address",
    description=(
        "For an address of Byline's, that page's thread. For an address on a site the editors "
        "allow, its external page's thread, created on first use with `title` (the address "
        "without its fragment, tracking parameters and Byline's own, is canonical). Only a "
        "request from the address's own origin (its `Origin` header) creates the page or "
        "updates its title; from elsewhere a page without a thread is 403, as are other sites."
    ),
)
def thread_by_url(request: HttpRequest, response: HttpResponse, query: Query[ByUrl]):
    try:
        page = external.page_for_url(
            query.url, query.title, client=client_ip(request), origin=request.headers.get("Origin")
        )
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
    # Made now rather than at the first comment, so the embed has the thread's live stream at once.
    thread = Thread.objects.for_page(page)
    view = reading.ThreadView(page=page, thread=thread, reader=Reader())
    return presenting.thread_data(page, view, since=live_position())
