"""Sitemaps: live pages, author/topic/person listings, and a Google News sitemap.

Every URL is built from the request (scheme and host), like the canonical links, so the sitemaps
agree with the pages whatever hostname the Wagtail site record holds.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Site

from byline.discovery.feeds import live_articles_for, site_name_for, xml_text
from byline.newsroom.models import Author, Person, Topic

if TYPE_CHECKING:
    from wagtail.models import Page
    from wagtail.query import PageQuerySet

    from byline.newsroom.models import ArticlePage
    from byline.newsroom.models.pages import ArticlePageQuerySet

NEWS_WINDOW = dt.timedelta(days=2)
# Google News reads at most 1,000 URLs from one news sitemap; more go on the next page.
NEWS_LIMIT = 1000


class RequestSitemap(Sitemap):
    """A sitemap made for one request, whose items give paths: Django prefixes the request's
    scheme and host. (Wagtail's own sitemap class would ask each page for an absolute URL built
    from the Site record instead.)"""

    def __init__(self, request: HttpRequest):
        self.request = request

    def location(self, item: Author | Topic | Person) -> str:
        return item.get_absolute_url()

    def wagtail_site(self) -> Site:
        return Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)


class PagesSitemap(RequestSitemap):
    """Every live, public page of the site, with the time it was last published."""

    def items(self) -> PageQuerySet:
        # Not .specific(): a URL and a publication time are all a sitemap needs.
        site = self.wagtail_site()
        return site.root_page.get_descendants(inclusive=True).live().public().order_by("path")

    def location(self, page: Page) -> str:
        return page.get_url(self.request)

    def lastmod(self, page: Page) -> dt.datetime | None:
        # Pages made live without a publish action (imports, fixtures) have no last time.
        return page.last_published_at or page.first_published_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        # One aggregate, where Django's default would load every page to compare them.
        latest = Max(Coalesce("last_published_at", "first_published_at"))
        return self.items().aggregate(latest=latest)["latest"]


def newest_article_time(articles: ArticlePageQuerySet, link: str) -> Subquery:
    """The first-published time of the newest of ``articles`` linked to the outer row."""
    return Subquery(
        articles.filter(**{link: OuterRef("pk")})
        .order_by("-first_published_at")
        .values("first_published_at")[:1]
    )


class ListingsSitemap(RequestSitemap):
    """Author, topic and person pages that list at least one live article."""

    @cached_property
    def listings(self) -> list[Author | Topic | Person]:
        articles = live_articles_for(self.request)
        listings = [
            (Author, "authors__author"),
            (Topic, "tagged_topics__tag"),
            (Person, "tagged_people__tag"),
        ]
        found: list[Author | Topic | Person] = []
        for model, link in listings:
            found += (
                model.objects.annotate(newest_article_at=newest_article_time(articles, link))
                .filter(newest_article_at__isnull=False)
                .order_by("slug")
            )
        return found

    def items(self) -> list[Author | Topic | Person]:
        return self.listings

    def lastmod(self, item: Author | Topic | Person) -> dt.datetime:
        return item.newest_article_at


def news_language(language_code: str) -> str:
    """Google News wants an ISO 639 code: "en", but "zh-cn" and "zh-tw" in full."""
    code = language_code.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


class NewsSitemap(RequestSitemap):
    """Articles first published in the last two days, with the news: elements Google reads."""

    limit = NEWS_LIMIT

    def items(self) -> ArticlePageQuerySet:
        since = timezone.now() - NEWS_WINDOW
        return (
            live_articles_for(self.request)
            .published_since(since)
            .defer_streamfields()
            .order_by("-first_published_at", "-pk")
        )

    def location(self, article: ArticlePage) -> str:
        return article.get_url(self.request)

    def lastmod(self, article: ArticlePage) -> dt.datetime:
        return article.updated_at or article.first_published_at

    def get_urls(self, page: int = 1, site=None, protocol: str | None = None) -> list[dict]:
        publication = {
            "name": xml_text(site_name_for(self.request)),
            "language": news_language(settings.LANGUAGE_CODE),
        }
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            article = url["item"]
            url["news"] = {
                "publication": publication,
                "publication_date": article.first_published_at.isoformat(),
                "title": xml_text(article.title),
            }
        return urls


SITEMAPS: dict[str, type[RequestSitemap]] = {
    "pages": PagesSitemap,
    "listings": ListingsSitemap,
    "news": NewsSitemap,
}


def sitemaps_for(request: HttpRequest, *names: str) -> dict[str, RequestSitemap]:
    """The named sitemaps (all of them if none is named), made for ``request``."""
    return {name: SITEMAPS[name](request) for name in names or SITEMAPS}
