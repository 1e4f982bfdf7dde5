"""Background work of the newsroom, run by the task worker."""

from __future__ import annotations

from django.core.management import call_command
from django.tasks import task


@task()
def publish_due_pages() -> None:
    """Publish every revision whose go-live time has come and unpublish every expired page.

    Idempotent: it acts on what is due when it runs, so a task that fires late, twice or for a
    schedule that was since changed does no harm.
    """
    call_command("publish_scheduled", verbosity=0)
