"""RSS and Atom feeds list the newest live articles with everything a feed reader needs."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from byline.discovery.feeds import FEED_LENGTH, xml_text
from byline.discovery.tests.conftest import HOSTILE, html_of, xml_of
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Comment, Thread
from byline.discussion.tests.factories import guest, post
from byline.discussion.threads import services
from byline.newsroom.models import ArticleAuthor
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PersonFactory,
    SectionPageFactory,
    TopicFactory,
)
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def article():
    """A two-author article in "Celebrity", tagged with a topic and a person, since updated."""
    section = SectionPageFactory(title="Celebrity", slug="celebrity")
    article = ArticlePageFactory(
        parent=section,
        title="Is this the end for Lena Marsh?",
        standfirst="Sources say <the split> has been coming for months & more.",
        authors=[AuthorFactory(name="Ada Quill"), AuthorFactory(name="Ben Stroud")],
        updated_at=timezone.now(),
    )
    for position, credit in enumerate(ArticleAuthor.objects.filter(article=article).order_by("pk")):
        credit.sort_order = position
        credit.save()
    article.topics.add(TopicFactory(name="Award season", slug="award-season"))
    article.people.add(PersonFactory(name="Lena Marsh", slug="lena-marsh"))
    article.save()
    return article


def rss_items(client, url: str) -> list:
    channel = xml_of(client.get(url)).find("channel")
    return channel.findall("item")


def test_rss_item_carries_title_link_description_authors_dates_categories_and_guid(client, article):
    """An RSS 2.0 item has every element a reader uses, authors as one dc:creator each."""
    response = client.get("/feeds/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = xml_of(response)

    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "The Byline Review"
    assert channel.findtext("link") == "http://testserver/"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver/feeds/rss/"
    [item] = channel.findall("item")
    # Titles are escaped once more, as Django does, because readers treat them as HTML.
    assert item.findtext("title") == escape(article.title)
    assert item.findtext("link") == f"http://testserver{article.url}"
    assert item.findtext("description") == escape(article.standfirst)
    assert parsedate_to_datetime(item.findtext("pubDate")) == article.first_published_at.replace(
        microsecond=0
    )
    assert [creator.text for creator in item.findall(f"{DC}creator")] == ["Ada Quill", "Ben Stroud"]
    assert [category.text for category in item.findall("category")] == [
        "Celebrity",
        "Award season",
        "Lena Marsh",
    ]
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text.startswith("tag:") and guid.text.endswith(f":article:{article.pk}")


def test_atom_entry_carries_every_author_with_their_page_and_the_updated_time(client, article):
    """An Atom entry names each author with a link to their page, and both dates."""
    response = client.get("/feeds/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = xml_of(response)

    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "The Byline Review"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == article.title
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver{article.url}"
    assert entry.findtext(f"{ATOM}summary") == escape(article.standfirst)
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    published = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert (published, updated) == (article.first_published_at, article.updated_at)
    authors = [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]
    assert authors == [
        (author.name, f"http://testserver{author.get_absolute_url()}")
        for author in article.byline_authors
    ]
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == [
        "Celebrity",
        "Award season",
        "Lena Marsh",
    ]
    assert entry.findtext(f"{ATOM}id").endswith(f":article:{article.pk}")


def test_guid_survives_a_new_slug(client, article):
    """Renaming an article's URL does not make readers see it as a new item."""
    before = rss_items(client, "/feeds/rss/")[0].findtext("guid")

    article.slug = "a-new-slug"
    article.save()

    item = rss_items(client, "/feeds/rss/")[0]
    assert item.findtext("link").endswith("/a-new-slug/")
    assert item.findtext("guid") == before


def test_feeds_list_the_newest_live_public_articles_only(client):
    """Drafts and private articles stay out; the rest come newest first."""
    section = SectionPageFactory()
    now = timezone.now()
    older = ArticlePageFactory(parent=section, first_published_at=now - dt.timedelta(days=2))
    newer = ArticlePageFactory(parent=section, first_published_at=now - dt.timedelta(hours=1))
    ArticlePageFactory(parent=section, live=False, title="A draft")
    private = ArticlePageFactory(parent=section, title="A private story")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    titles = [item.findtext("title") for item in rss_items(client, "/feeds/rss/")]

    assert titles == [escape(newer.title), escape(older.title)]


def test_feeds_stop_at_the_newest_thirty_articles(client):
    """A feed holds the newest 30 articles, not the whole archive."""
    section = SectionPageFactory()
    now = timezone.now()
    articles = [
        ArticlePageFactory(
            parent=section,
            hero_image=None,
            authors=[],
            first_published_at=now - dt.timedelta(minutes=minutes),
        )
        for minutes in range(FEED_LENGTH + 1)
    ]

    links = [item.findtext("link") for item in rss_items(client, "/feeds/rss/")]

    assert len(links) == FEED_LENGTH
    assert f"http://testserver{articles[-1].url}" not in links
    assert links[0] == f"http://testserver{articles[0].url}"


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/celebrity/{format}/",
        "/feeds/topic/award-season/{format}/",
        "/feeds/person/lena-marsh/{format}/",
        "/feeds/author/{author}/{format}/",
    ],
)
@pytest.mark.parametrize("format", ["rss", "atom"])
def test_subject_feeds_list_only_their_own_articles(client, article, url, format):
    """Section, topic, person and author feeds hold their articles and no others."""
    other = ArticlePageFactory(title="Unrelated story")
    url = url.format(format=format, author=article.byline_authors[0].slug)

    content = client.get(url).content.decode()

    assert xml_text(article.title) in content
    assert other.title not in content


