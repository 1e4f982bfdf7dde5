"""The events an endpoint can subscribe to, and what each one's payload says.

Payloads carry ids, URLs and what every reader may see, never an email address, an IP
address, a reporter's note or who moderated: an endpoint is a third party's server. The text of
a comment (``body_html``, sanitised) and its author's public name travel only with
``comment.published``, when every reader can see them (its page is live and open to all,
``readable_by_all``); the other comment events carry the
comment's id, status and URL (a receiver that needs more asks the API with a moderator's
token).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from wagtail.models import Page

PUBLISHED = "comment.published"
HELD = "comment.held"
REPORTED = "comment.reported"
MODERATED = "comment.moderated"
CONFIRMED = "subscription.confirmed"


class Event(models.TextChoices):
    COMMENT_PUBLISHED = PUBLISHED, "A comment is published (posted, or approved)"
    COMMENT_HELD = HELD, "A comment is held for moderation (by the rules or readers' reports)"
    COMMENT_REPORTED = REPORTED, "A reader reports a comment"
    COMMENT_MODERATED = MODERATED, "A moderator approves, rejects or marks a comment as spam"
    SUBSCRIPTION_CONFIRMED = CONFIRMED, "A reader's “Notify of” subscription or follow is confirmed"


def absolute(path: str) -> str:
    """An address on the site, whole: endpoints are elsewhere."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.BYLINE_BASE_URL.rstrip("/") + path


def comment_data(comment: Any, *, public: bool = False) -> dict[str, Any]:
    """A comment as an endpoint may see it; ``public`` adds its text and its author's name."""
    data: dict[str, Any] = {
        "id": comment.pk,
        "thread": comment.thread_id,
        "parent": comment.parent_id,
        "status": comment.status,
        "url": absolute(comment.get_absolute_url()),
        "created_at": comment.created_at.isoformat(),
        "page": page_data(comment.thread),
    }
    if public:
        data["author"] = {"name": comment.author_name, "member": comment.author_id is not None}
        data["body_html"] = comment.body_html
    return data


def page_data(thread: Any) -> dict[str, Any] | None:
    """The page a thread discusses: its id, title and public address."""
    page = getattr(thread, "page", None)
    if page is None:
        return None
    # The address readers reach it at, which an external page's own type gives (on its site).
    url = thread.page_url
    return {"id": page.pk, "title": page.title, "url": absolute(url) if url else None}


def readable_by_all(thread: Any) -> bool:
    """Whether every reader may read the thread's page: live, and behind no password, login or
    group restriction. A comment's text leaves the site only then."""
    return Page.objects.live().public().filter(pk=thread.page_id).exists()


def subscription_data(subscription: Any) -> dict[str, Any]:
    """What a subscription follows and how often, without its subscriber's address."""
    return {
        "id": subscription.pk,
        "kind": subscription.kind,
        "frequency": subscription.frequency,
        "thread": subscription.thread_id,
        "comment": subscription.comment_id,
        "story": subscription.story_id,
        "topic": subscription.topic_id,
        "person": subscription.person_id,
        "confirmed_at": subscription.confirmed_at.isoformat()
        if subscription.confirmed_at
        else None,
    }
