"""How long client addresses are kept: ``PRIVACY_IP_RETENTION_DAYS``, then the worker drops them.

A comment's and a report's IP address, and the address range a guest's vote records, serve
rate limits, bans and the fight against spam for a while; past the retention they are only
personal data. The worker's daily sweep (``tasks.forget_personal_data``) clears them, and
deletes the data archives whose link expired.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from byline.discussion.models import Comment, Report, Vote

SWEEP_EVERY = dt.timedelta(days=1)


def cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.PRIVACY_IP_RETENTION_DAYS)


def forget_old_addresses(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Clear every client address older than the retention; say how many of each kind."""
    before = cutoff(now)
    return {
        "comments": Comment.objects.filter(ip_address__isnull=False, created_at__lt=before)
        .update(ip_address=None),
        "reports": Report.objects.filter(ip_address__isnull=False, created_at__lt=before)
        .update(ip_address=None),
        # A vote's range also keeps one guest vote per range: past the retention, that range
        # may vote on the comment once more, which is the price of forgetting it.
        "votes": Vote.objects.exclude(network="").filter(created_at__lt=before).update(network=""),
    }  # fmt: skip
