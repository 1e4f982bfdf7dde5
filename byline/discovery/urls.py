from __future__ import annotations

from django.urls import path, re_path

from byline.discovery import views
from byline.discovery.feeds import (
    ArticleAtomFeed,
    ArticleRssFeed,
    CommentsAtomFeed,
    CommentsRssFeed,
    feed_url_names,
)

app_name = "discovery"
PAGE_ID = "(?P<page_id>[1-9][0-9]{0,8})"


def feed_patterns(kind: str, prefix: str) -> list:
    """An RSS and an Atom URL for one kind of feed, e.g. /feeds/topic/<slug>/rss/."""
    rss_name, atom_name = (name.removeprefix("discovery:") for name in feed_url_names(kind))
    return [
        path(f"{prefix}rss/", ArticleRssFeed(kind), name=rss_name),
        path(f"{prefix}atom/", ArticleAtomFeed(kind), name=atom_name),
    ]


urlpatterns = [
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    # Before the generic section pattern, which would also match "news" with the wrong template.
    path("sitemap-news.xml", views.news_sitemap, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    *feed_patterns("site", "feeds/"),
    *feed_patterns("section", "feeds/section/<slug:slug>/"),
    *feed_patterns("topic", "feeds/topic/<slug:slug>/"),
    *feed_patterns("person", "feeds/person/<slug:slug>/"),
    *feed_patterns("author", "feeds/author/<slug:slug>/"),
    *feed_patterns("story", "feeds/story/<slug:slug>/"),
    # By the article's id, which outlives slug changes and moves; no longer than an id can be.
    re_path(rf"^feeds/comments/{PAGE_ID}/rss/$", CommentsRssFeed(), name="comments_feed_rss"),
    re_path(rf"^feeds/comments/{PAGE_ID}/atom/$", CommentsAtomFeed(), name="comments_feed_atom"),
]
