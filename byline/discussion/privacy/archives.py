"""The worker's side of archives: prepare one and email its link; delete the expired ones."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from byline.discussion.models import DataExport
from byline.discussion.privacy import archive, emails
from byline.discussion.privacy.subjects import DataSubject
from byline.mail import outbox

logger = logging.getLogger(__name__)


def build(export_id: int, *, now: dt.datetime | None = None) -> bool:
    """Write the archive of export ``export_id`` to private storage and post its link.

    Runs once per export: a row that is no longer pending (built, or gone with an erased
    account) is left alone, so a task run twice sends one email. A build that fails marks its
    row failed (and raises, for the worker's log): a pending row would answer every new request
    for ever (``exports.request_export``), and the reader could never ask again.
    """
    try:
        return _build(export_id, now=now or timezone.now())
    except Exception:
        with transaction.atomic():
            DataExport.objects.filter(pk=export_id, status=DataExport.Status.PENDING).update(
                status=DataExport.Status.FAILED
            )
        raise


def _build(export_id: int, *, now: dt.datetime) -> bool:
    with transaction.atomic():
        export = (
            # Lock the export's row only: PostgreSQL locks no nullable side of an outer join.
            DataExport.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=export_id, status=DataExport.Status.PENDING)
            .first()
        )
        if export is None:
            return False
        subject = (
            DataSubject.of_user(export.user)
            if export.user
            else DataSubject.of_address(export.address)
        )
        content = archive.zipped(archive.collect(subject, now=now))
        export.archive.save(f"data-{export.pk}-{now:%Y%m%d}.zip", ContentFile(content), save=False)
        # A failure from here rolls the row back: the file must not outlive it.
        name, storage = export.archive.name or "", export.archive.storage
        try:
            export.status, export.ready_at = DataExport.Status.READY, now
            export.save(update_fields=["archive", "status", "ready_at"])
            outbox.post(emails.archive_ready(export))
        except Exception:
            storage.delete(name)
            raise
    return True


def delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete the archives whose link has expired, files first (a file without its row is
    never served; a row without its file says the archive is gone)."""
    deleted = 0
    for export in DataExport.objects.expired(now):
        if export.archive:
            export.archive.delete(save=False)
        export.delete()
        deleted += 1
    return deleted
