"""Who may do what to a comment through the API: nobody edits, deletes, votes or reports as
someone else, whatever key or token they send; and every limit answers 429 in the one shape."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from byline.api.models import Scope
from byline.api.tests.conftest import MAYA_KEY, OMAR_KEY, error_of
from byline.discussion.models import Comment, Report, Vote
from byline.discussion.tests.factories import post

pytestmark = pytest.mark.django_db

WRITES = [
    ("PATCH", "/comments/{id}", {"body": "Changed."}),
    ("DELETE", "/comments/{id}", None),
]
ACTS = [
    ("PUT", "/comments/{id}/vote", {"value": 1}),
    ("POST", "/comments/{id}/reports", {"reason": "spam"}),
]


@pytest.fixture
def mayas(article):
    return post(article, "Maya's words.", token=MAYA_KEY)


def call(client, method, path, data, comment):
    return client.call(method, path.format(id=comment.pk), data)


def unchanged(comment) -> bool:
    fresh = Comment.objects.get(pk=comment.pk)
    return (
        fresh.body == comment.body
        and fresh.status == comment.status
        and not Vote.objects.filter(comment=comment).exists()
        and not Report.objects.filter(comment=comment).exists()
    )


class TestEditAndDelete:
    @pytest.mark.parametrize("method, path, data", WRITES)
    def test_the_author_may(self, api, mayas, method, path, data):
        response = call(api.guest(MAYA_KEY), method, path, data, mayas)

        assert response.status_code in (200, 204)

    @pytest.mark.parametrize("method, path, data", WRITES)
    def test_another_guest_an_unknown_browser_or_a_member_may_not(
        self, api, mayas, member, make_token, method, path, data
    ):
        for caller in (api, api.guest(OMAR_KEY), api.bearer(make_token(member))):
            response = call(caller, method, path, data, mayas)

            assert response.status_code == 403
            assert error_of(response)["code"] == "forbidden"
        assert unchanged(mayas)

    @pytest.mark.parametrize("method, path, data", WRITES)
    def test_not_after_the_edit_window(self, api, mayas, method, path, data):
        Comment.objects.filter(pk=mayas.pk).update(created_at=timezone.now() - dt.timedelta(days=1))

        response = call(api.guest(MAYA_KEY), method, path, data, mayas)

        assert response.status_code == 403
        assert Comment.objects.get(pk=mayas.pk).body == "Maya's words."

    def test_a_members_comment_is_theirs_by_token_and_no_one_elses(
        self, api, article, member, make_token
    ):
        from byline.accounts.tests.factories import UserFactory

        comment = post(article, "Signed.", as_user=member)
        other = make_token(UserFactory())

        assert api.bearer(other).delete(f"/comments/{comment.pk}").status_code == 403
        assert api.bearer(make_token(member)).delete(f"/comments/{comment.pk}").status_code == 204
        assert Comment.objects.get(pk=comment.pk).status == Comment.Status.REMOVED

    def test_someone_elses_held_comment_is_not_found(self, api, article, settings):
        settings.DISCUSSION_PREMODERATE_ALL = True
        held = post(article, "Held.", token=MAYA_KEY)

        response = api.guest(OMAR_KEY).patch(f"/comments/{held.pk}", {"body": "Mine now."})

        assert response.status_code == 404
        assert (
            api.guest(MAYA_KEY).patch(f"/comments/{held.pk}", {"body": "Better."}).json()["status"]
            == "held"
        )


class TestVotesAndReports:
    def test_a_guest_votes_changes_and_takes_back(self, api, mayas):
        omar = api.guest(OMAR_KEY)

        assert omar.put(f"/comments/{mayas.pk}/vote", {"value": 1}).json() == {
            "score": 1, "my_vote": 1,
        }  # fmt: skip
        assert omar.put(f"/comments/{mayas.pk}/vote", {"value": -1}).json()["score"] == -1
        assert omar.put(f"/comments/{mayas.pk}/vote", {"value": 0}).json()["score"] == 0

    @pytest.mark.parametrize("method, path, data", ACTS)
    def test_nobody_votes_on_or_reports_their_own(self, api, mayas, method, path, data):
        response = call(api.guest(MAYA_KEY), method, path, data, mayas)

        assert response.status_code == 403
        assert unchanged(mayas)

    @pytest.mark.parametrize("value", [2, -2, "up", None, 1.5])
    def test_a_vote_is_minus_one_zero_or_one(self, api, mayas, value):
        response = api.guest(OMAR_KEY).put(f"/comments/{mayas.pk}/vote", {"value": value})

        assert response.status_code == 422
        assert error_of(response)["field"] == "value"

    def test_a_report_is_filed_once_per_reader(self, api, mayas):
        omar = api.guest(OMAR_KEY)

        first = omar.post(f"/comments/{mayas.pk}/reports", {"reason": "abuse", "note": "Rude."})
        omar.post(f"/comments/{mayas.pk}/reports", {"reason": "spam"})

        assert first.status_code == 201 and first.json()["message"]
        assert list(Report.objects.values_list("reason", "note")) == [("abuse", "Rude.")]

    @pytest.mark.parametrize("reason", ["", "because", None])
    def test_a_report_needs_a_known_reason(self, api, mayas, reason):
        response = api.guest(OMAR_KEY).post(f"/comments/{mayas.pk}/reports", {"reason": reason})

        assert response.status_code == 422
        assert not Report.objects.exists()

    @pytest.mark.parametrize("method, path, data", ACTS)
    def test_not_on_a_held_comment(self, api, article, settings, method, path, data):
        settings.DISCUSSION_PREMODERATE_ALL = True
        held = post(article, "Held.", token=MAYA_KEY)

        assert call(api.guest(OMAR_KEY), method, path, data, held).status_code == 404


class TestTokens:
    @pytest.mark.parametrize("method, path, data", WRITES + ACTS)
    def test_a_token_without_the_comment_scope_is_forbidden(
        self, api, mayas, member, make_token, method, path, data
    ):
        token = make_token(member, scopes=[Scope.SUBSCRIBE, Scope.ACCOUNT])

        response = call(api.bearer(token), method, path, data, mayas)

        assert response.status_code == 403
        assert unchanged(mayas)

    def test_a_token_without_the_comment_scope_posts_nothing(
        self, api, article, member, make_token
    ):
        token = make_token(member, scopes=[Scope.ACCOUNT])

        response = api.bearer(token).post(f"/threads/{article.pk}/comments", {"body": "Hi."})

        assert response.status_code == 403
        assert Comment.objects.count() == 0

    @pytest.mark.parametrize(
        "kind", ["forged", "malformed", "revoked", "expired", "inactive", "other origin"]
    )
    @pytest.mark.parametrize("method, path, data", WRITES + ACTS)
    def test_a_bad_token_is_unauthenticated(
        self, api, mayas, member, make_token, kind, method, path, data
    ):
        if kind == "forged":
            key = APIToken.generate_token()
        elif kind == "malformed":
            key = "wagtail_not-a-token"
        elif kind == "revoked":
            key = make_token(member)
            APIToken.objects.get().revoke()
        elif kind == "expired":
            key = make_token(member, expired=True)
        elif kind == "inactive":
            key = make_token(member)
            member.is_active = False
            member.save()
        else:
            key = make_token(member, origin="https://blog.example.net")

        response = call(api.bearer(key).as_(Origin="https://evil.example.com"), method, path,
                        data, mayas)  # fmt: skip

        assert response.status_code == 401
        assert error_of(response)["code"] == "bad_token"
        assert unchanged(mayas)

    def test_an_origin_bound_token_works_from_its_origin(self, api, mayas, member, make_token):
        key = make_token(member, origin="https://blog.example.net")

        response = (
            api.bearer(key)
            .as_(Origin="https://blog.example.net")
            .put(f"/comments/{mayas.pk}/vote", {"value": 1})
        )

        assert response.status_code == 200

    @pytest.mark.parametrize("key", ["short", "x" * 100, "has spaces in it and is long enough ok"])
    def test_a_guest_key_not_of_byline_is_unauthenticated(self, api, mayas, key):
        response = api.guest(key).patch(f"/comments/{mayas.pk}", {"body": "Mine."})

        assert response.status_code == 401
        assert error_of(response)["code"] == "bad_guest_key"


class TestSessionsNeedCsrf:
    @pytest.mark.parametrize("method, path, data", WRITES + ACTS)
    def test_a_session_write_without_the_csrf_header_is_forbidden(
        self, article, member, method, path, data
    ):
        comment = post(article, "Theirs or mine.", as_user=member)
        if path.endswith(("vote", "reports")):
            comment = post(article, "Someone else's.", token=OMAR_KEY)
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(member)
        browser.cookies["csrftoken"] = "A" * 32

        send = getattr(browser, method.lower())
        kwargs = {"content_type": "application/json"}
        if data is not None:
            kwargs["data"] = data
        response = send(f"/api/v1{path.format(id=comment.pk)}", **kwargs)
        assert response.status_code == 403 and error_of(response)["code"] == "csrf"
        assert unchanged(comment)

        response = send(
            f"/api/v1{path.format(id=comment.pk)}", headers={"X-CSRFToken": "A" * 32}, **kwargs
        )
        assert response.status_code in (200, 201, 204)


class TestRateLimits:
    @pytest.fixture(autouse=True)
    def fresh_counts(self):
        """The limiter's counts of earlier tests (same address, same window) start again."""
        cache.clear()
        yield
        cache.clear()

    def test_guests_posting_through_the_api_are_limited_per_address(self, api, article, settings):
        settings.API_GUEST_POST_RATES = {"address": "2/10m", "guest_key": ""}
        guest = {"name": "Maya", "email": "maya@example.org"}
        url = f"/threads/{article.pk}/comments"

        answers = [api.post(url, {"body": f"Comment {n}.", **guest}).status_code for n in range(3)]

        assert answers == [201, 201, 429]
        assert Comment.objects.count() == 2

    def test_and_per_guest_key_from_any_address(self, api, article, settings):
        settings.API_GUEST_POST_RATES = {"address": "", "guest_key": "1/10m"}
        guest = {"name": "Maya", "email": "maya@example.org"}
        url = f"/threads/{article.pk}/comments"
        maya = api.guest(MAYA_KEY)

        first = maya.post(url, {"body": "One.", **guest}, REMOTE_ADDR="198.51.100.1")
        second = maya.as_().client.post(
            f"/api/v1{url}", {"body": "Two.", **guest}, content_type="application/json",
            headers={"X-Byline-Guest": MAYA_KEY}, REMOTE_ADDR="203.0.113.7",
        )  # fmt: skip

        assert (first.status_code, second.status_code) == (201, 429)
        error = error_of(second)
        assert error["code"] == "rate_limited" and int(second["Retry-After"]) == 600

    def test_the_forms_posting_limits_hold_for_members_too(
        self, api, article, member, make_token, settings
    ):
        settings.DISCUSSION_RATE_LIMITS = {"account": "1/h"}
        client = api.bearer(make_token(member))
        url = f"/threads/{article.pk}/comments"

        client.post(url, {"body": "One."})
        response = client.post(url, {"body": "Two."})

        assert response.status_code == 429
        assert error_of(response)["code"] == "rate_limited"
        assert int(response["Retry-After"]) == 3600

    def test_votes_are_limited_as_on_the_site(self, api, article, settings):
        settings.DISCUSSION_VOTE_RATE = "2/m"
        comments = [post(article, f"Comment {n}.", token=f"t-{n}") for n in range(3)]
        omar = api.guest(OMAR_KEY)

        answers = [omar.put(f"/comments/{c.pk}/vote", {"value": 1}).status_code for c in comments]

        assert answers == [200, 200, 429]
        assert Vote.objects.count() == 2

    def test_reports_are_limited_as_on_the_site(self, api, article, settings):
        settings.DISCUSSION_REPORT_RATE = "1/h"
        comments = [post(article, f"Comment {n}.", token=f"t-{n}") for n in range(2)]
        omar = api.guest(OMAR_KEY)

        answers = [omar.post(f"/comments/{c.pk}/reports", {"reason": "spam"}) for c in comments]

        assert [answer.status_code for answer in answers] == [201, 429]
        assert error_of(answers[1])["code"] == "rate_limited"
        assert answers[1]["Retry-After"] == "3600"


@pytest.mark.parametrize("value", [True, False, 1.0, "1", None, [1]])
def test_a_vote_is_only_an_integer(api, mayas, member, make_token, value):
    response = api.bearer(make_token(member)).put(f"/comments/{mayas.pk}/vote", {"value": value})

    assert response.status_code == 422
    assert error_of(response)["field"] == "value"
    assert not Vote.objects.exists()
