"""The liveliest comments on a developing story's page: published ones only, from the story's
published articles, most voted first, each linking to its place in its thread."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from byline.discussion.models import Comment, Thread
from byline.discussion.tests.factories import post
from byline.discussion.threads import in_pages
from byline.newsroom.tests.factories import ArticlePageFactory, article_in, story_page
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db


def scored(comment: Comment, score: int) -> Comment:
    Comment.objects.filter(pk=comment.pk).update(score=score)
    return comment


@pytest.fixture
def story():
    story = story_page(title="The ring")
    first, second = article_in(story, hours_ago=5), article_in(story, hours_ago=1)
    return {"story": story, "first": first, "second": second}


def test_the_most_voted_published_comments_across_the_storys_articles(story):
    best = scored(post(story["second"], "Best of the lot, by a mile.", token="t-1"), 9)
    good = scored(post(story["first"], "A good point about the sources.", token="t-2"), 4)
    scored(post(story["first"], "Quiet one.", token="t-3"), 0)
    held = scored(post(story["first"], "Held for a moderator.", token="t-4"), 50)
    Comment.objects.filter(pk=held.pk).update(status=Comment.Status.PENDING)
    outside = scored(post(ArticlePageFactory(), "Another story entirely.", token="t-5"), 99)
    draft = ArticlePageFactory(live=False, story=story["story"])
    hidden = scored(post(story["first"], "On a page gone dark.", token="t-6"), 70)
    Comment.objects.filter(pk=hidden.pk).update(thread=Thread.objects.create(page=draft))

    piece = in_pages.liveliest_comments(story["story"], limit=2)

    assert [c.pk for c in piece.comments] == [best.pk, good.pk]
    assert outside.pk not in {c.pk for c in in_pages.liveliest_comments(story["story"]).comments}


def test_the_story_page_shows_them_with_links_to_the_thread(client, story):
    comment = scored(post(story["first"], "Two outlets is not confirmation.", token="t-1"), 3)
    soup = BeautifulSoup(client.get(story["story"].url).content, "html.parser")

    section = soup.select_one("section.liveliest")
    assert section is not None
    assert "Two outlets is not confirmation." in section.get_text()
    hrefs = {a["href"] for a in section.find_all("a")}
    assert comment.get_absolute_url() in hrefs and story["first"].url in hrefs
    assert "3 points" in section.get_text()


def test_no_section_when_no_one_has_commented(client, story):
    soup = BeautifulSoup(client.get(story["story"].url).content, "html.parser")
    assert soup.select_one("section.liveliest") is None


def test_a_new_comment_purges_the_storys_page(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    other = story_page(title="Another story")
    warm(client, [story["story"].url, other.url])
    with django_capture_on_commit_callbacks(execute=True):
        post(story["second"], "A fresh take on the ring.", token="t-9")

    assert cached(client, [story["story"].url, other.url]) == {other.url}
