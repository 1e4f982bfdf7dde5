"""What the staff do to deliveries from the admin: send one again."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from byline.mail import sending
from byline.webhooks import tasks
from byline.webhooks.models import WebhookDelivery


def resend(delivery: WebhookDelivery) -> bool:
    """Queue a delivered or failed delivery again, due now, with its attempts counted afresh
    and the same id and body (receivers drop a repeat they already have); False if it is
    still on its way."""
    with transaction.atomic():
        queued = WebhookDelivery.objects.filter(
            pk=delivery.pk, status__in=[sending.SENT, sending.FAILED]
        ).update(
            status=sending.PENDING,
            attempts=0,
            due_at=timezone.now(),
            claim="",
            locked_until=None,
            attempted_at=None,
            sent_at=None,
        )
        if queued:
            transaction.on_commit(tasks.wake)
    return bool(queued)
