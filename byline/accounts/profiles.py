"""A reader's profile: the name, short bio and picture others see beside their comments.

The bio is one paragraph of plain text: written as typed, escaped wherever it is shown, and
refused when it holds anything that looks like markup, so that no row ever carries a script for
a later template, export or feed to trip over. Changing a profile is one workflow
(``update_profile``): the picture's files are written before the row and the replaced ones
deleted only once the row has committed, and ``profile_changed`` tells the apps above (the
discussion purges the pages that show the reader's comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal

from byline.accounts import pictures
from byline.accounts.names import clean_name

if TYPE_CHECKING:
    from byline.accounts.models import User

BIO_MAX_LENGTH = 300
# A tag, a comment or a declaration: "<" followed by a letter, "/", "!" or "?". "I <3 films"
# and "a < b" are plain text and pass.
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")
NO_MARKUP = "Your bio is plain text: leave out HTML tags (anything like <b> or <script>)."

# Sent (inside the transaction) with ``user`` when their name or picture changed.
profile_changed = Signal()


def clean_bio(value: str) -> str:
    """The bio as one paragraph: line breaks and runs of spaces become one space, invisible and
    control characters go, as in names (``byline.accounts.names``)."""
    return clean_name(value)


def validate_bio(value: str) -> None:
    if MARKUP.search(value or ""):
        raise ValidationError(NO_MARKUP, code="markup")


@dataclass(frozen=True)
class ProfileChange:
    display_name: str
    bio: str
    picture: pictures.Picture | None = None
    remove_picture: bool = False


def update_profile(*, user: User, change: ProfileChange) -> User:
    """Save the reader's name, bio and picture; a new picture replaces the old, whose files are
    deleted once the change commits (and the new ones if the save fails)."""
    name_before = user.public_name
    old_files = [name for name in (user.avatar.name, user.avatar_small.name) if name]
    new_files: list[str] = []
    if change.picture is not None:
        new_files = pictures.store(change.picture)
        user.avatar.name, user.avatar_small.name = new_files
    elif change.remove_picture:
        user.avatar.name = user.avatar_small.name = ""
    else:
        old_files = []
    user.display_name = change.display_name
    user.bio = clean_bio(change.bio)
    try:
        with transaction.atomic():
            # NameField cleans display_name as it saves, so public_name is the stored one after.
            user.save(update_fields=["display_name", "bio", "avatar", "avatar_small"])
            if user.public_name != name_before or new_files or old_files:
                profile_changed.send(sender=type(user), user=user)
            transaction.on_commit(lambda: pictures.delete(old_files))
    except BaseException:
        pictures.delete(new_files)
        raise
    return user
