""" "Notify of" over HTTP: identical answers for strangers, GET that asks, POST that acts."""

from __future__ import annotations

import re
import time
from unittest import mock
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Delivery, Subscriber, Subscription
from byline.discussion.notify import links
from byline.discussion.notify.links import Scope
from byline.discussion.tests.factories import follower, post, trap_fields

pytestmark = [pytest.mark.django_db, pytest.mark.article(title="Who wrote the hit?")]
FRAGMENT = {"Byline-Fragment": "1"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def subscribe_url(article) -> str:
    return f"/notify/on/{article.pk}/"


class TestTheControl:
    def test_the_article_shows_notify_of_with_its_three_choices(self, client, article):
        form = soup(client.get(article.url)).select_one("form#notify")

        assert form["action"] == subscribe_url(article)
        assert form.find("label", string="Notify of") is not None
        assert [o["value"] for o in form.select("select[name=kind] option")] == [
            "article", "replies", "comment",
        ]  # fmt: skip
        assert form.select_one("input[name=email]") is not None

    def test_follow_under_a_comment_points_the_control_at_it(self, client, article):
        comment = post(article, "Follow me.")

        form = soup(client.get(f"{article.url}?follow={comment.pk}")).select_one("form#notify")

        assert form.select_one("input[name=comment]")["value"] == str(comment.pk)
        assert form.select_one("option[selected]")["value"] == "comment"
        assert "Maya Reader’s comment" in form.select_one("option[value=comment]").text

    def test_a_signed_in_reader_sees_no_address_field(self, client, article):
        client.force_login(UserFactory())

        form = soup(client.get(article.url)).select_one("form#notify")

        assert form.select_one("input[name=email]") is None


class TestSubscribing:
    def test_known_and_unknown_addresses_get_the_same_answer(self, client, article):
        follower(article, "known@example.org")
        answers = []
        for address in ("known@example.org", "unknown@example.org"):
            response = client.post(
                subscribe_url(article),
                {"email": address, "kind": "article", "frequency": "immediate"},
            )
            assert response.status_code == 200
            answers.append(without_csrf(response))

        assert answers[0] == answers[1]
        assert "Check your inbox" in answers[0]

    def test_the_script_gets_the_control_back_with_the_answer(self, client, article):
        response = client.post(
            subscribe_url(article),
            {"email": "a@example.org", "kind": "article", "frequency": "daily"},
            headers=FRAGMENT,
        )

        page = soup(response)
        assert response.status_code == 200
        assert (
            page.select_one("form#notify [role=status]")
            .get_text(strip=True)
            .startswith("Check your inbox")
        )
        assert Subscription.objects.get().frequency == "daily"

    def test_a_bad_address_is_refused_next_to_the_field(self, client, article):
        response = client.post(
            subscribe_url(article), {"email": "nope", "kind": "article", "frequency": "immediate"}
        )

        assert response.status_code == 400
        assert "valid email" in soup(response).select_one("#notify_email_error").text
        assert Subscriber.objects.count() == 0

    @pytest.mark.parametrize(
        "data",
        [
            {"email": "a@example.org", "kind": "everything", "frequency": "immediate"},
            {"email": "a@example.org", "kind": "article", "frequency": "hourly"},
            {"email": "a@example.org", "kind": "comment", "frequency": "immediate"},
            {
                "email": "a@example.org",
                "kind": "comment",
                "frequency": "immediate",
                "comment": "99999999",
            },
            {"email": "a" * 5000 + "@example.org", "kind": "article", "frequency": "immediate"},
            {
                "email": "a@example.org",
                "kind": "article",
                "frequency": "immediate",
                "comment": "1" * 40,
            },
        ],
    )
    def test_hostile_input_gets_a_clear_400(self, client, article, data):
        response = client.post(subscribe_url(article), data)

        assert response.status_code == 400
        assert soup(response).select(".errorlist, .form-errors")
        assert Subscription.objects.count() == 0

    def test_too_many_requests_from_one_client_are_refused_openly(self, client, article, settings):
        settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 2
        data = {"email": "a@example.org", "kind": "article", "frequency": "immediate"}
        statuses = [client.post(subscribe_url(article), data).status_code for _ in range(3)]

        assert statuses == [200, 200, 429]

    def test_readers_behind_one_trusted_proxy_have_a_limit_each(self, article, settings):
        """Behind the documented nginx every request comes from 127.0.0.1: the limit must
        count the address the proxy saw, or one busy reader refuses everyone else."""
        settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 2
        settings.DISCUSSION_TRUSTED_PROXIES = 1
        data = {"email": "a@example.org", "kind": "article", "frequency": "immediate"}

        def ask(reader_address: str) -> int:
            proxied = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=reader_address)
            return proxied.post(subscribe_url(article), data).status_code

        busy = [ask("198.51.100.7") for _ in range(3)]
        other = [ask("203.0.113.9") for _ in range(2)]

        assert busy == [200, 200, 429]
        assert other == [200, 200]

    def test_the_comment_form_subscribes_its_author(
        self, client, article, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/comments/on/{article.pk}/post/",
                {
                    "name": "Maya",
                    "email": "maya@example.org",
                    "body": "Hi.",
                    "notify": "replies",
                    **trap_fields(),
                },
            )

        assert response.status_code == 302 and "subscribed=1" in response["Location"]
        assert Subscription.objects.get().kind == "replies"
        assert [m.to for m in mail.outbox] == [["maya@example.org"]]
        assert "Check your inbox" in client.get(response["Location"]).content.decode()

    def test_the_comment_form_tells_the_script_what_happened(self, client, article):
        client.force_login(UserFactory(email="ada@example.org"))

        response = client.post(
            f"/comments/on/{article.pk}/post/",
            {"body": "Hi.", "notify": "article", **trap_fields()},
            headers=FRAGMENT,
        )

        assert response.status_code == 201
        assert "ada@example.org" in unquote(response["Byline-Notice"])
        assert Subscription.objects.get().is_confirmed


