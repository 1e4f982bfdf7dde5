"""The worker's run over the outbox: retries, giving up, a dead worker's hold, wake-ups, and
no SMTP inside a transaction."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from byline.discussion.models import Delivery
from byline.mail import outbox, sending, tasks
from byline.mail.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def post(to: str = "reader@example.org", subject: str = "Your link") -> OutgoingEmail:
    return outbox.post(EmailMessage(subject=subject, body="The link.", to=[to]))


class TestRetries:
    def test_a_refused_send_is_retried_later_with_a_growing_delay_then_sent(self, flaky, settings):
        settings.NOTIFICATIONS_RETRY_SECONDS = 60
        post()
        flaky.failures = 2
        start = timezone.now()

        tasks.run_outbox(clock=lambda: start)
        first = OutgoingEmail.objects.get()
        tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=30))  # not due yet
        early = OutgoingEmail.objects.get()
        tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=61))
        second = OutgoingEmail.objects.get()
        tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=61 + 121))

        assert (first.status, first.attempts, first.due_at) == (
            "pending",
            1,
            start + dt.timedelta(seconds=60),
        )
        assert "451" in first.last_error
        assert early.attempts == 1
        assert second.due_at == start + dt.timedelta(seconds=61 + 120)
        email = OutgoingEmail.objects.get()
        assert (email.status, email.attempts) == ("sent", 3)
        assert [m.to for m in mail.outbox] == [["reader@example.org"]]

    def test_after_the_limit_an_email_fails_and_is_logged(self, flaky, settings, caplog):
        settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
        post()
        flaky.failures = 5
        start = timezone.now()

        with caplog.at_level(logging.ERROR, logger="byline.mail"):
            tasks.run_outbox(clock=lambda: start)
            tasks.run_outbox(clock=lambda: start + dt.timedelta(hours=1))
            tasks.run_outbox(clock=lambda: start + dt.timedelta(days=1))

        email = OutgoingEmail.objects.get()
        assert (email.status, email.attempts) == ("failed", 2)
        assert "Gave up on email" in caplog.text
        assert mail.outbox == []

    def test_a_permanent_refusal_is_not_retried(self, flaky):
        flaky.error = smtplib.SMTPRecipientsRefused({"reader@example.org": (550, b"No such user")})
        post()
        flaky.failures = 1

        report = tasks.run_outbox()

        assert (report.failed, report.retried) == (1, 0)
        assert OutgoingEmail.objects.get().status == "failed"

    def test_an_unreachable_server_postpones_the_whole_batch(self, flaky):
        flaky.error = ConnectionRefusedError(111, "Connection refused")
        for n in range(3):
            post(f"reader{n}@example.org")
        flaky.failures = 1

        report = tasks.run_outbox()

        assert (report.retried, report.sent) == (3, 0)
        assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {("pending", 1)}

    def test_failed_emails_can_be_queued_again(self, flaky, settings):
        settings.NOTIFICATIONS_MAX_ATTEMPTS = 1
        post()
        flaky.failures = 1
        tasks.run_outbox()

        assert sending.queue_again(OutgoingEmail.objects.all()) == 1
        tasks.run_outbox()

        assert OutgoingEmail.objects.get().status == "sent"
        assert len(mail.outbox) == 1


class TestAWorkerThatDied:
    def hold_as_a_worker_that_then_died(self, at: dt.datetime, *, attempted: bool) -> str:
        """Claim every due email at ``at`` and, if ``attempted``, record the attempt on the
        first, as a worker does just before handing it to SMTP; then nothing more."""
        claim = sending.claim(OutgoingEmail.objects.claimable(at), now=at)
        assert claim is not None
        if attempted:
            first = OutgoingEmail.objects.filter(claim=claim).order_by("pk").first()
            assert sending.Attempt(OutgoingEmail, lambda: at).start([first.pk], claim)
        return claim

    def test_its_claimed_emails_wait_for_the_hold_then_are_taken_back_and_sent_once(
        self, settings, caplog
    ):
        settings.NOTIFICATIONS_LEASE_SECONDS = 120
        uncertain = post("reader0@example.org")
        post("reader1@example.org")
        start = timezone.now()
        self.hold_as_a_worker_that_then_died(start, attempted=True)

        during_hold = tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=60))
        sent_during_hold = list(mail.outbox)
        with caplog.at_level(logging.WARNING, logger="byline.mail"):
            after_hold = tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=121))
        again = tasks.run_outbox(clock=lambda: start + dt.timedelta(seconds=600))

        assert (during_hold.sent, sent_during_hold) == (0, [])
        assert (after_hold.sent, again.sent) == (2, 0)
        assert sorted(m.to[0] for m in mail.outbox) == [
            "reader0@example.org",
            "reader1@example.org",
        ]
        # The one that may have reached the server goes again as the same message.
        resent = next(m for m in mail.outbox if m.to == ["reader0@example.org"])
        assert resent.extra_headers["Message-ID"] == uncertain.headers["Message-ID"]
        assert "Taking over 1 outgoing email row(s)" in caplog.text
        assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}


class TestWakeUps:
    """With the database queue, runs are queued when and only when something needs one."""

    @pytest.fixture
    def queue(self, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        from django_tasks_db.models import DBTaskResult, get_date_max

        def queued() -> list[dt.datetime | None]:
            rows = DBTaskResult.objects.filter(
                task_path="byline.mail.tasks.send_outgoing_email", status="READY"
            ).order_by("run_after")
            return [None if r.run_after == get_date_max() else r.run_after for r in rows]

        return queued

    def test_posting_queues_one_run_however_many_emails_wait(
        self, queue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post("one@example.org")
        with django_capture_on_commit_callbacks(execute=True):
            post("two@example.org")

        assert queue() == [None]
        assert mail.outbox == []

    def test_a_run_that_leaves_a_retry_queues_a_run_for_it(self, queue, flaky, settings):
        settings.NOTIFICATIONS_RETRY_SECONDS = 60
        settings.NOTIFICATIONS_RUN_SECONDS, settings.NOTIFICATIONS_LEASE_SECONDS = 60, 120
        post()
        flaky.failures = 1
        start = timezone.now()

        tasks.run_outbox(clock=lambda: start)

        # The retry's run, and the rescue queued before anything was held (after the run's
        # time and its hold), in case this worker had been killed mid-batch.
        assert queue() == [start + dt.timedelta(seconds=60), start + dt.timedelta(seconds=181)]
        assert mail.outbox == []

    def test_an_idle_run_queues_nothing(self, queue):
        tasks.run_outbox()

        assert queue() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_smtp_exchange_runs_inside_a_transaction(sends_outside_transactions):
    with transaction.atomic():
        post("one@example.org")
        post("two@example.org")

    # The commit woke the worker (the tests' immediate backend runs it at once).
    assert sends_outside_transactions == [False, False]
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("model", [OutgoingEmail, Delivery], ids=["emails", "deliveries"])
def test_every_outbox_offers_the_statuses_sending_writes(model):
    offered = set(model.Status.values)

    assert {sending.PENDING, sending.SENDING, sending.SENT, sending.FAILED} <= offered
