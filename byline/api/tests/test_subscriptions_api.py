"""``POST /threads/{page_id}/subscriptions``: "Notify of" through the API, with the control's
rules, answers and limits."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.api.tests.grants import bearer, fresh_rate_limits, token_for  # noqa: F401
from byline.discussion.models import Subscriber, Subscription
from byline.discussion.tests.factories import follower, post

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.article(title="Who wrote the hit?"),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


def url(article) -> str:
    return f"/api/v1/threads/{article.pk}/subscriptions"


def subscribe(client, article, body: dict, **headers):
    return client.post(url(article), json.dumps(body), content_type="application/json", headers=headers)  # fmt: skip


class TestGuests:
    def test_a_guest_is_asked_to_confirm_and_the_link_is_emailed(
        self, client, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = subscribe(client, article, {"kind": "article", "email": "Ann@Example.org"})

        assert response.status_code == 201
        assert response.json()["status"] == "confirm_by_email"
        assert response.json()["message"].startswith("Check your inbox")
        subscription = Subscription.objects.get()
        assert subscription.subscriber.address == "ann@example.org"
        assert not subscription.is_confirmed
        assert [m.to for m in mail.outbox] == [["ann@example.org"]]

    def test_known_and_unknown_addresses_get_the_same_answer(self, client, article):
        follower(article, "known@example.org")

        answers = [
            subscribe(client, article, {"kind": "article", "email": address}).json()
            for address in ("known@example.org", "unknown@example.org")
        ]

        assert answers[0] == answers[1]

    def test_a_guest_without_an_address_is_told_to_give_one(self, client, article):
        response = subscribe(client, article, {"kind": "article"})

        assert response.status_code == 422
        assert response.json()["error"]["field"] == "email"
        assert Subscriber.objects.count() == 0

    def test_confirmation_emails_to_one_address_are_limited_quietly(
        self, client, article, settings, django_capture_on_commit_callbacks
    ):
        settings.NOTIFICATIONS_CONFIRMATIONS_PER_HOUR = 1
        with django_capture_on_commit_callbacks(execute=True):
            statuses = [
                subscribe(client, article, {"kind": kind, "email": "a@example.org"}).status_code
                for kind in ("article", "replies")
            ]

        assert statuses == [201, 201]
        assert len(mail.outbox) == 1


class TestReaders:
    def test_a_reader_with_a_proven_address_is_subscribed_at_once(self, client, article):
        reader = UserFactory(email="ada@example.org")

        response = subscribe(
            client, article, {"kind": "article", "frequency": "daily"},
            **bearer(token_for(reader, "subscribe")),
        )  # fmt: skip

        assert response.status_code == 201
        assert response.json()["status"] == "active"
        assert "ada@example.org" in response.json()["message"]
        subscription = Subscription.objects.get()
        assert subscription.is_confirmed and subscription.frequency == "daily"

    def test_an_address_in_the_body_does_not_replace_the_readers_own(self, client, article):
        reader = UserFactory(email="ada@example.org")

        subscribe(
            client, article, {"kind": "article", "email": "someone.else@example.org"},
            **bearer(token_for(reader, "subscribe")),
        )  # fmt: skip

        assert list(Subscriber.objects.values_list("address", flat=True)) == ["ada@example.org"]

    def test_an_unproven_address_must_be_confirmed_first(self, client, article):
        reader = UserFactory(email="new@example.org", verified_email="")

        response = subscribe(
            client, article, {"kind": "article"}, **bearer(token_for(reader, "subscribe"))
        )

        assert response.json()["status"] == "confirm_by_email"
        assert not Subscription.objects.get().is_confirmed

    def test_following_one_comment_names_it(self, client, article):
        comment = post(article, "Follow me.")
        reader = UserFactory()

        response = subscribe(
            client, article, {"kind": "comment", "comment_id": comment.pk},
            **bearer(token_for(reader, "subscribe")),
        )  # fmt: skip

        assert response.status_code == 201
        assert Subscription.objects.get().comment == comment

    @pytest.mark.parametrize(
        "body, field",
        [
            ({"kind": "comment"}, "kind"),
            ({"kind": "comment", "comment_id": 999999}, "kind"),
            ({"kind": "everything"}, "kind"),
            ({"kind": "article", "frequency": "hourly"}, "frequency"),
            ({"kind": "article", "comment_id": 2**70}, "comment_id"),
        ],
    )
    def test_bad_requests_are_refused_with_the_field(self, client, article, body, field):
        reader = UserFactory()

        response = subscribe(client, article, body, **bearer(token_for(reader, "subscribe")))

        assert response.status_code in (400, 422)
        assert response.json()["error"]["field"] == field
        assert Subscription.objects.count() == 0


class TestWhoMay:
    def test_a_token_without_the_subscribe_scope_is_refused(self, client, article):
        response = subscribe(
            client, article, {"kind": "article"}, **bearer(token_for(UserFactory(), "comment"))
        )

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
        assert Subscription.objects.count() == 0

    def test_a_session_must_send_the_csrf_header(self, article):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(UserFactory())

        response = subscribe(browser, article, {"kind": "article"})

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "csrf"
        assert Subscription.objects.count() == 0

    def test_a_session_with_the_csrf_header_subscribes(self, article):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(UserFactory())
        browser.get(article.url)
        csrf = browser.cookies["csrftoken"].value

        response = subscribe(browser, article, {"kind": "article"}, **{"X-CSRFToken": csrf})

        assert response.status_code == 201

    def test_a_page_without_a_discussion_is_not_found(self, client, article):
        response = client.post(
            f"/api/v1/threads/{article.get_parent().pk}/subscriptions",
            json.dumps({"kind": "article", "email": "a@example.org"}),
            content_type="application/json",
        )

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


class TestRateLimits:
    def test_too_many_requests_from_one_client_get_429_with_retry_after(
        self, client, article, settings
    ):
        settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 2
        body = {"kind": "article", "email": "a@example.org"}

        responses = [subscribe(client, article, body) for _ in range(3)]

        assert [r.status_code for r in responses] == [201, 201, 429]
        assert responses[-1].json()["error"]["code"] == "rate_limited"
        assert int(responses[-1]["Retry-After"]) > 0

    def test_the_api_and_the_form_share_one_limit(self, client, article, settings):
        settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 2
        form = {"email": "a@example.org", "kind": "article", "frequency": "immediate"}
        client.post(f"/notify/on/{article.pk}/", form)
        client.post(f"/notify/on/{article.pk}/", form)

        response = subscribe(client, article, {"kind": "article", "email": "a@example.org"})

        assert response.status_code == 429
