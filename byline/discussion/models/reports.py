"""Readers' reports of comments: one per reader per comment, reviewed by a moderator."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "Spam or advertising"
        ABUSE = "abuse", "Abuse, harassment or hate"
        PRIVACY = "privacy", "Shares someone's private information"
        OFF_TOPIC = "off_topic", "Off topic"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="reports"
    )
    # The same key as votes: "u:<user id>" or "g:<guest token hash>".
    reporter_key = models.CharField(max_length=80)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            )
        ]
        indexes = [
            models.Index(
                fields=["comment"],
                condition=models.Q(resolved_at__isnull=True),
                name="open_reports",
            )
        ]

    def __str__(self) -> str:
        return f"Report of comment {self.comment_id}: {self.get_reason_display()}"
