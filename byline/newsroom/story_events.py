"""When to send ``article_joined_story`` and ``story_status_changed`` (``newsroom/signals.py``).

Both follow Wagtail's publication: before a story is saved, the status of the version stored
(the live one, for a live page: drafts of a live page are revisions and leave its row and its
timeline rows alone) is noted on the instance; when ``page_published`` follows, the new status
is compared with it. An article's arrival in a story is remembered by a ``StoryArrival`` row,
so two publications can never both announce it.

The signals are sent inside the publishing transaction, in a savepoint with the arrival, so
what the receivers record (the followers' event) commits with the publication or not at all: a
transaction rolled back announces nothing, and a receiver that fails takes the arrival back
with it (the next publication announces it) and is logged, without stopping the publication.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from wagtail.models import Page

from byline.newsroom.models import ArticlePage, StoryArrival, StoryPage, StoryStatusEntry
from byline.newsroom.signals import article_joined_story, story_status_changed


def stored_entries(story_id: int) -> list[StoryStatusEntry]:
    """The story's timeline as stored, oldest first."""
    return sorted(StoryStatusEntry.objects.filter(story_id=story_id), key=StoryStatusEntry.sort_key)


def remember_live_status(
    sender: type[StoryPage], instance: StoryPage, raw: bool = False, **kwargs: object
) -> None:
    """Before a story is saved, note the status readers see now (None unless it is live)."""
    if raw or instance.pk is None:
        return
    was_live = StoryPage.objects.filter(pk=instance.pk, live=True).exists()
    entries = stored_entries(instance.pk) if was_live else []
    instance._live_status_before_save = entries[-1].status if entries else None


def story_published(sender: type[StoryPage], instance: StoryPage, **kwargs: object) -> None:
    previous = getattr(instance, "_live_status_before_save", None)
    instance._live_status_before_save = None
    # A story behind a view restriction has no followers to tell (they could not read it).
    if previous is None or not readable(instance.pk):
        return
    entries = stored_entries(instance.pk)
    if not entries or entries[-1].status == previous:
        return
    with announcing("story_status_changed"):
        story_status_changed.send(
            sender=StoryPage, story=instance, entry=entries[-1], previous_status=previous
        )


def readable(page_id: int) -> bool:
    """Live and open to every reader: neither scheduled for later nor behind a restriction."""
    return Page.objects.live().public().filter(pk=page_id).exists()


def article_published(sender: type[ArticlePage], instance: ArticlePage, **kwargs: object) -> None:
    # Wagtail sends ``page_published`` for a revision scheduled for later too (the page saved
    # not live): such an article joins its story when it goes live, and a private one never
    # reaches the story's followers, so neither is remembered as arrived.
    if instance.story_id is None or not instance.live or not readable(instance.pk):
        return
    story = StoryPage.objects.live().public().filter(pk=instance.story_id).first()
    # One savepoint: the arrival and what the receivers record are written together or not at
    # all (a failed receiver leaves no arrival, so the next publication announces it).
    with announcing("article_joined_story"):
        _arrival, arrived = StoryArrival.objects.get_or_create(
            story_id=instance.story_id, article_id=instance.pk
        )
        if arrived and story is not None:
            article_joined_story.send(sender=StoryPage, story=story, article=instance)


logger = logging.getLogger(__name__)


@contextmanager
def announcing(name: str) -> Iterator[None]:
    """A savepoint of the publishing transaction for a signal and what it leads to: what the
    receivers write commits with the publication; one that fails undoes the savepoint, and is
    logged, and the publication goes on."""
    try:
        with transaction.atomic():
            yield
    except Exception:
        logger.exception("Announcing %s failed; nothing of it was recorded", name)
