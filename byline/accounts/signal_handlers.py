"""Keep ``User.verified_email`` (which the discussion reads) in step with allauth's addresses."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from byline.accounts import verification


def record_confirmed_address(sender, *, email_address: EmailAddress, **kwargs) -> None:
    """An address allauth confirmed (by link, code or password reset) is the account's proven
    one once it is the account's address (after an email change, once the new one is confirmed)."""
    verification.mark_verified(email_address.user, email_address.email)
