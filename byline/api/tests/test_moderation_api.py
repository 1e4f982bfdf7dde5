"""The moderation queues and decisions through the API: moderators only, the admin's queues,
``decide()``'s effects, and refusals in the one error shape."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from byline.accounts.tests.factories import UserFactory
from byline.api.tests.grants import bearer, fresh_rate_limits, moderator, token_for  # noqa: F401
from byline.discussion.identity import Reader
from byline.discussion.models import Comment
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import post

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.article(title="Who wrote the hit?"),
    pytest.mark.usefixtures("fresh_rate_limits"),
]


@pytest.fixture
def held(article, settings):
    settings.DISCUSSION_PREMODERATE_ALL = True
    comments = [post(article, f"Held {n}.", token=f"guest-{n}") for n in range(3)]
    settings.DISCUSSION_PREMODERATE_ALL = False
    return comments


def decide(client, body: dict, **headers):
    return client.post(
        "/api/v1/moderation/decisions", json.dumps(body), content_type="application/json",
        headers=headers,
    )  # fmt: skip


class TestQueues:
    def test_the_held_queue_lists_held_comments_oldest_first_with_their_authors(self, client, held):
        key = token_for(moderator(), "moderate")

        body = client.get("/api/v1/moderation/queues/held", headers=bearer(key)).json()

        assert [item["id"] for item in body["items"]] == [comment.pk for comment in held]
        first = body["items"][0]
        assert first["status"] == "held" and first["rule"] == "premoderation"
        assert first["author"]["account_id"] is None
        assert first["author"]["email"] == "guest-0@example.org"
        assert first["author"]["history"] == {"held": 1}
        assert first["admin_url"].endswith(f"/admin/moderation/comment/{held[0].pk}/")

    def test_pending_is_the_same_queue(self, client, held):
        headers = bearer(token_for(moderator(), "moderate"))

        held_queue = client.get("/api/v1/moderation/queues/held", headers=headers).json()
        pending = client.get("/api/v1/moderation/queues/pending", headers=headers).json()

        assert held_queue == pending

    def test_the_reported_queue_shows_open_reports(self, client, article):
        comment = post(article, "Reported.")
        actions.report_comment(
            comment_id=comment.pk, reader=Reader(guest_token="another"), reason="abuse",
            note="Rude.", ip_address="198.51.100.1",
        )  # fmt: skip
        headers = bearer(token_for(moderator(), "moderate"))

        body = client.get("/api/v1/moderation/queues/reported", headers=headers).json()

        assert [item["id"] for item in body["items"]] == [comment.pk]
        assert body["items"][0]["reports"][0]["reason"] == "abuse"
        assert body["items"][0]["reports"][0]["note"] == "Rude."

    def test_pages_follow_the_cursor(self, client, held):
        headers = bearer(token_for(moderator(), "moderate"))

        first = client.get("/api/v1/moderation/queues/held?limit=2", headers=headers).json()
        second = client.get(
            f"/api/v1/moderation/queues/held?limit=2&after={first['next']}", headers=headers
        ).json()

        assert [i["id"] for i in first["items"] + second["items"]] == [c.pk for c in held]
        assert second["next"] is None

    def test_an_unknown_queue_names_the_queues(self, client):
        headers = bearer(token_for(moderator(), "moderate"))

        response = client.get("/api/v1/moderation/queues/everything", headers=headers)

        assert response.status_code == 404
        assert "held, reported, approved, rejected" in response.json()["error"]["message"]


class TestWhoMay:
    def test_a_reader_is_forbidden(self, client, held):
        response = client.get(
            "/api/v1/moderation/queues/held", headers=bearer(token_for(UserFactory()))
        )

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"

    def test_a_reader_with_a_session_is_forbidden_to_decide(self, held):
        browser = Client()
        browser.force_login(UserFactory())

        response = decide(browser, {"comment_ids": [held[0].pk], "decision": "approve"})

        assert response.status_code == 403
        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.PENDING

    def test_a_moderators_token_without_the_scope_is_forbidden(self, client, held):
        key = token_for(moderator(), "comment", "account")

        response = decide(client, {"comment_ids": [held[0].pk], "decision": "approve"}, **bearer(key))  # fmt: skip

        assert response.status_code == 403
        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.PENDING

    def test_anonymous_callers_are_unauthenticated(self, client, held):
        assert client.get("/api/v1/moderation/queues/held").status_code == 401

    def test_a_moderator_who_lost_the_permission_is_forbidden(self, client, held):
        staff = moderator()
        key = token_for(staff, "moderate")
        staff.groups.clear()

        response = client.get("/api/v1/moderation/queues/held", headers=bearer(key))

        assert response.status_code == 403

    def test_a_session_decision_needs_the_csrf_header(self, held):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(moderator())

        response = decide(browser, {"comment_ids": [held[0].pk], "decision": "approve"})

        assert response.status_code == 403
        assert response.json()["error"]["code"] == "csrf"
        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.PENDING


class TestDecisions:
    def test_approving_publishes_and_writes_the_audit_log(self, client, held):
        staff = moderator()

        response = decide(
            client, {"comment_ids": [held[0].pk, held[1].pk, held[1].pk], "decision": "approve"},
            **bearer(token_for(staff, "moderate")),
        )  # fmt: skip

        assert response.status_code == 200
        assert response.json() == {"changed": 2, "message": "2 comments approved."}
        statuses = Comment.objects.filter(pk__in=[c.pk for c in held]).order_by("pk")
        assert [c.status for c in statuses] == ["published", "published", "pending"]
        assert ModelLogEntry.objects.filter(action=actions.APPROVE, user=staff).count() == 2

    def test_the_message_counts_what_changed_not_what_was_asked(self, client, held):
        staff = moderator()
        ids = [held[0].pk, held[1].pk]
        decide(client, {"comment_ids": [held[0].pk], "decision": "approve"},
               **bearer(token_for(staff, "moderate")))  # fmt: skip

        response = decide(
            client, {"comment_ids": ids, "decision": "approve"},
            **bearer(token_for(staff, "moderate")),
        )  # fmt: skip

        assert response.json() == {"changed": 1, "message": "1 comment approved."}

    def test_spam_hides_and_marks(self, client, held):
        response = decide(
            client, {"comment_ids": [held[2].pk], "decision": "spam"},
            **bearer(token_for(moderator(), "moderate")),
        )  # fmt: skip

        comment = Comment.objects.get(pk=held[2].pk)
        assert response.json()["changed"] == 1
        assert comment.status == Comment.Status.HIDDEN and comment.is_spam

    @pytest.mark.parametrize(
        "body, field",
        [
            ({"comment_ids": [], "decision": "approve"}, "comment_ids"),
            ({"comment_ids": [1], "decision": "delete"}, "decision"),
            ({"comment_ids": [2**64], "decision": "approve"}, "comment_ids.0"),
            ({"comment_ids": list(range(1, 502)), "decision": "approve"}, "comment_ids"),
        ],
    )
    def test_bad_decisions_are_refused_with_the_field(self, client, held, body, field):
        response = decide(client, body, **bearer(token_for(moderator(), "moderate")))

        assert response.status_code == 422
        assert response.json()["error"]["field"] == field
        assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 3
