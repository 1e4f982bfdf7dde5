"""What a page tells search engines and link previews: title, description, canonical URL, Open
Graph, Twitter card, feeds and JSON-LD.

A page declares what its <head> is about in one context variable, ``seo`` (a ``SeoContext``, or
a dict of its fields from apps below discovery); ``theme/base.html`` hands exactly that to
``{% seo_head seo %}``, which reads nothing else from the template context but the request.

``head_metadata`` gathers the facts of one page or listing into a ``HeadMetadata``; the builders
below it are pure functions of plain values, so each rule can be tested without a database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Page

from byline.discovery.feeds import comments_feed_paths, feed_paths, takes_comments
from byline.newsroom.models import (
    ArticlePage,
    Author,
    HomePage,
    Person,
    PublicationSettings,
    SectionPage,
    StoryPage,
    Topic,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from byline.newsroom.models import BylineImage

logger = logging.getLogger(__name__)

DESCRIPTION_LENGTH = 300
# Link previews crop to 1.91:1; Google's article guidelines ask for 16:9, 4:3 and 1:1 versions
# at least 1200 px wide (the source permitting: renditions never upscale).
PREVIEW_IMAGE_SPEC = "fill-1200x630"
ARTICLE_IMAGE_SPECS = ("fill-1200x675", "fill-1200x900", "fill-1200x1200")
LOGO_SPEC = "max-600x600"
PORTRAIT_SPEC = "fill-600x600"
ROBOTS_INDEX = "index, follow, max-image-preview:large"
ROBOTS_NOINDEX = "noindex, follow"

# json_script's escapes: no string in the data can close the <script> element or open a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class SeoContext:
    """What a page declares for its <head>: the context variable ``seo`` of every page.

    Newsroom, accounts and discussion sit below discovery and may not import this class: they
    pass a dict with these keys, and a key that is not one of them is an error, so a typo fails
    loudly instead of being ignored. A page that declares nothing is an unnamed page of the site.
    """

    page: Page | None = None  # the Wagtail page shown, which describes itself
    subject: Author | Topic | Person | None = None  # what a listing that is no page is about
    title: str = ""  # overrides the page's own title
    description: str = ""  # overrides the page's own description
    noindex: bool = False  # keep the page out of search engines
    page_number: int = 1  # which page of a paginated listing this is

    @classmethod
    def of(cls, declared: SeoContext | Mapping | None) -> SeoContext:
        """The context a page declared; a template without ``seo`` gets the empty one."""
        if declared is None or declared == "":
            return cls()
        if isinstance(declared, cls):
            return declared
        if isinstance(declared, Mapping):
            return cls(**declared)
        raise TypeError(f"seo is a SeoContext or a dict of its fields, not {type(declared)!r}")


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int
    alt: str = ""


@dataclass(frozen=True)
class FeedLink:
    title: str
    href: str
    mime_type: str


@dataclass(frozen=True)
class ArticleFacts:
    """The ``article:*`` Open Graph properties."""

    published_time: str
    modified_time: str
    author_urls: tuple[str, ...]
    section: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class HeadMetadata:
    """Everything ``discovery/seo_head.html`` prints."""

    title: str
    og_title: str
    description: str
    url: str
    canonical_url: str
    site_name: str
    locale: str
    og_type: str = "website"
    noindex: bool = False
    image: Image | None = None
    twitter_site: str = ""
    article: ArticleFacts | None = None
    feeds: tuple[FeedLink, ...] = ()
    json_ld: tuple[SafeString, ...] = ()

    @property
    def robots(self) -> str:
        return ROBOTS_NOINDEX if self.noindex else ROBOTS_INDEX

    @property
    def twitter_card(self) -> str:
        # Only an article's 1200x630 preview makes a good large card; logos and portraits don't.
        return "summary_large_image" if self.image and self.og_type == "article" else "summary"


# Pure builders ---------------------------------------------------------------------------------


def document_title(title: str, site_name: str, page_number: int = 1) -> str:
    """The <title>: "Headline | Site", the site name alone on the home page."""
    if page_number > 1:
        title = f"{title or site_name} (page {page_number})"
    if not title or title == site_name:
        return site_name
    return f"{title} | {site_name}" if site_name else title


def clean_description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """One line of text, cut at a word boundary near ``limit`` characters.

    The sources (standfirst, intro, bio) are plain text: markup in them is text to escape, not
    tags to strip.
    """
    return Truncator(" ".join((text or "").split())).chars(limit)


def canonical_path(path: str, page_number: int = 1) -> str:
    """``path`` without its query string, plus ``?page=n`` past the first page of a listing."""
    path = path.split("?", 1)[0]
    return f"{path}?page={page_number}" if page_number > 1 else path


def og_locale(language_code: str) -> str:
    """Open Graph spells "en-gb" as "en_GB"."""
    language, _, region = language_code.partition("-")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def twitter_username(handle: str) -> str:
    """The handle without "@", or "" when it is not a valid X/Twitter username."""
    handle = (handle or "").strip().lstrip("@")
    valid = 0 < len(handle) <= 15 and all(c.isascii() and (c.isalnum() or c == "_") for c in handle)
    return handle if valid else ""


def json_ld_script(data: dict) -> SafeString:
    """Serialise ``data`` for a <script type="application/ld+json"> element, safely."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))


