"""The moderation queues in the Wagtail admin: lists, filters, decisions, permissions, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction
from django.tasks import default_task_backend
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Ban, Comment, ModerationDigest, Report, Thread
from byline.discussion.moderation import actions, classifier, digest
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def moderator(**fields):
    """Staff in Wagtail's Moderators group, which the migration lets moderate comments."""
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(moderator(username="mo"))
    return client


@pytest.fixture
def held(article, settings):
    settings.DISCUSSION_PREMODERATE_ALL = True
    comments = [post(article, f"Held comment {n}", token=f"reader-{n}") for n in range(3)]
    settings.DISCUSSION_PREMODERATE_ALL = False
    return comments


def queue_ids(response) -> list[int]:
    return [int(row["data-comment-id"]) for row in soup(response).select("tr[data-comment-id]")]


class TestPermissions:
    def test_the_migration_lets_wagtails_moderators_moderate(self):
        assert moderator().has_perm("discussion.moderate_comment")

    @pytest.mark.parametrize("slug", ["pending", "reported", "approved", "rejected"])
    def test_staff_without_the_permission_see_no_queue(self, slug):
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client = Client()
        client.force_login(editor)

        response = client.get(f"/admin/moderation/{slug}/")

        # Wagtail's answer to staff without the permission: back to the dashboard, not a login.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert "Moderation queue" not in client.get("/admin/").content.decode()

    def test_readers_are_sent_to_sign_in(self, held):
        response = Client().get("/admin/moderation/pending/")

        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_only_moderators_can_decide(self, held):
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client = Client()
        client.force_login(editor)

        response = client.post("/admin/moderation/decide", {"act": f"approve:{held[0].pk}"})

        # Wagtail's answer to staff without the permission: back to the dashboard, not a login.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.PENDING

    def test_deciding_needs_a_csrf_token(self, held):
        client = Client(enforce_csrf_checks=True)
        client.force_login(moderator())

        response = client.post("/admin/moderation/decide", {"act": f"approve:{held[0].pk}"})

        assert response.status_code == 403
        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.PENDING

    def test_banning_needs_a_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(moderator())

        response = client.post(
            "/admin/moderation/bans/new/", {"kind": "email", "email": "x@example.org"}
        )

        assert response.status_code == 403
        assert not Ban.objects.exists()

    def test_the_menu_shows_the_queue_to_moderators(self, staff_client):
        assert "Moderation queue" in staff_client.get("/admin/").content.decode()


