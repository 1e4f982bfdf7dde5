"""The task worker's side of the webhooks' outbox.

The task stays in this module whatever moves around it: the database queue stores each queued
task by its path (``byline.webhooks.tasks.send_webhooks``).
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from byline.mail import sending
from byline.webhooks import dispatch
from byline.worker.wake import ensure_run


@task()
def send_webhooks() -> dict[str, int]:
    """Post the due deliveries (see ``dispatch.run``). Takes no arguments because it works from
    the rows: a run started twice, late, or after a worker was killed does exactly what is
    left to do."""
    return run_outbox().as_dict()


def run_outbox(*, clock: sending.Clock = timezone.now) -> dispatch.RunReport:
    """One run over the outbox, which queues the runs that follow it."""
    return dispatch.run(wake=wake, clock=clock)


def wake(at: dt.datetime | None = None) -> None:
    """Make sure a run over the outbox starts at ``at`` (now if None) or sooner."""
    ensure_run(send_webhooks, at)
