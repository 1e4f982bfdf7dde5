"""The notification outbox and the delivery rows the worker expands it into.

Posting writes one ``NotificationEvent`` per published comment, in the posting transaction. The
worker turns it into one ``Delivery`` per recipient, unique per (recipient, comment), and sends
them; the delivery row is where "at most once" is decided and recorded.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from byline.mail.models import OutboxRow


class NotificationEvent(models.Model):
    """A comment became visible: everyone who follows it must hear of it, once."""

    comment = models.OneToOneField(
        "discussion.Comment", on_delete=models.CASCADE, related_name="notification_event"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expanded_at = models.DateTimeField(null=True, blank=True)
    # A worker expanding the event holds it until then; a dead worker's hold simply runs out.
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["id"], condition=Q(expanded_at__isnull=True), name="events_to_expand"
            )
        ]

    def __str__(self) -> str:
        return f"Notification event for comment {self.comment_id}"


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def claimable(self, now: dt.datetime, *, digest: bool) -> DeliveryQuerySet:
        """Rows a worker may take now: due and waiting, or left behind by a worker whose hold ran out."""
        return self.filter(digest=digest).filter(
            Q(status=Delivery.Status.PENDING, due_at__lte=now)
            | Q(status=Delivery.Status.SENDING, locked_until__lt=now)
        )

    def unfinished(self) -> DeliveryQuerySet:
        return self.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])


class Delivery(OutboxRow):
    """One email owed to one recipient about one comment (alone, or as a line in a digest)."""

    class Reason(models.TextChoices):
        # In order of precedence: a recipient with several reasons is told the most personal one.
        REPLY = "reply", "A reply to your comment"
        MENTION = "mention", "You were mentioned"
        COMMENT = "comment", "A reply in a conversation you follow"
        ARTICLE = "article", "A new comment on an article you follow"

    class Status(models.TextChoices):
        # The outbox's statuses, and one of the notifications' own.
        PENDING = OutboxRow.Status.PENDING.value, OutboxRow.Status.PENDING.label
        SENDING = OutboxRow.Status.SENDING.value, OutboxRow.Status.SENDING.label
        SENT = OutboxRow.Status.SENT.value, OutboxRow.Status.SENT.label
        FAILED = OutboxRow.Status.FAILED.value, OutboxRow.Status.FAILED.label
        CANCELLED = "cancelled", "Cancelled"

    subscriber = models.ForeignKey(
        "discussion.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="notification_deliveries"
    )
    subscription = models.ForeignKey(
        "discussion.Subscription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        help_text="What the recipient can unsubscribe from in this email; none for a mention.",
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    digest = models.BooleanField(default=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "comment"], name="one_delivery_per_recipient_and_comment"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "digest", "due_at"], name="deliveries_due"),
            models.Index(fields=["claim"], name="deliveries_by_claim"),
            models.Index(fields=["subscriber", "created_at"], name="deliveries_of_a_recipient"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_reason_display()} for {self.subscriber_id} about comment {self.comment_id}"
        )
