"""Compose the emails of readers' data: an archive's download link, and a guest's link that
proves their address. Nothing here sends: callers hand them to ``byline.mail.outbox.post``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from byline.discussion.models import DataExport
from byline.discussion.privacy import links


def _absolute(path: str) -> str:
    return settings.BYLINE_BASE_URL + path


def _message(*, subject: str, to: str, template: str, context: dict) -> EmailMultiAlternatives:
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    body = render_to_string(f"discussion/privacy/emails/{template}.txt", context)
    html = render_to_string(f"discussion/privacy/emails/{template}.html", context)
    # Auto-Submitted keeps vacation responders from answering a machine.
    message = EmailMultiAlternatives(
        subject=subject, body=body, to=[to], headers={"Auto-Submitted": "auto-generated"}
    )
    message.attach_alternative(html, "text/html")
    return message


def download_url(export: DataExport) -> str:
    return _absolute(reverse("my_data_download", args=[links.download_token(export.pk)]))


def archive_ready(export: DataExport) -> EmailMultiAlternatives:
    return _message(
        subject=f"Your data from {settings.WAGTAIL_SITE_NAME} is ready",
        to=export.address,
        template="archive_ready",
        context={"url": download_url(export), "expires_at": export.expires_at},
    )


def guest_link(address: str, action: str) -> EmailMultiAlternatives:
    url = _absolute(reverse("my_data_guest_confirm", args=[links.guest_token(address, action)]))
    doing = "download" if action == links.EXPORT else "erase"
    return _message(
        subject=f"Confirm: {doing} your data at {settings.WAGTAIL_SITE_NAME}",
        to=address,
        template="guest_link",
        context={
            "url": url,
            "action": action,
            "address": address,
            "hours": settings.PRIVACY_GUEST_LINK_HOURS,
        },
    )
