"""The addresses a signed-in reader has proven are theirs: what their account area may show and
claim. Only allauth's verified rows count, never an address typed into a form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress

from byline.discussion.models import normalise_address

if TYPE_CHECKING:
    from byline.accounts.models import User


def verified_addresses(user: User) -> list[str]:
    """The reader's verified addresses, normalised, in a stable order."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    return sorted({normalise_address(address) for address in addresses if address})
