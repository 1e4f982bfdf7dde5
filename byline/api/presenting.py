"""Threads and comments as the API presents them (the shapes in ``schemas/comments.py``).

A comment shows what the thread under the article shows the same reader: its stored sanitised
HTML, the author's public name and face, the reader's own vote and controls. A comment only
its author sees reads to them as the thread shows it: a held one as "held", a shadowed one as
"published" (a shadow-banned author must not learn of the ban).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page

from byline.accounts.avatars import avatar_for, initials
from byline.api.absolute import absolute
from byline.discussion.anchoring.display import anchor_of
from byline.discussion.anchoring.passages import prompts
from byline.discussion.live import events
from byline.discussion.models import Comment, Sort
from byline.discussion.models import Thread as ThreadRow
from byline.discussion.templatetags.people import profile_url
from byline.discussion.threads.reading import ThreadView

# The API's one word for a status the discussion calls otherwise: "pending" is "held" in every
# answer (comments, the reader's own, the moderation queues).
RENAMED: dict[str, str] = {Comment.Status.PENDING: "held"}


def api_status(status: str) -> str:
    return RENAMED.get(status, status)


# What a comment's author is shown (a shadowed comment reads as published to them).
STATUS: dict[str, str] = {
    Comment.Status.PUBLISHED: "published",
    Comment.Status.SHADOWED: "published",
    Comment.Status.PENDING: api_status(Comment.Status.PENDING),
    Comment.Status.REMOVED: "removed",
}
AVATAR_SIZE = 40


def page_url(page: Page) -> str:
    """On the site's public address, as in its e-mails; an external page's is the other site's."""
    return absolute(page.url or "/") or ""


def thread_data(page: Page, view: ThreadView, *, since: str) -> dict:
    thread = view.thread
    live = bool(settings.LIVE_EVENTS_URL and thread is not None)
    body = getattr(page, "body", None)
    # A page nobody has commented on has no row yet, but it still closes by itself after the
    # set days: judge it as the row its first comment would make.
    judged = thread if thread is not None else ThreadRow(page=page)
    is_open = judged.is_open()
    return {
        "page_id": page.pk,
        "title": page.title,
        "url": page_url(page),
        "comment_count": view.comment_count,
        "open": is_open and judged.comments_enabled,
        "closed_reason": None if is_open else judged.closed_reason(),
        "premoderated": bool(
            settings.DISCUSSION_PREMODERATE_ALL or (thread is not None and thread.premoderated)
        ),
        "sorts": list(Sort.values),
        # Absolute: the embed opens it from another site.
        "live_events_url": absolute(events.stream_url(thread.pk)) if live and thread else None,
        "since": (since or None) if live else None,
        "prompts": [
            {"id": prompt_id, "question": prompt["question"]}
            for prompt_id, prompt in (prompts(body) if body is not None else {}).items()
        ],
    }


def comment_data(comment: Comment, page_id: int) -> dict:
    """One comment, with the reader state ``reading.attach_reader_state`` gave it and the
    badges of ``roles.attach_roles``; a root with ``attach_replies``' replies brings them."""
    placeholder = comment.is_placeholder
    replies = getattr(comment, "replies", [])
    more = getattr(comment, "more_replies", 0)
    return {
        "id": comment.pk,
        "page_id": page_id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "author": _nobody() if placeholder else author_data(comment),
        "body_html": f"<p>{escape(comment.placeholder_text)}</p>"
        if placeholder
        else comment.body_html,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "score": comment.score,
        "status": STATUS.get(comment.status, "removed"),
        "reply_count": comment.reply_count,
        "replies": [comment_data(reply, page_id) for reply in replies],
        "replies_next": getattr(comment, "last_shown_position", None) if more else None,
        "permalink": absolute(comment.get_absolute_url()),
        "own": getattr(comment, "is_own", False),
        "my_vote": getattr(comment, "my_vote", 0),
        "can_edit": getattr(comment, "can_edit", False),
        "can_delete": getattr(comment, "can_edit", False),
        "pinned": getattr(comment, "is_pinned", False),
        "picked": comment.is_picked,
        "passage": None if placeholder else passage_data(comment),
    }


def author_data(comment: Comment) -> dict:
    user = comment.author if comment.author_id else None
    name = comment.author_name
    face = avatar_for(user, name, AVATAR_SIZE)
    url = profile_url(user)
    return {
        "name": name,
        "url": absolute(url) if url else None,
        "avatar_url": absolute(face.url) if face.url else None,
        "initials": face.initials or initials(name),
        "member": comment.author_id is not None,
        "role": ", ".join(comment.roles) or None,
    }


def _nobody() -> dict:
    return {
        "name": "", "url": None, "avatar_url": None, "initials": "", "member": False, "role": None,
    }  # fmt: skip


def passage_data(comment: Comment) -> dict | None:
    anchor = anchor_of(comment) if comment.parent_id is None else None
    if anchor is None:
        return None
    return {
        "block": anchor.block_id,
        "start": anchor.start,
        "end": anchor.end,
        "quote": anchor.exact,
        "prompt": anchor.prompt_id or None,
    }
