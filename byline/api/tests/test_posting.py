"""Posting through the API: guests and members, the same pipeline, sanitiser, limits and
effects as the comment form, and inert hostile input."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from byline.api.tests.conftest import MAYA_KEY, error_of
from byline.discussion.identity import Reader
from byline.discussion.live import stores
from byline.discussion.models import Comment, NotificationEvent, Thread
from byline.discussion.tests.factories import inline_article, post, trap_fields
from byline.discussion.tests.test_markup import assert_safe
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.discussion.threads import purging

pytestmark = pytest.mark.django_db

GUEST = {"name": "Maya Reader", "email": "maya@example.org"}
SCRIPTED = re.compile(r"<(script|img|svg|iframe|style|object|embed|form|input|meta|base)\b", re.I)


def comments_url(article) -> str:
    return f"/threads/{article.pk}/comments"


class TestGuests:
    def test_a_guest_posts_with_name_and_email_and_gets_a_key(self, api, article):
        response = api.post(comments_url(article), {"body": "I doubt the source.", **GUEST})

        assert response.status_code == 201
        body = response.json()
        comment = Comment.objects.get()
        assert body["status"] == "published" and body["comment"]["id"] == comment.pk
        assert body["comment"]["own"] and body["comment"]["can_edit"]
        assert comment.guest_name == "Maya Reader" and comment.guest_email == "maya@example.org"
        assert comment.guest_key == Reader(guest_token=body["guest_key"]).guest_key

    def test_the_key_given_lets_the_guest_edit_and_nobody_else(self, api, article):
        key = api.post(comments_url(article), {"body": "First.", **GUEST}).json()["guest_key"]
        comment = Comment.objects.get()

        assert api.patch(f"/comments/{comment.pk}", {"body": "Edited."}).status_code == 403
        response = api.guest(key).patch(f"/comments/{comment.pk}", {"body": "Edited."})

        assert response.status_code == 200
        assert response.json()["body_html"] == "<p>Edited.</p>"

    def test_a_guest_with_a_key_keeps_it(self, api, article):
        body = api.guest(MAYA_KEY).post(comments_url(article), {"body": "Hi.", **GUEST}).json()

        assert body["guest_key"] is None
        assert Comment.objects.get().guest_key == Reader(guest_token=MAYA_KEY).guest_key

    @pytest.mark.parametrize(
        "fields, field",
        [
            ({}, "name"),
            ({"name": "  \u200b "}, "name"),
            ({"name": "Maya"}, "email"),
            ({"name": "Maya", "email": "not an address"}, "email"),
            ({"name": "Maya", "email": "maya@@example.org"}, "email"),
        ],
    )
    def test_a_guest_without_a_name_or_a_valid_email_is_told_which(
        self, api, article, fields, field
    ):
        response = api.post(comments_url(article), {"body": "Hello.", **fields})

        assert response.status_code == 422
        assert error_of(response)["field"] == field
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("body", ["", "   ", "\x00", "\u200b\u200b", "[](https://x.org)"])
    def test_an_empty_comment_is_refused_with_a_reason(self, api, article, body):
        response = api.post(comments_url(article), {"body": body, **GUEST})

        assert response.status_code in (400, 422)
        assert error_of(response)["message"]
        assert not Comment.objects.exists()

    def test_a_closed_thread_refuses_with_its_reason(self, api, article):
        Thread.objects.filter(pk=Thread.objects.for_page(article).pk).update(
            closed_at="2026-01-01T00:00Z"
        )

        response = api.post(comments_url(article), {"body": "Late.", **GUEST})

        assert response.status_code == 400
        assert error_of(response) == {
            "code": "refused", "message": "This discussion is closed to new comments.",
            "field": None,
        }  # fmt: skip

    def test_a_premoderated_thread_holds_and_says_so(self, api, article, settings):
        settings.DISCUSSION_PREMODERATE_ALL = True

        body = api.post(comments_url(article), {"body": "Wait for it.", **GUEST}).json()

        assert body["status"] == "held" and body["comment"]["status"] == "held"
        assert body["message"].startswith("Only you can see this comment")
        assert Comment.objects.get().status == Comment.Status.PENDING


class TestMembers:
    def test_a_token_posts_as_its_account_ignoring_guest_fields(
        self, api, article, member, make_token
    ):
        response = api.bearer(make_token(member)).post(
            comments_url(article), {"body": "As a member.", "name": "Someone Else"}
        )

        assert response.status_code == 201
        assert response.json()["guest_key"] is None
        comment = Comment.objects.get()
        assert comment.author == member and comment.guest_name == ""
        assert response.json()["comment"]["author"]["name"] == "Ines Member"

    def test_a_signed_in_reader_posts_with_the_csrf_header(self, article, member):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(member)
        token = "A" * 32  # the CSRF cookie a page with a form would have set
        browser.cookies["csrftoken"] = token

        refused = browser.post(
            f"/api/v1/threads/{article.pk}/comments", {"body": "No header."},
            content_type="application/json",
        )  # fmt: skip
        accepted = browser.post(
            f"/api/v1/threads/{article.pk}/comments", {"body": "With the header."},
            content_type="application/json", headers={"X-CSRFToken": token},
        )  # fmt: skip

        assert refused.status_code == 403 and error_of(refused)["code"] == "csrf"
        assert accepted.status_code == 201
        assert list(Comment.objects.values_list("body", flat=True)) == ["With the header."]

    def test_a_reply_and_a_passage_are_placed_as_from_the_form(self, api, article):
        article = inline_article()
        root = api.guest(MAYA_KEY).post(
            comments_url(article),
            {"body": "On these words.", **GUEST, "passage": {
                "block": "p-intro", "quote": "they had argued", "start": 0, "end": 0}},
        ).json()["comment"]  # fmt: skip
        reply = (
            api.guest(MAYA_KEY)
            .post(comments_url(article), {"body": "And more.", "parent_id": root["id"], **GUEST})
            .json()["comment"]
        )

        assert root["passage"]["block"] == "p-intro"
        assert root["passage"]["quote"] == "they had argued"
        assert reply["parent_id"] == root["id"] and reply["depth"] == 1

    @pytest.mark.parametrize(
        "passage",
        [
            {"block": "p-intro", "quote": "words the article never had"},
            {"block": "p-intro", "quote": "   "},
            {"block": "", "quote": ""},
            {"prompt": "q-nowhere"},
        ],
    )
    def test_a_passage_not_in_the_article_is_refused(self, api, passage):
        article = inline_article()

        response = api.post(comments_url(article), {"body": "Hm.", **GUEST, "passage": passage})

        assert response.status_code in (400, 422)
        assert error_of(response)["message"]
        assert not Comment.objects.exists()


class TestHostileInput:
    @pytest.mark.parametrize("payload", XSS_PAYLOADS)
    def test_the_xss_corpus_is_stored_and_served_inert(self, api, article, payload):
        maya = api.guest(MAYA_KEY)
        response = maya.post(
            comments_url(article),
            {"body": payload, "name": payload[:80] or "x", "email": "maya@example.org"},
        )
        if response.status_code == 201:
            comment = Comment.objects.get()
            edited = maya.patch(f"/comments/{comment.pk}", {"body": f"{payload} (edited)"})
            assert edited.status_code in (200, 400), edited.content
        else:
            assert response.status_code in (400, 422)
            post(article, "A plain comment.", token=MAYA_KEY)
            comment = Comment.objects.get()
            maya.patch(f"/comments/{comment.pk}", {"body": payload})

        comment.refresh_from_db()
        served = maya.get(f"/comments/{comment.pk}").json()
        for html in (comment.body_html, served["body_html"]):
            assert_safe(html)
            assert not SCRIPTED.search(html), html
        assert served["author"]["name"] == comment.guest_name

    def test_a_name_is_given_as_text_for_the_client_to_escape(self, api, article):
        name = "<img src=x onerror=alert(1)>"

        response = api.post(
            comments_url(article), {"body": "Hi.", "name": name, "email": "a@example.org"}
        )

        assert response.json()["comment"]["author"]["name"] == name
        assert response["Content-Type"].startswith("application/json")

    def test_nul_characters_are_dropped_from_what_is_stored(self, api, article):
        response = api.post(
            comments_url(article),
            {"body": "Hel\x00lo.", "name": "Ma\x00ya", "email": "maya@exa\x00mple.org"},
        )

        assert response.status_code == 201
        comment = Comment.objects.get()
        assert (comment.body, comment.guest_name, comment.guest_email) == (
            "Hello.", "Maya", "maya@example.org",
        )  # fmt: skip


class TestSameEffectsAsTheForm:
    def test_count_purge_notification_and_live_event(self, api, client, settings, monkeypatch,
                                                      django_capture_on_commit_callbacks):  # fmt: skip
        from byline.newsroom.tests.factories import ArticlePageFactory

        settings.LIVE_EVENTS_URL = "https://live.example.org"
        settings.REDIS_URL = ""
        purged: list[set[str]] = []
        monkeypatch.setattr(purging, "purge_paths", lambda paths: purged.append(set(paths)))
        by_form, by_api = ArticlePageFactory(), ArticlePageFactory()

        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/comments/on/{by_form.pk}/post/",
                        {"body": "Same words.", **GUEST, **trap_fields()})  # fmt: skip
        form_paths = purged.pop()
        with django_capture_on_commit_callbacks(execute=True):
            api.post(comments_url(by_api), {"body": "Same words.", **GUEST})
        api_paths = purged.pop()

        effects = {}
        for article, paths in ((by_form, form_paths), (by_api, api_paths)):
            thread = Thread.objects.get(page=article)
            comment = Comment.objects.get(thread=thread)
            events = stores.current().since(thread.pk, stores.ORIGIN)
            effects[article.pk] = {
                "count": thread.comment_count,
                "outbox": NotificationEvent.objects.filter(comment=comment).count(),
                "events": [(event.type, event.data["comment"] == comment.pk) for event in events],
                "article purged": article.url in paths,
                "comment purged": purging.comment_path(comment.pk) in paths,
                "status": comment.status,
            }
        assert effects[by_api.pk] == effects[by_form.pk] == {
            "count": 1, "outbox": 1, "events": [("comment", True)],
            "article purged": True, "comment purged": True, "status": "published",
        }  # fmt: skip
