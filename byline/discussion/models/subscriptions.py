"""Who asked to be told about new comments: one row per email address, one per subscription."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


def normalise_address(address: str) -> str:
    """The form an address is stored and compared in.

    Local parts are case-sensitive in theory and never in practice; folding case keeps one
    person to one row, so preferences, rate limits and "never notify the author" all hold.
    """
    return (address or "").strip().lower()


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "As they happen"
    DAILY = "daily", "In one daily digest"


class Subscriber(models.Model):
    """An email address that may receive notifications, with what it agreed to receive."""

    address = models.EmailField(max_length=254, unique=True)
    confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the address was proven to belong to a reader (a confirmed link or an account).",
    )
    mentions = models.BooleanField(
        default=True, help_text="Email this address when someone @mentions its comments' author."
    )
    default_frequency = models.CharField(
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text="How often the “Notify of” control offers first, for a signed-in reader.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.address

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def for_display(self) -> SubscriptionQuerySet:
        return self.select_related("thread__page", "comment").order_by("-created_at", "-pk")


class Subscription(models.Model):
    """One address following one article, its own comments on it, or one comment's replies."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "New follow-up comments"
        REPLIES = "replies", "New replies to my comments"
        COMMENT = "comment", "New replies to this comment"

    Frequency = Frequency

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    thread = models.ForeignKey(
        "discussion.Thread", on_delete=models.CASCADE, related_name="subscriptions"
    )
    comment = models.ForeignKey(
        "discussion.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    frequency = models.CharField(
        max_length=16, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # Null until a guest confirms through the emailed link; nothing is sent before that.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "thread"],
                condition=Q(comment__isnull=True),
                name="one_subscription_per_kind_and_thread",
            ),
            models.UniqueConstraint(
                fields=["subscriber", "comment"],
                condition=Q(comment__isnull=False),
                name="one_subscription_per_comment",
            ),
            models.CheckConstraint(
                condition=Q(kind="comment", comment__isnull=False)
                | (~Q(kind="comment") & Q(comment__isnull=True)),
                name="only_comment_subscriptions_name_a_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "kind", "subscriber"], name="subscriptions_of_a_thread"),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} follows {self.get_kind_display().lower()} on thread {self.thread_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def describe(self) -> str:
        """What this subscription follows, in words, for emails and the management page."""
        title = self.thread.page.title
        if self.kind == Subscription.Kind.ARTICLE:
            return f"new comments on “{title}”"
        if self.kind == Subscription.Kind.REPLIES:
            return f"replies to your comments on “{title}”"
        author = self.comment.author_name if self.comment else "a deleted"
        return f"replies to {author}’s comment on “{title}”"
