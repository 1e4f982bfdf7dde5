"""Archives of one person's data ("download my data"), kept privately until their link expires."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone


def exports_storage() -> FileSystemStorage:
    """Archives live outside MEDIA_ROOT, with no URL of their own: only the signed link serves
    them (``privacy.views.download``)."""
    return FileSystemStorage(location=settings.PRIVACY_EXPORTS_ROOT, base_url=None)


class DataExportQuerySet(models.QuerySet["DataExport"]):
    def expired(self, now: dt.datetime | None = None) -> DataExportQuerySet:
        return self.filter(expires_at__lte=now or timezone.now())


class DataExport(models.Model):
    """One archive of what Byline holds about an account, or about a guest's email address."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="data_exports",
        help_text="The account the archive is about; empty for a guest's address.",
    )
    address = models.EmailField(help_text="Where the link is sent, and a guest's address.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    archive = models.FileField(storage=exports_storage, upload_to="archives/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    objects = DataExportQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Data export {self.pk} ({self.get_status_display()})"
