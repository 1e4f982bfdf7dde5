"""The emails: both parts, absolute links, one-click unsubscribe headers, nothing unescaped."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from byline.discussion.models import Comment, Delivery, NotificationEvent
from byline.discussion.notify import emails, fanout, links
from byline.discussion.tests.factories import follower, post
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.article(title="Is the <i>tour</i> on?")]


def delivered(article, body: str, **kwargs):
    subscription = follower(article, "fan@example.org", **kwargs)
    comment = post(article, body)
    fanout.expand(NotificationEvent.objects.get(comment=comment))
    return Delivery.objects.select_related("subscriber").get(), comment, subscription


def html_part(message) -> BeautifulSoup:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return BeautifulSoup(html, "html.parser")


def test_a_notification_has_both_parts_the_excerpt_and_absolute_links(article, settings):
    settings.BYLINE_BASE_URL = "https://news.example.org"
    delivery, comment, _ = delivered(article, "A source *tells* another outlet the tour is on.")

    message = emails.notification(delivery, comment)

    assert message.subject == "New comment on “Is the <i>tour</i> on?”"
    assert "A source tells another outlet the tour is on." in message.body
    assert f"https://news.example.org/comments/{comment.pk}/" in message.body
    assert f"https://news.example.org{article.url}#comments" in message.body
    assert "https://news.example.org/notify/manage/" in message.body
    links = [a["href"] for a in html_part(message).find_all("a")]
    assert all(link.startswith("https://news.example.org/") for link in links)
    assert f"https://news.example.org/comments/{comment.pk}/" in links


def test_a_notification_carries_one_click_unsubscribe_for_its_subscription(article):
    delivery, comment, subscription = delivered(article, "Hello.")

    headers = emails.notification(delivery, comment).message()

    token = links.unsubscribe_token(links.Scope.SUBSCRIPTION, subscription.pk)
    assert headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000/notify/unsubscribe/{token}/>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        headers["Message-ID"] == f"<notification.{comment.pk}.{delivery.subscriber_id}@127.0.0.1>"
    )
    assert headers["Auto-Submitted"] == "auto-generated"


def test_a_mention_email_offers_to_stop_mention_emails(article):
    delivery, comment, _ = delivered(article, "Hello.")
    delivery.subscription_id, delivery.reason = None, Delivery.Reason.MENTION

    message = emails.notification(delivery, comment)

    token = links.unsubscribe_token(links.Scope.MENTIONS, delivery.subscriber_id)
    assert token in message.extra_headers["List-Unsubscribe"]
    assert "Stop emails about @mentions" in message.body


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:12])
def test_names_titles_and_bodies_are_escaped_in_the_html_part(payload):
    article = ArticlePageFactory(title=payload[:200] or "x")
    delivery, comment, _ = delivered(article, f"Look: {payload}")
    Comment.objects.filter(pk=comment.pk).update(guest_name=payload[:80] or "x")
    comment.refresh_from_db()

    page = html_part(emails.notification(delivery, comment))

    assert page.find("script") is None
    assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs)


def test_a_long_comment_is_cut_to_an_excerpt(article):
    delivery, comment, _ = delivered(article, "word " * 400)

    message = emails.notification(delivery, comment)

    assert len(emails.excerpt(comment)) <= emails.EXCERPT_LENGTH
    assert "word word…" in message.body


def test_the_digest_lists_every_comment_and_stops_the_digest(article):
    follower(article, "fan@example.org", frequency="daily")
    first, second = post(article, "One."), post(article, "Two.")
    for event in NotificationEvent.objects.all():
        fanout.expand(event)
    deliveries = list(Delivery.objects.select_related("subscriber").order_by("pk"))
    entries = list(zip(deliveries, [first, second], strict=True))

    message = emails.digest(deliveries[0].subscriber, entries, first_id=deliveries[0].pk)

    assert message.subject == "Your daily digest: 2 new comments"
    assert [p.get_text(strip=True) for p in html_part(message).select("blockquote")] == [
        "One.",
        "Two.",
    ]
    assert links.read_unsubscribe_token(
        message.extra_headers["List-Unsubscribe"].split("/")[-2]
    ) == ("d", deliveries[0].subscriber_id)


def test_the_confirmation_email_links_to_the_confirm_page(article):
    subscription = follower(article, "new@example.org", confirmed=False)

    message = emails.confirmation(subscription)
    mail.outbox.append(message)

    assert message.to == ["new@example.org"]
    assert "/notify/confirm/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers
    assert html_part(message).find("a", string="Confirm my subscription")


@pytest.mark.parametrize("name", ["Evil\nBcc: all@example.org", "Evil\r\nName", "Evil\u2028Name"])
def test_a_name_stored_before_names_were_cleaned_never_breaks_the_subject(article, name):
    delivery, comment, _ = delivered(article, "A reply.")
    Comment.objects.filter(pk=comment.pk).update(guest_name=name)  # a row from before the fix
    delivery.reason = Delivery.Reason.REPLY

    message = emails.notification(delivery, Comment.objects.get(pk=comment.pk)).message()

    assert message["Subject"].startswith("Evil") and "\n" not in message["Subject"]
    assert "Bcc" not in message or message["Bcc"] is None
