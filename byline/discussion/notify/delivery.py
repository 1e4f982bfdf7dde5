"""Notifications: the outbox written when a comment is published, its fan-out into deliveries,
and their delivery by the task worker.

The flow, and why each (recipient, comment) pair is emailed once:

1. ``outbox.record_publication`` runs inside the transaction that publishes a comment and writes one
   small ``NotificationEvent`` (the outbox). Posting stays cheap whatever the audience; a
   rollback takes the event with it; a comment published twice still has one event.
2. The worker's ``run`` expands each event into ``Delivery`` rows, one per recipient, in one
   transaction (``fanout.expand``). The rows are unique per (recipient, comment), so expanding again after a crash,
   or in two workers at once, cannot create a second row.
3. ``run`` claims due rows in batches (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL;
   SQLite serialises writers), each with a hold that runs out, and sends a batch over one SMTP
   connection. Before each message its row is marked "attempted" in a commit of its own (the
   same commit marks the previous message sent), and only then is the message handed to SMTP.

A worker that dies leaves its rows "sending" with a hold that runs out; the next run takes them
back. Rows never attempted are sent as usual. The one row per dead worker that was attempted but
not marked sent is the only uncertain one: SMTP may or may not have accepted it. It is sent
again with the same Message-ID, which mail stores use to drop a duplicate. That is the residual
risk, and the smallest one an SMTP client can have: accepting a message and recording it are
two systems, and only the receiver can tie them together.

The task queue only wakes runs up (``tasks.wake_worker``, which ``run`` is handed, so this module
never imports the task that calls it); the rows are the truth. A run that finds work first makes
sure another run is queued for after its holds could run out, so a worker killed at any moment
is followed by one that finishes its work, even though the task queue never retries the killed
task itself; a run that finds none queues nothing but the next retry or digest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import mailers
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from byline.discussion.models import (
    Comment,
    Delivery,
    NotificationEvent,
)
from byline.discussion.notify import emails, fanout

logger = logging.getLogger("byline.notifications")

Clock = Callable[[], dt.datetime]


class Waker(Protocol):
    """Makes sure a run of the worker starts at ``at`` (now if None) or sooner; with ``helper``,
    a run now that shares the work with this one, if another worker process can take it.
    ``tasks.wake_worker`` is the one that queues the worker's task."""

    def __call__(self, at: dt.datetime | None = None, *, helper: bool = False) -> None: ...


LONGEST_RETRY = dt.timedelta(hours=6)


# 2. The run ------------------------------------------------------------------------------


@dataclass
class RunReport:
    expanded: int = 0
    recipients: int = 0
    sent: int = 0
    digests: int = 0
    retried: int = 0
    failed: int = 0
    cancelled: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def run(*, wake: Waker, clock: Clock = timezone.now) -> RunReport:
    """Expand the outbox and send what is due, for up to ``NOTIFICATIONS_RUN_SECONDS``.

    Safe to run any number of times, in any number of workers at once.
    """
    report = RunReport()
    started = clock()
    budget = dt.timedelta(seconds=settings.NOTIFICATIONS_RUN_SECONDS)
    deadline = started + budget
    if _claimable_work(started):
        # Before holding anything: a run for after every hold this one takes could run out.
        # (Work that appears later came with a queued run of its own, which does the same.)
        wake(started + budget + lease() + dt.timedelta(seconds=1))
    while clock() < deadline and (event := fanout.claim_event(clock(), lease())):
        report.recipients += fanout.expand(event, clock=clock)
        report.expanded += 1
    while clock() < deadline and (batch := _claim(clock(), digest=False)):
        if len(batch) == settings.NOTIFICATIONS_BATCH_SIZE:
            # More may be waiting: another worker process, if there is one, joins in.
            wake(helper=True)
        _send_batch(batch, report, clock=clock)
    with Attempt(clock) as attempt:
        while clock() < deadline and (batch := _claim(clock(), digest=True, one_recipient=True)):
            _send_digest(batch, attempt, report, clock=clock)
    if clock() >= deadline:
        wake()  # out of time, not of work: hand over to a fresh run
    else:
        next_run = next_due(clock())
        if next_run is not None:
            wake(next_run)
    return report


