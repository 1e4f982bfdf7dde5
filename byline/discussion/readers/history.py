"""What a reader wrote, as the author sees it: newest first, one page at a time.

An author is told three things of a comment: it is published, it awaits a moderator, or it was
removed. A shadowed comment is "published" to its author, as it is in the thread they see:
nothing here tells them of a shadow ban.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator

from byline.discussion.models import Comment
from byline.discussion.models.comments import CommentQuerySet

if TYPE_CHECKING:
    from byline.accounts.models import User

PER_PAGE = 20

# The status an author reads for each stored status.
AUTHOR_STATUS: dict[str, str] = {
    Comment.Status.PUBLISHED: "published",
    Comment.Status.SHADOWED: "published",
    Comment.Status.PENDING: "pending",
    Comment.Status.HIDDEN: "removed",
    Comment.Status.REMOVED: "removed",
}
STATUS_LABELS = {
    "published": "Published",
    "pending": "Awaiting moderation",
    "removed": "Removed",
}


@dataclass(frozen=True)
class OwnComment:
    comment: Comment
    status: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_readable(self) -> bool:
        """Whether its permalink shows it to its author (as ``visible_to`` does), on a live page."""
        comment = self.comment
        shown = self.status in ("published", "pending") or (
            comment.status == Comment.Status.REMOVED and comment.reply_count > 0
        )
        return shown and comment.thread.page.live


def comments_of(user: User) -> CommentQuerySet:
    """Every comment the account wrote (claimed guest ones included), newest first."""
    return (
        Comment.objects.filter(author=user)
        .select_related("thread__page")
        .order_by("-created_at", "-pk")
    )


def page_of_comments(user: User, number: str | None) -> tuple[Page, list[OwnComment]]:
    """One page of the reader's comments (two queries whatever the page), with their statuses."""
    page = Paginator(comments_of(user), PER_PAGE).get_page(number)
    return page, [
        OwnComment(comment, AUTHOR_STATUS.get(comment.status, "removed")) for comment in page
    ]
