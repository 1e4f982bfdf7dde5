"""A signed-in reader mutes another account holder: that person's comments fold away for them.

Mutes are personal: a page that folds comments for one reader is marked so (``mark_personal``)
and never stored in the shared page cache or a proxy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Mute

if TYPE_CHECKING:
    from byline.accounts.models import User


def mute(*, reader: User | None, muted_id: int) -> Mute:
    """Mute the account ``muted_id`` for ``reader``; muting someone twice changes nothing."""
    if reader is None or not reader.is_authenticated:
        raise DiscussionError("Sign in to mute someone.")
    if muted_id == reader.pk:
        raise DiscussionError("You can't mute yourself.")
    if not get_user_model()._default_manager.filter(pk=muted_id).exists():
        raise DiscussionError("That account no longer exists.")
    try:
        with transaction.atomic():
            return Mute.objects.create(reader=reader, muted_id=muted_id)
    except IntegrityError:
        return Mute.objects.get(reader=reader, muted_id=muted_id)


def unmute(*, reader: User | None, muted_id: int) -> bool:
    """Unfold ``muted_id``'s comments for ``reader`` again; whether they were muted."""
    if reader is None or not reader.is_authenticated:
        return False
    deleted, _ = Mute.objects.filter(reader=reader, muted_id=muted_id).delete()
    return deleted > 0


def muted_ids(user: User | None) -> frozenset[int]:
    """The accounts ``user`` muted (none for a guest)."""
    if user is None:
        return frozenset()
    return frozenset(Mute.objects.filter(reader=user).values_list("muted_id", flat=True))


def mutes_of(user: User) -> QuerySet[Mute]:
    """``user``'s mutes, newest first, with the muted accounts, for the "Muted" page."""
    return Mute.objects.filter(reader=user).select_related("muted")
