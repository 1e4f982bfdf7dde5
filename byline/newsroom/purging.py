"""Purge cached pages when the newsroom changes: exactly the paths an article appears on.

An article's publication, edit, withdrawal, restriction, move or deletion purges the paths it
shows up on (with what other apps render from it, through ``byline_paths_showing``),
before and after the change (a topic removed in an edit loses the article from its listing).
A story's publication or withdrawal purges its page, its articles' pages and feeds (its status
is in each article's story box and description). A change to any other page (a section, home)
alters the navigation of every page, and the site's settings or an author's, topic's or person's name may show on any page, so those purge
everything.
"""

from __future__ import annotations

from wagtail.models import Page

from byline.newsroom.appearances import page_paths, paths_showing, site_path
from byline.newsroom.models import ArticlePage, StoryPage
from byline.pagecache.purge import purge_everything, purge_paths

# Pages whose changes purge exactly where they appear, rather than everything.
TARGETED = (ArticlePage, StoryPage)


def remember_appearances(sender, instance: Page, raw: bool = False, **kwargs) -> None:
    """Before a live article or story is saved, note where its stored version appears."""
    if raw or instance.pk is None:
        return
    stored = type(instance).objects.filter(pk=instance.pk, live=True).first()
    instance._paths_before_save = paths_showing(stored) if stored else []


def page_changed(sender, instance: Page, **kwargs) -> None:
    """Published, unpublished or about to be deleted."""
    # A page no site routes to (another site's page kept for its discussion, their index) shows
    # on no cached page of Byline: it says so with ``purges_byline_pages = False``.
    if not getattr(instance.specific, "purges_byline_pages", True):
        return
    if not isinstance(instance.specific, TARGETED):
        purge_everything()
        purge_paths(page_paths(instance))
        return
    before = getattr(instance, "_paths_before_save", [])
    purge_paths([*before, *paths_showing(instance)])


def page_deleted(sender, instance, **kwargs) -> None:
    # The base Page row of a deleted article comes too; the article itself is enough.
    if isinstance(instance, Page) and type(instance) is not Page and instance.live:
        page_changed(sender, instance)


def restriction_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A page restricted to some readers, or opened again: it and every live page below it
    change for the readers the cache serves (an article restricted is no longer theirs)."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    for below in page.get_descendants(inclusive=True).live().specific():
        page_changed(sender, below)


def page_moved(sender, instance: Page, url_path_before: str, parent_page_before, **kwargs) -> None:
    old = site_path(url_path_before)
    purge_paths([*([old] if old else []), *paths_showing(parent_page_before)])
    if instance.live:
        page_changed(sender, instance)


def subject_changed(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """An author, topic or person edited: their name is on every article of theirs, in
    listings and feeds, and may be in any page's rails, so everything is purged."""
    if not raw and not created:
        purge_everything()


def settings_changed(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # Settings are created with their defaults the first time a page reads them, which
    # changes nothing a reader sees.
    if not raw and not created:
        purge_everything()
