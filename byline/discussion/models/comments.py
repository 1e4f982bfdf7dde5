"""Reader comments: a tree per root comment, ordered for keyset pagination at any size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThan
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from byline.accounts.names import NameField

if TYPE_CHECKING:
    from byline.discussion.identity import Reader
    from byline.discussion.models.threads import Thread

# Each comment's position is its ancestors' ids and its own, each as fixed-width base 36, so that
# ordering by position walks a root's replies depth-first, oldest first, without renumbering.
POSITION_STEP = 8
POSITION_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def position_step(comment_id: int) -> str:
    digits = ""
    while comment_id:
        comment_id, remainder = divmod(comment_id, 36)
        digits = POSITION_ALPHABET[remainder] + digits
    return digits.rjust(POSITION_STEP, "0")


# What stays of a comment whose author erased their data while it had replies (see
# ``discussion.privacy.erasure``): its place in the thread, and these words.
ERASED_TEXT = "Removed at the author's request."
DELETED_TEXT = "This comment was deleted."


class Sort(models.TextChoices):
    NEWEST = "newest", "Newest"
    OLDEST = "oldest", "Oldest"
    MOST_VOTED = "votes", "Most voted"


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> CommentQuerySet:
        """Published comments, and removed ones kept as placeholders because they have replies."""
        return self.filter(
            Q(status=Comment.Status.PUBLISHED) | Q(status=Comment.Status.REMOVED, reply_count__gt=0)
        )

    def visible_to(self, reader: Reader | None) -> CommentQuerySet:
        """What ``reader`` sees: the visible comments, plus their own that await a moderator and
        their own under a shadow ban (which look published to them, and to nobody else)."""
        own = reader.ownership_filter() if reader is not None else None
        if own is None:
            return self.visible()
        return self.filter(
            Q(status=Comment.Status.PUBLISHED)
            | Q(status=Comment.Status.REMOVED, reply_count__gt=0)
            | (Q(status__in=[Comment.Status.PENDING, Comment.Status.SHADOWED]) & own)
        )

    def on_public_pages(self) -> CommentQuerySet:
        """Comments of pages readers can reach: live, and behind no view restriction. A withdrawn
        article takes its discussion with it, for reading, replying, voting and reporting."""
        return self.filter(thread__page__in=Page.objects.live().public())

    def picked(self) -> CommentQuerySet:
        """Published comments an editor marked as picks (a pick taken down stops being one)."""
        return self.filter(status=Comment.Status.PUBLISHED, picked_at__isnull=False)

    def roots_of(self, thread: Thread) -> CommentQuerySet:
        return self.filter(thread=thread, parent__isnull=True)

    def for_display(self) -> CommentQuerySet:
        return self.select_related("author", "anchor")

    def in_order(self, sort: str) -> CommentQuerySet:
        if sort == Sort.OLDEST:
            return self.order_by("id")
        if sort == Sort.MOST_VOTED:
            return self.order_by("-score", "-id")
        return self.order_by("-id")

    def after(self, sort: str, cursor: tuple[int, ...] | None) -> CommentQuerySet:
        """Rows that come after ``cursor`` (the last row's sort key) in ``sort`` order.

        A row-value comparison, so the database starts its index scan at the cursor instead of
        counting its way there: every page costs the same, however deep.
        """
        if cursor is None:
            return self
        if sort == Sort.OLDEST:
            return self.filter(id__gt=cursor[-1])
        if sort == Sort.MOST_VOTED:
            return self.filter(TupleLessThan(Tuple(F("score"), F("id")), tuple(cursor)))
        return self.filter(id__lt=cursor[-1])

    def from_root(self, sort: str, root: Comment) -> CommentQuerySet:
        """Rows from ``root`` onwards in ``sort`` order: the page that opens at a permalink."""
        if sort == Sort.OLDEST:
            return self.filter(id__gte=root.pk)
        if sort == Sort.MOST_VOTED:
            return self.filter(TupleLessThan(Tuple(F("score"), F("id")), (root.score, root.pk + 1)))
        return self.filter(id__lte=root.pk)

    def first_replies(
        self, root_ids: Iterable[int], per_root: int, reader: Reader | None = None
    ) -> CommentQuerySet:
        """The first ``per_root`` visible replies of each root, in conversation order, in one query."""
        numbered = (
            self.visible_to(reader)
            .filter(root_id__in=list(root_ids))
            .annotate(
                rank=Window(RowNumber(), partition_by=[F("root_id")], order_by=F("position").asc())
            )
        )
        return numbered.filter(rank__lte=per_root).order_by("root_id", "position")

    def replies_after(
        self, root: Comment, position: str, reader: Reader | None = None
    ) -> CommentQuerySet:
        return self.visible_to(reader).filter(root=root, position__gt=position).order_by("position")


class Comment(models.Model):
    """A reader's comment on a page, or a reply to one."""

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        PENDING = "pending", "Pending moderation"
        HIDDEN = "hidden", "Hidden"
        REMOVED = "removed", "Removed"
        # Written by a shadow-banned author: shown to that author as if published, to nobody else.
        SHADOWED = "shadowed", "Shadow-banned"

    thread = models.ForeignKey(
        "discussion.Thread", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    position = models.CharField(max_length=128, blank=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PUBLISHED)

    body = models.TextField(help_text="What the reader wrote, in Byline's Markdown subset.")
    body_html = models.TextField(editable=False, help_text="The body rendered and sanitised, once.")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_comments",
    )
    guest_name = NameField(max_length=80, blank=True)
    guest_email = models.EmailField(blank=True)
    # A hash of the guest's browser token: lets that browser edit or delete the comment.
    guest_key = models.CharField(max_length=64, blank=True, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    score = models.IntegerField(default=0)
    upvotes = models.PositiveIntegerField(default=0)
    downvotes = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(
        default=0, help_text="Visible replies beneath this comment, at every depth."
    )

    # Moderation: why the pipeline or a moderator held the comment (the rule's code and the words
    # shown to the author), the spam classifier's score, and who decided what, when.
    moderation_rule = models.CharField(max_length=40, blank=True, db_index=True)
    moderation_reason = models.CharField(max_length=300, blank=True)
    spam_score = models.FloatField(null=True, blank=True, editable=False)
    is_spam = models.BooleanField(default=False)
    # What the classifier last learnt from this comment ("spam", "ham" or ""), so that a moderator
    # who changes their mind moves the counts instead of adding to them.
    trained_as = models.CharField(max_length=4, blank=True, editable=False)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_discussion_comments",
    )
    report_count = models.PositiveIntegerField(
        default=0, help_text="Reader reports not yet reviewed by a moderator."
    )
    # When an editor marked the comment an "Editor's pick" (None: not picked).
    picked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    # The badges of the comment's account, set per page by ``threads.roles.attach_roles``.
    roles: tuple[str, ...] = ()

    class Meta:
        permissions = [
            ("moderate_comment", "Can moderate reader comments"),
            ("feature_comment", "Can pin reader comments and mark editor's picks"),
        ]
        indexes = [
            # Newest and oldest pages of root comments: one index, scanned either way.
            models.Index(
                fields=["thread", "id"],
                condition=Q(parent__isnull=True),
                name="comment_roots_by_id",
            ),
            models.Index(
                fields=["thread", "score", "id"],
                condition=Q(parent__isnull=True),
                name="comment_roots_by_score",
            ),
            models.Index(fields=["root", "position"], name="comment_replies_in_order"),
            models.Index(fields=["status", "id"], name="comment_queue"),
            # A guest's record (first-post hold, the queue's history column) is found by address.
            models.Index(
                fields=["guest_email", "status"],
                condition=Q(author__isnull=True),
                name="comment_guest_history",
            ),
            # The "Editor's picks" filter pages through a thread's picked roots.
            models.Index(
                fields=["thread", "id"],
                condition=Q(parent__isnull=True, picked_at__isnull=False),
                name="comment_picked_roots",
            ),
            models.Index(
                fields=["report_count", "id"],
                condition=Q(report_count__gt=0),
                name="comment_reported",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(guest_name=""), name="comment_has_an_author"
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth=0) | Q(parent__isnull=False, depth__gt=0),
                name="comment_depth_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_name}"

    def get_absolute_url(self) -> str:
        return reverse("discussion:permalink", kwargs={"comment_id": self.pk})

    def url_in_thread(self) -> str:
        """The comment on its page: the page's address (which may have a query of its own)
        asking for it, and its anchor."""
        page_url = self.thread.page_url
        joiner = "&" if "?" in page_url else "?"
        return f"{page_url}{joiner}comment={self.pk}#comment-{self.pk}"

    @property
    def author_name(self) -> str:
        if self.author_id:
            return self.author.public_name if self.author else "Former reader"
        return self.guest_name

    @property
    def is_picked(self) -> bool:
        return self.picked_at is not None and self.status == self.Status.PUBLISHED

    @property
    def is_placeholder(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def placeholder_text(self) -> str:
        """What a removed comment kept for its replies says in its place."""
        return ERASED_TEXT if self.body == ERASED_TEXT else DELETED_TEXT

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.PUBLISHED or (
            self.is_placeholder and self.reply_count > 0
        )

    def ancestor_ids(self) -> list[int]:
        """Ids of the comment's ancestors, root first, read from its position (each step is a
        base-36 id) rather than by walking parents."""
        steps = [
            self.position[i : i + POSITION_STEP]
            for i in range(0, len(self.position), POSITION_STEP)
        ]
        return [int(step, 36) for step in steps[:-1]]

    def edit_deadline(self) -> dt.datetime:
        return self.created_at + dt.timedelta(minutes=settings.DISCUSSION_EDIT_WINDOW_MINUTES)

    def within_edit_window(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.edit_deadline()

    def is_changeable_by(self, reader: Reader) -> bool:
        """Whether ``reader`` may still edit or delete this comment: their own, within the window."""
        return reader.owns(self) and not self.is_placeholder and self.within_edit_window()
