"""Moderation bookkeeping: what the spam classifier has learnt, and which digests went out."""

from __future__ import annotations

from django.db import models

# A reserved row counts the documents learnt; tokens never contain a space, so it never clashes.
DOCUMENTS = " documents"


class SpamToken(models.Model):
    token = models.CharField(max_length=64, primary_key=True)
    spam = models.PositiveIntegerField(default=0)
    ham = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "spam filter token"

    def __str__(self) -> str:
        return f"{self.token}: {self.spam} spam, {self.ham} ham"


class ModerationDigest(models.Model):
    """One row per digest period, so the digest goes out once however many workers run it."""

    period_start = models.DateTimeField(unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_start"]

    def __str__(self) -> str:
        return f"Moderation digest of {self.period_start:%Y-%m-%d %H:%M}"
