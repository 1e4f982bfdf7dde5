"""Notifications: the outbox written when a comment is published, its fan-out into deliveries,
and their delivery by the task worker.

The flow, and why each (recipient, comment) pair is emailed once:

1. ``outbox.record_publication`` runs inside the transaction that publishes a comment and writes one
   small ``NotificationEvent`` (the outbox). Posting stays cheap whatever the audience; a
   rollback takes the event with it; a comment published twice still has one event.
2. The worker's ``run`` expands each event into ``Delivery`` rows, one per recipient, in one
   transaction (``fanout.expand``). The rows are unique per (recipient, comment), so expanding again after a crash,
   or in two workers at once, cannot create a second row.
3. ``run`` claims due rows in batches, each with a hold that runs out, and sends a batch over
   one SMTP connection, each message's attempt recorded in a commit of its own before it is
   handed to SMTP, never inside a transaction. Claiming, attempting, retrying with a doubling
   delay and giving up are ``byline.mail.sending``'s, shared with the outbox of single emails
   (confirmations, links, the moderators' digest); its docstring says why a worker killed at
   any moment sends each email once, save at most one message resent with its Message-ID.

The task queue only wakes runs up (``tasks.wake_worker``, which ``run`` is handed, so this module
never imports the task that calls it); the rows are the truth. A run that finds work first makes
sure another run is queued for after its holds could run out, so a worker killed at any moment
is followed by one that finishes its work, even though the task queue never retries the killed
task itself; a run that finds none queues nothing but the next retry or digest.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Min, Q
from django.utils import timezone

from byline.discussion.models import (
    Comment,
    Delivery,
    NotificationEvent,
)
from byline.discussion.notify import emails, fanout
from byline.mail import sending
from byline.mail.sending import Clock

logger = logging.getLogger("byline.notifications")


class Waker(Protocol):
    """Makes sure a run of the worker starts at ``at`` (now if None) or sooner; with ``helper``,
    a run now that shares the work with this one, if another worker process can take it.
    ``tasks.wake_worker`` is the one that queues the worker's task."""

    def __call__(self, at: dt.datetime | None = None, *, helper: bool = False) -> None: ...


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
    budget = sending.run_budget()
    deadline = started + budget
    if _claimable_work(started):
        # Before holding anything: a run for after every hold this one takes could run out.
        # (Work that appears later came with a queued run of its own, which does the same.)
        wake(started + budget + sending.lease() + dt.timedelta(seconds=1))
    while clock() < deadline and (event := fanout.claim_event(clock(), sending.lease())):
        report.recipients += fanout.expand(event, clock=clock)
        report.expanded += 1
    while clock() < deadline and (batch := _claim(clock(), digest=False)):
        if len(batch) == settings.NOTIFICATIONS_BATCH_SIZE:
            # More may be waiting: another worker process, if there is one, joins in.
            wake(helper=True)
        _send_batch(batch, report, clock=clock)
    with sending.Attempt(Delivery, clock) as attempt:
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


# 3. Delivery: claiming, attempting, retrying and failing are ``byline.mail.sending``'s -------


def _claim(now: dt.datetime, *, digest: bool, one_recipient: bool = False) -> list[Delivery]:
    """Hold a batch of due deliveries for this run (for digests: one recipient's due rows)."""

    def first_recipients(due):
        first = due.order_by("due_at", "pk").values_list("subscriber_id", flat=True).first()
        return None if first is None else due.filter(subscriber_id=first)

    claim = sending.claim(
        Delivery.objects.claimable(now, digest=digest),
        now=now,
        narrow=first_recipients if one_recipient else None,
    )
    if claim is None:
        return []
    return list(
        Delivery.objects.filter(claim=claim, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .order_by("due_at", "pk")
    )


def _comments(batch: list[Delivery]) -> dict[int, Comment]:
    return Comment.objects.select_related("thread__page", "author").in_bulk(
        {delivery.comment_id for delivery in batch}
    )


def _send_batch(batch: list[Delivery], report: RunReport, *, clock: Clock) -> None:
    """Send a batch over one SMTP connection, one message after another."""
    claim = batch[0].claim
    comments = _comments(batch)
    rendered: dict = {}

    def compose(delivery: Delivery) -> EmailMessage | None:
        comment = comments.get(delivery.comment_id)
        if comment is None or comment.status != Comment.Status.PUBLISHED:
            _cancel([delivery.pk], claim, report)
            return None
        return emails.notification(delivery, comment, rendered=rendered)

    report.sent += sending.send_batch(
        batch,
        compose=compose,
        failed=lambda deliveries, error: _failed(deliveries, claim, error, report, clock=clock),
        clock=clock,
    )


def _send_digest(
    batch: list[Delivery], attempt: sending.Attempt, report: RunReport, *, clock: Clock
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
    except sending.SEND_ERRORS as error:
        _failed(live, claim, error, report, clock=clock)
    finally:
        sending.release(Delivery, claim)


def _failed(
    deliveries: Sequence[Delivery],
    claim: str,
    error: Exception,
    report: RunReport,
    *,
    clock: Clock,
) -> None:
    """Retry later or give up (``sending.record_failure``), and say so in the log."""
    now = clock()
    for delivery in deliveries:
        attempts = delivery.attempts + 1
        delay = sending.record_failure(delivery, claim, error, now=now)
        if delay is None:
            report.failed += 1
            logger.error(
                "Gave up on notifying subscriber %s of comment %s after %d attempt(s): %s",
                delivery.subscriber_id,
                delivery.comment_id,
                attempts,
                error,
            )
        else:
            report.retried += 1
            logger.warning(
                "Notifying subscriber %s of comment %s failed (attempt %d), retrying in %s: %s",
                delivery.subscriber_id,
                delivery.comment_id,
                attempts,
                delay,
                error,
            )


def _cancel(ids: list[int], claim: str, report: RunReport) -> None:
    report.cancelled += Delivery.objects.filter(pk__in=ids, claim=claim).update(
        status=Delivery.Status.CANCELLED, locked_until=None
    )
