"""The worker's run over the webhooks' outbox: post what is due, then queue the next run.

It is the email outbox's cycle (``byline.mail.dispatch``) on ``WebhookDelivery`` rows, with the same
parts of ``byline.mail.sending``: ``claim`` holds a batch with a hold that runs out,
``Attempt.start`` marks a row attempted in a commit of its own before it is posted and
renews its hold (the POST's one deadline, ``attempt_seconds``, ends before that hold does, so
no other run takes over a row being posted), ``record_failure`` retries with a doubling delay
(``WEBHOOKS_RETRY_SECONDS``, at most six hours) until ``WEBHOOKS_MAX_ATTEMPTS`` and then marks
it failed, ``release`` gives back what a run did not reach. No POST runs inside a transaction or a row lock. An endpoint that gives
no answer costs one attempt per run: its other rows wait for that attempt's retry.

Once per event and endpoint: the row is unique, and marked sent in the commit after its POST
answered. A worker killed between the answer and that commit leaves the row "sending" and
attempted; the next run takes it over when the hold runs out and posts it again, with the same
``Byline-Webhook-Id``, which receivers use to drop the repeat (``docs/webhooks.md``). That is
the one repeat an HTTP client cannot rule out, as with the emails' Message-ID.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from byline.mail import dispatch as mail_dispatch
from byline.mail import sending
from byline.webhooks import addresses, posting
from byline.webhooks.models import WebhookDelivery

logger = logging.getLogger("byline.webhooks")

Waker = Callable[[dt.datetime | None], None]
RunReport = mail_dispatch.RunReport


def run(*, wake: Waker, clock: sending.Clock = timezone.now) -> RunReport:
    """Post the due deliveries for up to ``NOTIFICATIONS_RUN_SECONDS``. Safe to run any number
    of times, in any number of workers at once."""
    report = RunReport()
    deadline = clock() + sending.run_budget()
    forget_old(clock())
    if WebhookDelivery.objects.claimable(clock()).exists():
        # Before holding anything: a run for after every hold this one takes could run out.
        wake(deadline + sending.lease() + dt.timedelta(seconds=1))
    # Endpoints that gave no answer in this run, and when their deliveries are due again.
    unreachable: dict[int, dt.datetime] = {}
    while (now := clock()) < deadline and (
        claim := sending.claim(WebhookDelivery.objects.claimable(now), now=now)
    ):
        stop = min(deadline, now + sending.lease())  # the hold of the rows not yet attempted
        _post_claimed(claim, report, clock=clock, stop=stop, unreachable=unreachable)
    if clock() >= deadline:
        wake(None)  # out of time, not of work: hand over to a fresh run
    elif (next_run := mail_dispatch.next_due(clock(), WebhookDelivery.objects.all())) is not None:
        wake(next_run)
    return report


def attempt_seconds() -> float:
    """How long one attempt may take: ``WEBHOOKS_TIMEOUT_SECONDS``, and never as long as the
    hold ``Attempt.start`` renews for it, so no other run takes over a row being posted."""
    return min(float(settings.WEBHOOKS_TIMEOUT_SECONDS), 0.8 * sending.lease().total_seconds())


def is_permanent(error: Exception) -> bool:
    """Whether a failed attempt is not worth retrying: an address the policy refuses. A host
    that did not resolve may resolve in a minute, and any answer or silence may change."""
    return isinstance(error, addresses.Refused) and not isinstance(error, addresses.Unresolved)


def forget_old(now: dt.datetime) -> int:
    """Delete delivered and failed deliveries older than ``WEBHOOKS_LOG_DAYS``, payloads and
    all: the log stays short, and comments erased since leave no copy here for long."""
    cutoff = now - dt.timedelta(days=settings.WEBHOOKS_LOG_DAYS)
    old = WebhookDelivery.objects.filter(
        created_at__lt=cutoff, status__in=[sending.SENT, sending.FAILED]
    )
    deleted, _ = old.delete()
    return deleted


def _post_claimed(
    claim: str,
    report: RunReport,
    *,
    clock: sending.Clock,
    stop: dt.datetime,
    unreachable: dict[int, dt.datetime],
) -> None:
    batch = WebhookDelivery.objects.filter(claim=claim, status=WebhookDelivery.Status.SENDING)
    try:
        with sending.Attempt(WebhookDelivery, clock) as attempt:
            for delivery in batch.select_related("endpoint").order_by("due_at", "pk"):
                if clock() >= stop:
                    break  # ``release`` gives the rest back for the next claim
                if delivery.endpoint_id in unreachable:
                    _put_off(delivery, claim, unreachable[delivery.endpoint_id])
                    continue
                if not attempt.start([delivery.pk], claim):
                    logger.warning("A batch of webhook deliveries was taken over; this run stops.")
                    break
                if _post(delivery, claim, report, clock=clock, unreachable=unreachable):
                    report.sent += 1
    finally:
        sending.release(WebhookDelivery, claim)


def _put_off(delivery: WebhookDelivery, claim: str, until: dt.datetime) -> None:
    """Leave an unreachable endpoint's delivery, unattempted, for its retry: waiting for the
    same silence again would hold up every other endpoint and the emails' worker."""
    WebhookDelivery.objects.filter(pk=delivery.pk, claim=claim).update(
        status=sending.PENDING, claim="", locked_until=None, attempted_at=None, due_at=until
    )


