"""Background work of the discussion, run by the task worker: notifications and their emails,
and re-anchoring inline feedback after a publish."""

from __future__ import annotations

from django.core.mail import mailers
from django.tasks import task

from byline.discussion import emails, notifications
from byline.discussion.anchoring.workflows import reanchor_page
from byline.discussion.models import Subscriber, Subscription


@task()
def send_notifications() -> dict[str, int]:
    """Expand the notification outbox and send what is due (see ``notifications.run``).

    Takes no arguments because it works from the rows: a run started twice, late, or after a
    worker was killed does exactly what is left to do, and nothing twice.
    """
    return notifications.run().as_dict()


@task()
def send_confirmation(subscription_id: int) -> bool:
    """Email a guest the link that confirms their subscription (double opt-in)."""
    subscription = (
        Subscription.objects.select_related("subscriber", "thread__page", "comment")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return False
    mailers.default.send_messages([emails.confirmation(subscription)])
    return True


@task()
def send_manage_link(subscriber_id: int) -> bool:
    """Email a confirmed address the link to its management page."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=False).first()
    if subscriber is None:
        return False
    mailers.default.send_messages([emails.manage_link(subscriber)])
    return True


@task()
def reanchor_article(page_id: int) -> dict[str, int]:
    """Re-anchor the inline feedback of an article after a new revision went live."""
    return dict(reanchor_page(page_id))
