"""Waking the task worker: make sure a run of a task starts by a given time, queued once.

The outboxes (comment notifications, single emails) keep their work in rows; the task queue
only wakes runs up, and a run looks at every row when it starts. So one queued run due by
then is enough, and a second one would only find the rows taken: ``ensure_run`` queues a run
unless the database queue already holds one due no later than asked.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.tasks import Task, TaskResultStatus
from django.utils import timezone


def ensure_run(task: Task, at: dt.datetime | None = None, *, helper: bool = False) -> None:
    """Make sure a run of ``task`` starts at ``at`` (now if None) or sooner.

    ``helper`` asks for a second run now, to share the work with the calling one, when another
    worker process may take it. Backends that cannot defer (the tests' immediate one) get only
    runs that are due now, and no helper (they would run it inside the first run).
    """
    now = timezone.now()
    at = now if at is None or at < now else at
    backend = task.get_backend()
    if (at > now or helper) and not backend.supports_defer:
        return
    if _run_queued(task, backend, at):
        return
    (task.using(run_after=at) if at > now else task).enqueue()


def _run_queued(task: Task, backend: object, at: dt.datetime) -> bool:
    """Whether the database queue already holds a run of ``task`` due no later than ``at``."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(backend, DatabaseBackend):
        return False
    from django_tasks_db.models import DBTaskResult, get_date_max

    return (
        DBTaskResult.objects.filter(
            backend_name=backend.alias,
            task_path=task.module_path,
            status=TaskResultStatus.READY,
        )
        .filter(Q(run_after__lte=at) | Q(run_after=get_date_max()))
        .exists()
    )
