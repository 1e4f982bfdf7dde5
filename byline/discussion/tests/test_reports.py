"""Readers report comments; enough reports hide one until a moderator reviews it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from byline.accounts.tests.factories import UserFactory
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Report, Thread
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import post

pytestmark = pytest.mark.django_db
FRAGMENT = {"Byline-Fragment": "1"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Report limits count in the cache: every test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def comment(article):
    return post(article, "A contested opinion", token="author")


def report(comment, token: str, reason: str = "abuse", **extra) -> Comment:
    return actions.report_comment(
        comment_id=comment.pk, reader=Reader(guest_token=token), reason=reason, **extra
    )


class TestReporting:
    def test_a_report_is_recorded_once_per_reader(self, comment):
        report(comment, "reader-1")
        again = report(comment, "reader-1", reason="spam")

        assert Report.objects.count() == 1
        assert again.report_count == 1
        assert (
            ModelLogEntry.objects.filter(action=actions.REPORT, object_id=str(comment.pk)).count()
            == 1
        )

    def test_nobody_reports_their_own_comment(self, comment):
        with pytest.raises(DiscussionError, match="your own"):
            report(comment, "author")

    def test_a_reason_is_required_and_must_be_known(self, comment):
        with pytest.raises(DiscussionError):
            report(comment, "reader-1", reason="because")

    def test_enough_reports_hide_the_comment_for_review(self, article, comment):
        # At the default threshold, from three readers on three networks.
        report(comment, "reader-1", ip_address="192.0.2.10")
        assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLISHED

        report(comment, "reader-2", ip_address="198.51.100.20")
        hidden = report(comment, "reader-3", ip_address="203.0.113.30")

        assert hidden.status == Comment.Status.PENDING
        assert hidden.moderation_rule == "reports"
        assert Thread.objects.get(page=article).comment_count == 0
        assert ModelLogEntry.objects.filter(
            action=actions.AUTO_HIDE, object_id=str(comment.pk)
        ).exists()
        with pytest.raises(DiscussionError, match="no longer available"):
            report(comment, "reader-4")

    def test_fresh_browsers_on_one_address_range_count_as_one_reporter(self, comment):
        for n in range(5):
            report(comment, f"fresh-browser-{n}", ip_address=f"192.0.2.{10 + n}")

        kept = Comment.objects.get(pk=comment.pk)
        assert kept.status == Comment.Status.PUBLISHED
        assert kept.report_count == 1
        assert Report.objects.filter(comment=comment).count() == 5

    def test_accounts_and_guests_on_other_ranges_are_other_reporters(self, comment):
        report(comment, "guest", ip_address="192.0.2.10")
        actions.report_comment(
            comment_id=comment.pk, reader=Reader(user=UserFactory()), reason="spam",
            ip_address="2001:db8:1::1",
        )  # fmt: skip

        assert Comment.objects.get(pk=comment.pk).report_count == 2

    def test_a_moderator_who_approves_it_restores_it_and_closes_the_reports(
        self, article, comment, settings
    ):
        settings.DISCUSSION_REPORT_THRESHOLD = 2
        report(comment, "reader-1")
        report(comment, "reader-2")

        actions.decide(
            comment_ids=[comment.pk], decision="approve", moderator=UserFactory(is_superuser=True)
        )

        restored = Comment.objects.get(pk=comment.pk)
        assert (restored.status, restored.report_count) == (Comment.Status.PUBLISHED, 0)
        assert not Report.objects.filter(resolved_at__isnull=True).exists()
        assert Thread.objects.get(page=article).comment_count == 1

    def test_reports_from_one_range_are_limited(self, comment, settings):
        settings.DISCUSSION_REPORT_RATE = "2/h"
        settings.DISCUSSION_REPORT_THRESHOLD = 0
        other = post(comment.thread.page.specific, "Another", token="author-2")

        report(comment, "r1", ip_address="192.0.2.10")
        report(other, "r2", ip_address="192.0.2.11")
        with pytest.raises(DiscussionError, match="many reports"):
            report(other, "r3", ip_address="192.0.2.12")


class TestReportingOverHttp:
    def test_each_comment_offers_a_report_link_except_the_readers_own(self, article, comment):
        page = BeautifulSoup(Client().get(article.url).content, "html.parser")

        link = page.select_one(f"#comment-{comment.pk} [data-report]")
        assert link["href"] == f"/comments/{comment.pk}/report/"

    def test_no_report_link_on_the_readers_own_comment_once_it_can_no_longer_be_edited(
        self, article, comment, settings
    ):
        settings.DISCUSSION_EDIT_WINDOW_MINUTES = 0
        author = UserFactory()
        own = post(article, "My own words.", as_user=author)
        client = Client()
        client.force_login(author)

        page = BeautifulSoup(client.get(article.url).content, "html.parser")

        assert page.select_one(f"#comment-{own.pk}") is not None
        assert page.select_one(f"#comment-{own.pk} [data-report]") is None
        assert page.select_one(f"#comment-{comment.pk} [data-report]") is not None

    def test_without_javascript_a_form_page_then_a_thank_you(self, comment):
        client = Client()

        form = BeautifulSoup(client.get(f"/comments/{comment.pk}/report/").content, "html.parser")
        assert form.select("input[name=reason]")
        response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam", "note": "Ad"})

        assert response.status_code == 200
        assert "A moderator will look" in response.content.decode()
        assert Report.objects.get().note == "Ad"

    def test_with_the_script_the_form_and_the_answer_are_fragments(self, comment):
        client = Client()

        form = client.get(f"/comments/{comment.pk}/report/", headers=FRAGMENT)
        assert form.content.decode().lstrip().startswith("<form")
        answer = client.post(
            f"/comments/{comment.pk}/report/", {"reason": "abuse"}, headers=FRAGMENT
        )

        assert answer.status_code == 200
        assert 'role="status"' in answer.content.decode()

    def test_a_report_without_a_reason_comes_back_with_an_error(self, comment):
        response = Client().post(f"/comments/{comment.pk}/report/", {"reason": "nonsense"})

        assert response.status_code == 400
        assert BeautifulSoup(response.content, "html.parser").select_one(".errorlist")
        assert not Report.objects.exists()

    def test_hidden_and_unknown_comments_cannot_be_reported(self, comment):
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)

        assert Client().get(f"/comments/{comment.pk}/report/").status_code == 404
        assert Client().post("/comments/999999/report/", {"reason": "spam"}).status_code == 404

    def test_three_cookieless_reports_from_one_address_hide_nothing(self, comment):
        # Each POST without cookies is a browser we have never seen: at the default settings,
        # one person on one address must not be able to hide a comment alone.
        for _ in range(3):
            response = Client().post(f"/comments/{comment.pk}/report/", {"reason": "abuse"})
            assert response.status_code == 200

        assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PUBLISHED

    def test_reporting_needs_a_csrf_token(self, comment):
        response = Client(enforce_csrf_checks=True).post(
            f"/comments/{comment.pk}/report/", {"reason": "spam"}
        )

        assert response.status_code == 403
        assert not Report.objects.exists()


@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.text(max_size=40), note=st.text(max_size=700))
def test_no_report_gives_a_server_error(comment, reason, note):
    response = Client().post(f"/comments/{comment.pk}/report/", {"reason": reason, "note": note})

    assert response.status_code in (200, 400, 403)
    assert Report.objects.count() <= 1


def test_a_comment_of_an_unpublished_article_cannot_be_reported(article, comment):
    article.unpublish()

    with pytest.raises(DiscussionError):
        report(comment, "reader")

    assert not Report.objects.exists()
