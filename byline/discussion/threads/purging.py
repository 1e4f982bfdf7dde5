"""Purge the cached pages a change to a thread alters.

A comment that appears, changes or goes changes the article page (all of its sorts and pages,
which share its path) and the thread's fragments. When the number of comments changes, the
listings that show it change too: the article's section and home (the "most discussed" rail),
and its topic, person and author listings. Its comments feed changes with any of these. A vote changes a score on the article only. The comment's own fragment (what the live
script fetches, ``comment_path``) goes with any change to it, and with every change that alters
how it is drawn without touching it: its author's name or picture, its author erased or deleted,
its quoted passage re-anchored, its article withdrawn or restricted (``article_paths``).

The paths are worked out once the transaction commits, so that one that rolls back (a refused
post, a test) costs no queries for them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page

from byline.discussion.models import Comment, Thread
from byline.newsroom.appearances import listing_paths, page_paths, site_path
from byline.newsroom.models import ArticlePage
from byline.pagecache.purge import purge_paths


def thread_paths(thread: Thread) -> set[str]:
    """The thread's fragments, and what other apps render from the thread (its comments feed,
    through the ``byline_paths_showing_thread`` hook, which takes the page's id)."""
    paths = {reverse("discussion:thread", args=[thread.page_id])}
    for hook in hooks.get_hooks("byline_paths_showing_thread"):
        paths.update(hook(thread.page_id))
    return paths


def comment_path(comment_id: int) -> str:
    """The comment alone, as the live script fetches it when it arrives or changes."""
    return reverse("discussion:comment", args=[comment_id])


def purge_comments(comment_ids: Iterable[int]) -> None:
    """After commit, purge these comments' own fragments (their drawing changed)."""
    purge_paths(comment_path(comment_id) for comment_id in comment_ids)


def article_paths(page: Page) -> set[str]:
    """What the discussion renders from an article that changes with it: its thread's
    fragments and, once readers may no longer reach the article (withdrawn or restricted), every
    one of its comments alone, which are refused from then on. An edit of a public article
    changes no comment, and a thread of thousands is not purged comment by comment for it."""
    thread = Thread.objects.filter(page_id=page.pk).first()
    if thread is None:
        return set()
    paths = thread_paths(thread)
    if Page.objects.live().public().filter(pk=page.pk).exists():
        return paths
    comments = Comment.objects.filter(thread=thread).values_list("pk", flat=True)
    return paths | {comment_path(comment_id) for comment_id in comments}


def purge_thread(thread: Thread, *, comment: Comment | None = None, count: bool = True) -> None:
    """After commit, purge the article of ``thread`` and, when ``count`` changed, its listings."""
    root_id = (comment.root_id or comment.pk) if comment is not None else None
    comment_id = comment.pk if comment is not None else None
    thread_id = thread.pk
    transaction.on_commit(lambda: _purge(thread_id, root_id, comment_id, count=count))


def _purge(thread_id: int, root_id: int | None, comment_id: int | None, *, count: bool) -> None:
    thread = Thread.objects.select_related("page").filter(pk=thread_id).first()
    if thread is None:
        return
    if count:
        page = thread.page.specific
        paths = page_paths(page)
        if isinstance(page, ArticlePage):
            paths |= listing_paths(page)
    else:
        # The page's own address is on every page type: no need to read its specific fields.
        paths = {site_path(thread.page.url_path)} - {None}
    paths |= thread_paths(thread)
    if root_id is not None:
        paths.add(reverse("discussion:replies", args=[root_id]))
    if comment_id is not None:
        paths.add(comment_path(comment_id))
    purge_paths(paths)


def purge_author(user_id: int) -> None:
    """After commit, purge every page that shows the person's comments (their name or picture
    changed, or they are erased or deleted): the articles, the threads' fragments, the replies
    they wrote under others, and each of their comments alone. Read now, while their comments
    still name them."""
    paths = {
        comment_path(pk)
        for pk in Comment.objects.filter(author_id=user_id).values_list("pk", flat=True)
    }
    threads = Thread.objects.filter(comments__author_id=user_id).distinct().select_related("page")
    for thread in threads:
        paths |= {site_path(thread.page.url_path)} - {None}
        paths |= thread_paths(thread)
    roots = (
        Comment.objects.filter(author_id=user_id, root__isnull=False)
        .values_list("root_id", flat=True)
        .distinct()
    )
    paths |= {reverse("discussion:replies", args=[root_id]) for root_id in roots}
    purge_paths(paths)
