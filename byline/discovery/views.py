"""Reader-facing discovery views: site search and robots.txt."""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from byline.discovery.search import parse_query, search_articles
from byline.discovery.seo import SeoContext
from byline.discovery.sitemaps import sitemaps_for
from byline.newsroom.models.pages import paginate

# Crawlers may read everything readers can, but not the admin, endless search result pages,
# sign-in forms, the discussion's form endpoints (comments are crawled on their articles) or
# the notification pages, whose links carry personal tokens.
ROBOTS_DISALLOWED = (
    "/admin/", "/django-admin/", "/search/", "/accounts/", "/comments/", "/notify/",
)  # fmt: skip


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = parse_query(request.GET.get("q", ""))
    results = paginate(request, search_articles(query)) if query.is_searchable else None
    return render(
        request,
        "discovery/search.html",
        {
            "query": query,
            "search_query": query.text,
            "results": results,
            "query_prefix": urlencode({"q": query.text}),
            "seo": SeoContext(
                title=f"Search: {query.text}" if query.text else "Search",
                noindex=True,
                page_number=results.number if results else 1,
            ),
        },
    )


@require_safe
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemaps = [
        request.build_absolute_uri(reverse(name))
        for name in ("discovery:sitemap_index", "discovery:sitemap_news")
    ]
    return render(
        request,
        "discovery/robots.txt",
        {"disallowed": ROBOTS_DISALLOWED, "sitemaps": sitemaps},
        content_type="text/plain; charset=utf-8",
    )


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    return sitemap_views.index(
        request, sitemaps_for(request), sitemap_url_name="discovery:sitemap_section"
    )


@require_safe
def sitemap_section(request: HttpRequest, section: str) -> HttpResponse:
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(
        request,
        sitemaps_for(request, "news"),
        section="news",
        template_name="discovery/sitemap_news.xml",
    )
