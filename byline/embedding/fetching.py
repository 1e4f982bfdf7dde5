"""Fetch an external page's HTML from its allowed site, for the worker only (never in a request).

What comes back is untrusted and may be slow, huge or not HTML. So: http(s) only, on the page's
own origin (a redirect is followed, a few times, only to another address of the same origin,
and only while that origin is still allowed); short connect and read timeouts and a deadline for
the whole; the body read in chunks up to a byte cap (a missing or lying Content-Length changes
nothing, and a compressed body counts as decompressed); HTML content types only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
from django.conf import settings
from urllib3.exceptions import HTTPError as TransportError

from byline.embedding import origins
from byline.embedding.addresses import AddressError, normalise_url

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 3
HTML_TYPES = {"text/html", "application/xhtml+xml"}
CHUNK_BYTES = 64 * 1024
USER_AGENT = "Byline-passages/1 (reads the page's text for its inline comments)"


class FetchError(Exception):
    """The page's text could not be read; the message says why, for editors and the logs."""


@dataclass(frozen=True)
class Fetched:
    html: bytes
    charset: str | None


def fetch_page(url: str) -> Fetched:
    """The HTML of the page at ``url`` (an allowed site's), or FetchError saying why not."""
    timeout = settings.EMBEDDING_PAGE_TEXT_TIMEOUT
    deadline = time.monotonic() + timeout
    origin = _allowed_origin(url)
    http = urllib3.PoolManager(retries=False, headers={"User-Agent": USER_AGENT})
    for _ in range(MAX_REDIRECTS + 1):
        response = _get(http, url, deadline)
        try:
            if response.status in REDIRECTS:
                url = _next_address(url, response.headers.get("Location", ""), origin)
                continue
            if response.status != 200:
                raise FetchError(f"The page answered HTTP {response.status}.")
            charset = _html_charset(response.headers.get("Content-Type", ""))
            return Fetched(html=_body(response, deadline), charset=charset)
        except TransportError as error:
            raise FetchError(f"The page could not be read ({type(error).__name__}).") from error
        finally:
            response.release_conn()
    raise FetchError(f"The page redirected more than {MAX_REDIRECTS} times.")


def _allowed_origin(url: str) -> str:
    try:
        address = normalise_url(url)
    except AddressError as error:
        raise FetchError(str(error)) from error
    if not origins.is_allowed(address.origin):
        raise FetchError(f"{address.origin} is no longer an allowed site.")
    return address.origin


def _get(http: urllib3.PoolManager, url: str, deadline: float) -> urllib3.BaseHTTPResponse:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("The page took too long to answer.")
    try:
        return http.request(
            "GET", url, redirect=False, preload_content=False,
            timeout=urllib3.Timeout(connect=min(left, 3.0), read=left),
        )  # fmt: skip
    except urllib3.exceptions.NewConnectionError as error:
        # Before TimeoutError: urllib3 keeps a refused connection a ConnectTimeoutError too.
        raise FetchError("The page could not be reached (no connection).") from error
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError("The page took too long to answer.") from error
    except TransportError as error:
        raise FetchError(f"The page could not be reached ({type(error).__name__}).") from error


def _next_address(url: str, location: str, origin: str) -> str:
    """Where a redirect leads, if it stays on the page's own origin."""
    if not location:
        raise FetchError("The page redirected without saying where.")
    try:
        target = normalise_url(urljoin(url, location))
    except AddressError as error:
        raise FetchError(
            f"The page redirected to an address that is not a page: {error}"
        ) from error
    if target.origin != origin:
        raise FetchError(f"The page redirected to another site ({target.origin}).")
    return target.url


def _html_charset(content_type: str) -> str | None:
    kind, _, parameters = content_type.partition(";")
    if kind.strip().lower() not in HTML_TYPES:
        shown = kind.strip()[:80] or "none"
        raise FetchError(f"The page is not HTML (its content type is {shown}).")
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")[:40]
    return None


def _body(response: urllib3.BaseHTTPResponse, deadline: float) -> bytes:
    cap = settings.EMBEDDING_PAGE_TEXT_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(_too_big(cap))
    data = bytearray()
    for chunk in response.stream(CHUNK_BYTES):
        data += chunk
        if len(data) > cap:
            raise FetchError(_too_big(cap))
        if time.monotonic() > deadline:
            raise FetchError("The page took too long to answer.")
    return bytes(data)


def _too_big(cap: int) -> str:
    return f"The page is larger than {cap:,} bytes."
