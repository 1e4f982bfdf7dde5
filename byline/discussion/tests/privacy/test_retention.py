"""The worker's sweep: client addresses past the retention go, archives past their link go."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from byline.discussion import tasks
from byline.discussion.models import Comment, DataExport, LiveEvent, Report, Vote
from byline.discussion.privacy import retention
from byline.discussion.tests.privacy.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(article):
    return build(article)


def age_everything(days: int) -> None:
    past = timezone.now() - dt.timedelta(days=days)
    Comment.objects.update(created_at=past)
    Report.objects.update(created_at=past)
    Vote.objects.update(created_at=past)


def test_addresses_older_than_the_retention_are_dropped_and_newer_ones_kept(world, settings):
    settings.PRIVACY_IP_RETENTION_DAYS = 90
    assert Vote.objects.exclude(network="").exists()
    age_everything(89)
    assert retention.forget_old_addresses() == {"comments": 0, "reports": 0, "votes": 0}
    age_everything(91)
    report = retention.forget_old_addresses()
    assert report["comments"] == 5 and report["reports"] == 1 and report["votes"] == 1
    assert not Comment.objects.filter(ip_address__isnull=False).exists()
    assert not Report.objects.filter(ip_address__isnull=False).exists()
    assert not Vote.objects.exclude(network="").exists()
    # Only the addresses go: the rows stay.
    assert Comment.objects.count() == 5 and Vote.objects.count() == 3


def test_the_retention_is_a_setting(world, settings):
    settings.PRIVACY_IP_RETENTION_DAYS = 10
    age_everything(11)
    assert retention.forget_old_addresses()["comments"] == 5


def test_the_sweep_task_deletes_expired_archives_with_their_files(world):
    now = timezone.now()
    old = DataExport.objects.create(
        user=world.maya, address="maya@example.org", status="ready", expires_at=now
    )
    old.archive.save("old.zip", ContentFile(b"zip"), save=True)
    fresh = DataExport.objects.create(
        user=world.maya, address="maya@example.org", expires_at=now + dt.timedelta(days=1)
    )
    path = old.archive.path
    result = tasks.forget_personal_data.enqueue()
    assert result.return_value["archives"] == 1
    assert list(DataExport.objects.all()) == [fresh]
    import os

    assert not os.path.exists(path)


def test_each_sweep_queues_the_next_one_day_on(db):
    with (
        mock.patch.object(tasks, "ensure_run") as ensure_run,
        mock.patch.object(type(tasks.forget_personal_data.get_backend()), "supports_defer", True),
    ):
        tasks.forget_personal_data.call()
    [call] = ensure_run.call_args_list
    task, at = call.args
    assert task is tasks.forget_personal_data
    assert dt.timedelta(hours=23) < at - timezone.now() <= dt.timedelta(days=1)


def test_a_sweep_that_fails_still_queues_the_next_one(db):
    with (
        mock.patch.object(tasks, "ensure_run") as ensure_run,
        mock.patch.object(type(tasks.forget_personal_data.get_backend()), "supports_defer", True),
        mock.patch.object(retention, "forget_old_addresses", side_effect=RuntimeError("db down")),
        pytest.raises(RuntimeError),
    ):
        tasks.forget_personal_data.call()
    [call] = ensure_run.call_args_list
    assert call.args[0] is tasks.forget_personal_data


def test_migrate_queues_the_first_sweep_when_the_worker_can_defer(db):
    from django.apps import apps

    from byline.discussion import signal_handlers

    with mock.patch.object(tasks, "ensure_run") as ensure_run:
        signal_handlers.start_sweeping(sender=apps.get_app_config("discussion"))
        assert not ensure_run.called  # the tests' immediate backend runs nothing later
        with mock.patch.object(
            type(tasks.forget_personal_data.get_backend()), "supports_defer", True
        ):
            signal_handlers.start_sweeping(sender=apps.get_app_config("discussion"))
    [call] = ensure_run.call_args_list
    assert call.args == (tasks.forget_personal_data, None)


def test_the_sweep_task_trims_old_live_events_without_a_live_process(world, settings):
    settings.REDIS_URL = ""
    thread_id = Comment.objects.values_list("thread_id", flat=True).first()
    for comment in (1, 2, 3):
        LiveEvent.objects.create(thread_id=thread_id, type="edit", data={"comment": comment})
    LiveEvent.objects.update(created_at=timezone.now() - dt.timedelta(days=30))

    tasks.forget_personal_data.enqueue()

    # The latest stays (the store's mark of where the kept events begin).
    assert list(LiveEvent.objects.values_list("data__comment", flat=True)) == [3]
