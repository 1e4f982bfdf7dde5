"""Endpoints that editors register, and one delivery per event and endpoint: the outbox.

A ``WebhookDelivery`` is written in the transaction of the change it announces (``recording``), so a
rollback takes it back and a commit cannot lose it; ``unique (event_id, endpoint)`` makes a
second one impossible. Its sending fields (status, due time, attempts, claim and hold, the
attempt's mark, the last error) are the email outbox's (``byline.mail.models.OutboxRow``) and
the worker claims, marks and retries them with ``byline.mail.sending`` (``dispatch``). The body
is written once, as sent: a resend or a retry sends the same bytes with the same id.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid

from django.db import models
from django.db.models import Q

from byline.mail.models import OutboxRow
from byline.webhooks.events import Event


def new_secret() -> str:
    """A signing secret: 32 random bytes, as a prefixed hex string easy to copy whole."""
    return "whsec_" + secrets.token_hex(32)


class Endpoint(models.Model):
    name = models.CharField(max_length=100, help_text="What receives these events, for you.")
    url = models.URLField(
        "URL", max_length=500, help_text="Where the events are posted (HTTPS in production)."
    )
    secret = models.CharField(max_length=100, default=new_secret, editable=False)
    events = models.JSONField(default=list, help_text="The events this endpoint receives.")
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        return self.name

    def receives(self, event: str) -> bool:
        return self.enabled and event in self.events


class DeliveryQuerySet(models.QuerySet["WebhookDelivery"]):
    def claimable(self, now: dt.datetime) -> DeliveryQuerySet:
        """Due and waiting, or left behind by a worker whose hold ran out."""
        return self.filter(
            Q(status=WebhookDelivery.Status.PENDING, due_at__lte=now)
            | Q(status=WebhookDelivery.Status.SENDING, locked_until__lt=now)
        )


class WebhookDelivery(OutboxRow):
    """One event for one endpoint, waiting for the worker, delivered, or given up on."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    # The event's id, the same for every endpoint it goes to and every attempt: receivers
    # drop a repeat by it (the ``Byline-Webhook-Id`` header).
    event_id = models.UUIDField(default=uuid.uuid4)
    event = models.CharField(max_length=40, choices=Event.choices)
    body = models.TextField(help_text="The JSON posted, as signed.")
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=["event_id", "endpoint"], name="one_delivery_per_event")
        ]
        indexes = [
            models.Index(fields=["status", "due_at"], name="webhook_deliveries_due"),
            models.Index(fields=["claim"], name="webhook_deliveries_by_claim"),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_deliveries_log"),
            models.Index(fields=["created_at"], name="webhook_deliveries_age"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.event_id} to {self.endpoint_id}"
