"""The outbox of single emails: one row per message, rendered when it was asked for.

The row holds the whole message (sender, one recipient, subject, text, HTML, headers with a
Message-ID fixed when it was written), so the worker sends it without reading anything else,
and it is sent as written even if the rows it was made from change or go. The sending fields
(``OutboxRow``: status, due time, attempts, claim and hold, the attempt's commit, the last
error) are shared with the comment notifications' ``Delivery`` rows: ``sending.py`` works on
both.
"""

from __future__ import annotations

import datetime as dt

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.db.models import Q


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def claimable(self, now: dt.datetime) -> OutgoingEmailQuerySet:
        """Due and waiting, or left behind by a worker whose hold ran out."""
        return self.filter(
            Q(status=OutgoingEmail.Status.PENDING, due_at__lte=now)
            | Q(status=OutgoingEmail.Status.SENDING, locked_until__lt=now)
        )


class OutboxRow(models.Model):
    """What the worker's claim, attempt and retry cycle (``sending.py``) reads and writes on a
    row of any outbox."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENDING = "sending", "Claimed by a worker"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    due_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True, default="")
    locked_until = models.DateTimeField(null=True, blank=True)
    # Set, in its own commit, just before the SMTP transaction starts: a row still "sending"
    # with this set after its worker died may have reached the server (see sending.Attempt).
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class OutgoingEmail(OutboxRow):
    """One email to one recipient, waiting for the worker, sent, or given up on."""

    sender = models.CharField(max_length=320)
    recipient = models.CharField(max_length=320)
    subject = models.TextField()
    body = models.TextField()
    html = models.TextField(blank=True, default="")
    headers = models.JSONField(default=dict, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["status", "due_at"], name="outgoing_emails_due"),
            models.Index(fields=["claim"], name="outgoing_emails_by_claim"),
        ]

    def __str__(self) -> str:
        return f"“{self.subject}” to {self.recipient}"

    def message(self) -> EmailMultiAlternatives:
        """The message as it was posted."""
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body,
            from_email=self.sender,
            to=[self.recipient],
            headers=dict(self.headers),
        )
        if self.html:
            message.attach_alternative(self.html, "text/html")
        return message
