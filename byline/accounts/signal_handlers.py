"""Keep ``User.verified_email`` (which the discussion reads) in step with allauth's addresses,
and take an account's picture files with it when it is deleted."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from byline.accounts import pictures, verification


def record_confirmed_address(sender, *, email_address: EmailAddress, **kwargs) -> None:
    """An address allauth confirmed (by link, code or password reset) is the account's proven
    one once it is the account's address (after an email change, once the new one is confirmed)."""
    verification.mark_verified(email_address.user, email_address.email)


def delete_pictures(sender, *, instance, **kwargs) -> None:
    """A deleted account (erased by its reader, or deleted in the admin) leaves no picture in
    MEDIA_ROOT; the files go once the deletion is committed, so a rollback keeps them."""
    names = [name for name in (instance.avatar.name, instance.avatar_small.name) if name]
    if names:
        transaction.on_commit(lambda: pictures.delete(names))
