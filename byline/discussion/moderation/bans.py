"""Moderators ban a reader from the reader's history page: their account or an address.

The ban admin (``admin/queues.BanViewSet``) makes any kind of ban; this is the short way from a
reader's record, with a reason and an optional expiry, written to Wagtail's audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from byline.discussion.errors import DiscussionError
from byline.discussion.models import Ban
from byline.discussion.threads import roles

if TYPE_CHECKING:
    from byline.accounts.models import User

BAN = "byline_discussion.ban"
LOG_ACTIONS = {BAN: ("Ban reader", "Banned a reader from the discussion")}


def ban_reader(
    *,
    moderator: User,
    user_id: int | None = None,
    email: str = "",
    reason: str = "",
    expires_at: dt.datetime | None = None,
    shadow: bool = False,
) -> Ban:
    """Ban the account ``user_id`` or, for a guest, the address ``email``."""
    if not (moderator.is_active and moderator.has_perm(roles.MODERATE)):
        raise DiscussionError("Only moderators can ban readers.")
    if expires_at is not None and expires_at <= timezone.now():
        raise DiscussionError("Choose an expiry in the future, or none for a lasting ban.")
    if user_id is not None:
        if user_id == moderator.pk:
            raise DiscussionError("You can't ban your own account.")
        if not get_user_model()._default_manager.filter(pk=user_id).exists():
            raise DiscussionError("That account no longer exists.")
        fields = {"kind": Ban.Kind.ACCOUNT, "user_id": user_id}
    elif email.strip():
        fields = {"kind": Ban.Kind.EMAIL, "email": email.strip().lower()}
    else:
        raise DiscussionError("Name the account or the address to ban.")
    with transaction.atomic():
        ban = Ban.objects.create(
            **fields, reason=reason.strip()[:300], expires_at=expires_at, shadow=shadow,
            created_by=moderator,
        )  # fmt: skip
        log(ban, BAN, user=moderator, data={"target": ban.target, "reason": ban.reason})
    return ban
