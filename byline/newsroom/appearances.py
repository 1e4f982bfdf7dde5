"""Where a page shows up: the paths a change to it alters, for purging cached copies.

An article appears on its own page, on its section and every page above it (up to home), on the
listings of its topics, people and authors, on the corrections page when it carries any, and, in
a developing story, on the story's page and in the story box of every other part. A story shows
on its own page, the stories index and home, and in the box of each of its articles.
Other apps add what they render from it (feeds, sitemaps) through the ``byline_paths_showing``
hook, and what else readers can reach through ``byline_public_paths``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, Site

from byline.newsroom.models import ArticlePage, Author, Person, StoryPage, Topic


def site_path(url_path: str) -> str | None:
    """Turn a page's ``url_path`` (``/home/news/story/``) into the path readers request."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def page_paths(page: Page) -> set[str]:
    """The page and every page above it up to its site's home page."""
    pages = page.get_ancestors(inclusive=True).filter(depth__gt=1)
    return {path for path in (site_path(p.url_path) for p in pages) if path is not None}


def listing_paths(article: ArticlePage) -> set[str]:
    """The listings that name the article: its topics, people, authors, and corrections."""
    paths = {topic.get_absolute_url() for topic in article.topics.all()}
    paths |= {person.get_absolute_url() for person in article.people.all()}
    paths |= {credit.author.get_absolute_url() for credit in article.authors.all()}
    if article.corrections.exists():
        paths.add(reverse("newsroom:corrections"))
    return paths


def story_paths(story: StoryPage) -> set[str]:
    """The story's page (and the pages above it) and the pages of its published articles."""
    paths = page_paths(story)
    for article in story.published_articles().only("url_path"):
        path = site_path(article.url_path)
        if path is not None:
            paths.add(path)
    return paths


def paths_showing(page: Page) -> list[str]:
    """Every path whose content changes when ``page`` is published, changed or withdrawn."""
    page = page.specific
    paths = page_paths(page)
    if isinstance(page, ArticlePage):
        paths |= listing_paths(page)
        if page.story is not None:
            paths |= story_paths(page.story)
    if isinstance(page, StoryPage):
        paths |= story_paths(page)
    for hook in hooks.get_hooks("byline_paths_showing"):
        paths.update(hook(page))
    return sorted(paths)


def every_public_path() -> Iterable[str]:
    """Every live page, and every author, topic and person listing."""
    for page in Page.objects.live().public().filter(depth__gt=1).only("url_path"):
        path = site_path(page.url_path)
        if path is not None:
            yield path
    for model in (Author, Topic, Person):
        for item in model.objects.all():
            yield item.get_absolute_url()
    yield reverse("newsroom:corrections")
