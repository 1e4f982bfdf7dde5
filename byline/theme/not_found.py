"""The site's own 404 page under DEBUG, for the dev settings the demo runs on.

With DEBUG on, Django answers every Http404 (a view's, or an address no URL pattern matches)
with its technical page, which lists the URL patterns. A newcomer trying the demo should meet
the page readers meet in production; a developer still sees what went wrong in the log line
of the request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.defaults import page_not_found


class SiteNotFoundPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # Only Django's technical page is replaced: an answer of another kind (the API's JSON
        # error) is what its client asked for, in the demo as in production.
        if response.status_code != 404 or not is_html(response):
            return response
        # No view in Byline answers 404 itself: each raises Http404, which DEBUG turns into the
        # technical page. Render what production renders for it instead.
        return page_not_found(request, Http404())


def is_html(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").startswith("text/html")