@pytest.mark.parametrize("kind", ["section", "topic", "person", "author"])
@pytest.mark.parametrize("format", ["rss", "atom"])
def test_unknown_slugs_are_not_found(client, kind, format):
    """A feed for a section, topic, person or author that does not exist is a 404."""
    assert client.get(f"/feeds/{kind}/no-such-thing/{format}/").status_code == 404


def test_a_draft_section_has_no_feed(client):
    """An unpublished section's feed is a 404, as its page is."""
    SectionPageFactory(slug="coming-soon", live=False)

    assert client.get("/feeds/section/coming-soon/rss/").status_code == 404


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_hostile_and_control_characters_still_give_a_well_formed_feed(client, format):
    """Markup is escaped and characters XML forbids are dropped, so the feed always parses."""
    ArticlePageFactory(title=f"{HOSTILE}\x0bend", standfirst=f"{HOSTILE}\x1f")

    response = client.get(f"/feeds/{format}/")

    assert b"<script>" not in response.content
    root = xml_of(response)
    titles = [element.text for element in root.iter() if element.tag in {"title", f"{ATOM}title"}]
    assert any(title and "alert(1)" in title and title.endswith("end") for title in titles)


def test_feed_queries_do_not_grow_with_the_number_of_articles(
    client, django_assert_max_num_queries
):
    """Authors, sections and tags are fetched per feed, not per article."""
    section = SectionPageFactory()
    topic = TopicFactory()

    def add_articles(count: int) -> None:
        for _ in range(count):
            article = ArticlePageFactory(parent=section, hero_image=None)
            article.topics.add(topic)
            article.save()

    add_articles(2)
    with django_assert_max_num_queries(100) as few:
        client.get("/feeds/atom/")
    add_articles(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/feeds/atom/")

    assert response.content.count(b"<entry>") == 8


# The comments feed of one article ----------------------------------------------------------------


def comments_feed(article, format: str = "rss") -> str:
    return f"/feeds/comments/{article.pk}/{format}/"


@pytest.fixture
def discussed(article):
    """A root comment with a reply, and comments nobody but their authors or moderators see."""
    root = post(article, "I *doubt* the source.", token="maya")
    reply = post(article, "A second source agrees.", parent=root, token="sam")
    for status in ("pending", "shadowed", "hidden", "removed"):
        unseen = post(article, f"An unseen {status} comment", token=f"unseen-{status}")
        Comment.objects.filter(pk=unseen.pk).update(status=status)
    return {"root": root, "reply": reply}


def test_comments_rss_lists_the_published_comments_newest_first(client, article, discussed):
    response = client.get(comments_feed(article))

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = xml_of(response).find("channel")
    assert channel.findtext("title") == f"Comments on “{article.title}”"
    assert channel.findtext("link") == f"http://testserver{article.url}#comments"
    items = channel.findall("item")
    root, reply = discussed["root"], discussed["reply"]
    assert [item.findtext("title") for item in items] == [
        "Reply by Maya Reader",
        "Comment by Maya Reader",
    ]
    newest = items[0]
    assert newest.findtext("description") == reply.body_html
    assert newest.findtext(f"{DC}creator") == "Maya Reader"
    assert newest.findtext("link") == (
        f"http://testserver{article.url}?comment={reply.pk}#comment-{reply.pk}"
    )
    assert newest.findtext("guid").endswith(f":comment:{reply.pk}")
    assert items[1].findtext("description") == "<p>I <em>doubt</em> the source.</p>"
    assert b"unseen" not in response.content and root.pk != reply.pk


def test_comments_atom_carries_the_same_comments(client, article, discussed):
    feed = xml_of(client.get(comments_feed(article, "atom")))

    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}author/{ATOM}name") for entry in entries] == ["Maya Reader"] * 2
    assert entries[0].findtext(f"{ATOM}content") or entries[0].findtext(f"{ATOM}summary")


def test_the_article_advertises_its_comments_feed(client, article):
    page = html_of(client.get(article.url))

    hrefs = {link["href"] for link in page.find_all("link", rel="alternate")}
    for format in ("rss", "atom"):
        assert f"http://testserver{comments_feed(article, format)}" in hrefs
        assert client.get(comments_feed(article, format)).status_code == 200


@pytest.mark.parametrize("format", ["rss", "atom"])
def test_no_comments_feed_for_a_withdrawn_article_or_a_thread_switched_off(
    client, article, discussed, format
):
    other = ArticlePageFactory()
    Thread.objects.for_page(other)
    Thread.objects.filter(page=other).update(comments_enabled=False)
    article.unpublish()

    for url in (comments_feed(article, format), comments_feed(other, format)):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/feeds/comments/99999999999999999999/{format}/").status_code == 404
    hrefs = {link["href"] for link in html_of(client.get(other.url)).find_all("link")}
    assert not any("/feeds/comments/" in href for href in hrefs)


def test_new_and_edited_comments_purge_the_cached_comments_feed(
    client, article, page_cache, django_capture_on_commit_callbacks
):
    first = post(article, "The first word.", token="maya")
    feed = comments_feed(article)
    warm(client, [feed])
    assert cached(client, [feed]) == {feed}

    with django_capture_on_commit_callbacks(execute=True):
        post(article, "A later word.", token="sam")
    assert b"A later word." in client.get(feed).content

    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(comment_id=first.pk, reader=guest(token="maya")[0], body="Changed.")
    assert b"Changed." in client.get(feed).content


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.text(min_size=1, max_size=200))
def test_any_comment_gives_a_well_formed_comments_feed(client, article, body):
    try:
        post(article, body, token="maya")
    except DiscussionError:
        return  # Refused as written: nothing to show.

    for format in ("rss", "atom"):
        xml_of(client.get(comments_feed(article, format)))