class TestQueues:
    def test_pending_lists_held_comments_oldest_first_with_their_reason(self, staff_client, held):
        response = staff_client.get("/admin/moderation/pending/")

        assert response.status_code == 200
        assert queue_ids(response) == [c.pk for c in held]
        assert (
            "read by a moderator"
            in soup(response).select_one(".moderation-queue__reason").get_text()
        )

    def test_a_long_queue_comes_a_page_at_a_time(self, staff_client, article, settings):
        settings.DISCUSSION_PREMODERATE_ALL = True
        waiting = [post(article, f"Held {n}", token=f"r-{n}").pk for n in range(26)]

        first = staff_client.get("/admin/moderation/pending/")
        second = staff_client.get("/admin/moderation/pending/?p=2")

        assert [queue_ids(first), queue_ids(second)] == [waiting[:25], waiting[25:]]

    def test_each_queue_holds_its_own_comments(self, staff_client, article, held, settings):
        published = post(article, "Published", token="p")
        reported = post(article, "Reported", token="r")
        actions.report_comment(
            comment_id=reported.pk, reader=Reader(guest_token="x"), reason="spam"
        )
        Comment.objects.filter(pk=held[0].pk).update(status=Comment.Status.HIDDEN)

        assert queue_ids(staff_client.get("/admin/moderation/reported/")) == [reported.pk]
        assert set(queue_ids(staff_client.get("/admin/moderation/approved/"))) == {
            published.pk,
            reported.pk,
        }
        assert queue_ids(staff_client.get("/admin/moderation/rejected/")) == [held[0].pk]
        assert staff_client.get("/admin/moderation/nonsense/").status_code == 404

    def test_the_authors_history_sits_beside_each_comment(self, staff_client, article, held):
        for n in range(2):
            post(article, f"Earlier {n}", token="reader-0")

        row = soup(staff_client.get("/admin/moderation/pending/")).select_one(
            f"#queue-comment-{held[0].pk}"
        )

        history = row.select_one(".moderation-author__history").get_text(" ", strip=True)
        assert "2 published" in history and "1 pending" in history

    def test_filters_by_reason_article_author_and_date(self, staff_client, article, held, settings):
        other = ArticlePageFactory(title="Another story")
        settings.DISCUSSION_PREMODERATE_ALL = True
        elsewhere = post(other, "On another story", token="reader-9")
        Comment.objects.filter(pk=elsewhere.pk).update(
            created_at=timezone.now() - dt.timedelta(days=10)
        )

        by_article = staff_client.get(f"/admin/moderation/pending/?article={other.pk}")
        by_author = staff_client.get("/admin/moderation/pending/?author=reader-9")
        by_reason = staff_client.get("/admin/moderation/pending/?reason=links")
        since = (timezone.now() - dt.timedelta(days=2)).date().isoformat()
        by_date = staff_client.get(f"/admin/moderation/pending/?posted_from={since}")

        assert queue_ids(by_article) == [elsewhere.pk]
        assert queue_ids(by_author) == [elsewhere.pk]
        assert queue_ids(by_reason) == []
        assert set(queue_ids(by_date)) == {c.pk for c in held}

    def test_search_finds_words_in_the_comment(self, staff_client, held):
        response = staff_client.get("/admin/moderation/pending/?q=comment+1")

        assert queue_ids(response) == [held[1].pk]

    def test_the_results_alone_come_back_for_the_listings_refresh(self, staff_client, held):
        response = staff_client.get("/admin/moderation/pending/results/?q=Held")

        assert response.status_code == 200
        assert len(queue_ids(response)) == 3
        assert b"<html" not in response.content

    def test_hostile_filters_and_searches_never_break_the_queue(self, staff_client, held):
        for query in [
            "article=abc",
            "author_key=u:99999999999999999999",
            "posted_after=not-a-date",
            "q=%00%27",
            "p=999",
            "ordering=evil",
        ]:
            assert staff_client.get(f"/admin/moderation/pending/?{query}").status_code == 200, query

    def test_the_comment_page_shows_reports_history_and_decisions(
        self, staff_client, article, held
    ):
        comment = post(article, "Reported one", token="author-x")
        actions.report_comment(
            comment_id=comment.pk, reader=Reader(guest_token="y"), reason="abuse", note="Rude"
        )

        page = soup(staff_client.get(f"/admin/moderation/comment/{comment.pk}/"))

        assert "Rude" in page.get_text()
        assert "A reader reported the comment" in page.get_text()
        assert page.select_one("a[href*='kind=email']")


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    act=st.text(max_size=30),
    decision=st.text(max_size=12),
    ids=st.lists(st.text(max_size=22), max_size=4),
)
def test_no_decision_gives_a_server_error(staff_client, held, act, decision, ids):
    response = staff_client.post(
        "/admin/moderation/decide", {"act": act, "decision": decision, "ids": ids}
    )

    assert response.status_code == 302


