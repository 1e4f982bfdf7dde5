"""The discussion's signals, turned into webhook events (``recording``).

Each receiver runs inside the transaction of the change, in the savepoint the discussion gives
it (``discussion.signals.announce``), and only writes rows.
"""

from __future__ import annotations

from typing import Any

from byline.discussion import signals
from byline.webhooks import events
from byline.webhooks.recording import record


def comment_published(sender: type, comment: Any, **kwargs: Any) -> None:
    record(
        events.PUBLISHED,
        lambda: {
            "comment": events.comment_data(comment, public=events.readable_by_all(comment.thread))
        },
    )


def comment_held(sender: type, comment: Any, **kwargs: Any) -> None:
    record(
        events.HELD,
        lambda: {"comment": events.comment_data(comment), "rule": comment.moderation_rule},
    )


def comment_reported(sender: type, comment: Any, report: Any, **kwargs: Any) -> None:
    record(
        events.REPORTED,
        lambda: {
            "comment": events.comment_data(comment),
            "report": {"id": report.pk, "reason": report.reason},
            "report_count": comment.report_count,
        },
    )


def comment_moderated(
    sender: type, comment: Any, decision: str, previous_status: str, **kwargs: Any
) -> None:
    record(
        events.MODERATED,
        lambda: {
            "comment": events.comment_data(comment),
            "decision": decision,
            "previous_status": previous_status,
        },
    )


def subscription_confirmed(sender: type, subscription: Any, **kwargs: Any) -> None:
    record(events.CONFIRMED, lambda: {"subscription": events.subscription_data(subscription)})


def register() -> None:
    uid = "byline.webhooks"
    signals.comment_published.connect(comment_published, dispatch_uid=f"{uid}.published")
    signals.comment_held.connect(comment_held, dispatch_uid=f"{uid}.held")
    signals.comment_reported.connect(comment_reported, dispatch_uid=f"{uid}.reported")
    signals.comment_moderated.connect(comment_moderated, dispatch_uid=f"{uid}.moderated")
    signals.subscription_confirmed.connect(subscription_confirmed, dispatch_uid=f"{uid}.confirmed")
