"""The worker's run over the outbox of single emails: send what is due, then queue the next run.

Every email that is not a comment notification (a subscription's confirmation, a link to the
management page, an account's address to verify, the moderators' digest) is written to the
outbox by ``outbox.post`` in the transaction that decided to send it, and sent from here, by
the task worker, outside any transaction or row lock, through ``sending`` (claims with a hold,
an attempt recorded before each message, retries with a doubling delay, a stable Message-ID).

The task queue only wakes runs up (``tasks.wake``, which ``run`` is handed); the rows are the
truth, and the task queue never retries a task. So a run that finds work first queues a run
for after its hold could run out (a worker killed mid-batch is followed by one that takes its
rows back), and a run that leaves retries behind queues a run for the first of them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import models
from django.db.models import Min, Q
from django.utils import timezone

from byline.mail import sending
from byline.mail.models import OutgoingEmail

logger = logging.getLogger("byline.mail")

Waker = Callable[[dt.datetime | None], None]


@dataclass
class RunReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def run(*, wake: Waker, clock: sending.Clock = timezone.now) -> RunReport:
    """Send the due emails for up to ``NOTIFICATIONS_RUN_SECONDS``. Safe to run any number of
    times, in any number of workers at once."""
    report = RunReport()
    started = clock()
    deadline = started + sending.run_budget()
    if OutgoingEmail.objects.claimable(started).exists():
        # Before holding anything: a run for after every hold this one takes could run out.
        wake(deadline + sending.lease() + dt.timedelta(seconds=1))
    while clock() < deadline and (
        claim := sending.claim(OutgoingEmail.objects.claimable(clock()), now=clock())
    ):
        _send_claimed(claim, report, clock=clock)
    if clock() >= deadline:
        wake(None)  # out of time, not of work: hand over to a fresh run
    elif (next_run := next_due(clock())) is not None:
        wake(next_run)
    return report


def _send_claimed(claim: str, report: RunReport, *, clock: sending.Clock) -> None:
    batch = list(
        OutgoingEmail.objects.filter(claim=claim, status=OutgoingEmail.Status.SENDING).order_by(
            "due_at", "pk"
        )
    )

    def failed(emails: Sequence[OutgoingEmail], error: Exception) -> None:
        _failed(emails, claim, error, report, clock())

    report.sent += sending.send_batch(
        batch, compose=OutgoingEmail.message, failed=failed, clock=clock
    )


def next_due(now: dt.datetime, rows: models.QuerySet | None = None) -> dt.datetime | None:
    """When something next becomes actionable among ``rows`` of an outbox (the emails' if
    None): a retry, or a hold running out."""
    rows = OutgoingEmail.objects.all() if rows is None else rows
    moments = rows.aggregate(
        retry=Min("due_at", filter=Q(status=sending.PENDING)),
        hold=Min("locked_until", filter=Q(status=sending.SENDING)),
    )
    candidates = [moment for moment in moments.values() if moment is not None]
    return max(min(candidates), now) if candidates else None


def _failed(
    rows: Sequence[OutgoingEmail],
    claim: str,
    error: Exception,
    report: RunReport,
    now: dt.datetime,
) -> None:
    for email in rows:
        delay = sending.record_failure(email, claim, error, now=now)
        if delay is None:
            report.failed += 1
            logger.error(
                "Gave up on email %s (“%s”) to %s after %d attempt(s): %s",
                email.pk,
                email.subject,
                email.recipient,
                email.attempts + 1,
                error,
            )
        else:
            report.retried += 1
            logger.warning(
                "Email %s to %s failed (attempt %d), retrying in %s: %s",
                email.pk,
                email.recipient,
                email.attempts + 1,
                delay,
                error,
            )