class TestDecisions:
    def test_approving_publishes_counts_and_logs(self, staff_client, article, held):
        response = staff_client.post(
            "/admin/moderation/decide",
            {"act": f"approve:{held[0].pk}", "next": "/admin/moderation/pending/"},
        )

        approved = Comment.objects.get(pk=held[0].pk)
        assert response.status_code == 302 and response["Location"] == "/admin/moderation/pending/"
        assert (
            approved.status == Comment.Status.PUBLISHED and approved.moderated_by.username == "mo"
        )
        assert Thread.objects.get(page=article).comment_count == 1
        entry = ModelLogEntry.objects.get(action=actions.APPROVE, object_id=str(held[0].pk))
        assert entry.user.username == "mo"
        assert "Held comment 0" in Client().get(article.url).content.decode()

    def test_bulk_decisions_apply_to_the_selection_with_one_log_context(self, staff_client, held):
        staff_client.post(
            "/admin/moderation/decide", {"decision": "spam", "ids": [held[0].pk, held[1].pk]}
        )

        spam = Comment.objects.filter(is_spam=True)
        assert set(spam.values_list("pk", flat=True)) == {held[0].pk, held[1].pk}
        assert set(spam.values_list("status", flat=True)) == {Comment.Status.HIDDEN}
        entries = ModelLogEntry.objects.filter(action=actions.SPAM)
        assert entries.count() == 2 and len(set(entries.values_list("uuid", flat=True))) == 1
        assert classifier.totals().spam == 2

    def test_the_script_gets_an_answer_it_can_show(self, staff_client, held):
        response = staff_client.post(
            "/admin/moderation/decide",
            {"decision": "reject", "ids": [held[2].pk]},
            headers={"Accept": "application/json"},
        )

        assert response.json()["message"] == "1 comment rejected."
        assert ModelLogEntry.objects.filter(action=actions.REJECT).count() == 1

    def test_hiding_a_published_comment_takes_it_off_the_page(self, staff_client, article):
        comment = post(article, "Published then hidden", token="p")

        staff_client.post("/admin/moderation/decide", {"act": f"reject:{comment.pk}"})

        assert Thread.objects.get(page=article).comment_count == 0
        assert ModelLogEntry.objects.filter(action=actions.HIDE, object_id=str(comment.pk)).exists()

    @pytest.mark.parametrize(
        "data",
        [
            {},
            {"decision": "explode", "ids": ["1"]},
            {"act": "approve:abc"},
            {"act": "approve:99999999999999999999"},
            {"ids": ["x"], "decision": "approve"},
        ],
    )
    def test_nonsense_decisions_are_refused_clearly(self, staff_client, held, data):
        response = staff_client.post("/admin/moderation/decide", data, follow=True)

        assert response.status_code == 200
        assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 3

    def test_unsafe_return_addresses_are_ignored(self, staff_client, held):
        response = staff_client.post(
            "/admin/moderation/decide",
            {"act": f"approve:{held[0].pk}", "next": "https://evil.example/"},
        )

        assert response["Location"] == "/admin/moderation/pending/"

    @pytest.mark.parametrize(
        "target", ["oldest", "welcome.html", "//evil.example/", "javascript:x"]
    )
    def test_return_addresses_that_are_not_paths_go_to_the_queue(self, staff_client, held, target):
        response = staff_client.post(
            "/admin/moderation/decide", {"act": f"approve:{held[0].pk}", "next": target}
        )

        assert response.status_code == 302
        assert response["Location"] == "/admin/moderation/pending/"

    def test_removed_comments_are_left_alone(self, staff_client, held):
        Comment.objects.filter(pk=held[0].pk).update(status=Comment.Status.REMOVED)

        staff_client.post("/admin/moderation/decide", {"act": f"approve:{held[0].pk}"})

        assert Comment.objects.get(pk=held[0].pk).status == Comment.Status.REMOVED


class TestBansAdmin:
    def test_a_moderator_bans_an_address_from_a_prefilled_form(self, staff_client):
        form = soup(
            staff_client.get("/admin/moderation/bans/new/?kind=email&email=troll@example.org")
        )
        assert form.select_one("input[name=email]")["value"] == "troll@example.org"

        response = staff_client.post(
            "/admin/moderation/bans/new/",
            {
                "kind": "email",
                "email": "troll@example.org",
                "shadow": "on",
                "reason": "Spam",
                "expires_at": "2099-01-01T12:00",
            },
        )

        ban = Ban.objects.get()
        assert response.status_code == 302
        assert (ban.email, ban.shadow, ban.created_by.username) == ("troll@example.org", True, "mo")
        assert staff_client.get("/admin/moderation/bans/").status_code == 200

    def test_an_invalid_network_is_refused_with_a_message(self, staff_client):
        response = staff_client.post(
            "/admin/moderation/bans/new/", {"kind": "network", "network": "nope"}
        )

        assert response.status_code == 200
        assert "203.0.113.0/24" in response.content.decode()
        assert not Ban.objects.exists()

    def test_staff_without_the_permission_cannot_ban(self):
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client = Client()
        client.force_login(editor)

        response = client.post(
            "/admin/moderation/bans/new/", {"kind": "email", "email": "x@example.org"}
        )

        # Wagtail's answer to staff without the permission: back to the dashboard, not a login.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert not Ban.objects.exists()


