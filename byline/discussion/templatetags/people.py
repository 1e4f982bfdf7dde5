"""``{% load people %}{% profile_url user as href %}``: the address of a commenter's public
page, or "" for a guest, an account that is gone, or when the site turned the pages off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.conf import settings
from django.urls import reverse

if TYPE_CHECKING:
    from byline.accounts.models import User

register = template.Library()


@register.simple_tag
def profile_url(user: User | None) -> str:
    if not settings.DISCUSSION_PUBLIC_PROFILES or user is None or not user.pk:
        return ""
    if not user.is_active:
        return ""
    # The id, never the username: that is for signing in, and may be an e-mail address.
    return reverse("discussion:person", kwargs={"user_id": user.pk})
