"""Compose the discussion's emails: notifications, digests, confirmations, management links.

Every message has a plain-text and an HTML part, absolute links from ``BYLINE_BASE_URL``, and,
when it follows from a subscription, RFC 8058 one-click unsubscribe headers. Nothing here sends.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from byline.accounts.names import clean_name
from byline.discussion import markup
from byline.discussion.models import Comment, Delivery, Subscriber, Subscription
from byline.discussion.notify.links import Scope, confirm_token, manage_token, unsubscribe_token
from byline.mail.outbox import mail_domain

EXCERPT_LENGTH = 300


def absolute(path: str) -> str:
    """A path of Byline's made absolute; an address already absolute (an external page's) kept."""
    return path if "://" in path.split("?", 1)[0] else settings.BYLINE_BASE_URL + path


def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


def message_id(kind: str, *parts: int) -> str:
    """A Message-ID that is the same every time the same email is sent again, so a retry after
    an uncertain attempt is recognisably the same message (mail stores drop such duplicates)."""
    return f"<{kind}.{'.'.join(str(part) for part in parts)}@{mail_domain()}>"


def excerpt(comment: Comment) -> str:
    return Truncator(markup.plain_text(comment.body_html)).chars(EXCERPT_LENGTH)


def thread_url(comment: Comment) -> str:
    page_url = comment.thread.page_url
    return absolute(f"{page_url}#comments") if page_url else absolute(comment.get_absolute_url())


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("discussion:notify_manage", args=[manage_token(subscriber)]))


def unsubscribe_url(scope: str, pk: int) -> str:
    token = unsubscribe_token(scope, pk)
    return absolute(reverse("discussion:unsubscribe", args=[token]))


@dataclass(frozen=True)
class Item:
    """One comment as an email shows it."""

    reason: str
    author: str
    title: str
    excerpt: str
    url: str
    thread_url: str


def item(comment: Comment, reason: str) -> Item:
    return Item(
        reason=reason,
        author=comment.author_name,
        title=comment.thread.page.title,
        excerpt=excerpt(comment),
        url=absolute(comment.get_absolute_url()),
        thread_url=thread_url(comment),
    )


SUBJECTS = {
    Delivery.Reason.REPLY: "{author} replied to your comment on “{title}”",
    Delivery.Reason.MENTION: "{author} mentioned you on “{title}”",
    Delivery.Reason.COMMENT: "New reply in a conversation you follow on “{title}”",
    Delivery.Reason.ARTICLE: "New comment on “{title}”",
}


# Stand-ins for the links that differ per recipient, so that one rendering of a comment's email
# serves every recipient of it (rendering is most of the cost of a large fan-out).
UNSUBSCRIBE_MARK = "BYLINEUNSUBSCRIBEURL"
MANAGE_MARK = "BYLINEMANAGEURL"


def notification(
    delivery: Delivery, comment: Comment, *, rendered: dict | None = None
) -> EmailMultiAlternatives:
    """The email telling one recipient about one comment.

    ``rendered`` is a cache the caller keeps for a batch: the parts are rendered once per
    comment and reason, and only the recipient's own links are filled in here.
    """
    subscriber = delivery.subscriber
    if delivery.subscription_id:
        stop = unsubscribe_url(Scope.SUBSCRIPTION, delivery.subscription_id)
    else:
        stop = unsubscribe_url(Scope.MENTIONS, subscriber.pk)
    key = (comment.pk, delivery.reason, bool(delivery.subscription_id))
    cache = {} if rendered is None else rendered
    if key not in cache:
        cache[key] = _notification_parts(delivery, comment)
    subject, text, html = cache[key]
    links = ((UNSUBSCRIBE_MARK, stop), (MANAGE_MARK, manage_url(subscriber)))
    for mark, url in links:
        text, html = text.replace(mark, url), html.replace(mark, url)
    return _message(
        subject=subject,
        to=subscriber.address,
        body=text,
        html=html,
        message_id=message_id("notification", comment.pk, subscriber.pk),
        unsubscribe=stop,
    )


def _notification_parts(delivery: Delivery, comment: Comment) -> tuple[str, str, str]:
    shown = item(comment, delivery.reason)
    context = {
        "item": shown,
        "headline": Delivery.Reason(delivery.reason).label,
        "manage_url": MANAGE_MARK,
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "unsubscribe_label": (
            "Stop these emails" if delivery.subscription_id else "Stop emails about @mentions"
        ),
        "site_name": site_name(),
    }
    return (
        SUBJECTS[delivery.reason].format(author=shown.author, title=shown.title),
        render_to_string("discussion/emails/notification.txt", context),
        render_to_string("discussion/emails/notification.html", context),
    )


def _digest_context(subscriber: Subscriber, items: list, stop: str) -> dict[str, object]:
    """What both daily digests show around their items: the count and the links to change or
    stop them."""
    return {
        "items": items,
        "count": len(items),
        "manage_url": manage_url(subscriber),
        "unsubscribe_url": stop,
        "unsubscribe_label": "Stop the daily digest",
        "site_name": site_name(),
    }


def digest(
    subscriber: Subscriber, entries: list[tuple[Delivery, Comment]], first_id: int
) -> EmailMultiAlternatives:
    """One email listing every comment a recipient's daily subscriptions collected."""
    items = [item(comment, delivery.reason) for delivery, comment in entries]
    stop = unsubscribe_url(Scope.DIGEST, subscriber.pk)
    count = len(items)
    context = _digest_context(subscriber, items, stop)
    return _message(
        subject=f"Your daily digest: {count} new comment{'s' if count != 1 else ''}",
        to=subscriber.address,
        template="digest",
        context=context,
        message_id=message_id("digest", subscriber.pk, first_id),
        unsubscribe=stop,
    )


