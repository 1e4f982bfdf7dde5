"""Purging: Byline's cache by version, and the reverse proxy by PURGE requests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from byline.newsroom.tests.factories import ArticlePageFactory
from byline.pagecache import purge
from byline.pagecache.backends import NginxPurgeBackend
from byline.pagecache.tasks import purge_public_paths_from_proxies
from byline.pagecache.testing import cached, warm


class PurgeRecorder(BaseHTTPRequestHandler):
    """Answers PURGE like ngx_cache_purge: 200 for paths it 'had', 404 for the rest."""

    received: list[tuple[str, str]] = []

    def do_PURGE(self) -> None:
        self.received.append((self.headers["Host"], self.path))
        self.send_response(404 if self.path.startswith("/never-cached") else 200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy(settings):
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BYLINE_BASE_URL = "https://news.example.org"
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "byline.pagecache.backends.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_purged_paths_reach_the_proxy_with_the_public_host(proxy):
    purge.purge_now(["/news/", "/never-cached/"])

    assert sorted(proxy) == [("news.example.org", "/never-cached/"), ("news.example.org", "/news/")]


def test_an_unreachable_proxy_is_logged_not_raised(caplog):
    backend = NginxPurgeBackend({"LOCATION": "http://127.0.0.1:9", "TIMEOUT": 0.5})

    backend.purge("https://news.example.org/news/")

    assert "Could not reach nginx" in caplog.text


@pytest.mark.django_db
def test_nothing_is_purged_until_the_transaction_commits(
    proxy, client, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory()
    warm(client, [article.url])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        purge.purge_paths([article.url])

    assert cached(client, [article.url]) == {article.url} and proxy == []
    for callback in callbacks:
        callback()
    assert cached(client, [article.url]) == set()
    assert proxy == [("news.example.org", article.url)]


@pytest.mark.django_db
def test_purging_everything_makes_every_page_stale_and_purges_every_public_path(
    proxy, client, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory()
    warm(client, [article.url, "/"])

    with django_capture_on_commit_callbacks(execute=True):
        purge.purge_everything()

    assert cached(client, [article.url, "/"]) == set()
    purged = {path for _, path in proxy}
    assert {"/", article.url, article.get_parent().url, "/feeds/rss/"} <= purged


@pytest.mark.django_db
def test_the_task_returns_how_many_paths_it_purged(proxy):
    ArticlePageFactory()

    assert purge_public_paths_from_proxies.call() == len(proxy) > 5
