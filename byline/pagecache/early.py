"""Page-cache hits answered in front of Django, for the WSGI servers (gunicorn, the demo's).

A hit needs none of Django's request handling: no middleware, no URL resolution, no signals.
This layer wraps the WSGI application and answers a shared request whose page is stored and
fresh straight from the cache, with the same lookup and the same answer as
``PageCacheMiddleware`` (which stays first in ``MIDDLEWARE``, so a stored page holds every
header the rest of the stack adds, and answers hits for servers that skip this layer). Anything
else, and anything unusual on the way (a host Django would refuse, a cache error), goes to
Django as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponseBase

from byline.logs import log_request
from byline.pagecache.middleware import (
    answer,
    is_cacheable_request,
    look_up,
    patchable_answer,
)
from byline.pagecache.shared import SHARED_METHODS

WSGIApplication = Callable[[dict, Callable], Iterable[bytes]]


class EarlyPageCache:
    def __init__(self, application: WSGIApplication) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        response = self.hit(environ)
        if response is None:
            return self.application(environ, start_response)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [response.content]

    def hit(self, environ: dict) -> HttpResponseBase | None:
        """The stored answer to this request, or None for Django to answer it."""
        if not settings.PAGE_CACHE_ENABLED or environ.get("REQUEST_METHOD") not in SHARED_METHODS:
            return None
        started = time.perf_counter()
        try:
            request = WSGIRequest(environ)
            request.get_host()  # An unknown host raises DisallowedHost: Django answers 400.
            response = stored_answer(request)
        except Exception:  # Django answers it, with its own checks and error pages.
            # (a cache that is down, a malformed request)
            return None
        if response is None:
            return None
        if response.status_code == 200:
            response["Content-Length"] = str(len(response.content))
        log_request(request, response, started)
        return response


def stored_answer(request: WSGIRequest) -> HttpResponseBase | None:
    """What the page cache answers ``request`` with: a shared page, or one a guest's browser
    patches; None where Django must answer."""
    patched = patchable_answer(request)
    if patched is not None or not is_cacheable_request(request):
        return patched
    entry = look_up(request).entry
    return None if entry is None else answer(request, entry, hit=True)
