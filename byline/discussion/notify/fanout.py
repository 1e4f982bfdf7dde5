"""Fan-out: who hears of a published comment, and why, written as one delivery row each.

Followers of the article, of a conversation the comment joins, of replies to the comment's
parent's author, and the earlier commenters it @mentions; never its own author; only confirmed
addresses. The rows are unique per (recipient, comment) and written in one transaction, so an
expansion repeated after a crash, or run by two workers at once, adds nothing twice. The run in
``notifications`` claims events, calls ``expand`` and then delivers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from byline.discussion.models import (
    Comment,
    Delivery,
    NotificationEvent,
    Subscriber,
    Subscription,
)
from byline.discussion.notify.mentions import author_address, mentioned_commenters

Clock = Callable[[], dt.datetime]

# Most personal first: someone told of a comment for several reasons is told the first.
PRECEDENCE = [
    Delivery.Reason.REPLY,
    Delivery.Reason.MENTION,
    Delivery.Reason.COMMENT,
    Delivery.Reason.ARTICLE,
]
INSERT_BATCH = 500


def claim_event(now: dt.datetime, lease: dt.timedelta) -> NotificationEvent | None:
    """Hold the oldest event nobody is expanding (a dead worker's hold runs out)."""
    with transaction.atomic():
        event = (
            NotificationEvent.objects.select_for_update(skip_locked=True)
            .filter(expanded_at__isnull=True)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .order_by("pk")
            .first()
        )
        if event is not None:
            event.locked_until = now + lease
            event.save(update_fields=["locked_until"])
    return event


@dataclass
class Recipient:
    reason: str
    subscription_id: int | None
    daily: bool


@dataclass
class Audience:
    """Who hears of one comment, and why: the most personal reason wins, and a recipient gets
    the comment at once if any of their reasons asks for that."""

    recipients: dict[int, Recipient] = field(default_factory=dict)

    def offer(self, subscriber_id: int, reason: str, subscription_id: int | None, daily: bool):
        current = self.recipients.get(subscriber_id)
        if current is None:
            self.recipients[subscriber_id] = Recipient(reason, subscription_id, daily)
            return
        if PRECEDENCE.index(reason) < PRECEDENCE.index(current.reason):
            current.reason, current.subscription_id = reason, subscription_id
        current.daily = current.daily and daily


def expand(event: NotificationEvent, *, clock: Clock = timezone.now) -> int:
    """Write one delivery per recipient of the event's comment; return how many were new.

    All or nothing, in one transaction; run again, it adds nothing that is already there.
    """
    comment = (
        Comment.objects.select_related("thread__page", "author", "parent__author")
        .filter(pk=event.comment_id)
        .first()
    )
    now = clock()
    audience = (
        audience_of(comment)
        if comment and comment.status == Comment.Status.PUBLISHED
        else Audience()
    )
    _cap_floods(audience, now)
    digest_at = next_digest_at(now)
    rows = [
        Delivery(
            subscriber_id=subscriber_id,
            comment_id=event.comment_id,
            subscription_id=recipient.subscription_id,
            reason=recipient.reason,
            digest=recipient.daily,
            due_at=digest_at if recipient.daily else now,
        )
        for subscriber_id, recipient in audience.recipients.items()
    ]
    with transaction.atomic():
        before = Delivery.objects.filter(comment_id=event.comment_id).count()
        Delivery.objects.bulk_create(rows, batch_size=INSERT_BATCH, ignore_conflicts=True)
        created = Delivery.objects.filter(comment_id=event.comment_id).count() - before
        NotificationEvent.objects.filter(pk=event.pk).update(expanded_at=now, locked_until=None)
    return created


def audience_of(comment: Comment) -> Audience:
    """Everyone confirmed who follows the comment's article, its conversation, its parent's
    author, or whom it @mentions; never its own author."""
    audience = Audience()
    confirmed = Subscription.objects.confirmed().filter(thread_id=comment.thread_id)
    ancestors = comment.ancestor_ids()
    parent_address = author_address(comment.parent) if comment.parent_id else ""
    wanted = Q(kind=Subscription.Kind.ARTICLE)
    if ancestors:
        wanted |= Q(kind=Subscription.Kind.COMMENT, comment_id__in=ancestors)
    if parent_address:
        replies_to = Subscriber.objects.filter(address=parent_address).values("pk")
        wanted |= Q(kind=Subscription.Kind.REPLIES, subscriber_id__in=replies_to)
    followers = confirmed.filter(wanted).values_list("subscriber_id", "pk", "kind", "frequency")
    reasons = {
        Subscription.Kind.ARTICLE: Delivery.Reason.ARTICLE,
        Subscription.Kind.COMMENT: Delivery.Reason.COMMENT,
        Subscription.Kind.REPLIES: Delivery.Reason.REPLY,
    }
    for subscriber_id, pk, kind, frequency in followers.iterator(chunk_size=2000):
        daily = frequency == Subscription.Frequency.DAILY
        audience.offer(subscriber_id, reasons[kind], pk, daily)
    for subscriber_id in _mentioned(comment):
        audience.offer(subscriber_id, Delivery.Reason.MENTION, None, False)
    author = author_address(comment)
    if author:
        for subscriber_id in Subscriber.objects.filter(address=author).values_list("pk", flat=True):
            audience.recipients.pop(subscriber_id, None)
    return audience


def _mentioned(comment: Comment) -> list[int]:
    """Subscribers to tell of an @mention: an account's address its owner proved, or a guest
    address that was confirmed earlier; never one that turned mentions off."""
    mentioned = mentioned_commenters(comment, settings.NOTIFICATIONS_MENTION_LIMIT)
    if not mentioned:
        return []
    from byline.accounts.models import User

    addresses = [m.address for m in mentioned]
    accounts = (
        User.objects.annotate(address=Lower(Trim("email")), proven=Lower(Trim("verified_email")))
        .filter(address__in=addresses, proven=F("address"))
        .values_list("address", flat=True)
    )
    for address in set(accounts):
        Subscriber.objects.get_or_create(address=address, defaults={"confirmed_at": timezone.now()})
    return list(
        Subscriber.objects.filter(
            address__in=addresses, mentions=True, confirmed_at__isnull=False
        ).values_list("pk", flat=True)
    )


def _cap_floods(audience: Audience, now: dt.datetime) -> None:
    """Past ``NOTIFICATIONS_HOURLY_CAP`` immediate emails in an hour, a recipient's further
    comments wait for the daily digest instead of flooding their inbox."""
    cap = settings.NOTIFICATIONS_HOURLY_CAP
    immediate = [pk for pk, recipient in audience.recipients.items() if not recipient.daily]
    since = now - dt.timedelta(hours=1)
    for chunk in _chunks(immediate, 500):
        busy = (
            Delivery.objects.filter(subscriber_id__in=chunk, digest=False, created_at__gte=since)
            .values("subscriber_id")
            .annotate(count=Count("pk"))
            .filter(count__gte=cap)
            .values_list("subscriber_id", flat=True)
        )
        for subscriber_id in busy:
            audience.recipients[subscriber_id].daily = True


def next_digest_at(now: dt.datetime) -> dt.datetime:
    """The next ``NOTIFICATIONS_DIGEST_HOUR`` o'clock in the newsroom's time zone after ``now``."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.NOTIFICATIONS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if at <= local:
        at = timezone.make_aware(
            dt.datetime.combine(local.date() + dt.timedelta(days=1), at.time().replace(tzinfo=None))
        )
    return at


def _chunks(items: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