def _claimable_work(now: dt.datetime) -> bool:
    events = NotificationEvent.objects.filter(expanded_at__isnull=True).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    )
    return (
        events.exists()
        or Delivery.objects.claimable(now, digest=False).exists()
        or Delivery.objects.claimable(now, digest=True).exists()
    )


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NOTIFICATIONS_LEASE_SECONDS)


def next_due(now: dt.datetime) -> dt.datetime | None:
    """When something next becomes actionable: a retry, a digest, or a hold running out."""
    moments = [
        Delivery.objects.filter(status=Delivery.Status.PENDING).aggregate(at=Min("due_at"))["at"],
        Delivery.objects.filter(status=Delivery.Status.SENDING).aggregate(at=Min("locked_until"))[
            "at"
        ],
    ]
    events = NotificationEvent.objects.filter(expanded_at__isnull=True)
    if events.filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now)).exists():
        moments.append(now)
    moments.append(events.aggregate(at=Min("locked_until"))["at"])
    moments = [moment for moment in moments if moment is not None]
    return max(min(moments), now) if moments else None


# 3. Delivery -----------------------------------------------------------------------------


def _claim(now: dt.datetime, *, digest: bool, one_recipient: bool = False) -> list[Delivery]:
    """Hold a batch of due deliveries for this run (for digests: one recipient's due rows)."""
    claim = secrets.token_hex(16)
    with transaction.atomic():
        due = Delivery.objects.claimable(now, digest=digest).select_for_update(skip_locked=True)
        if one_recipient:
            first = due.order_by("due_at", "pk").values_list("subscriber_id", flat=True).first()
            if first is None:
                return []
            due = due.filter(subscriber_id=first)
        ids = list(
            due.order_by("due_at", "pk").values_list("pk", flat=True)[
                : settings.NOTIFICATIONS_BATCH_SIZE
            ]
        )
        if not ids:
            return []
        uncertain = Delivery.objects.filter(
            pk__in=ids, status=Delivery.Status.SENDING, attempted_at__isnull=False
        ).count()
        if uncertain:
            logger.warning(
                "Taking over %d notification(s) a stopped worker may have handed to the SMTP "
                "server; they are sent again with the same Message-ID.",
                uncertain,
            )
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING, claim=claim, locked_until=now + lease()
        )
    return list(
        Delivery.objects.filter(claim=claim, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("due_at", "pk")
    )


def _comments(batch: list[Delivery]) -> dict[int, Comment]:
    return Comment.objects.select_related("thread__page", "author").in_bulk(
        {delivery.comment_id for delivery in batch}
    )


class Attempt:
    """Messages through one SMTP connection, opened when first needed, each attempt recorded
    in a commit before the message is handed over."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.connection = None
        self.sent: tuple[str, list[int]] | None = None  # accepted, marked in the next commit

    def __enter__(self) -> Attempt:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self, ids: list[int], claim: str) -> bool:
        """Mark ``ids`` attempted, and the previous message sent, in one commit; False if this
        run's hold was taken over by another worker (then nothing more is sent)."""
        with transaction.atomic():
            _asynchronous_commit()
            self.flush()
            started = Delivery.objects.filter(
                pk__in=ids, claim=claim, status=Delivery.Status.SENDING
            ).update(attempted_at=self.clock(), attempts=F("attempts") + 1)
        return started == len(ids)

    def send(self, message, ids: list[int], claim: str) -> None:
        if self.connection is None:
            connection = mailers.default
            connection.open()
            self.connection = connection
        try:
            self.connection.send_messages([message])
        except (OSError, smtplib.SMTPServerDisconnected):
            self.drop_connection()
            raise
        self.sent = (claim, ids)

    def flush(self) -> None:
        if self.sent:
            claim, ids = self.sent
            Delivery.objects.filter(pk__in=ids, claim=claim).update(
                status=Delivery.Status.SENT, sent_at=self.clock(), locked_until=None
            )
            self.sent = None

    def drop_connection(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None

    def close(self) -> None:
        with transaction.atomic():
            self.flush()
        self.drop_connection()


def _asynchronous_commit() -> None:
    """On PostgreSQL, let this transaction commit without waiting for its WAL flush.

    These are the per-message marks: a killed worker loses none of them (the server has them),
    and a crash of the database server itself could lose the last fraction of a second of them,
    which means resending those few messages with the same Message-IDs. Waiting for a flush per
    message would cost more than the rest of sending it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _send_batch(batch: list[Delivery], report: RunReport, *, clock: Clock) -> None:
    """Send a batch over one SMTP connection, one message after another."""
    claim = batch[0].claim
    comments = _comments(batch)
    rendered: dict = {}
    try:
        with Attempt(clock) as attempt:
            for index, delivery in enumerate(batch):
                comment = comments.get(delivery.comment_id)
                if comment is None or comment.status != Comment.Status.PUBLISHED:
                    _cancel([delivery.pk], claim, report)
                    continue
                message = emails.notification(delivery, comment, rendered=rendered)
                if not attempt.start([delivery.pk], claim):
                    logger.warning(
                        "A notification batch was taken over; this run stops sending it."
                    )
                    break
                try:
                    attempt.send(message, [delivery.pk], claim)
                except (smtplib.SMTPServerDisconnected, OSError) as error:
                    # No connection: this message and the rest of the batch wait for a retry.
                    _failed(batch[index:], claim, error, report, clock=clock)
                    break
                except (smtplib.SMTPException, ValueError) as error:
                    _failed([delivery], claim, error, report, clock=clock)
                    continue
                report.sent += 1
    finally:
        _release(claim)


def _send_digest(
    batch: list[Delivery], attempt: Attempt, report: RunReport, *, clock: Clock
) -> None:
    """Send one recipient's due digest rows as one email."""
    claim = batch[0].claim
    comments = _comments(batch)
    live = [
        delivery
        for delivery in batch
        if getattr(comments.get(delivery.comment_id), "status", None) == Comment.Status.PUBLISHED
    ]
    gone = [delivery.pk for delivery in batch if delivery not in live]
    if gone:
        _cancel(gone, claim, report)
    if not live:
        return
    ids = [delivery.pk for delivery in live]
    entries = [(delivery, comments[delivery.comment_id]) for delivery in live]
    message = emails.digest(live[0].subscriber, entries, first_id=min(ids))
    try:
        if attempt.start(ids, claim):
            attempt.send(message, ids, claim)
            report.digests += 1
            report.sent += len(ids)
    except (OSError, smtplib.SMTPException, ValueError) as error:
        _failed(live, claim, error, report, clock=clock)
    finally:
        _release(claim)


def _failed(
    deliveries: list[Delivery], claim: str, error: Exception, report: RunReport, *, clock: Clock
) -> None:
    """Retry later with a doubling delay, or give up and report when the limit is reached or
    the server refused the message for good (a 5xx answer). ``attempts`` on the rows is still
    the count before this attempt; a failure counts one, whether or not SMTP was reached."""
    now = clock()
    permanent = _is_permanent(error)
    for delivery in deliveries:
        attempts = delivery.attempts + 1
        rows = Delivery.objects.filter(pk=delivery.pk, claim=claim)
        if permanent or attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            rows.update(
                status=Delivery.Status.FAILED,
                attempts=attempts,
                last_error=str(error)[:1000],
                locked_until=None,
            )
            report.failed += 1
            logger.error(
                "Gave up on notifying subscriber %s of comment %s after %d attempt(s): %s",
                delivery.subscriber_id,
                delivery.comment_id,
                attempts,
                error,
            )
        else:
            delay = min(
                dt.timedelta(seconds=settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (attempts - 1)),
                LONGEST_RETRY,
            )
            rows.update(
                status=Delivery.Status.PENDING,
                attempts=attempts,
                due_at=now + delay,
                claim="",
                locked_until=None,
                attempted_at=None,
                last_error=str(error)[:1000],
            )
            report.retried += 1
            logger.warning(
                "Notifying subscriber %s of comment %s failed (attempt %d), retrying in %s: %s",
                delivery.subscriber_id,
                delivery.comment_id,
                attempts,
                delay,
                error,
            )


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, ValueError):  # an address the backend cannot even encode
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def _cancel(ids: list[int], claim: str, report: RunReport) -> None:
    report.cancelled += Delivery.objects.filter(pk__in=ids, claim=claim).update(
        status=Delivery.Status.CANCELLED, locked_until=None
    )


def _release(claim: str) -> None:
    """Give back the rows of a batch that were never attempted (the run stopped early)."""
    Delivery.objects.filter(
        claim=claim, status=Delivery.Status.SENDING, attempted_at__isnull=True
    ).update(status=Delivery.Status.PENDING, claim="", locked_until=None)
