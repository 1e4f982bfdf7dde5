"""The worker's side of imports started from the admin (see ``runs``)."""

from __future__ import annotations

from django.tasks import task

from byline.migration import runs


@task()
def check_import(run_id: int) -> None:
    """Dry-run the uploaded file and save the report for the superuser to read."""
    runs.execute(run_id, dry_run=True)


@task()
def run_import(run_id: int) -> None:
    runs.execute(run_id, dry_run=False)
