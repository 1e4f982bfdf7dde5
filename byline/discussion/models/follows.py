"""What followers of the newsroom are told: one event per happening, one notice per reader.

A ``FollowEvent`` is written (once: its ``key`` is unique) in the transaction that reacts to
the newsroom: an article published for the first time, an article joining a story, a story's
status changing, a correction going live. The worker expands it into ``FollowNotice`` rows, one
per reader, unique per (event, reader) and, for news of an article, per (article, reader), and
posts each reader's email to the outbox in the same transaction. The notice row is the record of
"told": a retried or repeated expansion finds it there and sends nothing more.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class FollowEvent(models.Model):
    """Something followers must hear of, once."""

    class Kind(models.TextChoices):
        # A new article for the followers of its story, topics and people.
        ARTICLE = "article", "A new article"
        # An article published before joined a story: its followers hear of it.
        JOINED = "joined", "An article joined a story"
        STATUS = "status", "A story's status changed"
        CORRECTION = "correction", "A correction to an article"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    # What makes the event one event: "article:<id>", "joined:<story>:<article>",
    # "status:<story>:<entry>:<status>", "correction:<id>". Recording the same happening again
    # is a no-op.
    key = models.CharField(max_length=120, unique=True)
    article = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    story = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # SET_NULL: publishing an older revision without the correction deletes its row, and
    # republishing brings it back under the same id; the event (its key) must survive, or
    # everyone would be told again.
    correction = models.ForeignKey(
        "newsroom.Correction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_events",
    )
    # A status change as it was announced (the timeline entry may be edited later).
    status = models.CharField(max_length=40, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expanded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["id"], condition=Q(expanded_at__isnull=True), name="follow_events_waiting"
            )
        ]

    def __str__(self) -> str:
        return self.key


class FollowNotice(models.Model):
    """One reader told of one event: at once (an email in the outbox) or in their daily digest."""

    event = models.ForeignKey(FollowEvent, on_delete=models.CASCADE, related_name="notices")
    subscriber = models.ForeignKey(
        "discussion.Subscriber", on_delete=models.CASCADE, related_name="follow_notices"
    )
    subscription = models.ForeignKey(
        "discussion.Subscription",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_notices",
        help_text="What the reader can unsubscribe from in this email; none for a commenter.",
    )
    # Set for news of an article (new, or joining a story): a reader hears of an article once,
    # whichever of their follows (story, topic, person) brought it.
    article = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    digest = models.BooleanField(default=False)
    due_at = models.DateTimeField(default=timezone.now)
    # The outbox row that carried it (its sending, retries and failure are the outbox's).
    email = models.ForeignKey(
        "mail.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "subscriber"], name="one_notice_per_event_and_reader"
            ),
            models.UniqueConstraint(
                fields=["article", "subscriber"],
                condition=Q(article__isnull=False),
                name="one_notice_per_article_and_reader",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(digest=True, posted_at__isnull=True),
                name="follow_digest_lines_due",
            )
        ]

    def __str__(self) -> str:
        return f"Notice of {self.event} for {self.subscriber_id}"