class TestConfirming:
    def test_get_asks_and_post_confirms(self, client, article):
        subscription = follower(article, "a@example.org", confirmed=False)
        url = f"/notify/confirm/{links.confirm_token(subscription)}/"

        asked = client.get(url)
        assert asked.status_code == 200 and "Confirm my subscription" in asked.content.decode()
        assert not Subscription.objects.get().is_confirmed

        done = client.post(url)
        assert done.status_code == 200 and "You’re subscribed" in done.content.decode()
        assert Subscription.objects.get().is_confirmed

    @pytest.mark.parametrize("token", ["garbage", "1:abc", "x" * 120])
    def test_a_bad_link_gets_a_clear_page(self, client, token):
        for method in (client.get, client.post):
            response = method(f"/notify/confirm/{token}/")
            assert response.status_code == 400
            assert "That link didn’t work" in response.content.decode()

    def test_an_absurdly_long_link_is_not_found(self, client):
        assert client.get(f"/notify/confirm/{'x' * 5000}/").status_code == 404


class TestUnsubscribing:
    def test_get_changes_nothing_and_post_unsubscribes(self, client, article):
        subscription = follower(article, "a@example.org")
        url = f"/notify/unsubscribe/{links.unsubscribe_token(Scope.SUBSCRIPTION, subscription.pk)}/"

        asked = client.get(url)
        assert "Stop emails about new comments on “Who wrote the hit?”" in asked.content.decode()
        assert Subscription.objects.count() == 1

        done = client.post(url)
        assert "You’re unsubscribed" in done.content.decode()
        assert Subscription.objects.count() == 0

    def test_one_click_works_without_cookies_or_csrf_token(self, article):
        subscription = follower(article, "a@example.org")
        url = f"/notify/unsubscribe/{links.unsubscribe_token(Scope.SUBSCRIPTION, subscription.pk)}/"

        response = Client(enforce_csrf_checks=True).post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 200
        assert Subscription.objects.count() == 0

    def test_a_forged_link_unsubscribes_nobody(self, client, article):
        follower(article, "a@example.org")

        response = client.post("/notify/unsubscribe/s1:forgedsignature/")

        assert response.status_code == 400
        assert Subscription.objects.count() == 1


