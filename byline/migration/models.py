"""What an import remembers: where each row came from, and the runs started from the admin."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models


class PrivateStorage(FileSystemStorage):
    """Uploaded exports hold readers' addresses: kept in ``MIGRATION_FILES_DIR`` (by default
    ``imports/`` in the data folder), outside MEDIA_ROOT, which the proxy serves to anyone."""

    @property
    def base_location(self) -> str:
        return str(getattr(settings, "MIGRATION_FILES_DIR", settings.DATA_DIR / "imports"))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


class Origin(models.Model):
    """One row of another system, and the Byline object it became.

    A re-run finds its earlier work here and updates it instead of adding a copy. The object is
    named by kind and id rather than by a foreign key because an import touches many tables
    (pages, images, comments, accounts) and an editor prompt is a block id, not a row.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article"
        IMAGE = "image"
        SECTION = "section"
        TOPIC = "topic"
        PERSON = "person"
        AUTHOR = "author"
        USER = "user"
        COMMENT = "comment"
        PROMPT = "prompt"
        SUBSCRIPTION = "subscription"

    system = models.CharField(max_length=16, help_text="wordpress or disqus")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    original_id = models.CharField(max_length=255)
    object_id = models.CharField(max_length=64)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind", "original_id"], name="one_object_per_origin"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="origin_of_object")]

    def __str__(self) -> str:
        return f"{self.system} {self.kind} {self.original_id} -> {self.object_id}"


class ImportRun(models.Model):
    """An export file uploaded in the admin: checked by a dry run, then imported by the worker."""

    class Source(models.TextChoices):
        WORDPRESS = "wordpress", "WordPress (WXR)"
        DISQUS = "disqus", "Disqus (XML)"

    class State(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    source = models.CharField(max_length=16, choices=Source.choices)
    file = models.FileField(upload_to="%Y/%m/", storage=private_storage)
    uploads_dir = models.CharField(
        max_length=500,
        blank=True,
        help_text="A folder on the server with a copy of wp-content/uploads.",
    )
    download_images = models.BooleanField(
        default=True,
        help_text="Download the pictures missing from the folder from the old site.",
    )
    allow_private_downloads = models.BooleanField(
        default=False,
        help_text="Download from a site on a private or local address (refused by default).",
    )
    time_zone = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.CHECKING)
    dry_run_report = models.JSONField(default=dict, blank=True)
    report = models.JSONField(default=dict, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} import of {self.created_at:%Y-%m-%d %H:%M}"
