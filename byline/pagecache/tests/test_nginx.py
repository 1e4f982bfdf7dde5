"""The documented nginx configuration: it loads, caches pages and is purged by Byline."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from urllib.error import HTTPError

import pytest
from django.db import OperationalError, connections

from byline.discussion.tests.factories import trap_fields
from byline.newsroom.tests.factories import ArticlePageFactory
from byline.pagecache import nginx

pytestmark = pytest.mark.skipif(
    nginx.nginx_binary() is None or nginx.purge_module() is None,
    reason="needs nginx and libnginx-mod-http-cache-purge (installed by .ci/run)",
)
# The live server needs committed rows; the home page the migrations made must survive.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None):
    """One request without cookies, like a new anonymous reader; redirects are not followed."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=10)
    except HTTPError as error:
        return error


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def rendered(tmp_path):
    return nginx.render(tmp_path, app_port=free_port(), port=free_port(), purge_port=free_port())


def test_the_configuration_passes_nginx_t(rendered):
    result = nginx.check(rendered.conf)

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_the_benchmarks_configuration_passes_nginx_t_and_tells_byline_of_https(tmp_path):
    local = nginx.render(
        tmp_path, app_port=free_port(), port=free_port(), purge_port=free_port(),
        workers=2, behind_tls=True,
    )  # fmt: skip

    result = nginx.check(local.conf)

    assert result.returncode == 0, result.stderr
    assert "worker_processes 2;" in local.conf.read_text()
    assert "X-Forwarded-Proto https;" in (tmp_path / "byline-proxy.conf").read_text()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl for a certificate")
def test_the_example_site_passes_nginx_t(tmp_path):
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=news.example.org", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    conf = nginx.render_example_site(tmp_path, certificate=certificate, key=key)

    result = nginx.check(conf)

    assert result.returncode == 0, result.stderr


@pytest.fixture
def proxy(tmp_path, live_server, settings, page_cache):
    """nginx in front of the live server, and Byline set to purge it."""
    app_port = int(live_server.url.rsplit(":", 1)[1])
    local = nginx.render(tmp_path, app_port=app_port, port=free_port(), purge_port=free_port())
    process = nginx.start(local)
    try:
        wait_for_port(local.port)
        wait_for_port(local.purge_port)
        settings.BYLINE_BASE_URL = f"http://127.0.0.1:{local.port}"
        settings.WAGTAILFRONTENDCACHE = {
            "nginx": {
                "BACKEND": "byline.pagecache.backends.NginxPurgeBackend",
                "LOCATION": f"http://127.0.0.1:{local.purge_port}",
            }
        }
        yield settings.BYLINE_BASE_URL
    finally:
        process.terminate()
        process.wait(timeout=10)


