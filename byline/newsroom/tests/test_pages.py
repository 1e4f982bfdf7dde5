"""The newsroom's pages render what a reader expects, and nothing from drafts."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from byline.newsroom.models import ArticlePage
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    PersonFactory,
    SectionPageFactory,
    TopicFactory,
    home_page,
)

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def headlines(soup: BeautifulSoup, selector: str = ".teaser__headline") -> list[str]:
    return [node.get_text(strip=True) for node in soup.select(selector)]


def test_article_page_shows_headline_standfirst_byline_and_hero_credit(client):
    first, second = AuthorFactory(name="Ada Quill"), AuthorFactory(name="Ben Stroud")
    article = ArticlePageFactory(authors=[first, second])

    soup = soup_of(client.get(article.url))

    assert soup.h1.get_text(strip=True) == article.title
    assert soup.select_one(".article__standfirst").get_text(strip=True) == article.standfirst
    assert soup.select_one(".byline").get_text(" ", strip=True) == "By Ada Quill and Ben Stroud"
    caption = soup.select_one(".article__hero figcaption").get_text(" ", strip=True)
    assert "A red carpet outside the Palladium Theatre." in caption
    assert "Pic credit: Northlight Agency / Mara Quell" in caption
    assert headlines(soup, ".block-subheading") == ["What we know"]


def test_article_hero_is_a_picture_with_modern_formats_that_is_never_lazy(client):
    article = ArticlePageFactory()

    hero = soup_of(client.get(article.url)).select_one(".article__hero picture")

    source_types = [source["type"] for source in hero.find_all("source")]
    assert source_types == ["image/avif"]
    img = hero.img
    assert img["fetchpriority"] == "high"
    assert "loading" not in img.attrs
    assert img["src"].endswith(".webp")
    assert len(img["srcset"].split(",")) == 4
    assert int(img["width"]) * 9 == int(img["height"]) * 16


def test_body_images_are_lazy_and_keep_their_caption_and_credit(client):
    image = ImageFactory(caption="The cast at the premiere.", credit="Glasshouse Press / Ivo Renn")
    article = ArticlePageFactory(
        body=[("image", {"image": image, "caption": "", "credit": "Studio handout"})]
    )

    figure = soup_of(client.get(article.url)).select_one(".block-image")

    assert figure.img["loading"] == "lazy"
    assert figure.img.get("width") and figure.img.get("height")
    assert figure.select_one(".caption").get_text() == "The cast at the premiere."
    assert figure.select_one(".credit").get_text() == "Pic credit: Studio handout"


def test_pull_quote_and_fact_box_render_their_content(client):
    article = ArticlePageFactory(
        body=[
            ("pull_quote", {"quote": "We were never engaged.", "attribution": "A close friend"}),
            (
                "fact_box",
                {"title": "Timeline", "facts": ["March: first sighting", "May: the denial"]},
            ),
        ]
    )

    soup = soup_of(client.get(article.url))

    assert (
        soup.select_one(".block-quote blockquote").get_text(strip=True) == "We were never engaged."
    )
    assert soup.select_one(".block-quote figcaption").get_text() == "A close friend"
    assert [li.get_text() for li in soup.select(".block-factbox li")] == [
        "March: first sighting",
        "May: the denial",
    ]


def test_article_links_its_people_topics_and_corrections(client):
    article = ArticlePageFactory(corrections=["An earlier version misspelt the director's name."])
    article.people.add(PersonFactory(name="Lena Marsh"))
    article.topics.add(TopicFactory(name="Award season"))
    article.save()

    soup = soup_of(client.get(article.url))

    assert headlines(soup, ".article__tags a") == ["Lena Marsh", "Award season"]
    assert "misspelt the director" in soup.select_one(".article__corrections").get_text()


def test_related_links_prefer_stories_about_the_same_people(client):
    person = PersonFactory()
    article = ArticlePageFactory()
    article.people.add(person)
    article.save()
    sibling = ArticlePageFactory(parent=article.get_parent().specific)
    about_the_same_person = ArticlePageFactory()
    about_the_same_person.people.add(person)
    about_the_same_person.save()
    ArticlePageFactory()  # unrelated

    related = article.related_articles()

    assert [page.pk for page in related] == [about_the_same_person.pk, sibling.pk]


def test_drafts_are_neither_served_nor_listed(client):
    section = SectionPageFactory()
    live = ArticlePageFactory(parent=section)
    draft = ArticlePageFactory(parent=section, live=False)

    assert client.get(draft.url).status_code == 404
    assert headlines(soup_of(client.get(section.url))) == [live.title]


def test_home_leads_with_the_newest_story_and_lists_the_rest_by_section(client):
    now = timezone.now()
    older = ArticlePageFactory(first_published_at=now - dt.timedelta(days=2))
    newest = ArticlePageFactory(first_published_at=now - dt.timedelta(minutes=5))

    soup = soup_of(client.get("/"))

    assert headlines(soup, ".home-lead .teaser__headline") == [newest.title]
    assert headlines(soup, ".home-latest .teaser__headline") == [older.title]
    rails = {rail.h2.get_text(strip=True): headlines(rail) for rail in soup.select(".rail")}
    assert rails[older.get_parent().title] == [older.title]


def test_home_honours_a_pinned_lead_story(client):
    pinned = ArticlePageFactory(first_published_at=timezone.now() - dt.timedelta(days=3))
    ArticlePageFactory()
    home = home_page()
    home.lead_article = pinned
    home.save()

    assert headlines(soup_of(client.get("/")), ".home-lead .teaser__headline") == [pinned.title]


def test_empty_site_and_empty_section_explain_themselves(client):
    section = SectionPageFactory(title="Film")

    assert "No stories yet" in soup_of(client.get("/")).get_text()
    assert "no stories in Film yet" in soup_of(client.get(section.url)).get_text()


def test_section_listing_is_paginated_newest_first(client):
    section = SectionPageFactory()
    now = timezone.now()
    articles = [
        ArticlePageFactory(parent=section, first_published_at=now - dt.timedelta(hours=hours))
        for hours in range(22)
    ]

    first_page = soup_of(client.get(section.url))
    second_page = soup_of(client.get(section.url, {"page": 2}))
    beyond = soup_of(client.get(section.url, {"page": "999"}))

    assert headlines(first_page)[:2] == [articles[0].title, articles[1].title]
    assert len(headlines(first_page)) == 20
    assert headlines(second_page) == [articles[20].title, articles[21].title]
    assert headlines(beyond) == headlines(second_page)
    assert first_page.select_one(".pagination a[rel=next]")["href"] == "?page=2"


def test_author_topic_and_person_pages_list_their_stories(client):
    author, topic, person = AuthorFactory(name="Ada Quill"), TopicFactory(), PersonFactory()
    article = ArticlePageFactory(authors=[author])
    article.topics.add(topic)
    article.people.add(person)
    article.save()
    ArticlePageFactory()  # by someone else, about something else

    for url in (author.get_absolute_url(), topic.get_absolute_url(), person.get_absolute_url()):
        assert headlines(soup_of(client.get(url))) == [article.title], url


def test_unknown_author_topic_and_person_give_the_site_404(client):
    for url in ("/author/nobody/", "/topic/nothing/", "/person/no-one/"):
        response = client.get(url)
        assert response.status_code == 404
        page = BeautifulSoup(response.content, "html.parser")
        assert "We can’t find that page" in page.h1.get_text()
        assert page.title.get_text().startswith("Page not found")
        assert page.select_one("meta[name=robots]")["content"] == "noindex"


def test_corrections_archive_lists_corrections_of_live_articles_only(client):
    ArticlePageFactory(corrections=["The premiere is on Friday, not Thursday."])
    ArticlePageFactory(live=False, corrections=["A draft's correction."])

    text = soup_of(client.get("/corrections/")).select_one(".corrections-archive").get_text()

    assert "not Thursday" in text
    assert "draft's correction" not in text


def test_navigation_lists_sections_in_tree_order():
    SectionPageFactory(title="Celebrity")
    SectionPageFactory(title="Music")
    SectionPageFactory(title="Hidden", show_in_menus=False)
    from django.test import Client

    nav = soup_of(Client().get("/")).select(".site-nav a")

    assert [link.get_text() for link in nav] == ["Home", "Celebrity", "Music"]


def test_a_section_cannot_take_a_slug_the_site_uses():
    section = SectionPageFactory.build(title="Topics", slug="topic")

    with pytest.raises(ValidationError) as error:
        section.clean()

    assert "slug" in error.value.message_dict


def test_listings_cost_the_same_queries_for_two_or_twenty_articles(
    client, django_assert_max_num_queries
):
    section = SectionPageFactory()
    ArticlePageFactory.create_batch(2, parent=section)
    client.get(section.url)  # warm renditions
    with django_assert_max_num_queries(30) as small:
        client.get(section.url)
    ArticlePageFactory.create_batch(18, parent=section)
    client.get(section.url)
    with django_assert_max_num_queries(30) as large:
        client.get(section.url)

    assert len(large.captured_queries) == len(small.captured_queries)


def test_listing_querysets_attach_sections_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    """Teasers need each article's section: fetched once per batch, not once per article."""
    first, second = SectionPageFactory(), SectionPageFactory()
    ArticlePageFactory(parent=first)
    ArticlePageFactory(parent=second)
    with django_assert_max_num_queries(10) as two:
        assert {a.section.pk for a in ArticlePage.objects.ready_for_listing()} == {
            first.pk,
            second.pk,
        }
    ArticlePageFactory.create_batch(4, parent=second)

    with django_assert_max_num_queries(10) as six:
        assert len({a.section.pk for a in ArticlePage.objects.ready_for_listing()}) == 2

    assert len(six.captured_queries) == len(two.captured_queries)


def test_every_page_names_an_icon_that_is_served(client):
    """Without one, browsers ask for /favicon.ico and log a 404 on every first visit."""
    icon = soup_of(client.get(home_page().url)).select_one('link[rel="icon"]')

    assert icon is not None
    response = client.get(icon["href"])
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)


def heading_levels(soup: BeautifulSoup) -> list[int]:
    return [int(node.name[1]) for node in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def test_listing_pages_never_skip_a_heading_level(client):
    """Screen-reader users move by headings: each one is at most one level below the one before
    (axe's heading-order)."""
    section = SectionPageFactory()
    topic, person, author = TopicFactory(), PersonFactory(), AuthorFactory()
    article = ArticlePageFactory(parent=section, authors=[author])
    article.topics.add(topic)
    article.people.add(person)
    article.save()

    for url in (
        "/",
        section.url,
        topic.get_absolute_url(),
        person.get_absolute_url(),
        author.get_absolute_url(),
        article.url,
    ):
        levels = heading_levels(soup_of(client.get(url)))
        assert levels[0] == 1, url
        jumps = [(before, after) for before, after in pairwise(levels) if after > before + 1]
        assert not jumps, (url, levels)
