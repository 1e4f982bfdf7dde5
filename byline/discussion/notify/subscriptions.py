"""Subscribing to new comments, confirming, unsubscribing and managing, each authorised by one
of the signed links of ``notify.links``.

Every answer a stranger can provoke is the same whether or not an address is known: guests are
always told to check their inbox, and whether an email is actually sent (not for an address
that asked too often) is decided here, quietly. Emails are posted to the outbox (``byline.mail``)
in the same transaction, and go out from the task worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from byline.accounts import verification
from byline.discussion import signals
from byline.discussion.errors import DiscussionError
from byline.discussion.models import (
    Comment,
    Delivery,
    FollowNotice,
    Subscriber,
    Subscription,
    Thread,
    normalise_address,
)
from byline.discussion.models.subscriptions import FOLLOW_TARGETS, Frequency
from byline.discussion.notify import emails
from byline.discussion.notify.links import (
    InvalidLink,
    Scope,
    read_confirm_token,
    read_manage_token,
    read_unsubscribe_token,
    unsubscribe_token,
)
from byline.mail import outbox
from byline.ratelimits import Rate, hit

# Subscribing -------------------------------------------------------------------------------


def subscribe(
    *,
    page,
    kind: str,
    user=None,
    email: str = "",
    comment_id: int | None = None,
    frequency: str = Subscription.Frequency.IMMEDIATE,
) -> Subscription:
    """Subscribe a signed-in reader's proven address at once; a guest's, or an account's
    address not proven yet, pending their confirmation.

    A guest asking again for something the address already follows changes nothing and gets
    the same answer; a confirmation email goes out (from the worker) unless this address was
    sent too many of them lately.
    """
    if kind not in Subscription.Kind.values or kind in FOLLOW_TARGETS:
        raise DiscussionError("Choose what to be notified of.", field="kind")
    with transaction.atomic():
        thread = Thread.objects.for_page(page)
        comment = _followed_comment(thread, kind, comment_id)
        return _subscribe(
            {"kind": kind, "thread": thread, "comment": comment},
            user=user,
            email=email,
            frequency=frequency,
        )


def follow(*, target, user=None, email: str = "", frequency: str = Frequency.IMMEDIATE):
    """Follow a story (its page), a topic or a person: at once for a signed-in reader's proven
    address, pending the emailed confirmation for a guest's, as ``subscribe`` does."""
    kind = follow_kind(target)
    with transaction.atomic():
        return _subscribe({"kind": kind, kind: target}, user=user, email=email, frequency=frequency)


def follow_kind(target) -> str:
    """The kind of follow a target takes: a story page, a topic or a person."""
    from byline.newsroom.models import Person, Topic

    if isinstance(target, Topic):
        return Subscription.Kind.TOPIC
    if isinstance(target, Person):
        return Subscription.Kind.PERSON
    if is_story(target):
        return Subscription.Kind.STORY
    raise DiscussionError("This can’t be followed.")


def is_story(page) -> bool:
    """Whether a page is one of the newsroom's developing stories."""
    from byline.newsroom.models import StoryPage

    return isinstance(page, StoryPage)


def _subscribe(target: dict, *, user, email: str, frequency: str) -> Subscription:
    """The one subscription of an address to ``target`` (its kind and the fields naming what it
    follows), made or updated; for an address not proven, a confirmation email (rate-limited)."""
    if frequency not in Subscription.Frequency.values:
        raise DiscussionError("Choose how often to be notified.", field="frequency")
    address = normalise_address(user.email if user is not None else email)
    if not address:
        if user is not None:
            raise DiscussionError("Add an email address to your account to get notifications.")
        raise DiscussionError("Enter your email address.", field="email")
    # An account's address needs no further proof once its owner proved it; until then it is
    # a guest's: confirmed by the emailed link first.
    proven = user is not None and user.verified_address == address
    now = timezone.now()
    subscriber, _ = Subscriber.objects.get_or_create(address=address)
    if proven and subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber,
        **target,
        defaults={"frequency": frequency, "confirmed_at": now if proven else None},
    )
    newly_confirmed = proven and created
    if proven and not created:
        rows = Subscription.objects.filter(pk=subscription.pk)
        rows.update(frequency=frequency)
        # Conditional, so of two requests at once only the one that confirmed announces it.
        newly_confirmed = bool(rows.filter(confirmed_at__isnull=True).update(confirmed_at=now))
        subscription.refresh_from_db(fields=["frequency", "confirmed_at"])
    if newly_confirmed:
        _confirmed(subscription)
    if not proven and _may_email(address):
        outbox.post(emails.confirmation(subscription))
    return subscription