def image_object(image: Image) -> dict:
    return {"@type": "ImageObject", "url": image.url, "width": image.width, "height": image.height}


def organization_json_ld(*, name: str, url: str, logo: Image | None) -> dict:
    organization = {"@type": "Organization", "name": name, "url": url}
    if logo:
        organization["logo"] = image_object(logo)
    return organization


def news_article_json_ld(
    *,
    url: str,
    headline: str,
    description: str,
    images: Sequence[Image],
    published: str,
    modified: str,
    authors: Sequence[tuple[str, str]],
    section: str,
    keywords: Sequence[str],
    publisher: dict,
    language: str,
) -> dict:
    """schema.org NewsArticle with every author as a Person, as Google's article guide asks."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": headline,
        "description": description,
        "datePublished": published,
        "dateModified": modified,
        "author": [{"@type": "Person", "name": name, "url": link} for name, link in authors],
        "publisher": publisher,
        "inLanguage": language,
        "isAccessibleForFree": True,
    }
    if images:
        data["image"] = [image_object(image) for image in images]
    if section:
        data["articleSection"] = section
    if keywords:
        data["keywords"] = list(keywords)
    return data


def story_series_json_ld(*, url: str, name: str, status: str, description: str = "") -> dict:
    """A developing story as schema.org CreativeWorkSeries; its status (Rumoured, Confirmed...)
    is the series' ``creativeWorkStatus``, which schema.org defines for any CreativeWork as "the
    status of a creative work in terms of its stage in a lifecycle"."""
    series = {
        "@type": "CreativeWorkSeries",
        "@id": url,
        "url": url,
        "name": name,
        "creativeWorkStatus": status,
    }
    if description:
        series["description"] = description
    return series


def with_status(status: str, description: str) -> str:
    """ "Rumoured: ...": an article's description leads with its story's status."""
    return clean_description(f"{status}: {description}")


def website_json_ld(*, name: str, url: str, search_url: str, publisher: dict) -> dict:
    """schema.org WebSite with a SearchAction, so search engines can offer a site search box."""
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": name,
        "url": url,
        "publisher": publisher,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term}}"},
            "query-input": "required name=search_term",
        },
    }


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""


# Facts gathered from models ---------------------------------------------------------------------


@dataclass
class Facts:
    """What one kind of page contributes; ``head_metadata`` adds what every page shares."""

    title: str
    description: str = ""
    path: str = ""
    og_type: str = "website"
    image: Image | None = None
    article: ArticleFacts | None = None
    feed_subject: tuple[str, str, str] | None = None  # (kind, slug, label)
    comments_feed: ArticlePage | None = None  # an article with a discussion
    json_ld: list[dict] = field(default_factory=list)


