"""Compose accounts' emails (a plain-text and an HTML part, absolute links). Nothing here sends."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from byline.accounts.models import User


def verification(user: User, *, token: str) -> EmailMultiAlternatives:
    """The link that proves ``user``'s address; ``token`` is ``verification.verify_token``'s."""
    path = reverse("accounts:verify", args=[token])
    context = {
        "user": user,
        "verify_url": settings.BYLINE_BASE_URL + path,
        "days": settings.ACCOUNTS_VERIFY_DAYS,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your email address for {settings.WAGTAIL_SITE_NAME}",
        body=render_to_string("accounts/emails/verify.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(
        render_to_string("accounts/emails/verify.html", context), "text/html"
    )
    return message
