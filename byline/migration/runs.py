"""Imports started from the admin: a dry run to check the file, then the import, both run by
the task worker (never in a request), saving their progress and report on the ImportRun."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.db import transaction

from byline.migration.disqus import import_disqus
from byline.migration.models import ImportRun
from byline.migration.report import ImportFileError, ProgressCallback, Report
from byline.migration.wordpress.images import picture_downloader
from byline.migration.wordpress.importer import Options, import_wordpress

logger = logging.getLogger(__name__)
PROGRESS_INTERVAL = 1.0


def start_check(run: ImportRun) -> None:
    from byline.migration import tasks

    transaction.on_commit(lambda: tasks.check_import.enqueue(run.pk))


def start_import(run: ImportRun) -> bool:
    """Move a checked run to importing and hand it to the worker; False if it was not waiting."""
    from byline.migration import tasks

    started = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.CHECKED).update(
        state=ImportRun.State.RUNNING, done=0
    )
    if started:
        transaction.on_commit(lambda: tasks.run_import.enqueue(run.pk))
    return bool(started)


def execute(run_id: int, *, dry_run: bool) -> None:
    run = ImportRun.objects.get(pk=run_id)
    try:
        report = _import(run, dry_run=dry_run, progress=_saving_progress(run.pk))
    except ImportFileError as error:
        _finish(run.pk, state=ImportRun.State.FAILED, error=str(error))
        return
    except Exception as error:  # the admin must see that it failed, not a run stuck forever
        logger.exception("Import %s failed", run_id)
        _finish(run.pk, state=ImportRun.State.FAILED, error=f"{type(error).__name__}: {error}")
        return
    if dry_run:
        _finish(run.pk, state=ImportRun.State.CHECKED, dry_run_report=report.as_dict())
    else:
        _finish(run.pk, state=ImportRun.State.DONE, report=report.as_dict())


def _import(run: ImportRun, *, dry_run: bool, progress: ProgressCallback) -> Report:
    path = Path(run.file.path)
    if run.source == ImportRun.Source.DISQUS:
        return import_disqus(path, dry_run=dry_run, progress=progress)
    options = Options(
        uploads=Path(run.uploads_dir) if run.uploads_dir else None,
        downloader=picture_downloader(allow_private=run.allow_private_downloads)
        if run.download_images
        else None,
        dry_run=dry_run,
        time_zone=run.time_zone,
    )
    return import_wordpress(path, options, progress=progress)


def _saving_progress(run_id: int) -> ProgressCallback:
    last = [0.0]

    def progress(done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL or done == total:
            last[0] = now
            ImportRun.objects.filter(pk=run_id).update(done=done, total=total)

    return progress


def _finish(run_id: int, **fields) -> None:
    ImportRun.objects.filter(pk=run_id).update(**fields)
