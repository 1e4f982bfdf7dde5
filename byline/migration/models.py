"""What an import remembers: where each row came from, and the runs started from the admin."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
    file = models.FileField(upload_to="imports/")
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
