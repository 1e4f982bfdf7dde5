"""Telling the followers of stories, topics and people, and the readers of a corrected article.

The flow, and why each reader hears of each happening once:

1. The newsroom's signals (a first publication, an article joining a story, a story's status
   changing, a correction going live: ``signal_handlers``) call ``record_*`` in the publishing
   transaction. Each writes one ``FollowEvent`` under a unique key (``article:<id>``,
   ``correction:<id>``, ...), so a repeated publish, a signal sent twice or a revision published
   again records nothing new, and the worker is asked (on commit) to expand it.
2. ``expand`` runs in the worker, in one transaction holding the event's row: it works out the
   audience, writes one ``FollowNotice`` per reader (unique per event and reader, and for news of
   an article per article and reader, so a reader who follows the story and a topic of the same
   new article hears once), and posts the email of every notice it wrote to the outbox
   (``byline.mail``) in that same transaction. A retried or concurrent expansion finds the event
   expanded, or the notices there, and posts nothing twice; a crash rolls back every row and
   email together.
3. Readers who chose the daily digest get a line instead: their notices wait for
   ``NOTIFICATIONS_DIGEST_HOUR`` and ``send_digests`` posts one email per reader with them,
   marking them posted in the same transaction.

Only confirmed subscriptions count: a guest's follow does nothing until its emailed link is used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from byline.discussion.models import (
    Comment,
    FollowEvent,
    FollowNotice,
    Subscriber,
    Subscription,
    normalise_address,
)
from byline.discussion.notify import emails
from byline.discussion.notify.fanout import next_digest_at
from byline.mail import outbox

Clock = Callable[[], dt.datetime]
# Hands an event's id to the worker once the transaction commits (``tasks.tell_followers``).
Enqueue = Callable[[int], None]
INSERT_BATCH = 500


# 1. Recording ----------------------------------------------------------------------------


def _record(key: str, enqueue: Enqueue, **fields: Any) -> FollowEvent | None:
    """The event under ``key``, written once; None when it was already there."""
    event, created = FollowEvent.objects.get_or_create(key=key, defaults=fields)
    if not created:
        return None
    transaction.on_commit(lambda: enqueue(event.pk))
    return event


def story_of(article: Any) -> Any | None:
    """The story an article belongs to, if any."""
    return article.story if getattr(article, "story_id", None) else None


def record_first_publication(article: Any, *, enqueue: Enqueue) -> FollowEvent | None:
    """A new article: the followers of its topics and its people hear of it. (Its story's
    followers hear of it from ``record_joined``: the newsroom says when an article joins a
    story, at its first publication or later.)"""
    return _record(
        f"article:{article.pk}",
        enqueue,
        kind=FollowEvent.Kind.ARTICLE,
        article_id=article.pk,
    )


def record_joined(story: Any, article: Any, *, enqueue: Enqueue) -> FollowEvent | None:
    """An article joined a story: the story's followers hear of it, unless the article reached
    them already (a reader who also follows its topic hears of the article once)."""
    return _record(
        f"joined:{story.pk}:{article.pk}",
        enqueue,
        kind=FollowEvent.Kind.JOINED,
        article_id=article.pk,
        story_id=story.pk,
    )


def record_status_change(story: Any, entry: Any, *, enqueue: Enqueue) -> FollowEvent | None:
    """A story's status changed: its followers hear the new status and the note. The key holds
    the status: an editor who changes the status of an entry already announced, in place, is
    announcing a new status."""
    return _record(
        f"status:{story.pk}:{entry.pk}:{entry.status}",
        enqueue,
        kind=FollowEvent.Kind.STATUS,
        story_id=story.pk,
        status=entry.status_label[:40],
        note=(entry.note or "")[:300],
    )


def record_corrections(article: Any, *, enqueue: Enqueue) -> list[FollowEvent]:
    """Every correction of the article's live version not announced yet: one event each."""
    from byline.newsroom.models import Correction

    story = story_of(article)
    recorded = []
    for correction in Correction.objects.filter(article_id=article.pk).order_by("pk"):
        # The editor's explicit choice, read now: the event names the story only when its
        # followers are to hear of the correction.
        tell_story = correction.tell_story_followers
        event = _record(
            f"correction:{correction.pk}",
            enqueue,
            kind=FollowEvent.Kind.CORRECTION,
            article_id=article.pk,
            correction_id=correction.pk,
            story_id=story.pk if story is not None and tell_story else None,
        )
        if event is not None:
            recorded.append(event)
    return recorded


# 2. Expanding ----------------------------------------------------------------------------


@dataclass
class Recipient:
    subscription_id: int
    daily: bool


def expand(event_id: int, *, clock: Clock = timezone.now) -> int:
    """Write the event's notices and post their emails; say how many readers were told.

    All or nothing, in one transaction; run again, or alongside another run, it tells no one twice.
    """
    now = clock()
    with transaction.atomic():
        event = (
            FollowEvent.objects.select_for_update()
            .filter(pk=event_id, expanded_at__isnull=True)
            .first()
        )
        if event is None:
            return 0
        audience = audience_of(event)
        digest_at = next_digest_at(now)
        news_of_article = event.kind in (FollowEvent.Kind.ARTICLE, FollowEvent.Kind.JOINED)
        FollowNotice.objects.bulk_create(
            [
                FollowNotice(
                    event=event,
                    subscriber_id=subscriber_id,
                    subscription_id=recipient.subscription_id,
                    article_id=event.article_id if news_of_article else None,
                    digest=recipient.daily,
                    due_at=digest_at if recipient.daily else now,
                    created_at=now,
                )
                for subscriber_id, recipient in audience.items()
            ],
            batch_size=INSERT_BATCH,
            ignore_conflicts=True,
        )
        # Holding the event's row, the notices of this event not posted yet are this run's.
        told = _post_immediate(event, now)
        event.expanded_at = now
        event.save(update_fields=["expanded_at"])
        return told + event.notices.filter(digest=True, posted_at__isnull=True).count()


