"""Whole pages for anonymous readers, from the cache, with ETags and conditional GETs.

Placed before SessionMiddleware: a stored page is answered without touching the session, the
user or the database. Readers with a personal cookie pass straight through, but for a guest
whose browser patches a shared page with what is theirs (``shared.is_patchable_request``): they
get the stored page where its view allowed that, and a page rendered for them otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
    QueryDict,
)
from django.utils.cache import patch_cache_control, quote_etag
from django.utils.http import parse_etags

from byline.pagecache.keys import current_versions, entry_key, without_tracking
from byline.pagecache.shared import (
    is_patchable,
    is_patchable_request,
    is_personal,
    is_shareable_response,
    is_shared_request,
)

# How long the cache remembers that an address serves a page guests may patch (was_patchable).
PATCHABLE_KEPT_SECONDS = 24 * 60 * 60
# Headers a stored page keeps; the caching headers are written afresh on every answer.
DROPPED_HEADERS = {"cache-control", "expires", "etag", "x-accel-expires", "content-length"}


@dataclass(frozen=True)
class Entry:
    versions: tuple[int, int]
    etag: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    # Its view allowed it to a guest whose browser patches it (``shared.allow_patching``).
    patchable: bool = False


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not settings.PAGE_CACHE_ENABLED:
            return kept_private(request, self.get_response(request))
        if is_patchable_page_request(request):
            return self.for_patching(request)
        if not is_cacheable_request(request):
            return kept_private(request, self.get_response(request))
        lookup = look_up(request)
        if lookup.entry is not None:
            return answer(request, lookup.entry, hit=True)
        response, entry = self.rendered(request, lookup)
        if entry is None:
            return kept_private(request, response)
        return answer(request, entry, hit=False)

    def rendered(
        self, request: HttpRequest, lookup: Lookup
    ) -> tuple[HttpResponseBase, Entry | None]:
        """The page the stack renders for a shared request, and its stored entry (None where
        it may not be shared)."""
        response = self.get_response(request)
        if is_personal(request) or not is_shareable_response(response):
            return response, None
        return response, store(
            lookup.key, lookup.versions, response, patchable=is_patchable(request)
        )

    def for_patching(self, request: HttpRequest) -> HttpResponseBase:
        """The shared page for a guest whose browser patches it, where its view allows that; on
        a miss it is rendered and stored as a reader without cookies gets it. Any other page is
        drawn for them, and not stored."""
        lookup = look_up(request, shared=False)
        entry = lookup.entry
        # Only where a page was patchable before: any other request would be rendered twice.
        if entry is None and was_patchable(lookup.key) and hasattr(request, "environ"):
            without_cookies = WSGIRequest({**request.environ, "HTTP_COOKIE": ""})
            _, entry = self.rendered(without_cookies, look_up(without_cookies))
        if entry is None or not entry.patchable:
            return kept_private(request, self.get_response(request))
        return kept_from_proxies(answer(request, entry, hit=lookup.entry is not None))


def is_cacheable_request(request: HttpRequest) -> bool:
    """A shared request for a page that the rest of the stack would not redirect to HTTPS.

    The page cache comes first in ``MIDDLEWARE``, before SecurityMiddleware and WhiteNoise: so
    a plain-HTTP request where HTTPS is required goes on to be redirected, and static files are
    left to WhiteNoise without a cache lookup.
    """
    return is_shared_request(request) and is_page_request(request)


def is_page_request(request: HttpRequest) -> bool:
    """Not a static file, and not a plain-HTTP request the stack will redirect to HTTPS."""
    if request.path.startswith(settings.STATIC_URL):
        return False
    return request.is_secure() or not settings.SECURE_SSL_REDIRECT


def is_patchable_page_request(request: HttpRequest) -> bool:
    return is_patchable_request(request) and is_page_request(request)


def patchable_answer(request: HttpRequest) -> HttpResponseBase | None:
    """The stored page for a guest whose browser patches it (``shared.is_patchable_request``),
    if one is fresh and its view allowed that; None for the rest of the stack to answer."""
    if not is_patchable_page_request(request):
        return None
    entry = look_up(request, shared=False).entry
    if entry is None or not entry.patchable:
        return None
    return kept_from_proxies(answer(request, entry, hit=True))


def kept_from_proxies(response: HttpResponseBase) -> HttpResponseBase:
    # Sent with their cookies: no proxy keeps it (the documented nginx passes such requests).
    del response["X-Accel-Expires"]
    patch_cache_control(response, private=True)
    return response


@dataclass(frozen=True)
class Lookup:
    key: str
    versions: tuple[int, int]
    entry: Entry | None


def look_up(request: HttpRequest, *, shared: bool = True) -> Lookup:
    """The stored page for a shared request, if one is fresh: what both the middleware and the
    WSGI layer in front of Django (``byline.pagecache.early``) answer hits from. With ``shared``
    the request goes on to render a page that may be stored for every reader."""
    if shared:
        # Tells {% form_token %} that this page may be shared, so it must hold no token.
        request.page_cache_shared = True
    drop_tracking_parameters(request)
    # Read before the view runs: a purge during rendering leaves the new entry stale.
    versions = current_versions(request.path)
    key = entry_key(request)
    entry = cache.get(key)
    fresh = isinstance(entry, Entry) and entry.versions == versions
    return Lookup(key=key, versions=versions, entry=entry if fresh else None)


def kept_private(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """A page the view marked personal (``shared.mark_personal``) is private to the browser."""
    if is_personal(request):
        patch_cache_control(response, private=True)
    return response


def drop_tracking_parameters(request: HttpRequest) -> None:
    """Serve a link shared with ``utm_source=...`` as the plain page, from the same entry.

    Removed from the request itself, not only from the key: a page rendered for one reader's
    click id must not carry it to every reader the entry is served to.
    """
    query = request.META.get("QUERY_STRING", "")
    kept = without_tracking(query)
    if kept != query:
        request.META["QUERY_STRING"] = kept
        request.GET = QueryDict(kept)


def store(
    key: str, versions: tuple[int, int], response: HttpResponse, *, patchable: bool = False
) -> Entry:
    content = response.content
    entry = Entry(
        patchable=patchable,
        versions=versions,
        etag=quote_etag(hashlib.blake2b(content, digest_size=12).hexdigest()),
        headers=tuple(
            (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        ),
        content=content,
    )
    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
    if patchable:
        cache.set(patchable_key(key), True, timeout=PATCHABLE_KEPT_SECONDS)
    return entry


def patchable_key(key: str) -> str:
    return f"{key}:patchable"


def was_patchable(key: str) -> bool:
    """Whether the last page stored under ``key`` was one its view allowed to be patched: a
    property of the address's view, kept beyond the page itself."""
    return bool(cache.get(patchable_key(key)))


def answer(request: HttpRequest, entry: Entry, *, hit: bool) -> HttpResponseBase:
    """The stored page, or 304 when the browser already holds this version of it."""
    if entry.etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = HttpResponse(entry.content)
        for name, value in entry.headers:
            response[name] = value
    response["ETag"] = entry.etag
    response["X-Page-Cache"] = "hit" if hit else "miss"
    set_caching_headers(response)
    return response


def set_caching_headers(response: HttpResponseBase) -> None:
    """Let the reverse proxy keep the page; make browsers ask again each time (a cheap 304).

    nginx honours X-Accel-Expires only if it comes before Cache-Control: reading
    ``max-age=0`` first, it would mark the page uncacheable.
    """
    if "Cache-Control" in response:
        del response["Cache-Control"]
    response["X-Accel-Expires"] = str(settings.PROXY_CACHE_SECONDS)
    response["Cache-Control"] = "max-age=0, must-revalidate"
