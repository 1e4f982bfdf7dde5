"""What the discussion's views share: the article a request is about, and whether the page's
script asked for a fragment instead of a whole page."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.models import Page


def wants_fragment(request: HttpRequest) -> bool:
    return request.headers.get("Byline-Fragment") == "1"


def discussed_page(page_id: int) -> Page:
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not getattr(page, "has_discussion", False):
        raise Http404("No discussion here.")
    return page