class SiteFacts:
    """The request-bound context every fact needs: absolute URLs, the publication, the site."""

    def __init__(self, request: HttpRequest, site_name: str) -> None:
        self.request = request
        self.name = site_name or settings.WAGTAIL_SITE_NAME
        try:
            self.publication = PublicationSettings.for_request(request)
        except PublicationSettings.DoesNotExist:  # no Wagtail site at all
            self.publication = None

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url)

    def images(self, image: BylineImage | None, *specs: str) -> list[Image]:
        """Renditions of ``image``; none when its file is missing, so the page still renders."""
        if image is None:
            return []
        try:
            renditions = image.get_renditions(*specs)
        except OSError:
            logger.warning("Image %s has no readable file; no preview image.", image.pk)
            return []
        alt = image.caption or image.title
        return [Image(self.absolute(r.url), r.width, r.height, alt) for r in renditions.values()]

    def image(self, image: BylineImage | None, spec: str = PREVIEW_IMAGE_SPEC) -> Image | None:
        found = self.images(image, spec)
        return found[0] if found else None

    def publisher(self) -> dict:
        logo = self.image(self.publication.logo, LOGO_SPEC) if self.publication else None
        return organization_json_ld(name=self.name, url=self.absolute("/"), logo=logo)

    def default_description(self) -> str:
        publication = self.publication
        return (publication.description or publication.tagline) if publication else ""


def article_facts(site: SiteFacts, article: ArticlePage, path: str) -> Facts:
    # dateModified follows the "Updated" time readers see, as Google asks dates to match.
    published, modified = article.published_at, article.updated_at or article.published_at
    authors = [
        (author.name, site.absolute(author.get_absolute_url())) for author in article.byline_authors
    ]
    section = article.section.title if article.section else ""
    tags = [person.name for person in article.people.all()]
    tags += [topic.name for topic in article.topics.all()]
    description = clean_description(article.search_description or article.standfirst)
    headline = article.seo_title or article.title
    json_ld = news_article_json_ld(
        url=site.absolute(path),
        headline=headline,
        description=description,
        images=site.images(article.hero_image, *ARTICLE_IMAGE_SPECS),
        published=iso(published),
        modified=iso(modified),
        authors=authors,
        section=section,
        keywords=tags,
        publisher=site.publisher(),
        language=settings.LANGUAGE_CODE,
    )
    part = article.story_part
    if part is not None:
        # The article is one part of the series its story is, at its place in the series.
        story = part.story
        json_ld["isPartOf"] = story_series_json_ld(
            url=site.absolute(story.get_url(site.request) or "/"),
            name=story.title,
            status=story.status_label,
        )
        json_ld["position"] = part.number
        description = with_status(story.status_label, description)
    return Facts(
        title=headline,
        description=description,
        path=path,
        og_type="article",
        image=site.image(article.hero_image),
        article=ArticleFacts(
            published_time=iso(published),
            modified_time=iso(modified),
            author_urls=tuple(link for _name, link in authors),
            section=section,
            tags=tuple(tags),
        ),
        comments_feed=article if takes_comments(article) else None,
        json_ld=[json_ld],
    )


def home_facts(site: SiteFacts, home: HomePage, path: str) -> Facts:
    home_url = site.absolute(path)
    website = website_json_ld(
        name=site.name,
        url=home_url,
        search_url=site.absolute(reverse("discovery:search")),
        publisher=site.publisher(),
    )
    publication = site.publication
    return Facts(
        title=home.seo_title or site.name,
        description=home.search_description or site.default_description() or home.strapline,
        path=path,
        image=site.image(publication.logo, LOGO_SPEC) if publication else None,
        json_ld=[website],
    )


def section_facts(site: SiteFacts, section: SectionPage, path: str) -> Facts:
    return Facts(
        title=section.seo_title or section.title,
        description=section.search_description or section.intro,
        path=path,
        feed_subject=("section", section.slug, section.title),
    )


def subject_facts(site: SiteFacts, subject: Author | Topic | Person) -> Facts:
    if isinstance(subject, Author):
        role = f", {subject.role}" if subject.role else ""
        return Facts(
            title=subject.name,
            description=subject.bio or f"Stories by {subject.name}{role}.",
            image=site.image(subject.photo, PORTRAIT_SPEC),
            feed_subject=("author", subject.slug, subject.name),
        )
    kind = "topic" if isinstance(subject, Topic) else "person"
    return Facts(
        title=subject.name,
        description=subject.description or f"Stories about {subject.name}.",
        feed_subject=(kind, subject.slug, subject.name),
    )


