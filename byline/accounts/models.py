"""The reader and staff account. Custom from the first migration so it can grow freely."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from byline.accounts.names import NameField
from byline.accounts.profiles import BIO_MAX_LENGTH, validate_bio


def normalise_email(address: str) -> str:
    """The form addresses are compared in (the discussion stores subscribers' the same way)."""
    return (address or "").strip().lower()


class User(AbstractUser):
    """A person who signs in: a reader, an editor or a moderator."""

    display_name = NameField(
        max_length=80,
        blank=True,
        help_text="The name shown beside this person's comments; the username if empty.",
    )
    # The address itself rather than a flag, so that changing ``email`` (here, in the admin or
    # by a later accounts library) unproves it without anyone having to remember to.
    verified_email = models.EmailField(
        blank=True,
        help_text=(
            "The address this person proved is theirs by following a link sent to it; empty "
            "until then. Until it matches the email address, that address proves nothing."
        ),
    )

    bio = models.CharField(
        max_length=BIO_MAX_LENGTH,
        blank=True,
        validators=[validate_bio],
        help_text="A short paragraph of plain text about this person, shown on their public page.",
    )
    # The uploaded picture, re-encoded by ``byline.accounts.pictures`` (square, no metadata)
    # under a random name, in two sizes: the profile's and the thread's. Empty: no picture.
    avatar = models.ImageField(blank=True, editable=False)
    avatar_small = models.ImageField(blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def verified_address(self) -> str:
        """The account's address if its owner proved it is theirs, else ""."""
        address = normalise_email(self.email)
        return address if address and address == normalise_email(self.verified_email) else ""
