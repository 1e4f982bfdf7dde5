"""What the API's account, moderation and newsroom tests share: tokens with chosen scopes,
moderators, and the Authorization header."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.api import tokens

ALL_SCOPES = ("comment", "subscribe", "account", "moderate")


def token_for(user, *scopes: str, expires_in: dt.timedelta | None = None, origin: str = "") -> str:
    """A key for ``user`` with ``scopes`` (every scope when none is named)."""
    expires_at = timezone.now() + expires_in if expires_in is not None else None
    _, key = tokens.issue(
        user=user, name="Test integration", scopes=scopes or ALL_SCOPES,
        expires_at=expires_at, origin=origin,
    )  # fmt: skip
    return key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def moderator(**fields):
    """Staff in Wagtail's Moderators group, which the migrations let moderate comments."""
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def fresh_rate_limits():
    """No counts left from another test in the site's one limiter."""
    cache.clear()
    yield
    cache.clear()
