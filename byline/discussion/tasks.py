"""Background work of the discussion, run by the task worker: comment notifications, and
re-anchoring inline feedback after a publish. (Its other emails go through ``byline.mail``.)

The tasks stay in this module whatever moves around them: the database queue stores each queued
task by its path (``byline.discussion.tasks.send_notifications``).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task
from django.utils import timezone

from byline.discussion.anchoring.workflows import reanchor_page
from byline.discussion.live import stores
from byline.discussion.models import Subscriber, Subscription
from byline.discussion.notify import delivery, emails, following
from byline.discussion.privacy import archives, retention
from byline.mail import outbox
from byline.worker.wake import ensure_run

logger = logging.getLogger(__name__)


@task()
def send_notifications() -> dict[str, int]:
    """Expand the notification outbox and send what is due (see ``notify.delivery.run``).

    Takes no arguments because it works from the rows: a run started twice, late, or after a
    worker was killed does exactly what is left to do, and nothing twice.
    """
    return run_notifications().as_dict()


def run_notifications(*, clock: delivery.Clock = timezone.now) -> delivery.RunReport:
    """One run of the notification worker, which queues the runs that follow it."""
    return delivery.run(wake=wake_worker, clock=clock)


def wake_worker(at: dt.datetime | None = None, *, helper: bool = False) -> None:
    """Make sure a run of the notification worker starts at ``at`` (now if None) or sooner
    (``helper``: a second run now to share the work; see ``byline.worker.wake``)."""
    ensure_run(send_notifications, at, helper=helper)


@task()
def tell_followers(event_id: int) -> int:
    """Expand one follow event (a new article, a story's new status, a correction) into its
    readers' notices and emails (``notify.following``)."""
    told = following.expand(event_id)
    _schedule_follow_digests()
    return told


@task()
def tell_waiting_followers() -> int:
    """Expand the follow events no run finished (the task queue never retries a worker killed
    mid-task; the event's rows were rolled back with it, so nothing was told twice or half)."""
    told = 0
    for event_id in following.waiting_events(timezone.now() - FOLLOW_EVENT_GRACE):
        # One event that fails (its transaction rolled back) must not keep the others waiting.
        try:
            told += following.expand(event_id)
        except Exception:
            logger.exception("Telling the followers of event %s failed", event_id)
    _schedule_follow_digests()
    return told


# How long a follow event may wait for its own run before the sweep takes it up.
FOLLOW_EVENT_GRACE = dt.timedelta(minutes=5)


def enqueue_follow_event(event_id: int) -> None:
    """Hand a recorded event to the worker, and make sure a sweep follows in case that run dies."""
    tell_followers.enqueue(event_id)
    ensure_run(tell_waiting_followers, timezone.now() + 2 * FOLLOW_EVENT_GRACE)


def _schedule_follow_digests() -> None:
    next_digest = following.next_digest_due()
    if next_digest is not None:
        ensure_run(send_follow_digests, next_digest)


@task()
def send_follow_digests() -> int:
    """Post the followers' daily digests that are due, and queue the next run."""
    sent = following.send_digests()
    next_digest = following.next_digest_due()
    if next_digest is not None and next_digest > timezone.now():
        ensure_run(send_follow_digests, next_digest)
    return sent


# Runs queued before emails went through the outbox (``byline.mail``) carry these paths: they
# post the email there, as ``notify.subscriptions`` now does itself.


@task()
def send_confirmation(subscription_id: int) -> bool:
    """Post the email that confirms a guest's subscription (double opt-in)."""
    subscription = (
        Subscription.objects.select_related("subscriber", "thread__page", "comment")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    outbox.post(emails.confirmation(subscription))
    return True


@task()
def send_manage_link(subscriber_id: int) -> bool:
    """Post the email with the link to a confirmed address's management page."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None:
        return False
    outbox.post(emails.manage_link(subscriber))
    return True


@task()
def reanchor_article(page_id: int) -> dict[str, int]:
    """Re-anchor the inline feedback of an article after a new revision went live."""
    return dict(reanchor_page(page_id))


@task()
def build_data_export(export_id: int) -> bool:
    """Prepare a reader's archive ("download my data") and email its link."""
    return archives.build(export_id)


@task()
def forget_personal_data() -> dict[str, int]:
    """The daily sweep of readers' data: client addresses past their retention, archives past
    their link's expiry, and live events past their keeping (a live process trims them too, but
    a site may run none for days). Each run queues the next (``schedule_sweep``), one day on,
    before it starts: a run that fails must not end the chain."""
    schedule_sweep(timezone.now() + retention.SWEEP_EVERY)
    report = retention.forget_old_addresses()
    report["archives"] = archives.delete_expired()
    stores.current().trim()
    return report


def schedule_sweep(at: dt.datetime | None = None) -> None:
    """Make sure a sweep runs at ``at`` (now if None) or sooner. ``migrate`` calls it (see
    ``signal_handlers``), so a new site's worker starts sweeping without anyone asking."""
    if at is not None and not forget_personal_data.get_backend().supports_defer:
        return
    ensure_run(forget_personal_data, at)
