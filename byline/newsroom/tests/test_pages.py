"""The newsroom's pages render what a reader expects, and nothing from drafts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
)

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_article_page_shows_headline_standfirst_byline_and_hero_credit(client):
    first, second = AuthorFactory(name="Ada Quill"), AuthorFactory(name="Ben Stroud")
    article = ArticlePageFactory(authors=[first, second])

    soup = soup_of(client.get(article.url))

    assert soup.h1.get_text(strip=True) == article.title
    assert soup.select_one(".article__standfirst").get_text(strip=True) == article.standfirst
    assert soup.select_one(".byline").get_text(" ", strip=True) == "By Ada Quill and Ben Stroud"
    assert (
        "Pic credit: Northlight Agency / Mara Quell"
        in soup.select_one(".article__hero figcaption").get_text()
    )
    assert soup.select_one(".block-subheading").get_text() == "What we know"
