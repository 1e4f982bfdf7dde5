"""Where an inline comment sits in its article: W3C selectors on a stable block id."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from byline.discussion.anchoring import CONTEXT_LENGTH, Selector, State
from byline.discussion.models.comments import Comment


class AnchorQuerySet(models.QuerySet["Anchor"]):
    def placed(self) -> AnchorQuerySet:
        """Anchors that sit on words of the current revision."""
        return self.exclude(state=State.ORPHANED)

    def awaiting_review(self) -> AnchorQuerySet:
        """Orphans an editor has neither re-attached nor dismissed, on comments readers can see."""
        return self.filter(state=State.ORPHANED, dismissed_at__isnull=True).exclude(
            comment__status__in=[Comment.Status.REMOVED, Comment.Status.HIDDEN]
        )


class Anchor(models.Model):
    """The passage one root comment responds to; a reply follows its root's anchor."""

    class States(models.TextChoices):
        ANCHORED = State.ANCHORED, "Anchored"
        MOVED = State.MOVED, "Moved"
        ORPHANED = State.ORPHANED, "Written on an earlier version"

    comment = models.OneToOneField(
        "discussion.Comment", on_delete=models.CASCADE, related_name="anchor"
    )
    # The editor prompt this comment answers (its block id), or empty for a reader's selection.
    prompt_id = models.CharField(max_length=64, blank=True, db_index=True)
    block_id = models.CharField(max_length=64)
    exact = models.TextField(help_text="The words commented on, as they read when last anchored.")
    prefix = models.CharField(max_length=CONTEXT_LENGTH, blank=True)
    suffix = models.CharField(max_length=CONTEXT_LENGTH, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    state = models.CharField(max_length=10, choices=States.choices, default=States.ANCHORED)
    # The revision the reader saw when writing, and the one the selectors were last checked on.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)

    objects = AnchorQuerySet.as_manager()

    class Meta:
        permissions = [("review_anchor", "Can review orphaned inline feedback")]
        indexes = [models.Index(fields=["state", "dismissed_at"], name="anchor_review")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="anchor_not_empty")
        ]

    def __str__(self) -> str:
        return f"Anchor of comment {self.comment_id} on “{self.exact[:40]}”"

    @property
    def selector(self) -> Selector:
        return Selector(
            block_id=self.block_id, exact=self.exact, prefix=self.prefix, suffix=self.suffix,
            start=self.start, end=self.end,
        )  # fmt: skip

    def place(self, selector: Selector, state: str) -> None:
        """Move the anchor onto ``selector`` (unsaved)."""
        self.block_id, self.exact = selector.block_id, selector.exact
        self.prefix, self.suffix = selector.prefix, selector.suffix
        self.start, self.end, self.state = selector.start, selector.end, state

    @property
    def is_orphaned(self) -> bool:
        return self.state == State.ORPHANED
