"""A worker killed in the middle of a fan-out to 1,000 subscribers, then restarted: every
subscriber ends up with exactly one email.

The real thing: ``manage.py db_worker`` (django-tasks-db) in a process of its own, a real SMTP
server on loopback, SIGKILL while the batch is on the wire, and a second worker that takes over
once the first one's hold has run out. On SQLite the worker works on a file copy of the test
database (the test database lives in memory); on PostgreSQL, on the test database itself.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from byline.discussion.models import Delivery, NotificationEvent, Subscriber, Subscription, Thread
from byline.discussion.tests.factories import post
from byline.discussion.tests.smtp_sink import Sink, smtp_sink
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SUBSCRIBERS = 1000
ROOT = Path(django_settings.BASE_DIR)


def add_subscribers(page, count: int) -> None:
    thread = Thread.objects.for_page(page)
    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(address=f"reader{n:04}@example.org", confirmed_at="2026-01-01T00:00Z")
            for n in range(count)
        ]
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=s, kind="article", thread=thread, confirmed_at=s.confirmed_at)
            for s in subscribers
        ]
    )


def worker_database(directory: Path) -> str:
    """A URL the worker process can open that holds everything the test wrote."""
    if connection.vendor == "sqlite":
        path = directory / "worker.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(database_url: str, sink: Sink, directory: Path) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "byline.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": django_settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "BYLINE_DATA_DIR": str(directory),
        "NOTIFICATIONS_LEASE_SECONDS": "3",
        "NOTIFICATIONS_RUN_SECONDS": "5",
        "NOTIFICATIONS_BATCH_SIZE": "100",
        "LOG_LEVEL": "WARNING",
    }
    # The worker runs on the dev settings, whose cache is a table in its database; the test
    # database was migrated under the test settings' cache, which needs none.
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=environment, check=True
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload",
         "--interval", "0.2"],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


# Deadlines, not timings: a worker on a busy machine (the suite's other processes share its
# cores) takes longer to start and send; only a worker that never gets there fails the test.
DEADLINE = 300


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.02)


def statuses(database_url: str) -> dict[str, int]:
    if connection.vendor == "sqlite":
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            rows = db.execute(
                "SELECT status, COUNT(*) FROM discussion_delivery GROUP BY status"
            ).fetchall()
        return dict(rows)
    return {
        status: Delivery.objects.filter(status=status).count()
        for status in Delivery.Status.values
        if Delivery.objects.filter(status=status).exists()
    }


def test_a_worker_killed_mid_fan_out_loses_and_repeats_nothing(settings):
    article = ArticlePageFactory()
    add_subscribers(article, SUBSCRIBERS)
    # The post enqueues the worker's task in the database queue, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    post(article, "Breaking: the reunion tour is confirmed.", token="author")
    assert NotificationEvent.objects.count() == 1

    with tempfile.TemporaryDirectory() as folder, smtp_sink() as sink:
        directory = Path(folder)
        database_url = worker_database(directory)
        first = start_worker(database_url, sink, directory)
        try:
            wait_for(lambda: sink.count >= 300, DEADLINE, "the first worker to send 300 emails")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        at_kill = sink.count
        assert at_kill < SUBSCRIBERS, "the worker finished before it could be killed"

        second = start_worker(database_url, sink, directory)
        try:
            wait_for(
                lambda: len(sink.mailbox()) >= SUBSCRIBERS, DEADLINE, "every subscriber's email"
            )
            wait_for(
                lambda: statuses(database_url) == {"sent": SUBSCRIBERS}, 30, "every row marked sent"
            )
        finally:
            # The mailbox is read once the worker has exited, so nothing it sent is still to come.
            second.send_signal(signal.SIGTERM)
            _, errors = second.communicate(timeout=30)

    mailbox = sink.mailbox()
    print(f"killed after {at_kill} emails; {len(sink.accepted)} SMTP transactions in all")
    assert len(mailbox) == SUBSCRIBERS
    assert set(mailbox.values()) == {1}, "a subscriber received two different emails"
    # The only repeat an SMTP client cannot rule out: the one message that was on the wire when
    # the worker died, sent again with the same Message-ID (a mail store keeps it once).
    assert sink.duplicates() <= 1
    assert SUBSCRIBERS <= len(sink.accepted) <= SUBSCRIBERS + 1
    assert b"Traceback" not in errors, errors.decode()[-2000:]
