"""Fan-out and delivery: who hears of a comment, once, and what happens when sending fails."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from byline.discussion import tasks
from byline.discussion.models import Comment, Delivery, NotificationEvent
from byline.discussion.notify import delivery, fanout
from byline.discussion.tests.factories import follower, post, recipients
from byline.discussion.threads import services, status
from byline.mail.testing import SOME_SMTP_REFUSAL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.article(title="Is the reunion tour really happening?"),
]


class TestOutbox:
    def test_posting_writes_one_outbox_row_and_sends_nothing_from_the_request(self, article):
        for n in range(5):
            follower(article, f"reader{n}@example.org")

        comment = post(article, "A new rumour.")

        assert list(NotificationEvent.objects.values_list("comment_id", flat=True)) == [comment.pk]
        assert Delivery.objects.count() == 0
        assert mail.outbox == []

    def test_a_rolled_back_post_leaves_no_outbox_row(self, article):
        with pytest.raises(RuntimeError), transaction.atomic():
            post(article, "Never mind.")
            raise RuntimeError

        assert NotificationEvent.objects.count() == 0

    def test_a_comment_held_for_moderation_notifies_only_once_published(self, article, deliver):
        follower(article, "fan@example.org")
        held = Comment.objects.create(
            thread=post(article, "First.", token="first").thread,
            body="Held back.",
            body_html="<p>Held back.</p>",
            guest_name="Sam",
            guest_email="sam@example.org",
            status=Comment.Status.PENDING,
        )
        tasks.run_notifications()
        mail.outbox.clear()
        assert not NotificationEvent.objects.filter(comment=held).exists()

        deliver(approve, held)

        assert NotificationEvent.objects.filter(comment=held).exists()
        assert [m.subject for m in mail.outbox] == [
            "New comment on “Is the reunion tour really happening?”"
        ]
        assert "Held back." in mail.outbox[0].body


def approve(comment: Comment) -> None:
    """What the moderation queue does when a moderator approves a held comment."""
    with transaction.atomic():
        comment.position = services.position_step(comment.pk)
        comment.save(update_fields=["position"])
        status.publish(comment)


class TestExactlyOnce:
    def test_expanding_and_running_again_sends_nothing_twice(self, article, deliver):
        for n in range(3):
            follower(article, f"reader{n}@example.org")
        deliver(post, article, "Once.")
        event = NotificationEvent.objects.get()

        assert fanout.expand(event) == 0
        tasks.run_notifications()
        tasks.run_notifications()

        assert recipients() == [f"reader{n}@example.org" for n in range(3)]

    def test_a_worker_killed_mid_batch_is_taken_over_and_the_uncertain_message_keeps_its_id(
        self, article, caplog
    ):
        for n in range(4):
            follower(article, f"reader{n}@example.org")
        post(article, "Crash test.")
        fanout.expand(NotificationEvent.objects.get())
        rows = list(Delivery.objects.order_by("pk"))
        past = timezone.now() - dt.timedelta(seconds=1)
        # The dead worker had sent rows[0], was handing rows[1] to SMTP, and never got further.
        Delivery.objects.filter(pk=rows[0].pk).update(status="sent", sent_at=past)
        Delivery.objects.filter(pk__in=[r.pk for r in rows[1:]]).update(
            status="sending", claim="dead", locked_until=past
        )
        Delivery.objects.filter(pk=rows[1].pk).update(attempted_at=past, attempts=1)

        with caplog.at_level(logging.WARNING, logger="byline.notifications"):
            report = tasks.run_notifications()

        assert report.sent == 3
        assert recipients() == ["reader1@example.org", "reader2@example.org", "reader3@example.org"]
        resent = next(m for m in mail.outbox if m.to == ["reader1@example.org"])
        assert resent.extra_headers["Message-ID"] == (
            f"<notification.{rows[1].comment_id}.{rows[1].subscriber_id}@127.0.0.1>"
        )
        assert "same Message-ID" in caplog.text
        assert Delivery.objects.get(pk=rows[1].pk).attempts == 2

    def test_a_live_workers_hold_is_respected(self, article):
        follower(article, "reader@example.org")
        post(article, "Held by someone else.")
        fanout.expand(NotificationEvent.objects.get())
        Delivery.objects.update(
            status="sending", claim="alive", locked_until=timezone.now() + dt.timedelta(minutes=1)
        )

        tasks.run_notifications()

        assert mail.outbox == []
        assert delivery.next_due(timezone.now()) == Delivery.objects.get().locked_until

    def test_a_comment_deleted_before_sending_is_not_sent(self, article):
        follower(article, "reader@example.org")
        comment = post(article, "Oops.")
        fanout.expand(NotificationEvent.objects.get())
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.REMOVED)

        report = tasks.run_notifications()

        assert (report.sent, report.cancelled) == (0, 1)
        assert mail.outbox == []


class TestFailures:
    def test_a_refused_send_is_retried_later_with_a_growing_delay(self, article, flaky, settings):
        settings.NOTIFICATIONS_RETRY_SECONDS = 60
        follower(article, "reader@example.org")
        post(article, "Retry me.")
        flaky.failures = 2
        start = timezone.now()

        tasks.run_notifications(clock=lambda: start)
        first = Delivery.objects.get()
        tasks.run_notifications(clock=lambda: start + dt.timedelta(seconds=61))
        second = Delivery.objects.get()
        tasks.run_notifications(clock=lambda: start + dt.timedelta(seconds=61 + 121))

        assert (first.status, first.attempts, first.due_at) == (
            "pending",
            1,
            start + dt.timedelta(seconds=60),
        )
        assert second.due_at == start + dt.timedelta(seconds=61 + 120)
        assert Delivery.objects.get().status == "sent"
        assert recipients() == ["reader@example.org"]

    def test_after_the_limit_a_delivery_fails_and_is_reported(
        self, article, flaky, settings, caplog
    ):
        settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
        follower(article, "reader@example.org")
        post(article, "Give up.")
        flaky.failures = 5
        start = timezone.now()

        with caplog.at_level(logging.ERROR, logger="byline.notifications"):
            tasks.run_notifications(clock=lambda: start)
            tasks.run_notifications(clock=lambda: start + dt.timedelta(hours=1))

        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == ("failed", 2)
        assert "Gave up on notifying" in caplog.text
        assert "451" in delivery.last_error

    def test_a_permanent_refusal_is_not_retried(self, article, flaky):
        flaky.error = smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"No such user")})
        follower(article, "reader@example.org")
        post(article, "Nobody home.")
        flaky.failures = 1

        try:
            tasks.run_notifications()
        finally:
            flaky.error = SOME_SMTP_REFUSAL

        assert Delivery.objects.get().status == "failed"

    def test_an_unreachable_server_postpones_the_whole_batch(self, article, flaky):
        flaky.error = ConnectionRefusedError(111, "Connection refused")
        for n in range(3):
            follower(article, f"reader{n}@example.org")
        post(article, "Server down.")
        flaky.failures = 1

        try:
            report = tasks.run_notifications()
        finally:
            flaky.error = SOME_SMTP_REFUSAL

        assert report.retried == 3 and report.sent == 0
        assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 1)}


class TestDigestsAndCaps:
    def test_daily_subscriptions_get_one_digest_at_the_digest_hour(
        self, article, settings, deliver
    ):
        settings.NOTIFICATIONS_DIGEST_HOUR = 7
        follower(article, "daily@example.org", frequency="daily")
        follower(article, "now@example.org")

        deliver(post, article, "First of the day.", token="a")
        deliver(post, article, "Second of the day.", token="b")
        assert recipients() == ["now@example.org", "now@example.org"]

        due = Delivery.objects.filter(digest=True).values_list("due_at", flat=True).distinct()
        assert len(due) == 1 and timezone.localtime(due[0]).hour == 7
        mail.outbox.clear()
        tasks.run_notifications(clock=lambda: due[0] + dt.timedelta(seconds=1))
        tasks.run_notifications(clock=lambda: due[0] + dt.timedelta(seconds=2))

        assert recipients() == ["daily@example.org"]
        digest = mail.outbox[0]
        assert digest.subject == "Your daily digest: 2 new comments"
        assert "First of the day." in digest.body and "Second of the day." in digest.body

    def test_past_the_hourly_cap_further_comments_wait_for_the_digest(
        self, article, settings, deliver
    ):
        settings.NOTIFICATIONS_HOURLY_CAP = 2
        follower(article, "busy@example.org")

        for n in range(4):
            deliver(post, article, f"Comment {n}.", token=f"t{n}")

        assert len(mail.outbox) == 2
        assert Delivery.objects.filter(digest=True, status="pending").count() == 2


class TestRealSmtp:
    def test_notifications_go_through_a_real_smtp_exchange(self, article, settings):
        from byline.discussion.tests.smtp_sink import smtp_sink

        with smtp_sink() as sink:
            settings.MAILERS = {
                **settings.MAILERS,
                "outgoing": {
                    "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                    "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 5},
                },
            }
            for n in range(3):
                follower(article, f"reader{n}@example.org")
            post(article, "Over the wire.")

            report = tasks.run_notifications()

        assert report.sent == 3
        assert sorted(sink.mailbox()) == [f"reader{n}@example.org" for n in range(3)]
        message = sink.accepted[0].message
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/notify/unsubscribe/")
        assert [part.get_content_type() for part in message.iter_parts()] == [
            "text/plain",
            "text/html",
        ]
        assert "Over the wire." in message.get_body(("plain",)).get_content()
        assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


class TestWakeUps:
    """With the database queue, runs are queued when and only when something needs one."""

    @pytest.fixture
    def queue(self, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        from django_tasks_db.models import DBTaskResult, get_date_max

        def queued() -> list[dt.datetime | None]:
            rows = DBTaskResult.objects.filter(
                task_path="byline.discussion.tasks.send_notifications", status="READY"
            ).order_by("run_after")
            return [None if r.run_after == get_date_max() else r.run_after for r in rows]

        return queued

    def test_posting_queues_one_run_however_many_comments_wait(
        self, article, queue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post(article, "One.")
        with django_capture_on_commit_callbacks(execute=True):
            post(article, "Two.")

        assert queue() == [None]
        assert mail.outbox == []

    def test_a_run_with_work_first_queues_its_own_rescue(self, article, queue, settings):
        settings.NOTIFICATIONS_RUN_SECONDS, settings.NOTIFICATIONS_LEASE_SECONDS = 60, 120
        follower(article, "reader@example.org")
        post(article, "Work.")
        start = timezone.now()

        tasks.run_notifications(clock=lambda: start)

        assert recipients() == ["reader@example.org"]
        assert queue() == [start + dt.timedelta(seconds=181)]

    def test_an_idle_run_queues_nothing_and_a_pending_digest_queues_its_hour(
        self, article, queue, settings
    ):
        tasks.run_notifications()
        assert queue() == []

        follower(article, "daily@example.org", frequency="daily")
        post(article, "For the digest.")
        start = timezone.now()
        tasks.run_notifications(clock=lambda: start)
        rescue = start + dt.timedelta(
            seconds=settings.NOTIFICATIONS_RUN_SECONDS + settings.NOTIFICATIONS_LEASE_SECONDS + 1
        )

        # The rescue comes first, so the digest needs no run of its own yet...
        assert queue() == [rescue]

        # ...and when the worker runs the rescue, there is nothing to hold, only the digest.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").update(status="RUNNING")
        tasks.run_notifications(clock=lambda: rescue)
        assert queue() == [fanout.next_digest_at(start)]
