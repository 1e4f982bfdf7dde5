"""Background work of the discussion, run by the task worker: notifications and their emails,
and re-anchoring inline feedback after a publish.

The tasks stay in this module whatever moves around them: the database queue stores each queued
task by its path (``byline.discussion.tasks.send_notifications``).
"""

from __future__ import annotations

import datetime as dt

from django.core.mail import mailers
from django.db.models import Q
from django.tasks import TaskResultStatus, task
from django.utils import timezone

from byline.discussion.anchoring.workflows import reanchor_page
from byline.discussion.models import Subscriber, Subscription
from byline.discussion.notify import delivery, emails


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
    """Make sure a run of the worker starts at ``at`` (now if None) or sooner.

    A run already queued for then is enough: it looks at every row when it starts. Backends
    that cannot defer (the tests' immediate one) get only runs that are due now, and no
    ``helper`` (a second run to share the work, which they would run inside the first).
    """
    now = timezone.now()
    at = now if at is None or at < now else at
    backend = send_notifications.get_backend()
    if (at > now or helper) and not backend.supports_defer:
        return
    if _run_queued_by(backend, at):
        return
    (send_notifications.using(run_after=at) if at > now else send_notifications).enqueue()


def _run_queued_by(backend: object, at: dt.datetime) -> bool:
    """Whether the database queue already holds a run of the worker due no later than ``at``."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult, get_date_max

    return (
        DBTaskResult.objects.filter(
            backend_name=backend.alias,
            task_path=send_notifications.module_path,
            status=TaskResultStatus.READY,
        )
        .filter(Q(run_after__lte=at) | Q(run_after=get_date_max()))
        .exists()
    )


@task()
def send_confirmation(subscription_id: int) -> bool:
    """Email a guest the link that confirms their subscription (double opt-in)."""
    subscription = (
        Subscription.objects.select_related("subscriber", "thread__page", "comment")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    mailers.default.send_messages([emails.confirmation(subscription)])
    return True


@task()
def send_manage_link(subscriber_id: int) -> bool:
    """Email a confirmed address the link to its management page."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None:
        return False
    mailers.default.send_messages([emails.manage_link(subscriber)])
    return True


@task()
def reanchor_article(page_id: int) -> dict[str, int]:
    """Re-anchor the inline feedback of an article after a new revision went live."""
    return dict(reanchor_page(page_id))
