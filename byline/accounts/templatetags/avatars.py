"""``{% load avatars %}{% avatar user_or_none name size %}``: a person's avatar, decided by
``byline.accounts.avatars``, at ``size`` CSS pixels (hidden from screen readers: the name
beside it says who it is)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from byline.accounts.avatars import Avatar, avatar_for
from byline.accounts.models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

register = template.Library()

DEFAULT_SIZE = 40


@register.inclusion_tag("accounts/includes/avatar.html")
def avatar(
    user: User | AnonymousUser | None, name: str, size: int | str = DEFAULT_SIZE
) -> dict[str, Avatar]:
    # A template may hand over request.user: a visitor not signed in is a guest here.
    person = user if isinstance(user, User) else None
    try:
        pixels = min(max(int(size), 16), 256)
    except (TypeError, ValueError):
        pixels = DEFAULT_SIZE
    return {"avatar": avatar_for(person, str(name or ""), pixels)}
