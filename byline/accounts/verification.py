"""Proving that an account's email address belongs to its owner.

Until then the address proves nothing: it opens no one's subscriptions, skips no double
opt-in and receives no @mention. allauth proves addresses (the link or code it emails at
sign-up, on an email change, a sign-in code, a password reset); ``User.verified_email``, which
the discussion reads, follows it (``signal_handlers``), and allauth's table follows
``mark_verified``: confirming a "Notify of" subscription while signed in proves the address too.
Links Byline signed itself before allauth (account and address, with a time stamp) keep
working for ``ACCOUNTS_VERIFY_DAYS``, only in a browser signed in to that account, and only
while the account still has that address.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing

from byline.accounts.models import User, normalise_email

VERIFY_SALT = "byline.accounts.verify"


class InvalidLink(Exception):
    """A verification link that was tampered with, has expired, or is not this account's."""


def verify_token(user: User) -> str:
    # The address goes in as a digest: links end up in logs, and the address is no one's business.
    return signing.dumps({"u": user.pk, "a": _digest(user.email)}, salt=VERIFY_SALT)


def _digest(address: str) -> str:
    return hashlib.sha256(normalise_email(address).encode()).hexdigest()[:32]


def read_verify_token(token: str) -> tuple[int, str]:
    """The account a link names, and the digest of the address it was sent to."""
    max_age = dt.timedelta(days=settings.ACCOUNTS_VERIFY_DAYS)
    try:
        value = signing.loads(token, salt=VERIFY_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvalidLink("This link has expired. Ask for a new one below.") from None
    except (signing.BadSignature, ValueError):
        raise InvalidLink("This link is not valid. Check that it was copied whole.") from None
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        raise InvalidLink("This link is not valid. Check that it was copied whole.")
    return value["u"], str(value.get("a", ""))


def address_to_verify(*, token: str, user: User) -> str:
    """The address the link proves for the signed-in ``user``, or why it proves nothing."""
    pk, digest = read_verify_token(token)
    if pk != user.pk:
        raise InvalidLink("This link is for another account. Sign in to that one to use it.")
    if not user.email or _digest(user.email) != digest:
        raise InvalidLink("This account's address has changed since. Ask for a new link below.")
    return normalise_email(user.email)


def verify(*, token: str, user: User) -> str:
    """Prove the address the link was sent to, for the signed-in ``user`` it was sent for."""
    address = address_to_verify(token=token, user=user)
    mark_verified(user, address)
    return address


def mark_verified(user: User, address: str) -> bool:
    """Record that ``user`` proved ``address``, if it is still the account's; say if it was."""
    if not address or normalise_email(user.email) != normalise_email(address):
        return False
    if user.verified_address != normalise_email(address):
        user.verified_email = normalise_email(address)
        user.save(update_fields=["verified_email"])
    record_address(user)
    return True


def record_address(user: User) -> EmailAddress | None:
    """The account's address in allauth's table, its primary one, verified if the account proved
    it: what sign-in by address or by code, password reset and email changes go by."""
    address = normalise_email(user.email)
    if not address:
        return None
    email_address, _ = EmailAddress.objects.get_or_create(
        user=user, email=address, defaults={"primary": True}
    )
    if user.verified_address:
        # Unless another account proved the address first: allauth lets one account prove it.
        email_address.set_verified()
    return email_address
