"""The signed links of "Notify of": confirm a subscription, unsubscribe, manage an address.

Signed with SECRET_KEY and a salt per purpose, so a link made for one purpose never works for
another; each names one stored row, and the row decides what the holder may do.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing

from byline.discussion.models import Subscriber, Subscription
from byline.discussion.row_ids import row_id

CONFIRM_SALT = "byline.discussion.notify.confirm"
UNSUBSCRIBE_SALT = "byline.discussion.notify.unsubscribe"
MANAGE_SALT = "byline.discussion.notify.manage"


class InvalidLink(Exception):
    """A link that was tampered with, has expired or was never issued."""


class Scope:
    """What an unsubscribe link stops: one subscription, or for the whole address, everything,
    the @mention emails or the daily digest."""

    SUBSCRIPTION = "s"
    ADDRESS = "a"
    MENTIONS = "m"
    DIGEST = "d"

    ALL = (SUBSCRIPTION, ADDRESS, MENTIONS, DIGEST)


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscription.pk))


def unsubscribe_token(scope: str, pk: int) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{scope}{pk}")


def manage_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=MANAGE_SALT).sign(str(subscriber.pk))


def read_confirm_token(token: str) -> int:
    max_age = dt.timedelta(days=settings.NOTIFICATIONS_CONFIRM_DAYS)
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink("This confirmation link has expired. Subscribe again.") from None
    except signing.BadSignature:
        raise InvalidLink("This link is not valid. Check that it was copied whole.") from None
    return _row_id(value)


def read_unsubscribe_token(token: str) -> tuple[str, int]:
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        raise InvalidLink("This link is not valid. Check that it was copied whole.") from None
    if value[:1] not in Scope.ALL:
        raise InvalidLink("This link is not valid. Check that it was copied whole.")
    return value[0], _row_id(value[1:])


def read_manage_token(token: str) -> int:
    """A manage link opens every subscription of an address: it works for a while only
    (``NOTIFICATIONS_MANAGE_LINK_DAYS``), so an old email found later opens nothing."""
    max_age = dt.timedelta(days=settings.NOTIFICATIONS_MANAGE_LINK_DAYS)
    try:
        value = signing.TimestampSigner(salt=MANAGE_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink("This link has expired. Ask for a new one.") from None
    except ValueError:
        # Signed without a time, as manage links were before they expired: too old anyway.
        raise InvalidLink("This link has expired. Ask for a new one.") from None
    except signing.BadSignature:
        raise InvalidLink("This link is not valid. Check that it was copied whole.") from None
    return _row_id(value)


def _row_id(value: str) -> int:
    found = row_id(value)
    if found is None:
        raise InvalidLink("This link is not valid. Check that it was copied whole.")
    return found
