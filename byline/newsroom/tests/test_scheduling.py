"""Scheduled publishing fires from the task worker, with no cron job."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from byline.newsroom.models import ArticlePage
from byline.newsroom.tests.factories import ArticlePageFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PUBLISHER_TASK = "byline.newsroom.tasks.publish_due_pages"


def schedule(article: ArticlePage, *, go_live_at: dt.datetime) -> None:
    """Do what an editor's "Publish" does for a page with a go-live time in the future."""
    article.go_live_at = go_live_at
    article.save_revision().publish()


def run_worker_once() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_publishes_a_scheduled_article_once_its_time_comes(settings):
    """Scheduling queues a deferred task; the worker leaves the page alone until its time, then publishes it."""
    settings.TASKS = DATABASE_QUEUE
    article = ArticlePageFactory(live=False, first_published_at=None)
    # An hour ahead, so the first run is early however slow the machine; time-machine then
    # brings the clock to it.
    go_live_at = timezone.now() + dt.timedelta(hours=1)

    schedule(article, go_live_at=go_live_at)

    task = DBTaskResult.objects.get(task_path=PUBLISHER_TASK)
    assert abs(task.run_after - go_live_at) < dt.timedelta(seconds=1)
    run_worker_once()
    assert not ArticlePage.objects.get(pk=article.pk).live

    with time_machine.travel(go_live_at + dt.timedelta(seconds=0.2)):
        run_worker_once()

    article.refresh_from_db()
    assert article.live
    assert article.first_published_at >= go_live_at


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_unpublishes_an_article_when_it_expires(settings):
    """A live page with an expiry time is taken down by the worker at that time."""
    settings.TASKS = DATABASE_QUEUE
    article = ArticlePageFactory()
    article.expire_at = timezone.now() + dt.timedelta(seconds=1)
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).live

    with time_machine.travel(article.expire_at + dt.timedelta(seconds=0.3)):
        run_worker_once()

    article.refresh_from_db()
    assert not article.live
    assert article.expired


@pytest.mark.django_db
def test_scheduling_with_a_backend_that_cannot_defer_queues_nothing(
    django_capture_on_commit_callbacks,
):
    """The immediate backend of the tests cannot wait, so nothing is published early."""
    article = ArticlePageFactory(live=False, first_published_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        schedule(article, go_live_at=timezone.now() + dt.timedelta(hours=1))

    article.refresh_from_db()
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).count() == 1