class TestManaging:
    def test_the_page_lists_and_changes_the_addresss_subscriptions(self, client, article):
        subscription = follower(article, "a@example.org")
        url = f"/notify/manage/{links.manage_token(subscription.subscriber)}/"

        page = client.get(url)
        assert "New comments on “Who wrote the hit?”" in page.content.decode()

        response = client.post(
            url, {"action": "frequency", "subscription": subscription.pk, "frequency": "daily"}
        )
        assert response.status_code == 302
        assert Subscription.objects.get().frequency == "daily"
        client.post(url, {"action": "mentions-off"})
        assert not Subscriber.objects.get().mentions
        client.post(url, {"action": "remove", "subscription": subscription.pk})
        assert Subscription.objects.count() == 0

    def test_another_addresss_subscription_cannot_be_touched(self, client, article):
        mine = follower(article, "a@example.org")
        theirs = follower(article, "b@example.org")
        url = f"/notify/manage/{links.manage_token(mine.subscriber)}/"

        client.post(url, {"action": "remove", "subscription": theirs.pk})
        client.post(url, {"action": "remove", "subscription": "9" * 40})
        client.post(url, {"action": "explode"})

        assert Subscription.objects.count() == 2

    def test_asking_for_a_link_answers_the_same_for_any_address(self, client, article):
        follower(article, "known@example.org")

        answers = [
            without_csrf(client.post("/notify/", {"email": address}))
            for address in ("known@example.org", "unknown@example.org")
        ]

        assert answers[0] == answers[1]

    def test_a_signed_in_reader_goes_straight_to_their_page(self, client):
        client.force_login(UserFactory(email="ada@example.org"))

        response = client.get("/notify/")

        assert response.status_code == 302 and "/notify/manage/" in response["Location"]
        assert client.get(response["Location"]).status_code == 200


class TestAnAddressNobodyProved:
    """Issue 12: a guest follows victim@x; an attacker signs up with victim@x. Until the
    attacker proves the address is theirs, it gives them nothing and sends the victim nothing
    but the link that would prove it."""

    @pytest.fixture
    def attacker(self, client, article):
        # Sign-up now signs no one in before the address is proven; an account from before,
        # or one an editor made, can still be signed in with an address nobody proved.
        follower(article, "victim@example.org", kind="replies")
        mallory = UserFactory(username="mallory", email="Victim@Example.org", verified_email="")
        client.force_login(mallory)
        assert client.get("/").wsgi_request.user == mallory
        mail.outbox.clear()
        return mallory

    def test_notify_does_not_open_the_victims_subscriptions(self, client, attacker):
        response = client.get("/notify/")

        assert response.status_code == 200
        assert "/notify/manage/" not in response.content.decode()
        assert "Who wrote the hit?" not in response.content.decode()

    def test_the_attackers_own_subscription_waits_for_the_victims_confirmation(
        self, client, article, attacker, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                subscribe_url(article), {"kind": "article", "frequency": "immediate"}
            )

        assert response.status_code == 200
        assert "Check your inbox" in response.content.decode()
        assert Subscription.objects.get(kind="article").confirmed_at is None
        assert [m.to for m in mail.outbox] == [["victim@example.org"]]
        assert mail.outbox[0].subject.startswith("Confirm your subscription")

    def test_mentions_of_and_replies_to_the_attacker_email_the_victim_nothing(
        self, article, attacker, deliver
    ):
        mine = post(article, "I was there.", as_user=attacker)

        deliver(post, article, "@mallory are you sure?", token="bo")
        deliver(post, article, "Sure of what?", parent=mine, token="bo")

        assert not Delivery.objects.exists()
        assert mail.outbox == []


class TestManageLinksExpire:
    def test_a_manage_link_works_for_a_while_then_expires(self, client, article):
        from byline.settings import base

        subscription = follower(article, "a@example.org")
        issued = time.time()
        url = f"/notify/manage/{links.manage_token(subscription.subscriber)}/"
        lifetime = base.NOTIFICATIONS_MANAGE_LINK_DAYS * 86400

        with mock.patch("time.time", return_value=issued + lifetime - 60):
            fresh = client.get(url)
        with mock.patch("time.time", return_value=issued + lifetime + 60):
            stale = client.get(url)

        assert fresh.status_code == 200
        assert stale.status_code == 400
        assert "expired" in stale.content.decode()
        assert soup(stale).select_one("main a[href='/notify/']")
