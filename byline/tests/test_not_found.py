"""The demo runs on the dev settings, with DEBUG on: a mistyped address still shows the site's
own 404 page there, never Django's technical page."""

from __future__ import annotations

import pytest

from byline.newsroom.tests.factories import ArticlePageFactory
from byline.tests.test_settings import settings_seen_by

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seen_in_dev():
    """DEBUG and the middleware exactly as the dev settings (the demo's) make them, read once
    (by a process of their own) for the module."""
    seen = settings_seen_by("byline.settings.dev", ["DEBUG", "MIDDLEWARE"])
    assert seen["DEBUG"] is True
    return seen


@pytest.fixture
def dev_settings(settings, seen_in_dev):
    settings.DEBUG, settings.MIDDLEWARE = seen_in_dev["DEBUG"], seen_in_dev["MIDDLEWARE"]
    return settings


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-section/",  # a page Wagtail does not find
        "/no-such-story.html",  # no URL pattern at all
        "/feeds/topic/nothing/rss/",  # a view that raises Http404
        "/comments/99999/",
    ],
)
def test_a_mistyped_address_shows_the_sites_own_404_page(client, dev_settings, url):
    ArticlePageFactory()

    response = client.get(url)

    assert response.status_code == 404
    page = response.content.decode()
    assert "We can’t find that page" in page
    assert "DEBUG = True" not in page  # the technical page explains itself so


def test_pages_that_exist_are_untouched(client, dev_settings):
    article = ArticlePageFactory()

    assert client.get(article.url).status_code == 200
    assert client.get(article.url.rstrip("/")).status_code == 301  # APPEND_SLASH still works


@pytest.mark.parametrize("url", ["/api/v1/nothing", "/api/v1/comments/99999"])
def test_the_apis_json_404_is_kept(client, dev_settings, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
