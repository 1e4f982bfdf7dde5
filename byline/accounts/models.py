"""The reader and staff account. Custom from the first migration so it can grow freely."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser

from byline.accounts.names import NameField


class User(AbstractUser):
    """A person who signs in: a reader, an editor or a moderator."""

    display_name = NameField(
        max_length=80,
        blank=True,
        help_text="The name shown beside this person's comments; the username if empty.",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.username
