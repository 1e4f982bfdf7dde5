"""The feeds and sitemaps a page or its discussion appears in, for purging cached copies when it
changes."""

from __future__ import annotations

from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from byline.discovery.feeds import comments_feed_paths, feed_paths
from byline.discovery.sitemaps import SITEMAPS
from byline.newsroom.models import ArticlePage, Author, Person, SectionPage, StoryPage, Topic


def sitemap_paths() -> set[str]:
    paths = {reverse("discovery:sitemap_index"), reverse("discovery:sitemap_news")}
    paths |= {reverse("discovery:sitemap_section", args=[name]) for name in SITEMAPS}
    return paths


@hooks.register("byline_paths_showing")
def feeds_and_sitemaps_showing(page: Page) -> set[str]:
    """The site's feeds and sitemaps, and the feeds of the page's sections and subjects."""
    paths = {*feed_paths("site"), *sitemap_paths()}
    for section in SectionPage.objects.ancestor_of(page, inclusive=True):
        paths.update(feed_paths("section", section.slug))
    if isinstance(page, ArticlePage):
        paths |= {p for topic in page.topics.all() for p in feed_paths("topic", topic.slug)}
        paths |= {p for person in page.people.all() for p in feed_paths("person", person.slug)}
        paths |= {
            p for credit in page.authors.all() for p in feed_paths("author", credit.author.slug)
        }
        paths.update(comments_feed_paths(page.pk))
        if page.story is not None:
            paths.update(feed_paths("story", page.story.slug))
    if isinstance(page, StoryPage):
        paths.update(feed_paths("story", page.slug))
    return paths


@hooks.register("byline_paths_showing_thread")
def comments_feed_showing(page_id: int) -> tuple[str, str]:
    """A new, changed or moderated comment changes its article's comments feed."""
    return comments_feed_paths(page_id)


@hooks.register("byline_public_paths")
def every_feed_and_sitemap() -> set[str]:
    paths = {*feed_paths("site"), *sitemap_paths()}
    for section in SectionPage.objects.live().public():
        paths.update(feed_paths("section", section.slug))
    for kind, model in (("topic", Topic), ("person", Person), ("author", Author)):
        for slug in model.objects.values_list("slug", flat=True):
            paths.update(feed_paths(kind, slug))
    for slug in StoryPage.objects.live().public().values_list("slug", flat=True):
        paths.update(feed_paths("story", slug))
    for page_id in ArticlePage.objects.live().public().values_list("pk", flat=True):
        paths.update(comments_feed_paths(page_id))
    return paths