def story_facts(site: SiteFacts, story: StoryPage, path: str) -> Facts:
    description = with_status(story.status_label, story.search_description or story.summary)
    series = story_series_json_ld(
        url=site.absolute(path),
        name=story.seo_title or story.title,
        status=story.status_label,
        description=clean_description(story.summary),
    )
    series["@context"] = "https://schema.org"
    series["hasPart"] = [
        {"@type": "NewsArticle", "url": site.absolute(article.url), "headline": article.title}
        for article in story.published_articles().defer_streamfields()
    ]
    return Facts(
        title=story.seo_title or story.title,
        description=description,
        path=path,
        feed_subject=("story", story.slug, story.title),
        json_ld=[series],
    )


def page_facts(site: SiteFacts, page: Page) -> Facts:
    path = page.get_url(site.request) or site.request.path
    if isinstance(page, ArticlePage):
        return article_facts(site, page, path)
    if isinstance(page, HomePage):
        return home_facts(site, page, path)
    if isinstance(page, SectionPage):
        return section_facts(site, page, path)
    if isinstance(page, StoryPage):
        return story_facts(site, page, path)
    return Facts(title=page.seo_title or page.title, description=page.search_description, path=path)


def feed_links(
    site: SiteFacts, subject: tuple[str, str, str] | None, article: ArticlePage | None = None
) -> tuple[FeedLink, ...]:
    """The site's feeds on every page, the subject's own on a section, tag or author page, and
    an article's comments feed on the article."""
    rss, atom = feed_paths("site")
    name = site.name
    links = [
        FeedLink(f"{name} (RSS)", site.absolute(rss), "application/rss+xml"),
        FeedLink(f"{name} (Atom)", site.absolute(atom), "application/atom+xml"),
    ]
    if subject:
        kind, slug, label = subject
        rss, atom = feed_paths(kind, slug)
        links += [
            FeedLink(f"{label}: {name} (RSS)", site.absolute(rss), "application/rss+xml"),
            FeedLink(f"{label}: {name} (Atom)", site.absolute(atom), "application/atom+xml"),
        ]
    if article is not None:
        rss, atom = comments_feed_paths(article.pk)
        label = f"Comments on “{article.title}”"
        links += [
            FeedLink(f"{label} (RSS)", site.absolute(rss), "application/rss+xml"),
            FeedLink(f"{label} (Atom)", site.absolute(atom), "application/atom+xml"),
        ]
    return tuple(links)


def head_metadata(
    request: HttpRequest,
    *,
    site_name: str = "",
    page: Page | None = None,
    subject: object = None,
    title: str = "",
    description: str = "",
    noindex: bool = False,
    page_number: int = 1,
) -> HeadMetadata:
    """Describe the page being rendered; ``title`` and ``description`` override the page's own."""
    site = SiteFacts(request, site_name)
    if isinstance(page, Page):
        facts = page_facts(site, page)
    elif isinstance(subject, Author | Topic | Person):
        facts = subject_facts(site, subject)
    else:
        facts = Facts(title="")
    facts.path = facts.path or request.path
    # A draft preview or a search result page is no page for a search engine to keep.
    noindex = noindex or getattr(request, "is_preview", False)
    url = site.absolute(canonical_path(facts.path, page_number))
    own_title = title or facts.title
    return HeadMetadata(
        title=document_title(own_title, site.name, page_number),
        og_title=own_title or site.name,
        description=clean_description(
            description or facts.description or site.default_description()
        ),
        url=url if not noindex else request.build_absolute_uri(),
        # A canonical link on a noindex page would contradict it.
        canonical_url="" if noindex else url,
        site_name=site.name,
        locale=og_locale(settings.LANGUAGE_CODE),
        og_type=facts.og_type,
        noindex=noindex,
        image=facts.image,
        twitter_site=twitter_username(site.publication.twitter_handle if site.publication else ""),
        article=facts.article,
        feeds=feed_links(site, facts.feed_subject, facts.comments_feed),
        json_ld=tuple(json_ld_script(data) for data in facts.json_ld),
    )
