"""The moderation queues and decisions, for moderators only (scope ``moderate``; an account
that may not moderate gets 403 whatever its token says).

A queue is the admin's own (``discussion.admin.queues.QUEUES``: which comments, in which
order, with each author's record and open reports attached by the same two queries), paged by
cursor; a decision goes through ``moderation.actions.decide``, which locks the rows, changes
their status, resolves reports, teaches the spam classifier and writes the audit log.

The API calls the "pending" queue "held", as a comment's own status says; "pending" works too.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from byline.api.absolute import absolute
from byline.api.callers import caller_of
from byline.api.errors import ERRORS, ApiError
from byline.api.keyset import Keyset
from byline.api.models import Scope
from byline.api.presenting import RENAMED, api_status
from byline.api.schemas.moderation import DecisionIn, DecisionOut, QueueOut
from byline.api.schemas.paging import AFTER, LIMIT
from byline.discussion.admin import queues
from byline.discussion.moderation import actions

router = Router(tags=["moderation"])

# The API's word for "pending" (``presenting.api_status``), taken back in a queue's name.
_ALIASES = {word: status for status, word in RENAMED.items()}


def _queue(name: str) -> queues.Queue:
    queue = queues.QUEUES.get(_ALIASES.get(name, name))
    if queue is None:
        known = ", ".join(api_status(slug) for slug in queues.QUEUES)
        raise ApiError(404, "not_found", f"There is no such queue; the queues are {known}.")
    return queue


@router.get(
    "/moderation/queues/{queue}",
    response={200: QueueOut, **ERRORS},
    summary="The comments in one moderation queue",
)
def queue(
    request: HttpRequest,
    queue: str,
    after: str | None = AFTER,
    limit: int = LIMIT,
):
    caller_of(request).require(Scope.MODERATE)
    chosen = _queue(queue)
    kind = "int" if chosen.ordering.lstrip("-") == "report_count" else "time"
    comments, following = Keyset.for_ordering(chosen.ordering, kind).page(
        chosen.comments().select_related("author", "thread__page"), after, limit
    )
    queues.attach_history(comments)
    queues.attach_reports(comments)
    return {"items": [_item(comment) for comment in comments], "next": following}


def _item(comment) -> dict:
    return {
        "id": comment.pk,
        "page_id": comment.thread.page_id,
        "page_title": comment.thread.page.title,
        "body_html": comment.body_html,
        "status": api_status(comment.status),
        "created_at": comment.created_at,
        "author": {
            "name": comment.author_name,
            "account_id": comment.author_id,
            "email": None if comment.author_id else comment.guest_email or None,
            "banned": comment.author_banned,
            "history": {api_status(k): n for k, n in comment.history.items()},
        },
        "rule": comment.moderation_rule,
        "reason": comment.moderation_reason,
        "spam_score": comment.spam_score,
        "is_spam": comment.is_spam,
        "report_count": comment.report_count,
        "reports": [
            {"reason": report.reason, "note": report.note, "created_at": report.created_at}
            for report in comment.open_reports
        ],
        "admin_url": absolute(reverse("discussion_moderation:comment", args=[comment.pk])),
    }


@router.post(
    "/moderation/decisions",
    response={200: DecisionOut, **ERRORS},
    summary="Approve, reject or mark comments as spam",
)
def decide(request: HttpRequest, payload: DecisionIn):
    caller = caller_of(request)
    caller.require(Scope.MODERATE)
    ids = sorted(set(payload.comment_ids))
    outcome = actions.decide(comment_ids=ids, decision=payload.decision, moderator=caller.user)
    return {
        "changed": outcome.changed,
        "message": queues.decision_message(payload.decision, outcome.changed),
    }
