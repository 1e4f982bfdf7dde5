"""Page-cache hits answered in front of Django: the same page and headers as the middleware's
hit, and every request it must not answer left to Django."""

from __future__ import annotations

import logging

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory

from byline.pagecache.early import EarlyPageCache
from byline.pagecache.keys import bump

pytestmark = pytest.mark.django_db


class Recorder:
    """Stands for Django behind the layer: records what reached it."""

    def __init__(self) -> None:
        self.reached: list[str] = []

    def __call__(self, environ, start_response):
        self.reached.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return []


def call(application, environ):
    answered = {}

    def start_response(status, headers):
        answered["status"], answered["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return answered["status"], answered["headers"], body


def environ_for(path: str, method: str = "GET", **headers) -> dict:
    return RequestFactory().generic(method, path, headers=headers).environ


@pytest.fixture
def stored(client, article):
    """The article's page as Django's own hit answers it, once stored by a first request."""
    client.get(article.url)
    return client.get(article.url)


def test_a_stored_page_is_answered_whole_without_reaching_django(stored, article):
    django = Recorder()

    status, headers, body = call(EarlyPageCache(django), environ_for(article.url))

    assert django.reached == []
    assert status == "200 OK"
    assert body == stored.content
    assert headers["X-Page-Cache"] == "hit"
    assert headers["Content-Length"] == str(len(body))
    # Every header the stack adds to a hit is on the early one too, with the same value.
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                 "ETag", "Cache-Control", "X-Accel-Expires", "Content-Type"):  # fmt: skip
        assert headers[name] == stored[name], name


def test_the_early_answer_is_the_one_django_would_give(stored, article):
    _, through_django, body = call(EarlyPageCache(WSGIHandler()), environ_for(article.url))
    _, early, early_body = call(EarlyPageCache(Recorder()), environ_for(article.url))

    assert early_body == body
    assert {name: early[name] for name in through_django} == through_django


def test_a_browser_holding_the_version_gets_304_and_no_body(stored, article):
    status, headers, body = call(
        EarlyPageCache(Recorder()), environ_for(article.url, If_None_Match=stored["ETag"])
    )

    assert status == "304 Not Modified"
    assert body == b""
    assert headers["ETag"] == stored["ETag"]


def test_head_gets_the_headers_without_the_body(stored, article):
    status, headers, body = call(EarlyPageCache(Recorder()), environ_for(article.url, "HEAD"))

    assert status == "200 OK"
    assert body == b""
    assert headers["Content-Length"] == str(len(stored.content))


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "byline_reader=signed-token"},
        {"Authorization": "Bearer wagtail_x"},
    ],
)
def test_a_reader_who_can_be_told_apart_reaches_django(stored, article, headers):
    django = Recorder()

    call(EarlyPageCache(django), environ_for(article.url, **headers))

    assert django.reached == [article.url]


def test_posts_unknown_hosts_stale_pages_and_static_files_reach_django(stored, article):
    django = Recorder()
    layer = EarlyPageCache(django)

    call(layer, environ_for(article.url, "POST"))
    call(layer, {**environ_for(article.url), "HTTP_HOST": "evil.example"})
    call(layer, environ_for("/static/theme/site.css"))
    bump([article.url])
    call(layer, environ_for(article.url))

    assert django.reached == [article.url, article.url, "/static/theme/site.css", article.url]


def test_plain_http_where_https_is_required_goes_on_to_be_redirected(stored, article, settings):
    settings.SECURE_SSL_REDIRECT = True
    django = Recorder()

    call(EarlyPageCache(django), environ_for(article.url))

    assert django.reached == [article.url]


def test_a_cache_that_fails_leaves_the_request_to_django(stored, article, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr("byline.pagecache.keys.cache.get_many", down)
    django = Recorder()

    call(EarlyPageCache(django), environ_for(article.url))

    assert django.reached == [article.url]


def test_an_early_hit_is_logged_like_every_request(stored, article, caplog):
    with caplog.at_level(logging.INFO, logger="byline.requests"):
        call(EarlyPageCache(Recorder()), environ_for(article.url))

    (record,) = [r for r in caplog.records if r.name == "byline.requests"]
    assert (record.method, record.path, record.status) == ("GET", article.url, 200)
