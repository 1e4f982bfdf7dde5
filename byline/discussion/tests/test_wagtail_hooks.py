"""The discussion's places in the newsroom's pages: counts, the most-discussed rail, the thread."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from byline.discussion.models import Thread
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_home_ranks_the_most_discussed_articles(client):
    quiet, busy, busiest = ArticlePageFactory(), ArticlePageFactory(), ArticlePageFactory()
    for article, count in ((quiet, 1), (busy, 2), (busiest, 3)):
        for n in range(count):
            post(article, f"Comment {n}")

    rail = soup(client, "/").select(".rail--discussed li")

    assert [item.a.get_text() for item in rail] == [busiest.title, busy.title, quiet.title]
    assert rail[0].select_one(".ranked-list__detail").get_text() == "3 comments"


def test_listings_show_each_articles_comment_count(client):
    section = SectionPageFactory()
    talked_about = ArticlePageFactory(parent=section)
    ArticlePageFactory(parent=section)
    post(talked_about)
    post(talked_about)

    counts = [
        link.get_text()
        for link in soup(client, section.url).select(".teaser__meta a[href$='#comments']")
    ]

    assert counts == ["2 comments"]


def test_the_article_byline_links_to_its_comments(client):
    article = ArticlePageFactory()
    post(article)

    link = soup(client, article.url).select_one(".article__comments a")

    assert (link.get_text(), link["href"]) == ("1 comment", "#comments")


def test_comments_turned_off_hide_the_thread_the_count_and_the_rail_entry(client):
    article = ArticlePageFactory()
    post(article)
    Thread.objects.filter(page=article).update(comments_enabled=False)

    page = soup(client, article.url)

    assert page.select_one("#comments") is None
    assert page.select_one(".article__comments") is None
    assert soup(client, "/").select(".rail--discussed li") == []


def test_editors_close_or_silence_a_thread_in_the_admin(admin_client):
    article = ArticlePageFactory()
    thread = Thread.objects.for_page(article)

    listing = admin_client.get("/admin/snippets/discussion/thread/")
    edit = admin_client.post(
        f"/admin/snippets/discussion/thread/edit/{thread.pk}/",
        {"comments_enabled": "", "closed_at": "2026-01-01 10:00"},
    )

    assert listing.status_code == 200 and article.title in listing.content.decode()
    assert edit.status_code == 302
    thread.refresh_from_db()
    assert not thread.comments_enabled and thread.closed_at is not None