class TestDigest:
    def test_moderators_get_one_digest_per_period(self, held, deliver):
        moderator(email="mo@example.org")
        UserFactory(email="reader@example.org")
        period = digest.period_start(timezone.now(), 24)

        # Sent by the worker once the digest's transaction commits (through byline.mail).
        assert deliver(digest.send, period) == 1
        assert deliver(digest.send, period) == 0

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["mo@example.org"]
        assert "3 comments wait" in mail.outbox[0].body
        assert "/admin/moderation/pending/" in mail.outbox[0].body
        assert ModerationDigest.objects.get(period_start=period).recipients == 1

    def test_an_empty_queue_sends_nothing(self, db, deliver):
        moderator(email="mo@example.org")

        assert deliver(digest.send, digest.period_start(timezone.now(), 24)) == 0
        assert mail.outbox == []

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_the_digest_is_sent_after_its_transaction_outside_any_row_lock(
        self, held, sends_outside_transactions
    ):
        moderator(email="mo@example.org")
        moderator(email="other@example.org")

        assert digest.send(digest.period_start(timezone.now(), 24)) == 2

        assert sorted(m.to[0] for m in mail.outbox) == ["mo@example.org", "other@example.org"]
        assert sends_outside_transactions == [False, False]

    def test_a_digest_rolled_back_with_its_period_sends_nothing(
        self, held, django_capture_on_commit_callbacks
    ):
        moderator(email="mo@example.org")
        period = digest.period_start(timezone.now(), 24)

        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            assert digest.send(period) == 1
            raise RuntimeError("the worker died before the commit")

        assert (callbacks, mail.outbox) == ([], [])
        assert not ModerationDigest.objects.filter(period_start=period).exists()

    def test_holding_a_comment_schedules_the_digest_once(
        self, article, settings, django_capture_on_commit_callbacks
    ):
        # Django's own backend that keeps what is enqueued, and defers like the database queue.
        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        settings.DISCUSSION_PREMODERATE_ALL = True

        with django_capture_on_commit_callbacks(execute=True):
            post(article, "First held", token="a")
            post(article, "Second held", token="b")

        enqueued = [
            result
            for result in default_task_backend.results
            if result.task.func is digest.send_digest.func
        ]
        assert len(enqueued) == 1
        assert ModerationDigest.objects.count() == 1


def test_reports_feed_the_reported_queue(staff_client, article):
    comment = post(article, "Contested", token="author")
    for n in range(2):
        actions.report_comment(
            comment_id=comment.pk, reader=Reader(guest_token=f"r{n}"), reason="abuse"
        )

    row = soup(staff_client.get("/admin/moderation/reported/")).select_one(
        f"#queue-comment-{comment.pk}"
    )

    assert "2 reports" in row.get_text()
    assert Report.objects.filter(comment=comment).count() == 2


def test_an_article_is_premoderated_from_the_discussions_snippet(article):
    thread = Thread.objects.for_page(article)
    client = Client()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    form = soup(client.get(f"/admin/snippets/discussion/thread/edit/{thread.pk}/"))
    assert form.select_one("input[name=premoderated]")
    client.post(
        f"/admin/snippets/discussion/thread/edit/{thread.pk}/",
        {"comments_enabled": "on", "premoderated": "on", "closed_at": ""},
    )

    assert Thread.objects.get(pk=thread.pk).premoderated
    assert post(article, "Anything").status == Comment.Status.PENDING
