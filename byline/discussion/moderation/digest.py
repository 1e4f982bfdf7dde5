"""The moderators' digest: what waits in the queue, emailed once per period by the worker.

No cron: when a comment joins the queue, the digest for the current period is scheduled as a
deferred task (once: a row per period says so). When it runs, it sends at most once per
period, however many workers pick it up, and schedules the next one while the queue is not
empty, so a busy queue keeps its daily digest and an empty one sends nothing. The emails go
through the outbox of ``byline.mail``: written with the period's row, sent after its commit,
so no SMTP exchange runs while the period's row is locked.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from byline.discussion.models import Comment, ModerationDigest
from byline.mail import outbox


def period_start(moment: dt.datetime, hours: int) -> dt.datetime:
    """The start of the digest period that holds ``moment`` (periods are aligned on UTC)."""
    seconds = hours * 3600
    epoch = int(moment.timestamp())
    return dt.datetime.fromtimestamp(epoch - epoch % seconds, tz=dt.UTC)


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a digest goes out at the end of the current period (after this transaction)."""
    hours = settings.DISCUSSION_DIGEST_HOURS
    if hours <= 0 or not send_digest.get_backend().supports_defer:
        return
    start = period_start(now or timezone.now(), hours)
    _, created = ModerationDigest.objects.get_or_create(period_start=start)
    if created:
        deferred = send_digest.using(run_after=start + dt.timedelta(hours=hours))
        transaction.on_commit(lambda: deferred.enqueue(start.isoformat()))


def moderators():
    """Active staff who may moderate comments and have an address to write to."""
    permission = Permission.objects.filter(
        content_type__app_label="discussion", codename="moderate_comment"
    ).first()
    users = get_user_model()._default_manager.filter(is_active=True).exclude(email="")
    granted = Q(is_superuser=True)
    if permission is not None:
        granted |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return users.filter(granted).distinct().order_by("pk")


def queue_summary() -> dict[str, object]:
    pending = Comment.objects.filter(status=Comment.Status.PENDING)
    reported = Comment.objects.filter(report_count__gt=0).exclude(
        status__in=[Comment.Status.REMOVED, Comment.Status.HIDDEN]
    )
    return {
        "pending_count": pending.count(),
        "reported_count": reported.count(),
        "oldest": pending.order_by("created_at").first(),
        "by_reason": list(
            pending.values_list("moderation_rule", flat=True).order_by("moderation_rule").distinct()
        ),
        "queue_url": f"{settings.BYLINE_BASE_URL}/admin/moderation/pending/",
        "reported_url": f"{settings.BYLINE_BASE_URL}/admin/moderation/reported/",
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def send(period: dt.datetime) -> int:
    """Post the digest of ``period`` to every moderator unless it was posted already; return
    how many get it.

    The period's row is locked while the emails are written to the outbox and the row is
    marked, in one transaction: two workers running the same period post it once, and a
    rollback takes the emails with it. The worker sends them after the commit, outside any
    transaction (``byline.mail``).
    """
    with transaction.atomic():
        row, _ = ModerationDigest.objects.get_or_create(period_start=period)
        row = ModerationDigest.objects.select_for_update().get(pk=row.pk)
        if row.sent_at is not None:
            return 0
        summary = queue_summary()
        recipients = (
            list(moderators()) if summary["pending_count"] or summary["reported_count"] else []
        )
        for user in recipients:
            outbox.post(
                EmailMessage(
                    subject=f"{summary['pending_count']} comments wait for moderation",
                    body=render_to_string(
                        "discussion/moderation/digest_email.txt", {**summary, "user": user}
                    ),
                    to=[user.email],
                )
            )
        row.sent_at, row.recipients = timezone.now(), len(recipients)
        row.save(update_fields=["sent_at", "recipients"])
        still_waiting = bool(recipients)
    if still_waiting:
        schedule(period + dt.timedelta(hours=settings.DISCUSSION_DIGEST_HOURS))
    return len(recipients)


@task()
def send_digest(period_start_iso: str) -> int:
    """Email moderators what waits in the queue. Idempotent per period."""
    return send(dt.datetime.fromisoformat(period_start_iso))
