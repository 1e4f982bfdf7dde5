"""Comment cards drawn once and shared by the readers who have nothing of their own on them.

A reader with a cookie (a guest who posted or voted, a signed-in reader) gets the thread drawn for
them, yet most of its cards look the same to every reader of their kind: the card of a comment
they did not write, vote on or mute, and did not open by its permalink, depends on them only
through what they may do there (mute: signed in; pin and pick: editors) and whether the thread
takes replies. Those cards come from the page cache's fragments (``pagecache.fragments``), all of a
page's in one read; the others are drawn in place, as every card is with the page cache off.

A card's key names what the page already loaded that shows on it (status, score, edited time,
author's name, badges, pin and pick, quoted passage); the rest (the author's picture, an erased
body) changes with a purge of the comment alone (``purging.comment_path``), the one place where a
comment's drawing is purged. The card is the partial ``card`` of the comment's own template.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.template import loader
from django.template.backends.django import Template
from django.utils import timezone, translation
from wagtail.models import Page

from byline.discussion.anchoring.display import anchor_of
from byline.discussion.models import Comment
from byline.discussion.threads import purging
from byline.discussion.threads.reading import ThreadView
from byline.pagecache.fragments import Wanted, fragments

CARD_TEMPLATE = "discussion/includes/comment.html#card"
# What every reader may see: a published comment, or the placeholder kept for its replies.
SHARED_STATUSES = frozenset({Comment.Status.PUBLISHED, Comment.Status.REMOVED})


def attach_to_thread(view: ThreadView) -> None:
    """Give the shared comments of a page of the thread their cards (``.shared_card``)."""
    shown = [view.pinned] if view.pinned else []
    shown += view.roots
    shown += [reply for root in shown for reply in root.replies]
    attach_cards(shown, page=view.page, thread_open=view.is_open, focus_id=view.focus_id)


def attach_cards(
    comments: Iterable[Comment], *, page: Page, thread_open: bool, focus_id: int | None = None
) -> None:
    """Give each comment that shows the reader nothing of their own its card, drawn as
    ``comment.html`` draws it beside ``page`` (``.shared_card``); the reader's state must be
    attached (``reading.attach_reader_state``)."""
    if not settings.PAGE_CACHE_ENABLED:
        return
    shared = [comment for comment in comments if shares_card(comment, focus_id)]
    if not shared:
        return
    template = loader.get_template(CARD_TEMPLATE)
    drawn_beside = (
        page.pk, page.url, thread_open,
        translation.get_language(), timezone.get_current_timezone_name(),
    )  # fmt: skip
    wanted = [
        Wanted(
            parts=(*drawn_beside, *card_parts(comment)),
            path=purging.comment_path(comment.pk),
            render=partial(draw, template, comment, page=page, thread_open=thread_open),
        )
        for comment in shared
    ]
    for comment, card in zip(shared, fragments("comment_card", wanted), strict=True):
        comment.shared_card = card


def shares_card(comment: Comment, focus_id: int | None) -> bool:
    """Whether the comment's card is the same for every reader of this reader's kind: nothing of
    theirs on it (their comment, held or not, their vote, their mute) and not the one they
    opened."""
    return (
        comment.status in SHARED_STATUSES
        and not comment.is_own
        and not comment.can_edit
        and not comment.my_vote
        and not comment.muted
        and comment.pk != focus_id
    )


def card_parts(comment: Comment) -> tuple:
    """What a shared card shows, or may do, that the page has already loaded."""
    anchor = anchor_of(comment) if comment.depth == 0 else None
    return (
        comment.pk, comment.depth, comment.status, comment.score, comment.edited_at,
        comment.picked_at, comment.is_pinned, comment.roles, comment.author_name,
        (anchor.exact, anchor.state, getattr(comment, "question", "")) if anchor else None,
        # What this kind of reader may do: mute its author (signed in), pin and pick (editors).
        comment.can_mute, comment.can_feature,
    )  # fmt: skip


def draw(template: Template, comment: Comment, *, page: Page, thread_open: bool) -> str:
    # Nothing of the reader's: no request, so no context processor, reaches the card.
    return template.render({"comment": comment, "page": page, "thread_open": thread_open})
