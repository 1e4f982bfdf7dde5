"""The archive of one person's data: every row Byline holds about them, as JSON and as a page.

``collect`` reads (nothing else does: the JSON and the HTML are two views of its answer, so the
readable page can never show less than the data file). What the archive leaves out, and why:

- the text of emails sent to the person: it holds live links (management links, sign-in
  codes) that are the person's keys, and a leaked archive must not open their account;
- bans' reasons (moderators' notes, never shown) and shadow bans (telling would undo them);
- other people's data: replies, votes and reports by others are counted, never named (the
  accounts the person muted appear by their public name, as on the person's "Muted" page; who
  muted the person is others' private choice and is left out).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from byline.discussion.models import Ban, Subscription
from byline.discussion.privacy.subjects import DataSubject
from byline.discussion.threads import muting

ARCHIVE_FORMAT = 1


def _when(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _url(path: str) -> str:
    # An external page's address is already absolute (see Thread.page_url).
    return path if "://" in path.split("?", 1)[0] else f"{settings.BYLINE_BASE_URL}{path}"


def collect(subject: DataSubject, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Everything Byline holds about ``subject``, as plain JSON values, newest last."""
    return {
        "format": ARCHIVE_FORMAT,
        "site": settings.WAGTAIL_SITE_NAME,
        "generated_at": _when(now or timezone.now()),
        "addresses": list(subject.addresses),
        "account": _account(subject),
        "comments": _comments(subject),
        "votes": _votes(subject),
        "reports": _reports(subject),
        "subscribers": _subscribers(subject),
        "notification_deliveries": _deliveries(subject),
        "emails": _emails(subject),
        "bans": _bans(subject),
        "mutes": _mutes(subject),
        "social_accounts": _social_accounts(subject),
    }


