"""Recording an event: one ``WebhookDelivery`` per endpoint that receives it, in the caller's
transaction, and the worker woken once that commits.

The discussion's signals (``byline/discussion/signals.py``) are sent inside the transaction of
the change, so the rows commit with it or not at all: an event that was rolled back is never
delivered, and one that committed is never lost even if the process dies right after the
commit. Nothing here talks to an endpoint: the request that posted a comment only writes rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from byline.webhooks import tasks
from byline.webhooks.models import Endpoint, WebhookDelivery


def record(event: str, data: Callable[[], dict[str, Any]]) -> list[WebhookDelivery]:
    """Write ``event`` for every enabled endpoint that receives it, with the payload ``data``
    builds (only when one does: with no endpoint, an event costs one query)."""
    endpoints = [
        endpoint for endpoint in Endpoint.objects.filter(enabled=True) if endpoint.receives(event)
    ]
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    now = timezone.now()
    body = json.dumps(
        {"id": str(event_id), "type": event, "created_at": now.isoformat(), "data": data()},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event_id=event_id, event=event, body=body, due_at=now)
        for endpoint in endpoints
    )
    transaction.on_commit(tasks.wake)
    return deliveries
