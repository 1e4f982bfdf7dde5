"""What readers see of a developing story: the box on each article, the story's page, the
stories index, and the cached copies a change purges."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from byline.newsroom.models import StoryPage, StoryStatusEntry
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    article_in,
    publish,
    stories_index,
    story_page,
)
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db


def html(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def story():
    """A confirmed story of three published parts, with a draft and a scheduled one besides."""
    story = story_page(
        ("rumoured", "A ring is spotted on stage."),
        ("reported", "Two outlets report the engagement."),
        ("confirmed", "She confirms it on stage."),
        title="Juno Vale engagement",
    )
    parts = [article_in(story, hours_ago=hours, title=f"Part at {hours}h") for hours in (50, 30, 5)]
    ArticlePageFactory(live=False, story=story, title="A draft in the story")
    scheduled = ArticlePageFactory(live=False, story=story, title="A scheduled part")
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=1)
    scheduled.save_revision().publish()
    return {"story": StoryPage.objects.get(pk=story.pk), "parts": parts}


# The story box --------------------------------------------------------------------------------


def test_the_box_says_which_part_it_is_with_the_status_and_the_latest_development(client, story):
    first, middle, last = story["parts"]
    box = html(client, middle.url).select_one("aside.story-box")

    assert box is not None
    assert "Juno Vale engagement" in text(box.select_one(".story-box__title"))
    assert box.select_one(".story-box__title a")["href"] == story["story"].url
    assert text(box.select_one(".story-status")) == "Confirmed"
    assert "story-status--confirmed" in box.select_one(".story-status")["class"]
    assert text(box.select_one(".story-box__part")) == "Part 2 of 3"
    latest = box.select_one(".story-box__latest")
    assert "She confirms it on stage." in text(latest)
    entry = story["story"].latest_entry
    assert latest.time["datetime"] == entry.happened_on.isoformat()
    assert box.select_one("a[rel=prev]")["href"] == first.url
    assert box.select_one("a[rel=next]")["href"] == last.url


def test_the_first_and_last_parts_link_one_way_only(client, story):
    first, _middle, last = story["parts"]
    first_box = html(client, first.url).select_one("aside.story-box")
    last_box = html(client, last.url).select_one("aside.story-box")

    assert text(first_box.select_one(".story-box__part")) == "Part 1 of 3"
    assert first_box.select_one("a[rel=prev]") is None and first_box.select_one("a[rel=next]")
    assert text(last_box.select_one(".story-box__part")) == "Part 3 of 3"
    assert last_box.select_one("a[rel=next]") is None and last_box.select_one("a[rel=prev]")


def test_no_box_outside_a_story_or_in_an_unpublished_one(client):
    assert html(client, ArticlePageFactory().url).select_one(".story-box") is None
    hidden = article_in(story_page(live=False))
    assert html(client, hidden.url).select_one(".story-box") is None


def test_the_box_escapes_what_editors_typed(client):
    hostile = '<script>alert("x")</script>'
    story = story_page(("rumoured", hostile), title=hostile)
    page = client.get(article_in(story).url).content.decode()

    assert hostile not in page
    assert "&lt;script&gt;" in page


# The story's page -----------------------------------------------------------------------------


def test_the_story_page_shows_the_timeline_and_its_published_articles_in_order(client, story):
    soup = html(client, story["story"].url)

    assert text(soup.h1) == "Juno Vale engagement"
    timeline = soup.select(".timeline__entry")
    assert [text(entry.select_one(".story-status")) for entry in timeline] == [
        "Rumoured",
        "Reported",
        "Confirmed",
    ]
    assert "Two outlets report the engagement." in text(timeline[1])
    assert timeline[0].time["datetime"] < timeline[2].time["datetime"]
    headlines = [text(h) for h in soup.select(".story-parts .teaser__headline")]
    assert headlines == ["Part at 50h", "Part at 30h", "Part at 5h"]
    assert [text(p) for p in soup.select(".story-parts__number")] == ["Part 1", "Part 2", "Part 3"]
    assert "A draft in the story" not in soup.get_text()
    assert "A scheduled part" not in soup.get_text()


def test_a_draft_story_has_no_page_and_a_story_with_no_article_says_so(client):
    assert client.get(story_page(live=False, title="Hidden").url or "/nope/").status_code == 404
    empty = html(client, story_page(title="Only a rumour").url)
    assert "No article on this story has been published yet." in text(empty)


def test_the_stories_index_lists_live_stories_latest_development_first(client):
    older = story_page(("rumoured", "Old rumour."), title="Older story", days_ago=30)
    newer = story_page(("denied", "Denied today."), title="Newer story", days_ago=1)
    story_page(title="Unpublished story", live=False)
    soup = html(client, stories_index().url)

    titles = [text(h) for h in soup.select(".story-list__title")]
    assert titles == [newer.title, older.title]
    assert "Denied today." in text(soup.select_one(".story-list__item"))


# Purging --------------------------------------------------------------------------------------


@pytest.fixture
def cached_story(page_cache, client, story):
    """The story, its parts, its feeds, the index and an unrelated article, all cached."""
    slug = story["story"].slug
    paths = {
        "story": story["story"].url,
        "index": stories_index().url,
        "part 1": story["parts"][0].url,
        "part 3": story["parts"][2].url,
        "story rss": f"/feeds/story/{slug}/rss/",
        "story atom": f"/feeds/story/{slug}/atom/",
        "other": ArticlePageFactory().url,
    }
    warm(client, list(paths.values()))
    return {**story, "paths": paths}


def still_cached(client, paths: dict[str, str]) -> set[str]:
    names = {path: name for name, path in paths.items()}
    return {names[path] for path in cached(client, list(names))}


def test_a_new_status_purges_the_story_its_feeds_and_its_articles_only(
    client, cached_story, django_capture_on_commit_callbacks
):
    story = StoryPage.objects.get(pk=cached_story["story"].pk)
    story.timeline.add(
        StoryStatusEntry(happened_on=timezone.now(), status="resolved", note="The wedding is on.")
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(story)

    assert still_cached(client, cached_story["paths"]) == {"other"}
    box = html(client, cached_story["paths"]["part 1"]).select_one(".story-box")
    assert text(box.select_one(".story-status")) == "Resolved"
    assert "The wedding is on." in text(box)


def test_an_article_joining_purges_the_story_and_the_other_parts(
    client, cached_story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article_in(cached_story["story"], hours_ago=0, title="Part four arrives")

    assert still_cached(client, cached_story["paths"]) == {"other"}
    box = html(client, cached_story["paths"]["part 3"]).select_one(".story-box")
    assert text(box.select_one(".story-box__part")) == "Part 3 of 4"
    assert "Part four arrives" in text(box.select_one("a[rel=next]"))