def _account(subject: DataSubject) -> dict[str, Any] | None:
    user = subject.user
    if user is None:
        return None
    from allauth.account.models import EmailAddress

    return {
        "username": user.username,
        "display_name": user.display_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "verified_email": user.verified_email,
        "bio": user.bio,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "picture": _picture(user),
        "email_addresses": [
            {"address": row.email, "verified": row.verified, "primary": row.primary}
            for row in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _picture(user) -> list[dict[str, str]]:
    """The profile picture's files (large, then small) and where they are served."""
    return [
        {"file": field.name, "url": _url(field.url) if field.url.startswith("/") else field.url}
        for field in (user.avatar, user.avatar_small)
        if field.name
    ]


def _mutes(subject: DataSubject) -> list[dict[str, Any]]:
    if subject.user is None:
        return []
    rows = muting.mutes_of(subject.user).order_by("created_at", "pk")
    return [{"muted": mute.muted.public_name, "since": _when(mute.created_at)} for mute in rows]


def _social_accounts(subject: DataSubject) -> list[dict[str, Any]]:
    """Accounts elsewhere the person signs in with, and the profile each provider sent."""
    if subject.user is None:
        return []
    from allauth.socialaccount.models import SocialAccount

    return [
        {
            "provider": account.provider,
            "uid": account.uid,
            "date_joined": _when(account.date_joined),
            "last_login": _when(account.last_login),
            "extra_data": account.extra_data,
        }
        for account in SocialAccount.objects.filter(user=subject.user).order_by("pk")
    ]


def _comments(subject: DataSubject) -> list[dict[str, Any]]:
    rows = subject.comments().select_related("thread__page").order_by("created_at", "pk")
    return [
        {
            "id": comment.pk,
            "article": comment.thread.page.title,
            "article_url": _url(comment.thread.page_url),
            "permalink": _url(comment.get_absolute_url()),
            "in_reply_to": comment.parent_id,
            "status": comment.get_status_display(),
            "written_as": "account" if comment.author_id else "guest",
            "name": comment.guest_name,
            "email": comment.guest_email,
            "body": comment.body,
            "created_at": _when(comment.created_at),
            "edited_at": _when(comment.edited_at),
            "removed_at": _when(comment.removed_at),
            "score": comment.score,
            "upvotes": comment.upvotes,
            "downvotes": comment.downvotes,
            "replies": comment.reply_count,
            "moderation_reason": comment.moderation_reason,
            # Dropped after PRIVACY_IP_RETENTION_DAYS; shown only while it is still kept.
            **({"ip_address": comment.ip_address} if comment.ip_address else {}),
        }
        for comment in rows
    ]


def _votes(subject: DataSubject) -> list[dict[str, Any]]:
    rows = subject.votes().select_related("comment__thread__page").order_by("created_at", "pk")
    return [
        {
            "comment": vote.comment_id,
            "article": vote.comment.thread.page.title,
            "vote": "up" if vote.value > 0 else "down",
            "created_at": _when(vote.created_at),
            **({"network": vote.network} if vote.network else {}),
        }
        for vote in rows
    ]


def _reports(subject: DataSubject) -> list[dict[str, Any]]:
    rows = subject.reports().select_related("comment__thread__page").order_by("created_at", "pk")
    return [
        {
            "comment": report.comment_id,
            "article": report.comment.thread.page.title,
            "reason": report.get_reason_display(),
            "note": report.note,
            "created_at": _when(report.created_at),
            "resolved_at": _when(report.resolved_at),
            **({"ip_address": report.ip_address} if report.ip_address else {}),
        }
        for report in rows
    ]


def _subscribers(subject: DataSubject) -> list[dict[str, Any]]:
    found = []
    for subscriber in subject.subscribers().order_by("address"):
        subscriptions = Subscription.objects.filter(subscriber=subscriber).select_related(
            "thread__page", "comment", "story", "topic", "person"
        )
        found.append(
            {
                "address": subscriber.address,
                "confirmed_at": _when(subscriber.confirmed_at),
                "mentions": subscriber.mentions,
                "created_at": _when(subscriber.created_at),
                "subscriptions": [
                    {
                        "follows": subscription.get_kind_display(),
                        "what": subscription.describe(),
                        "article": subscription.thread.page.title if subscription.thread else None,
                        "comment": subscription.comment_id,
                        "frequency": subscription.get_frequency_display(),
                        "confirmed_at": _when(subscription.confirmed_at),
                        "created_at": _when(subscription.created_at),
                    }
                    for subscription in subscriptions.order_by("created_at", "pk")
                ],
            }
        )
    return found


def _deliveries(subject: DataSubject) -> list[dict[str, Any]]:
    rows = subject.deliveries().select_related("subscriber").order_by("created_at", "pk")
    return [
        {
            "address": delivery.subscriber.address,
            "comment": delivery.comment_id,
            "reason": delivery.get_reason_display(),
            "digest": delivery.digest,
            "status": delivery.get_status_display(),
            "created_at": _when(delivery.created_at),
            "sent_at": _when(delivery.sent_at),
        }
        for delivery in rows
    ]


def _emails(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "to": email.recipient,
            "subject": email.subject,
            "status": email.get_status_display(),
            "created_at": _when(email.created_at),
            "sent_at": _when(email.sent_at),
        }
        for email in subject.emails().order_by("created_at", "pk")
    ]


def _bans(subject: DataSubject) -> list[dict[str, Any]]:
    condition = Q(kind=Ban.Kind.EMAIL, email__in=subject.addresses)
    if subject.user is not None:
        condition |= Q(kind=Ban.Kind.ACCOUNT, user_id=subject.user.pk)
    rows = Ban.objects.filter(condition, shadow=False).order_by("created_at", "pk")
    return [
        {
            "on": ban.get_kind_display(),
            "target": ban.email if ban.kind == Ban.Kind.EMAIL else "this account",
            "since": _when(ban.created_at),
            "until": _when(ban.expires_at),
        }
        for ban in rows
    ]


def render_html(data: dict[str, Any]) -> str:
    """The archive as one self-contained page (no script, no outside resource)."""
    return render_to_string("discussion/privacy/archive.html", {"data": data})


def zipped(data: dict[str, Any]) -> bytes:
    """The archive's file: ``data.json`` and ``index.html`` (the same, readable), zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr("index.html", render_html(data))
    return buffer.getvalue()
