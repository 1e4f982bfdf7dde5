"""The <head> of every page tells search engines and link previews the truth, safely escaped."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from hypothesis import given
from hypothesis import strategies as st

from byline.discovery import seo
from byline.discovery.feeds import site_name_for
from byline.discovery.tests.conftest import HOSTILE, html_of, json_ld_of, meta_value, meta_values
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    PersonFactory,
    SectionPageFactory,
    TopicFactory,
)

# Pure builders ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "page_number", "expected"),
    [
        ("Is this the end?", 1, "Is this the end? | The Review"),
        ("", 1, "The Review"),
        ("The Review", 1, "The Review"),
        ("Celebrity", 2, "Celebrity (page 2) | The Review"),
        ("", 3, "The Review (page 3) | The Review"),
    ],
)
def test_document_title_names_the_page_then_the_site(title, page_number, expected):
    """The <title> is "Page | Site", the site alone at home, and says which page of a listing."""
    assert seo.document_title(title, "The Review", page_number) == expected


def test_clean_description_is_one_line_cut_at_a_word():
    """Descriptions lose line breaks and stop near 300 characters, at a word boundary."""
    text = "First   line\nsecond <line> " + "word " * 200

    description = seo.clean_description(text)

    assert description.startswith("First line second <line> word")
    assert "\n" not in description
    assert len(description) <= 300
    assert description.endswith("…")


@pytest.mark.parametrize(
    ("path", "page_number", "expected"),
    [
        ("/celebrity/", 1, "/celebrity/"),
        ("/celebrity/?utm_source=x&page=1", 1, "/celebrity/"),
        ("/celebrity/?page=2", 2, "/celebrity/?page=2"),
    ],
)
def test_canonical_path_drops_tracking_parameters_and_keeps_the_listing_page(
    path, page_number, expected
):
    """Only the page number of a listing survives in a canonical path."""
    assert seo.canonical_path(path, page_number) == expected


@pytest.mark.parametrize(
    ("handle", "expected"),
    [
        ("bylinereview", "bylinereview"),
        ("@byline_review", "byline_review"),
        ("  @Byline ", "Byline"),
        ("", ""),
        ("not a handle", ""),
        ("https://x.com/byline", ""),
        ("a" * 16, ""),
    ],
)
def test_twitter_username_accepts_only_valid_handles(handle, expected):
    """A stray "@" is forgiven; anything that is not a username is left out of twitter:site."""
    assert seo.twitter_username(handle) == expected


@pytest.mark.parametrize(
    ("code", "expected"), [("en-gb", "en_GB"), ("fr", "fr"), ("pt-BR", "pt_BR")]
)
def test_og_locale_uses_open_graph_spelling(code, expected):
    """og:locale spells language and region with an underscore."""
    assert seo.og_locale(code) == expected


@given(st.recursive(st.text(), lambda children: st.lists(children, max_size=3), max_leaves=8))
def test_json_ld_script_round_trips_and_can_never_close_the_script_element(value):
    """Whatever the data holds, the serialised JSON has no <, > or & and parses back unchanged."""
    data = {"headline": value, "nested": {"value": value}}

    text = seo.json_ld_script(data)

    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data


def test_news_article_json_ld_lists_every_author_in_byline_order():
    """Each author is a schema.org Person with a name and a URL, in byline order."""
    data = seo.news_article_json_ld(
        url="https://example.com/a/",
        headline="Headline",
        description="Standfirst",
        images=[seo.Image("https://example.com/i.jpg", 1200, 675)],
        published="2025-01-01T10:00:00+00:00",
        modified="2025-01-02T10:00:00+00:00",
        authors=[("Ada Quill", "https://example.com/author/ada/"), ("Ben", "https://b/")],
        section="Celebrity",
        keywords=["Lena Marsh"],
        publisher={"@type": "Organization", "name": "The Review"},
        language="en-gb",
    )

    assert data["author"] == [
        {"@type": "Person", "name": "Ada Quill", "url": "https://example.com/author/ada/"},
        {"@type": "Person", "name": "Ben", "url": "https://b/"},
    ]
    assert data["image"][0] == {
        "@type": "ImageObject",
        "url": "https://example.com/i.jpg",
        "width": 1200,
        "height": 675,
    }


@pytest.mark.django_db
def test_the_head_reads_only_what_the_page_declared(rf: RequestFactory, article):
    """Context keys the page did not put in ``seo`` (a page, overrides, a listing's paginator)
    change nothing: the head describes exactly the declared SeoContext."""
    request = rf.get("/corrections/?page=3")
    undeclared = {
        "page": article,
        "seo_title": "Undeclared",
        "seo_noindex": True,
        "articles": Paginator(list(range(50)), 20).page(3),
    }
    declared = {"title": "Corrections", "page_number": 2}

    html = Template("{% load seo %}{% seo_head seo %}").render(
        RequestContext(request, {**undeclared, "seo": declared})
    )

    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string == f"Corrections (page 2) | {site_name_for(request)}"
    assert meta_value(soup, "og:type") == "website"
    assert meta_value(soup, "robots") != seo.ROBOTS_NOINDEX


def test_seo_context_refuses_a_key_it_does_not_declare():
    """A page that misspells a field of its head hears about it instead of losing it quietly."""
    with pytest.raises(TypeError):
        seo.SeoContext.of({"seo_title": "Sign in"})
    assert seo.SeoContext.of({"title": "Sign in", "noindex": True}) == seo.SeoContext(
        title="Sign in", noindex=True
    )
    assert seo.SeoContext.of(None) == seo.SeoContext()


@pytest.mark.django_db
def test_seo_head_never_evaluates_lazy_context_values(rf: RequestFactory, article):
    """Lazy values (csrf_token sets a cookie when evaluated) are left alone."""
    explode = SimpleLazyObject(lambda: pytest.fail("a lazy context value was evaluated"))
    template = Template("{% load seo %}{% seo_head seo %}")

    html = template.render(Context({"request": rf.get("/"), "lazy": explode, "seo": {}}))

    assert "<title>" in html


@pytest.mark.django_db
def test_seo_head_does_not_ask_for_a_csrf_cookie(rf: RequestFactory, article):
    """Rendering the head leaves csrf_token unevaluated, so it adds no cookie to a cacheable page."""
    request = rf.get(article.url)
    template = Template("{% load seo %}{% seo_head seo %}")

    html = template.render(RequestContext(request, {"seo": {"page": article}}))

    assert "<title>" in html
    assert "CSRF_COOKIE" not in request.META


def test_seo_head_without_a_request_renders_only_the_title():
    """Outside a request (an email, say) the tag still renders a title instead of failing."""
    html = Template("{% load seo %}{% seo_head seo %}").render(
        Context({"seo": {"title": "Digest <3"}})
    )

    assert html == "<title>Digest &lt;3</title>"


# Article pages ---------------------------------------------------------------------------------


@pytest.fixture
def article(db):
    """A tagged, two-author article with an updated time and a hero large enough for every crop."""
    section = SectionPageFactory(title="Celebrity", slug="celebrity")
    first, second = AuthorFactory(name="Ada Quill"), AuthorFactory(name="Ben Stroud")
    article = ArticlePageFactory(
        parent=section,
        title="Is this the end for Lena Marsh?",
        standfirst="Sources say the split has been coming for months.",
        hero_image=ImageFactory(file__width=2400, file__height=1600, caption="Marsh at a premiere"),
        authors=[first, second],
        updated_at=timezone.now(),
    )
    # Byline order is explicit, so it cannot depend on how the database sorts equal keys.
    for position, credit in enumerate(article.authors.order_by("pk")):
        credit.sort_order = position
        credit.save()
    article.topics.add(TopicFactory(name="Award season"))
    article.people.add(PersonFactory(name="Lena Marsh"))
    article.save()
    return article


@pytest.mark.django_db
def test_article_json_ld_is_a_news_article_with_every_required_field(client, article):
    """The NewsArticle JSON-LD carries what Google's article guidelines ask for, every author."""
    ada, ben = article.byline_authors
    soup = html_of(client.get(article.url))

    [data] = json_ld_of(soup)

    canonical = soup.find("link", rel="canonical")["href"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["description"] == article.standfirst
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert data["author"] == [
        {"@type": "Person", "name": "Ada Quill", "url": f"http://testserver/author/{ada.slug}/"},
        {"@type": "Person", "name": "Ben Stroud", "url": f"http://testserver/author/{ben.slug}/"},
    ]
    assert dt.datetime.fromisoformat(data["datePublished"]) == article.first_published_at
    assert dt.datetime.fromisoformat(data["dateModified"]) == article.updated_at
    assert data["articleSection"] == "Celebrity"
    assert set(data["keywords"]) == {"Award season", "Lena Marsh"}
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "The Byline Review"


@pytest.mark.django_db
def test_article_json_ld_offers_16x9_4x3_and_1x1_images_1200_pixels_wide(client, article):
    """Google picks from three aspect ratios; each rendition is at least 1200 px wide."""
    [data] = json_ld_of(html_of(client.get(article.url)))

    ratios = {round(image["width"] / image["height"], 2) for image in data["image"]}
    assert ratios == {round(16 / 9, 2), round(4 / 3, 2), 1.0}
    for image in data["image"]:
        assert image["@type"] == "ImageObject"
        assert image["url"].startswith("http://testserver/media/")
        assert image["width"] >= 1200


@pytest.mark.django_db
def test_article_open_graph_and_twitter_tags_describe_the_story(client, article, publication):
    """og:*, article:* and twitter:* tags name the story, its image, dates, authors and tags."""
    publication.twitter_handle = "@bylinereview"
    publication.save()

    soup = html_of(client.get(article.url))

    assert meta_value(soup, "og:type") == "article"
    assert meta_value(soup, "og:title") == article.title
    assert meta_value(soup, "og:description") == article.standfirst
    assert meta_value(soup, "og:url") == f"http://testserver{article.url}"
    assert meta_value(soup, "og:site_name") == "The Byline Review"
    assert meta_value(soup, "og:image").startswith("http://testserver/media/")
    assert (meta_value(soup, "og:image:width"), meta_value(soup, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta_value(soup, "og:image:alt") == "Marsh at a premiere"
    published = dt.datetime.fromisoformat(meta_value(soup, "article:published_time"))
    assert published == article.first_published_at
    modified = dt.datetime.fromisoformat(meta_value(soup, "article:modified_time"))
    assert modified == article.updated_at
    assert len(meta_values(soup, "article:author")) == 2
    assert meta_value(soup, "article:section") == "Celebrity"
    assert set(meta_values(soup, "article:tag")) == {"Award season", "Lena Marsh"}
    assert meta_value(soup, "twitter:card") == "summary_large_image"
    assert meta_value(soup, "twitter:site") == "@bylinereview"


@pytest.mark.django_db
def test_twitter_site_is_left_out_when_the_publication_has_no_handle(client, article):
    """Without a handle in the publication settings there is no twitter:site tag at all."""
    soup = html_of(client.get(article.url))

    assert meta_values(soup, "twitter:site") == []


@pytest.mark.django_db
def test_publisher_logo_comes_from_the_publication_settings(client, article, publication):
    """With a logo set, the NewsArticle publisher carries it as an ImageObject."""
    publication.logo = ImageFactory(file__width=800, file__height=200)
    publication.save()

    [data] = json_ld_of(html_of(client.get(article.url)))

    logo = data["publisher"]["logo"]
    assert logo["@type"] == "ImageObject"
    assert logo["url"].startswith("http://testserver/media/")
    assert (logo["width"], logo["height"]) == (600, 150)


@pytest.mark.django_db
def test_hostile_headline_is_escaped_in_json_ld_title_and_meta(client):
    """A headline with markup cannot end the JSON-LD script or inject tags, yet reads unchanged."""
    article = ArticlePageFactory(title=HOSTILE, standfirst=HOSTILE)

    response = client.get(article.url)
    html = response.content.decode()
    soup = html_of(response)

    assert "<script>alert(1)" not in html
    assert "<b>bold</b>" not in html
    carrying_headline = [
        script.get("type") for script in soup.find_all("script") if "alert(1)" in script.text
    ]
    assert carrying_headline == ["application/ld+json"]
    [data] = json_ld_of(soup)
    assert data["headline"] == HOSTILE
    assert data["description"] == " ".join(HOSTILE.split())
    assert meta_value(soup, "og:title") == HOSTILE
    assert soup.title.string == f"{HOSTILE} | The Byline Review"


@pytest.mark.django_db
def test_canonical_url_is_absolute_and_built_from_the_request(client, article):
    """The canonical link uses the scheme and host the reader asked for, without the query."""
    response = client.get(
        f"{article.url}?utm_source=newsletter", HTTP_HOST="news.example.com", secure=True
    )

    soup = html_of(response)

    assert soup.find("link", rel="canonical")["href"] == f"https://news.example.com{article.url}"
    assert meta_value(soup, "robots") == "index, follow, max-image-preview:large"


@pytest.mark.django_db
def test_article_without_its_image_file_still_renders_without_a_preview_image(client, article):
    """A hero whose file is gone from storage costs the preview image, not the page."""
    article.hero_image.file.delete(save=False)

    soup = html_of(client.get(article.url))

    assert meta_values(soup, "og:image") == []
    assert meta_value(soup, "twitter:card") == "summary"
    [data] = json_ld_of(soup)
    assert "image" not in data


# Other pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_has_website_json_ld_with_a_search_action(client, publication):
    """The home page offers a sitelinks search box: a WebSite with a SearchAction to /search/."""
    publication.description = "Entertainment news, checked twice."
    publication.save()

    soup = html_of(client.get("/"))

    [data] = json_ld_of(soup)
    assert data["@type"] == "WebSite"
    assert data["url"] == "http://testserver/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term}"
    assert action["query-input"] == "required name=search_term"
    assert meta_value(soup, "og:type") == "website"
    assert meta_value(soup, "description") == "Entertainment news, checked twice."
    assert soup.title.string == "The Byline Review"


@pytest.mark.django_db
def test_site_feeds_are_advertised_on_every_page(client, article):
    """Every page links the site's RSS and Atom feeds for autodiscovery."""
    for url in ["/", article.url, "/corrections/"]:
        soup = html_of(client.get(url))
        feeds = {(link["type"], link["href"]) for link in soup.find_all("link", rel="alternate")}
        assert ("application/rss+xml", "http://testserver/feeds/rss/") in feeds
        assert ("application/atom+xml", "http://testserver/feeds/atom/") in feeds


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["section", "topic", "person", "author"])
def test_listing_pages_advertise_their_own_feeds_and_they_work(client, article, kind):
    """Section, topic, person and author pages link their own feeds, which serve that listing."""
    url = {
        "section": article.section.url,
        "topic": article.topics.first().get_absolute_url(),
        "person": article.people.first().get_absolute_url(),
        "author": article.byline_authors[0].get_absolute_url(),
    }[kind]

    soup = html_of(client.get(url))

    own = [
        link["href"]
        for link in soup.find_all("link", rel="alternate")
        if f"/feeds/{kind}/" in link["href"]
    ]
    assert [href.rsplit("/", 2)[-2] for href in own] == ["rss", "atom"]
    for href in own:
        feed = client.get(href.removeprefix("http://testserver"))
        assert feed.status_code == 200
        assert article.title.encode() in feed.content


@pytest.mark.django_db
def test_author_page_is_described_by_the_author(client):
    """An author page's title and description come from the author's name and bio."""
    author = AuthorFactory(name="Ada Quill", bio="Covers film festivals.")

    soup = html_of(client.get(author.get_absolute_url()))

    assert soup.title.string == "Ada Quill | The Byline Review"
    assert meta_value(soup, "description") == "Covers film festivals."
    assert meta_value(soup, "og:type") == "website"


@pytest.mark.django_db
def test_second_page_of_a_listing_is_its_own_canonical_page(client):
    """Page 2 of the front page is canonical to itself and titled as page 2."""
    section = SectionPageFactory()
    for _ in range(14):
        ArticlePageFactory(parent=section, hero_image=None, authors=[])

    soup = html_of(client.get("/?page=2&utm_campaign=x"))

    assert soup.find("link", rel="canonical")["href"] == "http://testserver/?page=2"
    assert soup.title.string == "The Byline Review (page 2) | The Byline Review"


@pytest.mark.django_db
def test_search_pages_are_noindex_and_have_no_canonical_link(client):
    """Search result pages ask not to be indexed, and so name no canonical URL."""
    soup = html_of(client.get("/search/", {"q": "marsh"}))

    assert meta_value(soup, "robots") == "noindex, follow"
    assert soup.find("link", rel="canonical") is None
    assert meta_value(soup, "og:url") == "http://testserver/search/?q=marsh"


@pytest.mark.django_db
def test_wagtail_previews_are_noindex(rf: RequestFactory, article):
    """A draft seen in preview is marked noindex, should its URL ever leak."""
    request = rf.get(article.url)
    request.is_preview = True

    metadata = seo.head_metadata(request, page=article)

    assert metadata.noindex
    assert metadata.canonical_url == ""
