"""Reactions to Wagtail events: scheduled revisions and expiring pages reach the task queue, and
changes to pages and settings purge the cached pages they alter, and developing stories send
their signals (story_events.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from wagtail.models import PageViewRestriction, Revision, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from byline.newsroom import purging, story_events
from byline.newsroom.models import (
    ArticlePage,
    Author,
    Correction,
    Person,
    PublicationSettings,
    StoryPage,
    Topic,
)
from byline.newsroom.scheduling import run_publisher_at


def schedule_approved_revision(sender, instance: Revision, update_fields=None, **kwargs) -> None:
    if instance.approved_go_live_at is not None:
        run_publisher_at(instance.approved_go_live_at)


def schedule_expiry(sender, instance, **kwargs) -> None:
    if instance.expire_at is not None:
        run_publisher_at(instance.expire_at)


def date_corrections(sender, instance, **kwargs) -> None:
    """A correction's moment is when it first goes live (the thread places it by that)."""
    if isinstance(instance, ArticlePage) and instance.live:
        Correction.objects.filter(article_id=instance.pk, published_at__isnull=True).update(
            published_at=instance.last_published_at or timezone.now()
        )


def register() -> None:
    # First, so that the apps reacting to the same publish see the corrections' moments.
    page_published.connect(date_corrections, dispatch_uid="byline-date-corrections")
    post_save.connect(
        schedule_approved_revision, sender=Revision, dispatch_uid="byline-schedule-revision"
    )
    page_published.connect(schedule_expiry, dispatch_uid="byline-schedule-expiry")
    for model in purging.TARGETED:
        pre_save.connect(
            purging.remember_appearances,
            sender=model,
            dispatch_uid=f"byline-purge-remember-{model.__name__}",
        )
    page_published.connect(purging.page_changed, dispatch_uid="byline-purge-published")
    page_unpublished.connect(purging.page_changed, dispatch_uid="byline-purge-unpublished")
    post_page_move.connect(purging.page_moved, dispatch_uid="byline-purge-moved")
    for signal in (post_save, post_delete):
        signal.connect(
            purging.restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"byline-purge-restricted-{signal is post_save}",
        )
    pre_delete.connect(purging.page_deleted, dispatch_uid="byline-purge-deleted")
    pre_save.connect(
        story_events.remember_live_status, sender=StoryPage, dispatch_uid="byline-story-status"
    )
    page_published.connect(
        story_events.story_published, sender=StoryPage, dispatch_uid="byline-story-published"
    )
    page_published.connect(
        story_events.article_published, sender=ArticlePage, dispatch_uid="byline-story-joined"
    )
    for model in (PublicationSettings, Site):
        post_save.connect(
            purging.settings_changed, sender=model, dispatch_uid=f"byline-purge-{model.__name__}"
        )
    for model in (Author, Topic, Person):
        post_save.connect(
            purging.subject_changed, sender=model, dispatch_uid=f"byline-purge-{model.__name__}"
        )
