"""When to send ``article_joined_story`` and ``story_status_changed`` (``newsroom/signals.py``).

Both follow Wagtail's publication: before a story is saved, the status of the version stored
(the live one, for a live page: drafts of a live page are revisions and leave its row and its
timeline rows alone) is noted on the instance; when ``page_published`` follows, the new status
is compared with it. An article's arrival in a story is remembered by a ``StoryArrival`` row,
written in the publishing transaction, so two publications can never both announce it. The
signals themselves are sent on commit: a transaction rolled back announces nothing.
"""

from __future__ import annotations

from functools import partial

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
    transaction.on_commit(
        partial(
            story_status_changed.send,
            sender=StoryPage,
            story=instance,
            entry=entries[-1],
            previous_status=previous,
        )
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
    _arrival, arrived = StoryArrival.objects.get_or_create(
        story_id=instance.story_id, article_id=instance.pk
    )
    story = StoryPage.objects.live().public().filter(pk=instance.story_id).first()
    if arrived and story is not None:
        transaction.on_commit(
            partial(article_joined_story.send, sender=StoryPage, story=story, article=instance)
        )
