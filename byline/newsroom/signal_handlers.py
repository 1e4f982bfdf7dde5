"""Reactions to Wagtail events: scheduled revisions and expiring pages reach the task queue."""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.models import Revision
from wagtail.signals import page_published

from byline.newsroom.scheduling import run_publisher_at


def schedule_approved_revision(sender, instance: Revision, update_fields=None, **kwargs) -> None:
    if instance.approved_go_live_at is not None:
        run_publisher_at(instance.approved_go_live_at)


def schedule_expiry(sender, instance, **kwargs) -> None:
    if instance.expire_at is not None:
        run_publisher_at(instance.expire_at)


def register() -> None:
    post_save.connect(
        schedule_approved_revision, sender=Revision, dispatch_uid="byline-schedule-revision"
    )
    page_published.connect(schedule_expiry, dispatch_uid="byline-schedule-expiry")
