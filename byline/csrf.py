"""CSRF protection that lets cached pages carry forms without a per-reader token.

Browsers say where a request comes from in ``Sec-Fetch-Site``, a header pages cannot set or
forge. A POST that the browser marks ``same-origin`` was sent by one of this site's own pages,
so it is accepted without a token. Older browsers send no ``Sec-Fetch-Site`` but do send
``Origin`` with a POST, which pages cannot forge either: an ``Origin`` that is exactly this
site's proves the same. Any other POST (another site, an opaque ``null`` origin, a script
without either header) still needs Django's token. When the token check fails on a form from this
site, the reader gets the form back with a fresh token instead of a dead end.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

FETCH_SITE_HEADER = "Sec-Fetch-Site"
# Fields that are never offered again: the stale token and what browsers forbid re-sending.
NOT_RESENT = {"csrfmiddlewaretoken"}


def is_secret(name: str) -> bool:
    """A password field (password, password1, new_password2...): the reader types it again."""
    return "password" in name.casefold()


class FetchMetadataCsrfMiddleware(CsrfViewMiddleware):
    def process_view(self, request: HttpRequest, callback, callback_args, callback_kwargs):
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        exempt = getattr(callback, "csrf_exempt", False)
        if unsafe and not exempt and sent_by_this_site(request):
            return accept_without_token(self, request)
        return super().process_view(request, callback, callback_args, callback_kwargs)


def accept_without_token(middleware: CsrfViewMiddleware, request: HttpRequest) -> None:
    """Let ``request`` through as checked.

    Django has no public way for a middleware to accept a request: its private ``_accept``
    marks the request as checked (``csrf_processing_done``), which views that check again
    (``csrf_protect`` on Django's and Wagtail's sign-in views) rely on to let it pass. Kept in
    this one place; tests/test_csrf.py::test_an_accepted_post_satisfies_views_that_check_again
    fails if Django changes it.
    """
    return middleware._accept(request)


def sent_by_this_site(request: HttpRequest) -> bool:
    """Whether the browser says one of this site's own pages sent ``request``.

    ``Sec-Fetch-Site`` decides when the browser sends it; only without it does ``Origin``.
    """
    fetch_site = request.headers.get(FETCH_SITE_HEADER)
    if fetch_site is not None:
        return fetch_site.lower() == "same-origin"
    return has_same_origin(request)


def has_same_origin(request: HttpRequest) -> bool:
    """Whether the Origin header is this site's scheme, host and port, exactly ("null" is not)."""
    origin = request.headers.get("Origin", "")
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    scheme = "https" if request.is_secure() else "http"
    return bool(origin) and origin.lower() == f"{scheme}://{host}".lower()


def came_from_this_site(request: HttpRequest) -> bool:
    """Whether the Origin (or, failing that, the Referer) is this site's own host."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    return bool(source) and urlsplit(source).netloc == request.get_host()


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The 403 for a failed CSRF check: the same form again, with a fresh token.

    Offered only for forms that came from this site's own pages (a page served from the cache
    to a browser that sends no Sec-Fetch-Site, or a form left open for hours): a form posted
    from elsewhere is refused without one, so no other site can put words in a reader's mouth.
    """
    fields, secrets = [], []
    if request.method == "POST" and came_from_this_site(request):
        names = [name for name in request.POST if name not in NOT_RESENT]
        # A password is never written into a page, not even as a hidden field.
        secrets = [name for name in names if is_secret(name)]
        fields = [
            (name, value)
            for name in names
            if not is_secret(name)
            for value in request.POST.getlist(name)
        ]
        get_token(request)
    context = {
        "fields": fields,
        "secrets": secrets,
        "action": request.get_full_path(),
        "reason": reason,
    }
    response = render(request, "403_csrf.html", context, status=403)
    # It holds what the reader wrote: no cache may keep it.
    add_never_cache_headers(response)
    return response
