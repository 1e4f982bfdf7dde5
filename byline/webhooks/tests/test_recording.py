"""Every event becomes one delivery per endpoint that receives it, in the transaction of the
change: disabled endpoints and events not chosen get nothing, a rollback leaves nothing, and
payloads carry no personal data."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import PageViewRestriction

from byline.accounts.tests.factories import UserFactory
from byline.discussion import signals
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Subscription
from byline.discussion.moderation import actions
from byline.discussion.notify import links, subscriptions
from byline.discussion.tests.factories import post
from byline.webhooks import events
from byline.webhooks.models import WebhookDelivery

pytestmark = pytest.mark.django_db
HOOK = "http://127.0.0.1:8250/hook"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def payloads(event: str | None = None) -> list[dict]:
    rows = WebhookDelivery.objects.order_by("pk")
    if event:
        rows = rows.filter(event=event)
    return [json.loads(row.body) for row in rows]


def test_a_published_comment_is_one_delivery_per_endpoint_that_receives_it(article, endpoint_for):
    first = endpoint_for(HOOK, [events.PUBLISHED], name="Slack")
    second = endpoint_for(HOOK + "/2", [events.PUBLISHED, events.HELD], name="Analytics")
    endpoint_for(HOOK + "/3", [events.HELD], name="Held only")
    endpoint_for(HOOK + "/4", [events.PUBLISHED], enabled=False, name="Disabled")

    comment = post(article, "I doubt the **source**.")

    rows = list(WebhookDelivery.objects.order_by("endpoint__name"))
    assert [row.endpoint for row in rows] == [second, first]
    assert {row.event for row in rows} == {events.PUBLISHED}
    assert rows[0].event_id == rows[1].event_id and rows[0].body == rows[1].body
    assert {row.status for row in rows} == {"pending"}
    body = json.loads(rows[0].body)
    assert body["id"] == str(rows[0].event_id) and body["type"] == events.PUBLISHED
    data = body["data"]["comment"]
    assert data["id"] == comment.pk and data["status"] == "published"
    assert data["body_html"] == "<p>I doubt the <strong>source</strong>.</p>"
    assert data["author"] == {"name": "Maya Reader", "member": False}
    assert data["url"].startswith("http") and data["url"].endswith(comment.get_absolute_url())
    assert data["page"]["id"] == article.pk and data["page"]["title"] == article.title


def test_without_endpoints_nothing_is_written(article):
    post(article)

    assert not WebhookDelivery.objects.exists()


def test_a_held_comment_carries_no_text_no_name_and_no_address(article, endpoint_for, settings):
    settings.DISCUSSION_PREMODERATE_ALL = True
    endpoint_for(HOOK)

    post(article, "Wait for me", token="held-guest")

    (held,) = payloads()
    assert held["type"] == events.HELD
    assert held["data"]["rule"]
    assert "body_html" not in held["data"]["comment"]
    assert "author" not in held["data"]["comment"]
    raw = WebhookDelivery.objects.get().body
    assert "held-guest@example.org" not in raw and "Wait for me" not in raw


def test_reports_moderation_and_the_auto_hold_are_each_announced(
    article, endpoint_for, moderator, settings
):
    settings.DISCUSSION_REPORT_THRESHOLD = 2
    comment = post(article, "Contested", token="author")
    endpoint_for(HOOK)

    for n, address in enumerate(["198.51.100.7", "203.0.113.9"]):
        actions.report_comment(
            comment_id=comment.pk,
            reader=Reader(guest_token=f"reporter-{n}"),
            reason="abuse",
            note="my private note",
            ip_address=address,
        )
    actions.decide(comment_ids=[comment.pk], decision="spam", moderator=moderator)

    assert [p["type"] for p in payloads()] == [
        events.REPORTED, events.REPORTED, events.HELD, events.MODERATED,
    ]  # fmt: skip
    reported = payloads(events.REPORTED)
    assert [p["data"]["report_count"] for p in reported] == [1, 2]
    assert reported[0]["data"]["report"]["reason"] == "abuse"
    (moderated,) = payloads(events.MODERATED)
    assert moderated["data"]["decision"] == "spam"
    assert moderated["data"]["previous_status"] == "pending"
    raw = "".join(WebhookDelivery.objects.values_list("body", flat=True))
    for private in ("198.51.100.7", "203.0.113.9", "my private note", moderator.username):
        assert private not in raw


def test_an_approval_is_moderated_and_published(article, endpoint_for, moderator, settings):
    settings.DISCUSSION_PREMODERATE_ALL = True
    comment = post(article, "Let me in")
    endpoint_for(HOOK, [events.MODERATED, events.PUBLISHED])

    actions.decide(comment_ids=[comment.pk], decision="approve", moderator=moderator)
    actions.decide(comment_ids=[comment.pk], decision="approve", moderator=moderator)

    assert sorted(p["type"] for p in payloads()) == [events.MODERATED, events.PUBLISHED]
    assert payloads(events.PUBLISHED)[0]["data"]["comment"]["body_html"] == "<p>Let me in</p>"


def test_an_external_pages_comment_carries_its_address_on_the_other_site(
    endpoint_for, django_capture_on_commit_callbacks
):
    from byline.embedding.external import page_for_url
    from byline.embedding.models import AllowedOrigin

    with django_capture_on_commit_callbacks(execute=True):
        AllowedOrigin.objects.create(origin="https://blog.example.org", note="Our blog")
    page = page_for_url("https://blog.example.org/2026/a-post/", "A post")
    endpoint_for(HOOK, [events.PUBLISHED])

    post(page, "Hello from the blog")

    (published,) = payloads(events.PUBLISHED)
    assert published["data"]["comment"]["page"]["url"] == "https://blog.example.org/2026/a-post/"


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_a_restricted_pages_comment_is_announced_without_its_text(
    article, endpoint_for, restriction
):
    PageViewRestriction.objects.create(
        page=article, restriction_type=restriction, password="letmein"
    )
    endpoint_for(HOOK, [events.PUBLISHED])

    post(article, "A members-only remark")

    (published,) = payloads(events.PUBLISHED)
    comment = published["data"]["comment"]
    assert "body_html" not in comment and "author" not in comment
    assert "members-only" not in WebhookDelivery.objects.get().body


def test_a_confirmed_subscription_is_announced_without_its_address(article, endpoint_for):
    endpoint_for(HOOK, [events.CONFIRMED])
    subscription = subscriptions.subscribe(page=article, kind="article", email="fan@example.org")
    assert not WebhookDelivery.objects.exists()  # a guest's waits for the emailed link

    subscriptions.confirm(token=links.confirm_token(subscription))
    subscriptions.confirm(token=links.confirm_token(subscription))

    (confirmed,) = payloads()
    assert confirmed["type"] == events.CONFIRMED
    assert confirmed["data"]["subscription"]["id"] == subscription.pk
    assert confirmed["data"]["subscription"]["kind"] == "article"
    assert "fan@example.org" not in WebhookDelivery.objects.get().body


def test_a_proven_address_is_confirmed_at_once_and_announced(article, endpoint_for):
    endpoint_for(HOOK, [events.CONFIRMED])

    subscriptions.subscribe(page=article, kind="article", user=UserFactory())

    assert [p["type"] for p in payloads()] == [events.CONFIRMED]


def test_waiting_subscriptions_confirmed_by_a_proven_account_are_each_announced(
    article, endpoint_for
):
    endpoint_for(HOOK, [events.CONFIRMED])
    waiting = subscriptions.subscribe(page=article, kind="article", email="late@example.org")

    assert subscriptions.confirm_waiting(addresses=["late@example.org"]) == 1

    (confirmed,) = payloads()
    assert confirmed["data"]["subscription"]["id"] == waiting.pk


def test_a_rolled_back_change_leaves_no_delivery(article, endpoint_for):
    endpoint_for(HOOK)

    with pytest.raises(RuntimeError), transaction.atomic():
        post(article)
        raise RuntimeError("the request failed after posting")

    assert not WebhookDelivery.objects.exists()
    assert not Comment.objects.exists()


def test_a_failing_receiver_fails_the_change_so_no_event_is_lost(article, endpoint_for, caplog):
    endpoint_for(HOOK)

    def broken(**kwargs):
        raise RuntimeError("receiver bug")

    signals.comment_published.connect(broken, dispatch_uid="test-broken")
    try:
        with pytest.raises(RuntimeError, match="receiver bug"), transaction.atomic():
            post(article)
    finally:
        signals.comment_published.disconnect(dispatch_uid="test-broken")

    # Before, the comment committed and its event was dropped; now both or neither.
    assert not Comment.objects.exists()
    assert not WebhookDelivery.objects.exists()
    assert "receiver of a discussion signal failed" in caplog.text


def test_a_subscription_confirmed_meanwhile_is_not_announced_again(
    article, endpoint_for, monkeypatch
):
    """Two requests at once read "unconfirmed"; only the one whose update confirms announces."""
    user = UserFactory()
    waiting = subscriptions.subscribe(page=article, kind="article", email=user.email)
    endpoint_for(HOOK, [events.CONFIRMED])
    stale = Subscription.objects.get(pk=waiting.pk)  # as read before the other request's commit
    Subscription.objects.filter(pk=waiting.pk).update(confirmed_at=timezone.now())
    real = Subscription.objects.get_or_create
    monkeypatch.setattr(
        Subscription.objects,
        "get_or_create",
        lambda **kwargs: (stale, False) if kwargs.get("subscriber") else real(**kwargs),
    )

    subscriptions.subscribe(page=article, kind="article", user=user)

    assert payloads() == []
