"""The worker posts each delivery once, signed, retries with a doubling delay, gives up after
the limit, follows no redirect, times out on a silent endpoint, and a worker killed between
the answer and its mark posts the same message again, which receivers drop by its id."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from byline.webhooks import dispatch, events, services, tasks
from byline.webhooks.models import WebhookDelivery
from byline.webhooks.recording import record

pytestmark = pytest.mark.django_db


def event(kind: str = events.PUBLISHED, **data) -> list[WebhookDelivery]:
    return record(kind, lambda: {"comment": {"id": 1, **data}})


def run(at: dt.datetime | None = None) -> dispatch.RunReport:
    return tasks.run_outbox(clock=(lambda: at) if at else timezone.now)


def test_a_delivery_is_posted_once_signed_with_its_headers(receiver, endpoint_for, verify):
    endpoint = endpoint_for(receiver.url)
    (delivery,) = event()

    report = run()
    again = run()

    assert (report.sent, again.sent) == (1, 0)
    (request,) = receiver.requests
    assert request.path == "/hooks/byline?source=test"
    assert request.body == delivery.body.encode()
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Byline-Webhook-Id"] == str(delivery.event_id)
    assert request.headers["Byline-Event"] == events.PUBLISHED
    signature = request.headers["Byline-Signature"]
    assert signature.startswith(f"t={request.headers['Byline-Timestamp']},v1=")
    assert verify(endpoint.secret, signature, request.body)
    assert not verify(endpoint.secret + "x", signature, request.body)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("sent", 1, 200)
    assert delivery.sent_at is not None


def test_a_failing_endpoint_is_retried_with_a_doubling_delay_then_delivered_once(
    receiver, endpoint_for, settings
):
    settings.WEBHOOKS_RETRY_SECONDS = 30
    endpoint_for(receiver.url)
    receiver.statuses = [500, 503]
    event()
    start = timezone.now()

    run(start)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, 500)
    assert delivery.due_at == start + dt.timedelta(seconds=30)
    assert "HTTP 500: not now" in delivery.last_error

    run(start + dt.timedelta(seconds=29))  # not due yet
    assert len(receiver.requests) == 1
    run(start + dt.timedelta(seconds=30))
    delivery.refresh_from_db()
    assert delivery.due_at == start + dt.timedelta(seconds=30 + 60) and delivery.attempts == 2
    run(start + dt.timedelta(seconds=90))
    run(start + dt.timedelta(days=1))

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("sent", 3, 200)
    assert len(receiver.requests) == 3
    assert len({r.headers["Byline-Webhook-Id"] for r in receiver.requests}) == 1


def test_after_the_limit_a_delivery_fails_and_is_logged(receiver, endpoint_for, settings, caplog):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    endpoint_for(receiver.url)
    receiver.statuses = [500] * 10
    event()
    start = timezone.now()

    for hours in range(5):
        run(start + dt.timedelta(hours=hours))

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", 3)
    assert len(receiver.requests) == 3
    assert "Gave up on webhook" in caplog.text


def test_redirects_are_not_followed(receiver, endpoint_for):
    endpoint_for(receiver.url)
    receiver.statuses = [302]
    receiver.redirect_to = "http://169.254.169.254/latest/meta-data/"
    event()

    run()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and delivery.response_code == 302
    assert "redirects are not followed" in delivery.last_error
    assert len(receiver.requests) == 1


def test_a_silent_endpoint_times_out_as_a_failed_attempt(black_hole, endpoint_for, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 1
    port = black_hole.getsockname()[1]
    endpoint_for(f"http://127.0.0.1:{port}/hook")
    event()

    report = run()

    delivery = WebhookDelivery.objects.get()
    assert report.retried == 1 and delivery.status == "pending" and delivery.attempts == 1
    assert "No answer" in delivery.last_error and delivery.response_code is None


def test_a_refused_connection_is_a_failed_attempt(endpoint_for, black_hole):
    port = black_hole.getsockname()[1]
    black_hole.close()  # nothing listens there any more
    endpoint_for(f"http://127.0.0.1:{port}/hook")
    event()

    run()

    assert WebhookDelivery.objects.get().last_error.startswith("No answer")


def test_an_address_no_longer_allowed_fails_without_a_connection(receiver, endpoint_for, settings):
    endpoint_for(receiver.url)
    event()
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

    run()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "private or local network" in delivery.last_error
    assert receiver.requests == []


def test_a_disabled_endpoint_gets_nothing_not_even_what_was_waiting(receiver, endpoint_for):
    endpoint = endpoint_for(receiver.url)
    event()
    endpoint.enabled = False
    endpoint.save()

    run()

    assert receiver.requests == []
    assert WebhookDelivery.objects.get().status == "failed"


def test_an_event_not_chosen_gets_nothing(receiver, endpoint_for):
    endpoint_for(receiver.url, [events.HELD])
    event(events.PUBLISHED)

    run()

    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


class Killed(BaseException):
    """The worker process dying: nothing after it runs, not even ``except Exception``."""


def test_a_worker_killed_between_the_answer_and_the_mark_posts_the_same_message_again(
    receiver, endpoint_for, monkeypatch, settings, verify
):
    settings.NOTIFICATIONS_LEASE_SECONDS = 120
    endpoint = endpoint_for(receiver.url)
    (delivery,) = event()
    real_post = dispatch.posting.post

    def post_then_die(row, **kwargs):
        real_post(row, **kwargs)
        raise Killed

    monkeypatch.setattr(dispatch.posting, "post", post_then_die)
    start = timezone.now()
    with pytest.raises(Killed):
        run(start)
    monkeypatch.undo()

    delivery.refresh_from_db()
    assert delivery.status == "sending" and delivery.attempted_at is not None
    run(start + dt.timedelta(seconds=60))  # its hold has not run out: nobody takes it
    assert len(receiver.requests) == 1
    run(start + dt.timedelta(seconds=121))
    run(start + dt.timedelta(seconds=600))

    delivery.refresh_from_db()
    assert delivery.status == "sent" and WebhookDelivery.objects.count() == 1
    first, second = receiver.requests
    assert first.body == second.body
    assert first.headers["Byline-Webhook-Id"] == second.headers["Byline-Webhook-Id"]
    # The receiver of docs/webhooks.md: verified, and a repeated id handled once.
    handled = {
        json.loads(r.body)["id"]
        for r in receiver.requests
        if verify(endpoint.secret, r.headers["Byline-Signature"], r.body)
    }
    assert handled == {str(delivery.event_id)}


def test_two_runs_at_once_post_each_delivery_once(receiver, endpoint_for):
    endpoint_for(receiver.url)
    event()
    event()
    start = timezone.now()
    inner: list[dispatch.RunReport] = []
    real_post = dispatch.posting.post

    def post_during_another_run(row, **kwargs):
        if not inner:
            inner.append(run(start))  # a second worker runs while the first posts
        return real_post(row, **kwargs)

    dispatch.posting.post = post_during_another_run
    try:
        outer = run(start)
    finally:
        dispatch.posting.post = real_post

    assert outer.sent + inner[0].sent == 2
    assert len(receiver.requests) == 2
    assert len({r.headers["Byline-Webhook-Id"] for r in receiver.requests}) == 2


def test_a_resend_posts_the_same_message_again_and_only_once(receiver, endpoint_for):
    endpoint_for(receiver.url)
    (delivery,) = event()
    run()

    assert services.resend(delivery)
    assert not services.resend(delivery)  # already queued
    run()
    run()

    assert len(receiver.requests) == 2
    assert receiver.requests[0].body == receiver.requests[1].body
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts == 1


def test_a_failed_delivery_can_be_resent_with_fresh_attempts(receiver, endpoint_for, settings):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    endpoint_for(receiver.url)
    receiver.statuses = [500]
    (delivery,) = event()
    run()
    delivery.refresh_from_db()
    assert delivery.status == "failed"

    services.resend(delivery)
    run()

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("sent", 1, 200)


def test_old_delivered_and_failed_deliveries_are_forgotten_but_waiting_ones_kept(
    endpoint_for, settings
):
    settings.WEBHOOKS_LOG_DAYS = 30
    endpoint_for("http://127.0.0.1:8254/hook")
    for status in ("sent", "failed", "pending"):
        (delivery,) = event(status=status)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(status=status)
    (recent,) = event()
    WebhookDelivery.objects.filter(pk=recent.pk).update(status="sent")
    WebhookDelivery.objects.exclude(pk=recent.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31),
        due_at=timezone.now() + dt.timedelta(days=1),
    )

    forgotten = dispatch.forget_old(timezone.now())

    assert forgotten == 2
    assert sorted(WebhookDelivery.objects.values_list("status", flat=True)) == ["pending", "sent"]
    assert WebhookDelivery.objects.filter(pk=recent.pk).exists()
