"""Fragments kept between renders: renewed by their key's parts and by purging everything."""

from __future__ import annotations

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from byline.newsroom.tests.factories import ArticlePageFactory, TopicFactory, publish
from byline.pagecache import keys
from byline.pagecache.fragments import Wanted, fragment, fragments


class Renderer:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        return f"<p>render {self.calls}</p>"


def test_a_fragment_is_rendered_once_per_key():
    render = Renderer()

    first, second = fragment("f", (1, 2), render), fragment("f", (1, 2), render)
    other = fragment("f", (1, 3), render)

    assert first == second == "<p>render 1</p>"
    assert other == "<p>render 2</p>"


def test_purging_everything_renews_every_fragment():
    render = Renderer()
    fragment("f", (1,), render)

    keys.bump_site()

    assert fragment("f", (1,), render) == "<p>render 2</p>"


def test_with_the_page_cache_off_every_fragment_is_rendered(settings):
    settings.PAGE_CACHE_ENABLED = False
    render = Renderer()

    fragment("f", (1,), render)

    assert fragment("f", (1,), render) == "<p>render 2</p>"


def personal_render(url: str) -> BeautifulSoup:
    """The page as rendered for a reader with a cookie of their own, past the page cache."""
    client = Client()
    client.cookies["byline_reader"] = "someone"
    response = client.get(url)
    assert "X-Page-Cache" not in response
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_a_published_revision_renews_the_head_and_the_related_rail(
    django_capture_on_commit_callbacks,
):
    topic = TopicFactory()
    article, neighbour = ArticlePageFactory(), ArticlePageFactory()
    for page in (article, neighbour):
        page.topics.add(topic)
        publish(page)
    before = personal_render(article.url)

    article.title = "A headline that changed"
    article.topics.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    after = personal_render(article.url)

    assert neighbour.title in before.select_one(".related").get_text()
    assert after.title.get_text().startswith("A headline that changed")
    assert (
        after.select_one(".related") is None
        or neighbour.title not in after.select_one(".related").get_text()
    ), "the rail still lists a story chosen by a topic the article lost"


def wanted(render: Renderer, *names: str) -> list[Wanted]:
    return [Wanted(parts=(name,), path=f"/{name}/", render=render) for name in names]


def test_many_fragments_take_one_read_and_their_misses_one_write():
    render = Renderer()
    with (
        mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads,
        mock.patch.object(cache, "set_many", wraps=cache.set_many) as writes,
    ):
        first = fragments("f", wanted(render, "a", "b"))
        reads_then, writes_then = reads.call_count, writes.call_count
        again = fragments("f", wanted(render, "a", "b"))

    # The first write gives the paths, never purged, a version; the second keeps the misses.
    assert (reads_then, writes_then) == (1, 2)
    assert (reads.call_count, writes.call_count) == (2, 2)
    assert first == again == ["<p>render 1</p>", "<p>render 2</p>"]


def test_purging_a_fragments_path_renews_it_alone():
    render = Renderer()
    fragments("f", wanted(render, "a", "b"))

    keys.bump(["/b/"])

    assert fragments("f", wanted(render, "a", "b")) == ["<p>render 1</p>", "<p>render 3</p>"]


def test_purging_everything_or_losing_a_version_renews_fragments():
    render = Renderer()
    fragments("f", wanted(render, "a", "b"))

    cache.delete(keys.version_key("/a/"))
    assert fragments("f", wanted(render, "a", "b")) == ["<p>render 3</p>", "<p>render 2</p>"]
    keys.bump_site()
    assert fragments("f", wanted(render, "a", "b")) == ["<p>render 4</p>", "<p>render 5</p>"]


def test_with_the_page_cache_off_many_fragments_are_rendered(settings):
    settings.PAGE_CACHE_ENABLED = False
    render = Renderer()
    fragments("f", wanted(render, "a"))

    assert fragments("f", wanted(render, "a")) == ["<p>render 2</p>"]
