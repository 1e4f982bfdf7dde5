"""End to end: readers and moderators act through the site and its services, the task worker
(django-tasks-db's, from its queue) posts to real HTTP receivers on loopback, and each receiver
gets every event it chose once, signed, verified with the helper of docs/webhooks.md. And
posting never waits on an endpoint: a black hole gets nothing until the worker runs."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from byline.discussion.identity import Reader
from byline.discussion.models import Comment
from byline.discussion.moderation import actions
from byline.discussion.notify import links, subscriptions
from byline.discussion.tests.factories import trap_fields
from byline.webhooks import events
from byline.webhooks.models import WebhookDelivery
from byline.webhooks.tests.receiving import serve

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The production queue: the request only queues a run, the worker makes it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.clear()
    yield
    cache.clear()


def post_as_guest(client: Client, article, body: str, token: str = "maya") -> Comment:
    response = client.post(
        f"/comments/on/{article.pk}/post/",
        {"name": "Maya Reader", "email": f"{token}@example.org", "body": body, **trap_fields()},
    )
    assert response.status_code == 302
    return Comment.objects.get(body=body)


def work() -> None:
    """What ``manage.py run_worker`` does, until the queue has nothing due."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_every_event_reaches_its_receivers_once_signed(
    article, receiver, endpoint_for, moderator, settings, verify
):
    settings.DISCUSSION_REPORT_THRESHOLD = 2
    everything = endpoint_for(receiver.url, name="Everything")
    published_only, stop_second = serve()
    disabled, stop_third = serve()
    try:
        second = endpoint_for(published_only.url, [events.PUBLISHED], name="Published only")
        endpoint_for(disabled.url, enabled=False, name="Disabled")

        client = Client()
        first = post_as_guest(client, article, "The first word.")
        for n in range(2):
            actions.report_comment(
                comment_id=first.pk, reader=Reader(guest_token=f"r{n}"), reason="abuse",
                ip_address=f"198.51.{n}.7",
            )  # fmt: skip
        actions.decide(comment_ids=[first.pk], decision="approve", moderator=moderator)
        settings.DISCUSSION_PREMODERATE_ALL = True
        held = post_as_guest(client, article, "Hold me.", token="other")
        actions.decide(comment_ids=[held.pk], decision="reject", moderator=moderator)
        waiting = subscriptions.subscribe(page=article, kind="article", email="fan@example.org")
        subscriptions.confirm(token=links.confirm_token(waiting))
        assert receiver.requests == []  # nothing was posted from a request or a service

        work()
        work()

        got = [json.loads(r.body) for r in receiver.requests]
        assert sorted(p["type"] for p in got) == sorted(
            [events.PUBLISHED, events.REPORTED, events.REPORTED, events.HELD, events.MODERATED,
             events.PUBLISHED, events.HELD, events.MODERATED, events.CONFIRMED]
        )  # fmt: skip
        assert len({p["id"] for p in got}) == len(got)
        for request in receiver.requests:
            assert verify(everything.secret, request.headers["Byline-Signature"], request.body)
            assert request.headers["Byline-Webhook-Id"] == json.loads(request.body)["id"]
        decisions = [p["data"]["decision"] for p in got if p["type"] == events.MODERATED]
        assert sorted(decisions) == ["approve", "reject"]
        assert [json.loads(r.body)["type"] for r in published_only.requests] == [
            events.PUBLISHED, events.PUBLISHED,
        ]  # fmt: skip
        assert all(
            verify(second.secret, r.headers["Byline-Signature"], r.body)
            and not verify(everything.secret, r.headers["Byline-Signature"], r.body)
            for r in published_only.requests
        )
        assert disabled.requests == []
        assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"sent"}
    finally:
        stop_second()
        stop_third()


def test_a_dead_endpoint_neither_slows_nor_fails_posting(article, black_hole, endpoint_for):
    from django_tasks_db.models import DBTaskResult

    port = black_hole.getsockname()[1]
    endpoint_for(f"http://127.0.0.1:{port}/hook")

    comment = post_as_guest(Client(), article, "Posted while the endpoint is dead.")

    assert comment.status == "published"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 0
    assert DBTaskResult.objects.filter(task_path="byline.webhooks.tasks.send_webhooks").exists()
    with pytest.raises(BlockingIOError):
        black_hole.accept()  # the request never even connected
    # The worker does connect (so the check above could fail), and records the silence.
    from django.test import override_settings

    with override_settings(WEBHOOKS_TIMEOUT_SECONDS=1):
        work()
    connection, _ = black_hole.accept()
    connection.close()
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert "No answer" in delivery.last_error