def _post(
    delivery: WebhookDelivery,
    claim: str,
    report: RunReport,
    *,
    clock: sending.Clock,
    unreachable: dict[int, dt.datetime],
) -> bool:
    """One attempt of ``delivery``, recorded; whether it was delivered."""
    mine = WebhookDelivery.objects.filter(pk=delivery.pk, claim=claim)
    if not delivery.endpoint.enabled:
        # Switched off since the event: nothing goes to it, and the log says so.
        mine.update(
            status=sending.FAILED, last_error="The endpoint was disabled.", locked_until=None
        )
        report.failed += 1
        return False
    try:
        code = posting.post(delivery, seconds=attempt_seconds())
    except (posting.DeliveryFailed, addresses.Refused) as error:
        now = clock()
        delay = _failed(delivery, claim, error, report, now)
        if isinstance(error, addresses.Unresolved) or getattr(error, "unreachable", False):
            retry = delay or sending.retry_delay(1, first=settings.WEBHOOKS_RETRY_SECONDS)
            unreachable[delivery.endpoint_id] = now + retry
        return False
    marked = mine.update(
        status=sending.SENT, sent_at=clock(), locked_until=None, response_code=code, last_error=""
    )
    if not marked:
        logger.error(
            "Webhook %s to %s was delivered but another run had taken it over; "
            "it may be posted again with the same id.",
            delivery.event_id,
            delivery.endpoint.url,
        )
    return True


def _failed(
    delivery: WebhookDelivery, claim: str, error: Exception, report: RunReport, now: dt.datetime
) -> dt.timedelta | None:
    code = getattr(error, "code", None)
    WebhookDelivery.objects.filter(pk=delivery.pk, claim=claim).update(response_code=code)
    delay = sending.record_failure(
        delivery,
        claim,
        error,
        now=now,
        max_attempts=settings.WEBHOOKS_MAX_ATTEMPTS,
        first_retry=settings.WEBHOOKS_RETRY_SECONDS,
        permanent=is_permanent,
    )
    if delay is None:
        report.failed += 1
        logger.error(
            "Gave up on webhook %s (%s) to %s after %d attempt(s): %s",
            delivery.event_id,
            delivery.event,
            delivery.endpoint.url,
            delivery.attempts + 1,
            error,
        )
    else:
        report.retried += 1
        logger.warning(
            "Webhook %s to %s failed (attempt %d), retrying in %s: %s",
            delivery.event_id,
            delivery.endpoint.url,
            delivery.attempts + 1,
            delay,
            error,
        )
    return delay
