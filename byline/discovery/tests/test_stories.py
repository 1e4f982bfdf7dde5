"""A developing story in discovery: its feeds, its page's head, its status in each article's
description and NewsArticle JSON-LD, and its place in the sitemap."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from byline.discovery.tests.conftest import html_of, json_ld_of, meta_value, xml_of
from byline.newsroom.tests.factories import ArticlePageFactory, article_in, story_page

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def story():
    story = story_page(
        ("rumoured", "A ring is spotted."), ("reported", "Two outlets report it."), title="Ring"
    )
    first = article_in(story, hours_ago=20, title="First part", standfirst="A ring is seen.")
    second = article_in(story, hours_ago=2, title="Second part", standfirst="Two outlets agree.")
    ArticlePageFactory(live=False, story=story, title="Draft part")
    scheduled = ArticlePageFactory(live=False, story=story, title="Future part")
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=1)
    scheduled.save_revision().publish()
    ArticlePageFactory(title="Not in the story")
    return {"story": story, "first": first, "second": second}


# Feeds ----------------------------------------------------------------------------------------


def test_the_rss_feed_lists_the_storys_published_articles_newest_first(client, story):
    channel = xml_of(client.get(f"/feeds/story/{story['story'].slug}/rss/")).find("channel")

    assert channel.findtext("title").endswith(": Ring")
    assert channel.findtext("description").startswith("Reported: ")
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Second part",
        "First part",
    ]


def test_the_atom_feed_lists_the_same_articles(client, story):
    feed = xml_of(client.get(f"/feeds/story/{story['story'].slug}/atom/"))

    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Second part", "First part"]


def test_an_unknown_or_unpublished_story_has_no_feed(client):
    hidden = story_page(live=False, title="Hidden")
    assert client.get(f"/feeds/story/{hidden.slug}/rss/").status_code == 404
    assert client.get("/feeds/story/no-such-story/atom/").status_code == 404


# The story page's head ------------------------------------------------------------------------


def test_the_story_page_declares_its_feeds_status_and_series(client, story):
    soup = html_of(client.get(story["story"].url))

    assert soup.title.string.startswith("Ring | ")
    assert meta_value(soup, "og:description").startswith("Reported: What we know about Ring")
    feeds = {link["href"] for link in soup.find_all("link", rel="alternate")}
    slug = story["story"].slug
    assert {f"http://testserver/feeds/story/{slug}/rss/"} <= feeds
    assert {f"http://testserver/feeds/story/{slug}/atom/"} <= feeds
    (series,) = json_ld_of(soup)
    assert series["@type"] == "CreativeWorkSeries"
    assert series["creativeWorkStatus"] == "Reported"
    assert [part["headline"] for part in series["hasPart"]] == ["First part", "Second part"]


# The article's head ---------------------------------------------------------------------------


def test_the_articles_description_leads_with_the_storys_status(client, story):
    soup = html_of(client.get(story["second"].url))

    assert meta_value(soup, "og:description") == "Reported: Two outlets agree."
    assert meta_value(soup, "description") == "Reported: Two outlets agree."


def test_the_news_article_is_part_of_the_story_as_a_series(client, story):
    soup = html_of(client.get(story["first"].url))

    (article,) = [data for data in json_ld_of(soup) if data["@type"] == "NewsArticle"]
    series = article["isPartOf"]
    assert series == {
        "@type": "CreativeWorkSeries",
        "@id": f"http://testserver{story['story'].url}",
        "url": f"http://testserver{story['story'].url}",
        "name": "Ring",
        "creativeWorkStatus": "Reported",
    }
    assert article["position"] == 1
    # The article's own description stays its standfirst: the status is the series'.
    assert article["description"] == "A ring is seen."


def test_an_article_outside_a_story_says_nothing_of_one(client):
    soup = html_of(client.get(ArticlePageFactory(standfirst="Plain news.").url))

    assert meta_value(soup, "og:description") == "Plain news."
    (article,) = [data for data in json_ld_of(soup) if data["@type"] == "NewsArticle"]
    assert "isPartOf" not in article and "position" not in article


def test_a_restricted_story_is_named_nowhere_on_its_public_articles(client, story):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=story["story"], restriction_type="login")
    soup = html_of(client.get(story["second"].url))

    assert soup.select(".story-box") == []
    assert meta_value(soup, "og:description") == "Two outlets agree."
    (article,) = [data for data in json_ld_of(soup) if data["@type"] == "NewsArticle"]
    assert "isPartOf" not in article and "position" not in article


def test_a_hostile_story_title_stays_inside_its_json(client):
    hostile = '</script><script>alert(1)</script> "q" & <b>'
    article = article_in(story_page(title=hostile))
    soup = html_of(client.get(article.url))

    (data,) = [d for d in json_ld_of(soup) if d["@type"] == "NewsArticle"]
    assert data["isPartOf"]["name"] == hostile
    assert "<script>alert(1)" not in client.get(article.url).content.decode()


# Sitemap --------------------------------------------------------------------------------------


def test_the_story_page_and_index_are_in_the_sitemap_drafts_not(client, story):
    hidden = story_page(live=False, title="Hidden")
    locations = {
        loc.text
        for loc in xml_of(client.get("/sitemap-pages.xml")).iter(
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    }

    assert f"http://testserver{story['story'].url}" in locations
    assert "http://testserver/stories/" in locations
    assert f"http://testserver{hidden.url}" not in locations
