"""What every write to the API must be: JSON, and from a page allowed to write.

A browser sends a cross-site "simple" request (a form's or a ``text/plain`` body, no headers of
its own) without asking first, so without these checks any site could make its visitors post
guest comments, each from another address. Only JSON writes are read (415 otherwise; a write
with no body at all, such as revoking a token, needs none), and a write that says which page
sent it (browsers always do, with ``Origin``) is taken only from Byline's own origins or a site
the editors allow (403 otherwise). Scripts and apps outside a browser send no ``Origin``; a
request with a bearer token is never a "simple" one, and ``callers`` checks a bound token's site.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from byline.api.errors import answer
from byline.embedding import origins
from byline.embedding.addresses import AddressError, normalise_origin

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON = "application/json"


def install(api: NinjaAPI) -> None:
    """Check every operation's writes before ninja reads their body."""

    def checked(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(run)
        def run_checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refusal = refused(api, request)
            return refusal if refusal is not None else run(request, *args, **kwargs)

        return run_checked

    api.add_decorator(checked, mode="view")


def refused(api: NinjaAPI, request: HttpRequest) -> HttpResponse | None:
    if request.method not in WRITES:
        return None
    if has_body(request) and request.content_type != JSON:
        return answer(
            api, request, 415, "unsupported_media_type",
            f"Send the request's body as JSON, with the header Content-Type: {JSON}.",
        )  # fmt: skip
    origin = request.headers.get("Origin")
    # A bearer token's header makes the browser ask first (CORS answers allowed sites only), and
    # a token bound to a site is checked against it by ``callers``: only the rest is checked here.
    if origin is None or "Authorization" in request.headers:
        return None
    if not may_write_from(origin, request):
        return answer(
            api, request, 403, "origin_not_allowed",
            "Pages of this site may not write to Byline's API; Byline's editors can allow it.",
        )  # fmt: skip
    return None


def has_body(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True


def may_write_from(origin: str, request: HttpRequest) -> bool:
    """Byline's own pages (its public address, the host the request came to, the hosts it
    serves) or an enabled allowed site, spelt as browsers send it."""
    if origins.is_allowed(origin):
        return True
    try:
        canonical = normalise_origin(origin)
    except AddressError:
        return False  # "null" (a sandboxed frame, a file), or nonsense
    own = {
        _origin_or_empty(settings.BYLINE_BASE_URL),
        _origin_or_empty(request.build_absolute_uri("/")),
    }
    if canonical in own:
        return True
    host = canonical.partition("://")[2]
    return any(_host_matches(host, allowed) for allowed in settings.ALLOWED_HOSTS if allowed != "*")


def _origin_or_empty(url: str) -> str:
    try:
        return normalise_origin(url.rstrip("/"))
    except AddressError:
        return ""


def _host_matches(host: str, allowed: str) -> bool:
    name = host.rpartition(":")[0] if host.rpartition(":")[2].isdigit() else host
    if allowed.startswith("."):
        return name == allowed[1:] or name.endswith(allowed)
    return name == allowed