@live
def test_a_new_comment_is_visible_through_the_proxy_within_a_second(proxy):
    article = ArticlePageFactory()
    url = f"{proxy}{article.url}"

    first, second = fetch(url), fetch(url)
    assert first.headers["X-Proxy-Cache"] == "MISS"
    assert second.headers["X-Proxy-Cache"] == "HIT"
    assert "X-Accel-Expires" not in second.headers

    form = {"name": "Maya Reader", "email": "maya@example.org", "body": "Seen at once."}
    posted = fetch(
        f"{proxy}/comments/on/{article.pk}/post/",
        data=urllib.parse.urlencode({**form, **trap_fields()}).encode(),
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert posted.status == 302

    deadline = time.monotonic() + 1
    while b"Seen at once." not in fetch(url).read():
        assert time.monotonic() < deadline, "the proxy still served the page without the comment"
        time.sleep(0.05)
    # Kept again, and not the old copy: nginx's open file cache must not reuse the purged file.
    hit = fetch(url)
    assert hit.headers["X-Proxy-Cache"] == "HIT"
    assert b"Seen at once." in hit.read()


@live
def test_personal_requests_and_queries_pass_through_the_proxy(proxy):
    article = ArticlePageFactory()
    url = f"{proxy}{article.url}"
    fetch(url)

    signed_in = fetch(url, headers={"Cookie": "sessionid=abc"})
    guest = fetch(url, headers={"Cookie": "theme=dark; byline_reader=xyz"})
    query = fetch(f"{url}?sort=oldest")
    anonymous = fetch(url, headers={"Cookie": "csrftoken=abc"})

    assert signed_in.headers["X-Proxy-Cache"] == "BYPASS"
    assert guest.headers["X-Proxy-Cache"] == "BYPASS"
    assert query.headers["X-Proxy-Cache"] == "BYPASS"
    assert anonymous.headers["X-Proxy-Cache"] == "HIT"


@live
def test_a_link_shared_with_tracking_parameters_is_served_from_the_proxy_cache(proxy):
    article = ArticlePageFactory()
    url = f"{proxy}{article.url}"
    plain = fetch(url).read()

    shared = fetch(f"{url}?utm_source=newsletter&utm_medium=email&fbclid=IwAR0x&gclid=Cj0K")
    campaign = fetch(f"{url}?mc_cid=abc&mc_eid=def&msclkid=9f")
    mixed = fetch(f"{url}?sort=oldest&utm_source=newsletter")

    assert shared.headers["X-Proxy-Cache"] == "HIT"
    assert shared.read() == plain
    assert campaign.headers["X-Proxy-Cache"] == "HIT"
    assert mixed.headers["X-Proxy-Cache"] == "BYPASS"


@live
def test_a_purge_also_drops_the_page_served_to_shared_links(proxy):
    article = ArticlePageFactory()
    url = f"{proxy}{article.url}"
    fetch(url)

    article.title = "Confirmed: the rumour was true"
    article.save_revision().publish()

    shared = fetch(f"{url}?utm_source=newsletter")
    assert shared.headers["X-Proxy-Cache"] == "MISS"
    assert b"Confirmed: the rumour was true" in shared.read()


class StandInForByline(http.server.BaseHTTPRequestHandler):
    """Answers as Byline does: a page the proxy may keep, or, during an outage, a 503.

    The page's X-Accel-Expires is a moment already past, so nginx stores it as expired at
    once: what it does next is what it does with any page whose time ran out.
    """

    outage = False

    def do_GET(self):
        if self.outage:
            body = b"The site is briefly unavailable"
            self.send_response(503)
            self.send_header("Retry-After", "30")
            self.send_header("Cache-Control", "no-store")
        else:
            body = f"The story at {self.path}".encode()
            self.send_response(200)
            self.send_header("X-Accel-Expires", "@1")
            self.send_header("Cache-Control", "max-age=0, must-revalidate")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in(tmp_path):
    """nginx with the documented configuration in front of a stand-in for Byline."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInForByline)
    server.RequestHandlerClass = type("Handler", (StandInForByline,), {})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    local = nginx.render(
        tmp_path, app_port=server.server_address[1], port=free_port(), purge_port=free_port()
    )
    process = nginx.start(local)
    try:
        wait_for_port(local.port)
        yield f"http://127.0.0.1:{local.port}", server
    finally:
        process.terminate()
        process.wait(timeout=10)
        server.shutdown()
        server.server_close()


def test_during_an_outage_the_proxy_serves_the_page_it_kept(stand_in):
    url, server = stand_in
    assert fetch(f"{url}/story/").headers["X-Proxy-Cache"] == "MISS"

    server.RequestHandlerClass.outage = True
    during = fetch(f"{url}/story/")
    never_kept = fetch(f"{url}/other-story/")

    assert during.status == 200
    assert during.headers["X-Proxy-Cache"] == "STALE"
    assert during.read() == b"The story at /story/"
    assert never_kept.status == 503
    assert never_kept.headers["Retry-After"] == "30"


def test_with_byline_stopped_the_proxy_serves_the_page_it_kept(stand_in):
    url, server = stand_in
    fetch(f"{url}/story/")

    server.shutdown()
    server.server_close()
    stopped = fetch(f"{url}/story/")

    assert stopped.status == 200
    assert stopped.headers["X-Proxy-Cache"] == "STALE"
    assert stopped.read() == b"The story at /story/"


@live
def test_during_a_database_outage_byline_answers_the_proxy_with_503(proxy, monkeypatch):
    article = ArticlePageFactory()
    url = f"{proxy}{article.url}"

    wrapper = type(connections["default"])
    connect = wrapper.cursor
    outage = threading.Event()

    def cursor(self, *args, **kwargs):
        if outage.is_set():
            raise OperationalError("could not connect to server: Connection refused")
        return connect(self, *args, **kwargs)

    # Every connection, the live server's thread included, for the time of one request.
    monkeypatch.setattr(wrapper, "cursor", cursor)
    outage.set()
    try:
        response = fetch(url)
    finally:
        outage.clear()

    assert response.status == 503
    assert response.headers["Retry-After"] == "30"
    assert b"briefly unavailable" in response.read()
