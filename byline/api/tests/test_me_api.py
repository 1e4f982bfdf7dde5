"""``/me``, ``/me/comments`` and ``/me/subscriptions``: a reader's own, and nobody else's."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.api.callers import signed_guest_key
from byline.api.tests.grants import bearer, fresh_rate_limits, moderator, token_for  # noqa: F401
from byline.discussion.models import Comment, Subscription
from byline.discussion.tests.factories import follower, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def patch(client, path: str, body: dict, **headers):
    return client.patch(path, json.dumps(body), content_type="application/json", headers=headers)


class TestMe:
    def test_a_reader_reads_their_account(self, client):
        reader = UserFactory(display_name="Ada L.", email="ada@example.org")

        response = client.get("/api/v1/me", headers=bearer(token_for(reader, "account")))

        assert response.status_code == 200
        assert response.json() == {
            "id": reader.pk, "name": "Ada L.", "email": "ada@example.org",
            "avatar_url": None, "verified": True, "moderator": False,
        }  # fmt: skip

    def test_a_moderator_is_told_so_and_an_unproven_address_is_not_verified(self, client):
        staff = moderator(verified_email="")

        body = client.get("/api/v1/me", headers=bearer(token_for(staff, "account"))).json()

        assert body["moderator"] is True and body["verified"] is False

    def test_the_session_reads_it_too(self, client):
        reader = UserFactory()
        client.force_login(reader)

        assert client.get("/api/v1/me").json()["id"] == reader.pk

    def test_a_guest_is_unauthenticated(self, client):
        response = client.get("/api/v1/me", headers={"X-Byline-Guest": signed_guest_key("g" * 32)})

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"

    def test_a_token_without_the_account_scope_is_forbidden(self, client):
        response = client.get("/api/v1/me", headers=bearer(token_for(UserFactory(), "comment")))

        assert response.status_code == 403

    def test_a_revoked_token_is_refused(self, client):
        reader = UserFactory()
        key = token_for(reader, "account")
        reader.api_tokens.get().revoke()

        response = client.get("/api/v1/me", headers=bearer(key))

        assert response.status_code == 401
        assert response.json()["error"]["code"] == "bad_token"

    def test_an_expired_token_is_refused(self, client):
        key = token_for(UserFactory(), "account", expires_in=-dt.timedelta(seconds=1))

        response = client.get("/api/v1/me", headers=bearer(key))

        assert response.status_code == 401

    def test_a_token_for_another_site_is_refused_from_elsewhere(self, client):
        key = token_for(UserFactory(), "account", origin="https://blog.example.net")

        elsewhere = client.get(
            "/api/v1/me", headers={**bearer(key), "Origin": "https://evil.example"}
        )
        home = client.get("/api/v1/me", headers={**bearer(key), "Origin": "https://blog.example.net"})  # fmt: skip

        assert elsewhere.status_code == 401 and home.status_code == 200


@pytest.mark.article(title="Who wrote the hit?")
class TestMyComments:
    def test_newest_first_with_the_status_the_author_reads(self, client, article, settings):
        reader = UserFactory()
        published = post(article, "First.", as_user=reader)
        settings.DISCUSSION_PREMODERATE_ALL = True
        held = post(article, "Second.", as_user=reader)
        post(article, "Someone else's.")

        body = client.get(
            "/api/v1/me/comments", headers=bearer(token_for(reader, "account"))
        ).json()

        assert [(item["id"], item["status"]) for item in body["items"]] == [
            (held.pk, "held"), (published.pk, "published"),
        ]  # fmt: skip
        assert body["items"][1]["page_title"] == "Who wrote the hit?"
        assert body["items"][1]["permalink"].startswith("http")
        assert body["next"] is None

    def test_a_shadowed_comment_reads_as_published(self, client, article):
        reader = UserFactory()
        comment = post(article, "Shh.", as_user=reader)
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.SHADOWED)

        body = client.get(
            "/api/v1/me/comments", headers=bearer(token_for(reader, "account"))
        ).json()

        assert body["items"][0]["status"] == "published"

    def test_pages_follow_the_cursor_without_repeats_or_gaps(self, client, article):
        reader = UserFactory()
        written = [post(article, f"Comment {n}.", as_user=reader).pk for n in range(5)]
        # Two written in the same instant: the id breaks the tie.
        moment = timezone.now() - dt.timedelta(minutes=10)
        for n, pk in enumerate(written):
            Comment.objects.filter(pk=pk).update(created_at=moment + dt.timedelta(minutes=n // 2))
        headers = bearer(token_for(reader, "account"))

        seen, after = [], ""
        for _ in range(5):
            body = client.get(f"/api/v1/me/comments?limit=2&after={after}", headers=headers).json()
            seen += [item["id"] for item in body["items"]]
            if not body["next"]:
                break
            after = body["next"]

        assert seen == list(reversed(written))

    def test_a_forged_cursor_is_a_clear_422(self, client):
        headers = bearer(token_for(UserFactory(), "account"))

        response = client.get("/api/v1/me/comments?after=not-a-cursor", headers=headers)

        assert response.status_code == 422
        assert response.json()["error"]["field"] == "after"

    def test_a_guest_has_no_list(self, client):
        assert client.get("/api/v1/me/comments").status_code == 401


@pytest.mark.article(title="Who wrote the hit?")
class TestMySubscriptions:
    def test_the_list_holds_the_readers_addresses_and_no_one_elses(self, client, article, settings):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org", frequency="daily")
        follower(article, "someone@example.org")

        body = client.get(
            "/api/v1/me/subscriptions", headers=bearer(token_for(reader, "subscribe"))
        ).json()

        assert body == {
            "items": [
                {
                    "id": mine.pk, "kind": "article", "target_title": "Who wrote the hit?",
                    "target_url": f"{settings.BYLINE_BASE_URL}{article.url}#comments", "frequency": "daily",
                }
            ]
        }  # fmt: skip

    def test_an_unproven_address_shows_nothing(self, client, article):
        reader = UserFactory(email="ada@example.org", verified_email="")
        follower(article, "ada@example.org")

        body = client.get(
            "/api/v1/me/subscriptions", headers=bearer(token_for(reader, "subscribe"))
        ).json()

        assert body["items"] == []

    def test_a_reader_changes_how_often(self, client, article):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org")

        response = patch(
            client, f"/api/v1/me/subscriptions/{mine.pk}", {"frequency": "daily"},
            **bearer(token_for(reader, "subscribe")),
        )  # fmt: skip

        assert response.status_code == 200 and response.json()["frequency"] == "daily"
        mine.refresh_from_db()
        assert mine.frequency == "daily"

    def test_a_reader_stops_one(self, client, article):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org")

        response = client.delete(
            f"/api/v1/me/subscriptions/{mine.pk}", headers=bearer(token_for(reader, "subscribe"))
        )

        assert response.status_code == 204
        assert not Subscription.objects.filter(pk=mine.pk).exists()

    def test_nobody_changes_or_stops_anyone_elses(self, client, article):
        theirs = follower(article, "someone@example.org")
        headers = bearer(token_for(UserFactory(email="ada@example.org"), "subscribe"))

        changed = patch(client, f"/api/v1/me/subscriptions/{theirs.pk}", {"frequency": "daily"}, **headers)  # fmt: skip
        stopped = client.delete(f"/api/v1/me/subscriptions/{theirs.pk}", headers=headers)
        missing = client.delete("/api/v1/me/subscriptions/99999999", headers=headers)

        assert changed.status_code == stopped.status_code == missing.status_code == 404
        assert changed.json() == missing.json()
        theirs.refresh_from_db()
        assert theirs.frequency == "immediate"

    def test_a_token_without_the_subscribe_scope_is_forbidden(self, client, article):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org")
        headers = bearer(token_for(reader, "account", "comment"))

        assert client.get("/api/v1/me/subscriptions", headers=headers).status_code == 403
        assert client.delete(f"/api/v1/me/subscriptions/{mine.pk}", headers=headers).status_code == 403  # fmt: skip
        assert Subscription.objects.filter(pk=mine.pk).exists()

    def test_session_changes_need_the_csrf_header(self, article):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org")
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(reader)

        response = browser.delete(f"/api/v1/me/subscriptions/{mine.pk}")

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "csrf"
        assert Subscription.objects.filter(pk=mine.pk).exists()

    def test_a_bad_frequency_is_refused_and_changes_nothing(self, client, article):
        reader = UserFactory(email="ada@example.org")
        mine = follower(article, "ada@example.org")

        response = patch(
            client, f"/api/v1/me/subscriptions/{mine.pk}", {"frequency": "hourly"},
            **bearer(token_for(reader, "subscribe")),
        )  # fmt: skip

        assert response.status_code == 422
        assert response.json()["error"]["field"] == "frequency"
