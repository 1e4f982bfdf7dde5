"""Issuing API tokens: Wagtail's ``APIToken`` (hashed key, shown once, revocable) with Byline's
``TokenGrant`` (scopes, expiry, and for a reader's embed token its one site), made together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from wagtail.models import APIToken

from byline.api.models import Scope, TokenGrant

if TYPE_CHECKING:
    from byline.accounts.models import User


def issue(
    *,
    user: User,
    name: str,
    scopes: Iterable[str],
    expires_at: dt.datetime | None = None,
    origin: str = "",
) -> tuple[APIToken, str]:
    """A new token for ``user`` and its plaintext key, which is never stored: show it once."""
    with transaction.atomic():
        token, key = APIToken.create_token(user=user, name=name)
        grant(token=token, scopes=scopes, expires_at=expires_at, origin=origin)
    return token, key


def grant(
    *,
    token: APIToken,
    scopes: Iterable[str],
    expires_at: dt.datetime | None = None,
    origin: str = "",
) -> TokenGrant:
    """Give a new token Byline's scopes and expiry; unknown scopes are a programming error."""
    chosen = sorted(set(scopes))
    unknown = set(chosen) - set(Scope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}.")
    return TokenGrant.objects.create(
        token=token, scopes=chosen, expires_at=expires_at, origin=origin
    )