def subscription_answer(reader) -> str:
    """What a subscriber is told: the same for every guest, whatever we know of the address."""
    if reader.is_authenticated and reader.user.verified_address:
        return f"Done. We’ll email {reader.user.email}; you can change this at any time."
    if reader.is_authenticated:
        return (
            f"Check your inbox: if we can email {reader.user.email}, a link to confirm it is on "
            "its way; nothing else is sent until it is confirmed."
        )
    return (
        "Check your inbox. If we can email that address, a link to confirm is on its way; "
        "nothing else is sent until it is confirmed."
    )


def _followed_comment(thread: Thread, kind: str, comment_id: int | None) -> Comment | None:
    if kind != Subscription.Kind.COMMENT:
        return None
    comment = (
        Comment.objects.filter(
            pk=comment_id, thread=thread, status=Comment.Status.PUBLISHED
        ).first()
        if comment_id
        else None
    )
    if comment is None:
        raise DiscussionError("That comment is not available to follow.", field="kind")
    return comment


def _may_email(address: str) -> bool:
    """Whether this address may be sent one more confirmation or link this hour (quietly)."""
    rate = Rate(settings.NOTIFICATIONS_CONFIRMATIONS_PER_HOUR, 3600)
    return hit("notify-address", address, rate)


def confirm(*, token: str, user=None) -> Subscription:
    """Confirm the subscription a guest's emailed link names, and with it their address; a
    signed-in ``user`` whose account has that address has proven it too."""
    pk = read_confirm_token(token)
    now = timezone.now()
    with transaction.atomic():
        subscription = (
            # Lock the subscription row only: PostgreSQL cannot lock the outer-joined comment.
            Subscription.objects.select_for_update(of=("self",))
            .select_related("subscriber", "thread__page", "comment", "story", "topic", "person")
            .filter(pk=pk)
            .first()
        )
        if subscription is None:
            raise InvalidLink("This subscription no longer exists. Subscribe again.")
        # Conditional as well as locked: SQLite takes no row lock, and two clicks at once
        # must announce one confirmation.
        unconfirmed = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True)
        if subscription.confirmed_at is None and unconfirmed.update(confirmed_at=now):
            subscription.confirmed_at = now
            _confirmed(subscription)
        if subscription.subscriber.confirmed_at is None:
            subscription.subscriber.confirmed_at = now
            subscription.subscriber.save(update_fields=["confirmed_at"])
        if user is not None:
            verification.mark_verified(user, subscription.subscriber.address)
    return subscription


# Unsubscribing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Unsubscription:
    """What an unsubscribe link stops, described for its confirmation page."""

    scope: str
    description: str
    subscriber: Subscriber | None


def describe_unsubscribe(*, token: str) -> Unsubscription:
    scope, pk = read_unsubscribe_token(token)
    if scope == Scope.SUBSCRIPTION:
        subscription = Subscription.objects.for_display().select_related("subscriber")
        subscription = subscription.filter(pk=pk).first()
        if subscription is None:
            return Unsubscription(scope, "these emails", None)
        return Unsubscription(scope, subscription.describe(), subscription.subscriber)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    description = {
        Scope.ADDRESS: "every notification from us",
        Scope.MENTIONS: "emails when someone @mentions you",
        Scope.DIGEST: "the daily digest",
    }[scope]
    return Unsubscription(scope, description, subscriber)


def unsubscribe(*, token: str) -> Unsubscription:
    """Stop what the link names. Idempotent: a link used twice, or for something already gone,
    answers the same."""
    unsubscription = describe_unsubscribe(token=token)
    scope, pk = read_unsubscribe_token(token)
    with transaction.atomic():
        if scope == Scope.SUBSCRIPTION:
            _remove(Subscription.objects.filter(pk=pk))
        elif scope == Scope.ADDRESS:
            _remove(Subscription.objects.filter(subscriber_id=pk))
            set_mentions(subscriber_id=pk, enabled=False)
        elif scope == Scope.MENTIONS:
            set_mentions(subscriber_id=pk, enabled=False)
        elif scope == Scope.DIGEST:
            _remove(
                Subscription.objects.filter(
                    subscriber_id=pk, frequency=Subscription.Frequency.DAILY
                )
            )
            _cancel(Delivery.objects.filter(subscriber_id=pk, digest=True))
    return unsubscription


