"""Sitemaps list what search engines should crawl, and the news sitemap what is new."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from byline.discovery.sitemaps import news_language
from byline.discovery.tests.conftest import HOSTILE, xml_of
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PersonFactory,
    SectionPageFactory,
    TopicFactory,
    publish,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def locations(root) -> list[str]:
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


@pytest.mark.parametrize(
    ("code", "expected"), [("en-gb", "en"), ("en", "en"), ("zh-tw", "zh-tw"), ("pt-BR", "pt")]
)
def test_news_language_is_the_iso_639_code_google_news_expects(code, expected):
    """Google News wants a bare language code, except for the two Chinese scripts."""
    assert news_language(code) == expected


@pytest.mark.django_db
def test_sitemap_index_references_pages_listings_and_news_sitemaps(client):
    """/sitemap.xml is an index of three sitemaps, each an absolute URL that serves XML."""
    ArticlePageFactory()

    index = xml_of(client.get("/sitemap.xml"))

    assert index.tag == f"{SITEMAP}sitemapindex"
    assert locations(index) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-listings.xml",
        "http://testserver/sitemap-news.xml",
    ]
    for location in locations(index):
        response = client.get(location.removeprefix("http://testserver"))
        assert response["Content-Type"] == "application/xml"
        assert xml_of(response).tag == f"{SITEMAP}urlset"


@pytest.mark.django_db
def test_pages_sitemap_lists_live_public_pages_with_their_last_publication(client):
    """Home, sections and live articles are listed with lastmod; drafts and private pages not."""
    section = SectionPageFactory(slug="celebrity")
    article = publish(ArticlePageFactory(parent=section, slug="live-story"))
    ArticlePageFactory(parent=section, slug="draft-story", live=False)
    private = ArticlePageFactory(parent=section, slug="private-story")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    urlset = xml_of(client.get("/sitemap-pages.xml"))

    assert locations(urlset) == [
        "http://testserver/",
        "http://testserver/celebrity/",
        "http://testserver/celebrity/live-story/",
    ]
    lastmods = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.findall(f"{SITEMAP}url")
    }
    assert lastmods["http://testserver/celebrity/live-story/"] == (
        article.last_published_at.date().isoformat()
    )


@pytest.mark.django_db
def test_sitemap_urls_use_the_host_the_crawler_asked_for(client):
    """Locations are built from the request, like canonical links, not from the Site record."""
    ArticlePageFactory()

    urlset = xml_of(client.get("/sitemap-pages.xml", HTTP_HOST="news.example.com", secure=True))

    assert locations(urlset)[0] == "https://news.example.com/"


@pytest.mark.django_db
def test_listings_sitemap_lists_authors_topics_and_people_with_live_stories(client):
    """Author, topic and person pages with a live story are listed; empty ones are not."""
    author, idle_author = AuthorFactory(slug="ada"), AuthorFactory(slug="idle")
    topic, person = TopicFactory(slug="awards"), PersonFactory(slug="lena")
    TopicFactory(slug="unused-topic")
    article = ArticlePageFactory(authors=[author])
    article.topics.add(topic)
    article.people.add(person)
    article.save()
    draft = ArticlePageFactory(authors=[idle_author], live=False)
    draft.topics.add(TopicFactory(slug="draft-only"))
    draft.save()

    urlset = xml_of(client.get("/sitemap-listings.xml"))

    assert locations(urlset) == [
        "http://testserver/author/ada/",
        "http://testserver/topic/awards/",
        "http://testserver/person/lena/",
    ]
    lastmods = {url.findtext(f"{SITEMAP}lastmod") for url in urlset.findall(f"{SITEMAP}url")}
    assert lastmods == {article.first_published_at.date().isoformat()}


@pytest.mark.django_db
def test_news_sitemap_lists_articles_from_the_last_two_days_with_news_elements(client):
    """Recent articles carry publication name and language, publication date and title."""
    now = timezone.now()
    recent = ArticlePageFactory(first_published_at=now - dt.timedelta(hours=30))
    ArticlePageFactory(first_published_at=now - dt.timedelta(days=3), title="Old news")
    ArticlePageFactory(live=False, title="Not yet published")

    response = client.get("/sitemap-news.xml")
    urlset = xml_of(response)

    [url] = urlset.findall(f"{SITEMAP}url")
    assert url.findtext(f"{SITEMAP}loc") == f"http://testserver{recent.url}"
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Byline Review"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    published = dt.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == recent.first_published_at
    assert news.findtext(f"{NEWS}title") == recent.title


@pytest.mark.django_db
def test_news_sitemap_escapes_hostile_titles(client):
    """A headline full of markup still gives well-formed XML with the headline as text."""
    ArticlePageFactory(title=f"{HOSTILE}\x0b")

    response = client.get("/sitemap-news.xml")

    assert b"<script>" not in response.content
    title = xml_of(response).find(f".//{NEWS}title").text
    assert title == HOSTILE


@pytest.mark.django_db
def test_empty_news_sitemap_is_still_valid(client):
    """With nothing new, the news sitemap is an empty urlset, not an error."""
    urlset = xml_of(client.get("/sitemap-news.xml"))

    assert urlset.findall(f"{SITEMAP}url") == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/sitemap-pages.xml?p=9", "/sitemap-pages.xml?p=x", "/sitemap-nope.xml"]
)
def test_sitemap_pages_that_do_not_exist_are_not_found(client, url):
    """Out-of-range or malformed sitemap pages and unknown sections are 404s, not 500s."""
    assert client.get(url).status_code == 404