@dataclass(frozen=True)
class News:
    """One happening a follower is told of, as an email shows it."""

    headline: str
    title: str
    text: str
    url: str
    link_label: str


def news(event, *, article=None, story=None) -> News:
    """What an event says: a new article, an article joining a story, a story's new status, or
    a correction (with its whole text)."""
    kind = event.kind
    if kind == "status":
        status = event.status or "updated"
        return News(
            headline=f"“{_title(story)}” is now {status.lower()}",
            title=_title(story),
            text=event.note,
            url=_url(story),
            link_label="Follow the story",
        )
    if kind == "correction":
        correction = event.correction
        return News(
            headline=f"Correction to “{_title(article)}”",
            title=_title(article),
            text=correction.note if correction else "",
            url=_url(article),
            link_label="Read the corrected article",
        )
    headline = (
        f"“{_title(article)}” joins the story “{_title(story)}”"
        if kind == "joined"
        else f"New: “{_title(article)}”"
    )
    return News(
        headline=headline,
        title=_title(article),
        text=getattr(article, "standfirst", "") or "",
        url=_url(article),
        link_label="Read the article",
    )


def _title(page) -> str:
    return page.title if page is not None else "a removed page"


def _url(page) -> str:
    return absolute(page.url) if page is not None and page.url else absolute("/")


def follow_notice(notice, event, *, article=None, story=None) -> EmailMultiAlternatives:
    """The email telling one reader of one happening they follow (or, for a correction, that
    concerns what they discussed)."""
    shown = news(event, article=article, story=story)
    subscription = notice.subscription
    stop = unsubscribe_url(Scope.SUBSCRIPTION, notice.subscription_id)
    context = {
        "news": shown,
        "why": f"You follow {subscription.describe()}." if subscription else "",
        "manage_url": manage_url(notice.subscriber),
        "unsubscribe_url": stop,
        "unsubscribe_label": "Stop these emails",
        "site_name": site_name(),
    }
    return _message(
        subject=shown.headline,
        to=notice.subscriber.address,
        template="follow",
        context=context,
        message_id=message_id("follow", event.pk, notice.subscriber_id),
        unsubscribe=stop,
    )


def follow_digest(subscriber: Subscriber, lines: list) -> EmailMultiAlternatives:
    """One email with every happening a reader's daily follows collected."""
    items = [
        news(
            line.event,
            article=line.event.article.specific if line.event.article_id else None,
            story=line.event.story.specific if line.event.story_id else None,
        )
        for line in lines
    ]
    stop = unsubscribe_url(Scope.DIGEST, subscriber.pk)
    count = len(items)
    context = _digest_context(subscriber, items, stop)
    return _message(
        subject=f"What you follow: {count} update{'s' if count != 1 else ''}",
        to=subscriber.address,
        template="follow_digest",
        context=context,
        message_id=message_id("follow-digest", subscriber.pk, lines[0].pk),
        unsubscribe=stop,
    )


def confirmation(subscription: Subscription) -> EmailMultiAlternatives:
    """The double opt-in email: a guest confirms before anything else is sent to the address."""
    token = confirm_token(subscription)
    context = {
        "what": subscription.describe(),
        "confirm_url": absolute(reverse("discussion:notify_confirm", args=[token])),
        "days": settings.NOTIFICATIONS_CONFIRM_DAYS,
        "manage_url": manage_url(subscription.subscriber),
        "site_name": site_name(),
    }
    return _message(
        subject=f"Confirm your subscription to {context['what']}",
        to=subscription.subscriber.address,
        template="confirm",
        context=context,
    )


def manage_link(subscriber: Subscriber) -> EmailMultiAlternatives:
    context = {"manage_url": manage_url(subscriber), "site_name": site_name()}
    return _message(
        subject=f"Manage your notifications from {site_name()}",
        to=subscriber.address,
        template="manage_link",
        context=context,
    )


def _message(
    *,
    subject: str,
    to: str,
    template: str = "",
    context: dict | None = None,
    body: str = "",
    html: str = "",
    message_id: str | None = None,
    unsubscribe: str | None = None,
) -> EmailMultiAlternatives:
    if template:
        body = render_to_string(f"discussion/emails/{template}.txt", context)
        html = render_to_string(f"discussion/emails/{template}.html", context)
    # Auto-Submitted keeps vacation responders from answering a machine.
    headers = {"Auto-Submitted": "auto-generated"}
    if message_id:
        headers["Message-ID"] = message_id
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    # Subjects carry names and titles; one from a row written before names were cleaned must
    # not break the header (a line break there makes the delivery fail for good).
    subject = clean_name(subject)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