def _remove(subscriptions) -> None:
    _cancel(Delivery.objects.filter(subscription__in=subscriptions))
    # Digest lines of followers not sent yet go with what they followed.
    FollowNotice.objects.filter(subscription__in=subscriptions, posted_at__isnull=True).delete()
    subscriptions.delete()


def _cancel(deliveries) -> None:
    """Drop what was still waiting to be sent (a row a worker is sending right now finishes)."""
    deliveries.filter(status=Delivery.Status.PENDING).update(status=Delivery.Status.CANCELLED)


# Managing ----------------------------------------------------------------------------------


def subscriber_for(*, token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=read_manage_token(token)).first()
    if subscriber is None:
        raise InvalidLink("This link is not valid any more.")
    return subscriber


def subscriber_of_user(user) -> Subscriber | None:
    """A signed-in reader's own address, ready to manage, once they proved it is theirs."""
    address = user.verified_address
    if not address:
        return None
    subscriber, _ = Subscriber.objects.get_or_create(
        address=address, defaults={"confirmed_at": timezone.now()}
    )
    return subscriber


def set_frequency(*, subscriber: Subscriber, subscription_id: int, frequency: str) -> None:
    if frequency not in Subscription.Frequency.values:
        raise DiscussionError("Choose how often to be notified.")
    Subscription.objects.filter(pk=subscription_id, subscriber=subscriber).update(
        frequency=frequency
    )


def remove(*, subscriber: Subscriber, subscription_id: int) -> None:
    with transaction.atomic():
        _remove(Subscription.objects.filter(pk=subscription_id, subscriber=subscriber))


def set_mentions(*, subscriber_id: int, enabled: bool) -> None:
    with transaction.atomic():
        Subscriber.objects.filter(pk=subscriber_id).update(mentions=enabled)
        if not enabled:
            _cancel(
                Delivery.objects.filter(subscriber_id=subscriber_id, reason=Delivery.Reason.MENTION)
            )


def stop_subscriptions(*, subscriber: Subscriber) -> int:
    """Stop every subscription of the address (its mention emails stay as they are); say how many."""
    with transaction.atomic():
        subscriptions = Subscription.objects.filter(subscriber=subscriber)
        count = subscriptions.count()
        _remove(subscriptions)
    return count


def set_default_frequency(*, subscriber: Subscriber, frequency: str) -> None:
    """How often the "Notify of" control offers first to the reader with this address."""
    if frequency not in Subscription.Frequency.values:
        raise DiscussionError("Choose how often to be notified.", field="frequency")
    Subscriber.objects.filter(pk=subscriber.pk).update(default_frequency=frequency)


def default_frequency_for(user) -> str:
    """The frequency a signed-in reader chose to be offered first (immediate until they do)."""
    address = user.verified_address if user is not None else ""
    stored = (
        Subscriber.objects.filter(address=address).values_list("default_frequency", flat=True)
        if address
        else []
    )
    return next(iter(stored), Subscription.Frequency.IMMEDIATE)


def confirm_waiting(*, addresses: list[str]) -> int:
    """Confirm the subscriptions made for ``addresses`` that still wait for their emailed link,
    once their owner proved the address another way (an account's verified address); say how many.

    The caller must have that proof: this is the link's work done without the link.
    """
    addresses = [normalise_address(address) for address in addresses if address]
    if not addresses:
        return 0
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.filter(address__in=addresses, confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        waiting = Subscription.objects.filter(
            subscriber__address__in=addresses, confirmed_at__isnull=True
        )
        confirmed = list(waiting.select_for_update().order_by("pk"))
        waiting.filter(pk__in=[row.pk for row in confirmed]).update(confirmed_at=now)
        for subscription in confirmed:
            subscription.confirmed_at = now
            _confirmed(subscription)
        return len(confirmed)


def _confirmed(subscription: Subscription) -> None:
    """Tell the apps above that a subscription became confirmed, in this transaction."""
    signals.announce(signals.subscription_confirmed, Subscription, subscription=subscription)


def unsubscribe_all(*, subscriber: Subscriber) -> None:
    unsubscribe(token=unsubscribe_token(Scope.ADDRESS, subscriber.pk))


def request_manage_link(*, email: str) -> None:
    """Email a link to the management page, if the address is a confirmed subscriber's.

    The caller answers the same in every case; an unknown or unconfirmed address gets nothing.
    """
    subscriber = Subscriber.objects.filter(
        address=normalise_address(email), confirmed_at__isnull=False
    ).first()
    if subscriber is not None and _may_email(subscriber.address):
        outbox.post(emails.manage_link(subscriber))
