"""Publishing, withdrawing, moving and deleting purge exactly the cached pages they alter."""

from __future__ import annotations

import pytest

from byline.newsroom.models import ArticlePage, PublicationSettings
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    SectionPageFactory,
    TopicFactory,
    home_page,
    publish,
)
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db


def tagged_article(topic, **fields):
    article = ArticlePageFactory(**fields)
    article.topics.add(topic)
    return publish(article)


@pytest.fixture
def site(page_cache, client):
    """Two articles in two sections on two topics, and every page and feed about them cached."""
    mine, theirs = TopicFactory(), TopicFactory()
    article, other = tagged_article(mine), tagged_article(theirs)
    section, other_section = article.get_parent(), other.get_parent()
    paths = {
        "article": article.url,
        "section": section.url,
        "topic": mine.get_absolute_url(),
        "author": article.authors.first().author.get_absolute_url(),
        "home": "/",
        "site feed": "/feeds/rss/",
        "section feed": f"/feeds/section/{section.slug}/atom/",
        "topic feed": f"/feeds/topic/{mine.slug}/rss/",
        "sitemap": "/sitemap-pages.xml",
        "other": other.url,
        "other section": other_section.url,
        "other topic": theirs.get_absolute_url(),
        "other topic feed": f"/feeds/topic/{theirs.slug}/rss/",
    }
    warm(client, list(paths.values()))
    return {"paths": paths, "article": article, "other": other, "topic": mine}


def still_cached(client, site) -> set[str]:
    names = {path: name for name, path in site["paths"].items()}
    return {names[path] for path in cached(client, list(names))}


UNRELATED = {"other", "other section", "other topic", "other topic feed"}


def test_publishing_an_edit_purges_where_the_article_appears(
    client, site, django_capture_on_commit_callbacks
):
    article = site["article"]
    article.title = "A headline that changed"
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)

    assert still_cached(client, site) == UNRELATED
    assert b"A headline that changed" in client.get(site["paths"]["topic"]).content


def test_a_topic_taken_off_an_article_loses_it_from_its_listing(
    client, site, django_capture_on_commit_callbacks
):
    article = ArticlePage.objects.get(pk=site["article"].pk)
    article.topics.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)

    assert "topic" not in still_cached(client, site)
    assert article.title.encode() not in client.get(site["paths"]["topic"]).content


def test_unpublishing_purges_where_the_article_appeared(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].unpublish()

    assert still_cached(client, site) == UNRELATED
    assert client.get(site["paths"]["article"]).status_code == 404


def test_deleting_purges_where_the_article_appeared(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].delete()

    assert still_cached(client, site) == UNRELATED
    assert client.get(site["paths"]["article"]).status_code == 404


def test_moving_purges_the_old_address_and_both_sections_with_their_feeds(
    client, site, django_capture_on_commit_callbacks
):
    old = site["paths"]["article"]
    with django_capture_on_commit_callbacks(execute=True):
        site["article"].move(site["other"].get_parent(), pos="last-child")

    assert still_cached(client, site) == {"other", "other topic", "other topic feed"}
    # Wagtail leaves a redirect at the old address, which only a purge lets readers reach.
    assert client.get(old).status_code == 301


def test_a_new_section_purges_every_page_for_the_navigation(
    client, site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(SectionPageFactory(parent=home_page(), title="Podcasts"))

    assert still_cached(client, site) == set()
    assert b"Podcasts" in client.get(site["paths"]["other"]).content


def test_changing_the_site_settings_purges_every_page(
    client, site, django_capture_on_commit_callbacks
):
    settings = PublicationSettings.for_site(home_page().get_site())
    settings.tagline = "News you can trust"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()

    assert still_cached(client, site) == set()


def test_a_draft_purges_nothing(client, site, django_capture_on_commit_callbacks):
    article = site["article"]
    article.title = "Not yet"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision()

    assert still_cached(client, site) == set(site["paths"])


def test_settings_created_on_first_read_purge_nothing(
    client, site, django_capture_on_commit_callbacks
):
    PublicationSettings.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        PublicationSettings.for_site(home_page().get_site())

    assert still_cached(client, site) == set(site["paths"])


def test_renaming_an_author_purges_every_page(client, site, django_capture_on_commit_callbacks):
    author = site["article"].authors.first().author
    author.name = "Mara Quell"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()

    assert still_cached(client, site) == set()
    assert b"Mara Quell" in client.get(site["paths"]["article"]).content


def test_a_new_topic_purges_nothing(client, site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        TopicFactory()

    assert still_cached(client, site) == set(site["paths"])
