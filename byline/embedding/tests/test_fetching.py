"""Reading an allowed site's page for its text: only HTML, only from that site, only so much,
never for long."""

from __future__ import annotations

import contextlib
import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from byline.embedding import origins
from byline.embedding.fetching import FetchError, fetch_page
from byline.embedding.models import AllowedOrigin

pytestmark = pytest.mark.django_db

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, b"<p>Hello</p>"),
    "/xhtml": (200, {"Content-Type": "application/xhtml+xml"}, b"<p>X</p>"),
    "/json": (200, {"Content-Type": "application/json"}, b"{}"),
    "/untyped": (200, {}, b"<p>?</p>"),
    "/missing": (404, {"Content-Type": "text/html"}, b"gone"),
    "/here": (302, {"Location": "/page"}, b""),
    "/away": (302, {"Location": "http://other.example.net/page"}, b""),
    "/scheme": (302, {"Location": "javascript:alert(1)"}, b""),
    "/nowhere": (302, {}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5_000 + b"</p>"),
    # No length given: read until the connection closes, and the cap still holds.
    "/unsized": (200, {"Content-Type": "text/html", "Content-Length": ""}, b"x" * 5_000),
    "/bomb": (
        200,
        {"Content-Type": "text/html", "Content-Encoding": "gzip"},
        gzip.compress(b"<p>" + b"x" * 200_000 + b"</p>"),
    ),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow":
            threading.Event().wait(3)
        status, headers, body = ROUTES.get(self.path, (200, {"Content-Type": "text/html"}, b""))
        self.send_response(status)
        for name, value in headers.items():
            if value:
                self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # The client may stop reading, as it should past the cap.
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_port}"
    AllowedOrigin.objects.create(origin=origin)
    origins.forget()
    settings.EMBEDDING_PAGE_TEXT_MAX_BYTES = 4_000
    settings.EMBEDDING_PAGE_TEXT_TIMEOUT = 1.0
    yield origin
    origins.forget()
    server.shutdown()
    server.server_close()


def test_an_html_page_is_read_with_its_charset(site):
    fetched = fetch_page(f"{site}/page")

    assert (fetched.html, fetched.charset) == (b"<p>Hello</p>", "utf-8")
    assert fetch_page(f"{site}/xhtml").html == b"<p>X</p>"


def test_a_redirect_on_the_same_site_is_followed(site):
    assert fetch_page(f"{site}/here").html == b"<p>Hello</p>"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/json", "not HTML (its content type is application/json)"),
        ("/untyped", "not HTML (its content type is none)"),
        ("/missing", "answered HTTP 404"),
        ("/away", "redirected to another site (http://other.example.net)"),
        ("/scheme", "redirected to an address that is not a page"),
        ("/nowhere", "redirected without saying where"),
        ("/loop", "redirected more than 3 times"),
        ("/big", "larger than 4,000 bytes"),
        ("/unsized", "larger than 4,000 bytes"),
        ("/bomb", "larger than 4,000 bytes"),
        ("/slow", "took too long"),
    ],
)
def test_what_is_not_a_small_html_page_of_the_site_is_refused_with_a_reason(site, path, message):
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_page(f"{site}{path}")


def test_a_site_no_longer_allowed_is_not_read(site):
    AllowedOrigin.objects.filter(origin=site).update(enabled=False)
    origins.forget()

    with pytest.raises(FetchError, match="no longer an allowed site"):
        fetch_page(f"{site}/page")


def test_only_http_addresses_are_read(db):
    for address in ("file:///etc/passwd", "ftp://example.org/", "javascript:alert(1)"):
        with pytest.raises(FetchError):
            fetch_page(address)


def test_a_site_that_is_down_is_a_reason_not_an_error(db):
    AllowedOrigin.objects.create(origin="http://127.0.0.1:9")
    origins.forget()

    with pytest.raises(FetchError, match="could not be reached"):
        fetch_page("http://127.0.0.1:9/page")
