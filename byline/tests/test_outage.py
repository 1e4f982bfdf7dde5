"""While the database is unreachable, readers get a page saying so, with a time to come back."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from byline.newsroom.models import ArticlePage
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    # As a server sees it: the error becomes a response instead of reaching the test.
    return Client(raise_request_exception=False)


def cut_the_database(monkeypatch, error: type[Exception]) -> None:
    def refuse(*args, **kwargs):
        raise error("could not connect to server: Connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_an_article_answers_503_with_retry_after_during_an_outage(reader, monkeypatch, error):
    url = ArticlePageFactory().url
    cut_the_database(monkeypatch, error)

    response = reader.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "X-Accel-Expires" not in response
    text = response.content.decode()
    assert "briefly unavailable" in text
    assert "Something went wrong" not in text


def test_a_post_during_an_outage_says_nothing_was_saved(reader, monkeypatch):
    article = ArticlePageFactory()
    cut_the_database(monkeypatch, OperationalError)

    response = reader.post(
        f"/comments/on/{article.pk}/post/",
        {"name": "Maya", "email": "maya@example.org", "body": "Hello"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 503
    assert "nothing you sent has been saved" in response.content.decode()


def test_other_failures_are_still_a_500(reader, monkeypatch):
    article = ArticlePageFactory()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ArticlePage, "serve", broken)

    response = reader.get(article.url)

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong" in response.content.decode()