def _post_immediate(event: FollowEvent, now: dt.datetime) -> int:
    notices = list(
        event.notices.filter(digest=False, posted_at__isnull=True).select_related(
            "subscriber", "subscription"
        )
    )
    if not notices:
        return 0
    story = event.story.specific if event.story is not None else None
    article = event.article.specific if event.article is not None else None
    for notice in notices:
        notice.email = outbox.post(
            emails.follow_notice(notice, event, article=article, story=story)
        )
        notice.posted_at = now
    FollowNotice.objects.bulk_update(notices, ["email", "posted_at"], batch_size=INSERT_BATCH)
    return len(notices)


def audience_of(event: FollowEvent) -> dict[int, Recipient]:
    """Every confirmed reader the event concerns, with the subscription that brought them (the
    most particular one: a story before a topic or a person; an article before replies)."""
    audience: dict[int, Recipient] = {}
    for subscription in _subscriptions(event):
        subscriber_id, pk, frequency = subscription
        if subscriber_id not in audience:
            audience[subscriber_id] = Recipient(pk, frequency == Subscription.Frequency.DAILY)
    return audience


def _subscriptions(event: FollowEvent) -> Iterator[tuple[int, int, str]]:
    """(subscriber, subscription, frequency) of everyone concerned, most particular first (a
    topic before a person: the email names the first)."""
    confirmed = Subscription.objects.confirmed().filter(subscriber__confirmed_at__isnull=False)
    columns = ("subscriber_id", "pk", "frequency")
    if event.kind in (FollowEvent.Kind.JOINED, FollowEvent.Kind.STATUS):
        yield from confirmed.filter(story_id=event.story_id).values_list(*columns)
        return
    if event.kind == FollowEvent.Kind.ARTICLE:
        article = event.article.specific if event.article is not None else None
        topics = list(article.topics.values_list("pk", flat=True)) if article else []
        people = list(article.people.values_list("pk", flat=True)) if article else []
        yield from (
            confirmed.filter(Q(topic_id__in=topics) | Q(person_id__in=people))
            .order_by("kind", "pk")
            .values_list(*columns)
        )
        return
    yield from _readers_of_corrected(event, confirmed, columns)


def _readers_of_corrected(
    event: FollowEvent, confirmed: QuerySet[Subscription], columns: tuple[str, ...]
) -> Iterator[tuple[int, int, str]]:
    """A correction: the article's subscribers, its commenters who asked for replies, and the
    story's followers when the editor ticked "Tell the story's followers too" (the event then
    names the story)."""
    thread_subscriptions = confirmed.filter(thread__page_id=event.article_id or 0)
    yield from thread_subscriptions.filter(kind=Subscription.Kind.ARTICLE).values_list(*columns)
    commenters = commenter_addresses(event.article_id or 0)
    yield from thread_subscriptions.filter(
        kind=Subscription.Kind.REPLIES, subscriber__address__in=commenters
    ).values_list(*columns)
    if event.story_id:
        yield from confirmed.filter(story_id=event.story_id).values_list(*columns)


def commenter_addresses(article_id: int) -> list[str]:
    """The addresses of everyone with a published comment on the article: a guest's, or the
    address an account proved."""
    published = Comment.objects.filter(thread__page_id=article_id, status=Comment.Status.PUBLISHED)
    addresses = set(published.exclude(guest_email="").values_list("guest_email", flat=True))
    addresses |= set(
        published.filter(author__isnull=False)
        .exclude(author__verified_email="")
        .values_list("author__verified_email", flat=True)
    )
    return sorted({normalise_address(address) for address in addresses if address})


# 3. Digests ------------------------------------------------------------------------------


def send_digests(*, clock: Clock = timezone.now) -> int:
    """Post one email per reader with every digest line that is due; say how many emails."""
    now = clock()
    sent = 0
    due = FollowNotice.objects.filter(digest=True, posted_at__isnull=True, due_at__lte=now)
    for subscriber_id in due.values_list("subscriber_id", flat=True).distinct().order_by():
        with transaction.atomic():
            lines = list(
                due.filter(subscriber_id=subscriber_id)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("event__article", "event__story", "event__correction")
                .order_by("created_at", "pk")
            )
            if not lines:
                continue
            subscriber = Subscriber.objects.get(pk=subscriber_id)
            email = outbox.post(emails.follow_digest(subscriber, lines))
            FollowNotice.objects.filter(pk__in=[line.pk for line in lines]).update(
                email=email, posted_at=now
            )
            sent += 1
    return sent


def next_digest_due() -> dt.datetime | None:
    return (
        FollowNotice.objects.filter(digest=True, posted_at__isnull=True)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )


def waiting_events(older_than: dt.datetime) -> list[int]:
    """Events no run expanded (a worker killed mid-run): the next run takes them up."""
    return list(
        FollowEvent.objects.filter(expanded_at__isnull=True, created_at__lt=older_than)
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )
