"""Which requests may be answered from a shared cache, and which responses may be stored in one.

A shared request is one any anonymous reader could have made: it carries nothing that tells
readers apart. Only such requests are served from or stored in the cache, so a response to one
can hold nothing personal, and every signed-in reader or guest with a cookie of their own gets
a page rendered for them.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Commas, with any spaces around them, separate the values of Cache-Control and Vary.
LIST_SEPARATOR = re.compile(r"\s*,\s*")

SHARED_METHODS = ("GET", "HEAD")
SHAREABLE_TYPES = (
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
)
# Vary values a shared response may carry. Cookie is among them because a shared request has no
# personal cookie: whatever read the session found it empty, as it would for every such reader.
SHAREABLE_VARY = {"cookie", "accept-encoding"}
UNSHAREABLE_CACHE_CONTROL = {"private", "no-store", "no-cache"}
# The mark the page's script gives the patch cookie (settings.PAGE_CACHE_PATCH_COOKIE: the mark,
# then what the discussion adds after a dot), which the site sets to something else: only a
# browser that ran the script sends it.
PATCHED_BY_SCRIPT = "script"


def personal_cookies() -> tuple[str, ...]:
    """Cookies that tell one reader from another: the session and those the setting names."""
    return (settings.SESSION_COOKIE_NAME, *settings.PAGE_CACHE_PERSONAL_COOKIES)


def is_shared_request(request: HttpRequest) -> bool:
    """Return whether any anonymous reader could have sent this request."""
    if request.method not in SHARED_METHODS:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not any(name in request.COOKIES for name in personal_cookies())


def is_patchable_request(request: HttpRequest) -> bool:
    """Whether a reader with cookies may get a shared page that their browser patches.

    A guest with cookies (their token, the name they last used) whose browser runs the page's
    scripts (``PAGE_CACHE_PATCH_COOKIE`` says "script": the script wrote it) can be given a stored
    page that its view marked patchable (``allow_patching``): the script then asks for what is
    theirs on it. Any other personal cookie (a session, a flash message) still gets a page
    rendered for them, and so does a browser without scripts.
    """
    if request.method not in SHARED_METHODS or "HTTP_AUTHORIZATION" in request.META:
        return False
    mark = request.COOKIES.get(settings.PAGE_CACHE_PATCH_COOKIE, "").split(".")[0]
    if mark != PATCHED_BY_SCRIPT:
        return False
    personal = {name for name in personal_cookies() if name in request.COOKIES}
    return bool(personal) and personal <= set(settings.PAGE_CACHE_PATCHABLE_COOKIES)


def allow_patching(request: HttpRequest) -> bool:
    """Say that the page being rendered shows a reader nothing of theirs that their browser's
    script does not add (``is_patchable_request``): if it is a shared page, its stored copy may
    be given to them. Return whether it is."""
    if not is_shared_page(request):
        return False
    request.page_cache_patchable = True  # type: ignore[attr-defined]
    return True


def is_patchable(request: HttpRequest) -> bool:
    return getattr(request, "page_cache_patchable", False)


def is_shared_page(request: HttpRequest) -> bool:
    """Whether the page being rendered for ``request`` may be stored and given to every
    anonymous reader (the page cache marks such requests), so it must hold nothing personal."""
    return getattr(request, "page_cache_shared", False)


def mark_personal(request: HttpRequest) -> None:
    """Say that the page being rendered for ``request`` shows one reader's own choices (whom
    they muted, say): the page cache must not store it, whatever the request looked like, and
    no proxy may keep it."""
    request.page_cache_personal = True  # type: ignore[attr-defined]


def is_personal(request: HttpRequest) -> bool:
    return getattr(request, "page_cache_personal", False)


def is_shareable_response(response: HttpResponseBase) -> bool:
    """Return whether a response to a shared request may be given to every such reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in SHAREABLE_TYPES:
        return False
    directives = {
        part.split("=")[0].strip().lower()
        for part in LIST_SEPARATOR.split(response.get("Cache-Control", ""))
    }
    if directives & UNSHAREABLE_CACHE_CONTROL:
        return False
    vary = {part.strip().lower() for part in LIST_SEPARATOR.split(response.get("Vary", "")) if part}
    return vary <= SHAREABLE_VARY
