"""Posting, editing, deleting and voting: the rules and the counters."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader
from byline.discussion.live import stores
from byline.discussion.models import Comment, NotificationEvent, Thread, Vote, position_step
from byline.discussion.tests.factories import guest, post
from byline.discussion.threads import services
from byline.discussion.threads.services import Guest
from byline.newsroom.tests.factories import ArticlePageFactory
from byline.pagecache import keys
from byline.pagecache.testing import cached, warm

cache_bump = keys.bump

pytestmark = pytest.mark.django_db


def reload(comment: Comment) -> Comment:
    return Comment.objects.get(pk=comment.pk)


class TestPosting:
    def test_a_guest_comment_is_published_sanitised_and_counted(self, article):
        comment = post(article, "I *doubt* it. <script>alert(1)</script>")

        assert comment.status == Comment.Status.PUBLISHED
        assert (
            comment.body_html == "<p>I <em>doubt</em> it. &lt;script&gt;alert(1)&lt;/script&gt;</p>"
        )
        assert (comment.guest_name, comment.author_name) == ("Maya Reader", "Maya Reader")
        assert Thread.objects.get(page=article).comment_count == 1

    def test_a_signed_in_reader_posts_as_themselves(self, article):
        user = UserFactory(display_name="Ada")

        comment = post(article, as_user=user)

        assert comment.author == user and comment.guest_name == "" and comment.author_name == "Ada"

    def test_replies_count_on_every_ancestor(self, article):
        root = post(article)
        reply = post(article, parent=root)
        post(article, parent=reply)

        assert reload(root).reply_count == 2
        assert reload(reply).reply_count == 1
        assert Thread.objects.get(page=article).comment_count == 3

    def test_replies_past_the_depth_cap_attach_to_the_deepest_allowed_parent(
        self, article, settings
    ):
        settings.DISCUSSION_MAX_DEPTH = 3
        root = post(article)
        child = post(article, parent=root)
        grandchild = post(article, parent=child)

        too_deep = post(article, parent=grandchild)

        assert (too_deep.depth, too_deep.parent_id, too_deep.root_id) == (2, child.pk, root.pk)

    def test_positions_keep_conversation_order(self, article):
        first = post(article)
        second = post(article)
        first_reply = post(article, parent=first)
        reply_to_reply = post(article, parent=first_reply)
        late_reply = post(article, parent=first)

        in_order = Comment.objects.filter(root=first).order_by("position")

        assert list(in_order) == [first_reply, reply_to_reply, late_reply]
        assert second.position < late_reply.position or second.root_id is None

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ("", "Write something before posting."),
            ("   \n\t ", "Write something before posting."),
            ("\x00\x01\u200b", "Write something before posting."),
            ("x" * 5001, "at most 5,000 characters"),
        ],
    )
    def test_empty_or_oversized_bodies_are_refused_and_nothing_is_written(
        self, article, body, message
    ):
        with pytest.raises(DiscussionError, match=message) as error:
            post(article, body)

        assert error.value.field == "body"
        assert Comment.objects.count() == 0

    def test_a_guest_must_give_a_name(self, article):
        with pytest.raises(DiscussionError, match="name"):
            services.post_comment(page=article, body="Hello", reader=Reader(guest_token="x"))

    def test_a_reply_to_another_articles_comment_is_refused(self, article):
        elsewhere = post(ArticlePageFactory())

        with pytest.raises(DiscussionError, match="belongs to another article"):
            post(article, parent=elsewhere)

    def test_a_reply_to_a_deleted_comment_is_refused(self, article):
        reader, _ = guest()
        removed = post(article)
        services.delete_comment(comment_id=removed.pk, reader=reader)

        with pytest.raises(DiscussionError, match="has been deleted"):
            post(article, parent=removed)

    def test_a_reply_to_an_unknown_comment_is_refused(self, article):
        with pytest.raises(DiscussionError, match="not available"):
            services.post_comment(
                page=article, body="Hi", reader=guest()[0], guest=guest()[1], parent_id=10**12
            )

    def test_a_closed_thread_refuses_comments(self, article):
        Thread.objects.for_page(article)
        Thread.objects.filter(page=article).update(closed_at=timezone.now())

        with pytest.raises(DiscussionError, match="closed"):
            post(article)

    def test_comments_turned_off_refuse_comments(self, article):
        Thread.objects.for_page(article)
        Thread.objects.filter(page=article).update(comments_enabled=False)

        with pytest.raises(DiscussionError, match="turned off"):
            post(article)

    def test_threads_close_themselves_after_the_configured_days(self, article, settings):
        settings.DISCUSSION_AUTO_CLOSE_DAYS = 7
        article.first_published_at = timezone.now() - dt.timedelta(days=8)
        article.save()

        with pytest.raises(DiscussionError, match="closed"):
            post(article)


class TestEditingAndDeleting:
    def test_the_author_edits_within_the_window_and_the_edit_is_marked(self, article):
        comment = post(article, "Frist!")

        edited = services.edit_comment(
            comment_id=comment.pk, reader=guest()[0], body="First, *properly*."
        )

        assert edited.body_html == "<p>First, <em>properly</em>.</p>"
        assert edited.edited_at is not None

    def test_nobody_else_can_edit_or_delete(self, article):
        comment = post(article, token="owner")
        stranger = Reader(guest_token="stranger")

        with pytest.raises(DiscussionError, match="your own"):
            services.edit_comment(comment_id=comment.pk, reader=stranger, body="Mine now")
        with pytest.raises(DiscussionError, match="your own"):
            services.delete_comment(comment_id=comment.pk, reader=Reader(user=UserFactory()))
        assert reload(comment).body == comment.body

    def test_the_window_closes(self, article, settings):
        comment = post(article)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=timezone.now() - dt.timedelta(minutes=16)
        )

        with pytest.raises(DiscussionError, match="15 minutes"):
            services.edit_comment(comment_id=comment.pk, reader=guest()[0], body="Too late")

    def test_deleting_a_comment_with_replies_leaves_a_placeholder(self, article):
        root = post(article, token="owner")
        post(article, parent=root, token="other")

        services.delete_comment(comment_id=root.pk, reader=Reader(guest_token="owner"))

        root = reload(root)
        assert root.status == Comment.Status.REMOVED and root.body == "" and root.is_visible
        assert Thread.objects.get(page=article).comment_count == 1

    def test_deleting_a_reply_updates_its_ancestors_and_a_lone_comment_disappears(self, article):
        root = post(article, token="other")
        reply = post(article, parent=root, token="owner")

        services.delete_comment(comment_id=reply.pk, reader=Reader(guest_token="owner"))

        assert reload(root).reply_count == 0
        assert not reload(reply).is_visible
        assert list(Comment.objects.visible()) == [root]


class TestVoting:
    def test_one_vote_per_reader_and_changing_it_moves_the_counts(self, article):
        comment = post(article, token="author")
        voter = Reader(guest_token="voter")

        services.cast_vote(comment_id=comment.pk, reader=voter, value=Vote.UP)
        services.cast_vote(comment_id=comment.pk, reader=voter, value=Vote.UP)
        after_up = reload(comment)
        services.cast_vote(comment_id=comment.pk, reader=voter, value=Vote.DOWN)
        after_down = reload(comment)
        services.cast_vote(comment_id=comment.pk, reader=voter, value=0)
        after_clear = reload(comment)

        assert (after_up.score, after_up.upvotes, after_up.downvotes) == (1, 1, 0)
        assert (after_down.score, after_down.upvotes, after_down.downvotes) == (-1, 0, 1)
        assert (after_clear.score, after_clear.upvotes, after_clear.downvotes) == (0, 0, 0)
        assert Vote.objects.count() == 0

    def test_no_vote_on_a_comment_of_an_unpublished_article(self, article):
        comment = post(article, token="author")
        article.unpublish()

        with pytest.raises(DiscussionError, match="no longer available"):
            services.cast_vote(comment_id=comment.pk, reader=Reader(guest_token="v"), value=Vote.UP)

        assert reload(comment).score == 0 and Vote.objects.count() == 0

    def test_signed_in_and_guest_voters_are_counted_separately(self, article):
        comment = post(article, token="author")

        services.cast_vote(comment_id=comment.pk, reader=Reader(user=UserFactory()), value=Vote.UP)
        services.cast_vote(comment_id=comment.pk, reader=Reader(guest_token="g"), value=Vote.UP)

        assert reload(comment).score == 2

    def test_guests_on_one_address_range_share_one_vote(self, article):
        comment = post(article, token="author")

        for n in range(3):
            services.cast_vote(
                comment_id=comment.pk, reader=Reader(guest_token=f"fresh-{n}"), value=Vote.UP,
                ip_address=f"192.0.2.{10 + n}",
            )  # fmt: skip
        services.cast_vote(
            comment_id=comment.pk, reader=Reader(guest_token="fresh-3"), value=Vote.DOWN,
            ip_address="192.0.2.99",
        )  # fmt: skip

        assert (reload(comment).score, Vote.objects.count()) == (-1, 1)

    def test_guests_on_other_ranges_and_accounts_vote_separately(self, article):
        comment = post(article, token="author")
        voters = [
            (Reader(guest_token="home"), "192.0.2.10"),
            (Reader(guest_token="office"), "2001:db8:1::1"),
            (Reader(user=UserFactory()), "192.0.2.11"),
        ]

        for reader, address in voters:
            services.cast_vote(
                comment_id=comment.pk, reader=reader, value=Vote.UP, ip_address=address
            )

        assert reload(comment).score == 3

    def test_nobody_votes_on_their_own_comment(self, article):
        comment = post(article, token="author")

        with pytest.raises(DiscussionError, match="own comment"):
            services.cast_vote(
                comment_id=comment.pk, reader=Reader(guest_token="author"), value=Vote.UP
            )

    def test_a_reader_without_a_token_cannot_vote(self, article):
        comment = post(article)

        with pytest.raises(DiscussionError, match="cookies"):
            services.cast_vote(comment_id=comment.pk, reader=Reader(), value=Vote.UP)

    @pytest.mark.parametrize("value", [2, -5, "up"])
    def test_votes_are_up_down_or_nothing(self, article, value):
        comment = post(article)

        with pytest.raises(DiscussionError):
            services.cast_vote(comment_id=comment.pk, reader=Reader(guest_token="v"), value=value)

    def test_votes_on_hidden_or_missing_comments_are_refused(self, article):
        comment = post(article)
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.HIDDEN)

        with pytest.raises(DiscussionError, match="no longer available"):
            services.cast_vote(comment_id=comment.pk, reader=Reader(guest_token="v"), value=Vote.UP)


def test_guest_comments_store_a_hash_of_the_token_not_the_token(article):
    comment = post(article, token="secret-token")

    assert comment.guest_key and "secret-token" not in comment.guest_key
    assert Reader(guest_token="secret-token").owns(comment)
    assert not Reader(guest_token="another").owns(comment)


def test_guest_identity_is_kept_exactly(article):
    reader = Reader(guest_token="abc")
    comment = services.post_comment(
        page=article, body="Hi", reader=reader, guest=Guest(name="Ana", email="ana@example.org")
    )

    assert (comment.guest_name, comment.guest_email) == ("Ana", "ana@example.org")


class TestWhatAPostSetsOff:
    """Everything a post sets off happens once: its count, the purge of the page in Byline's own
    cache, its notification outbox row and its live event."""

    def test_a_post_through_the_form_sets_off_each_of_its_effects_once(
        self, article, client, settings, page_cache, monkeypatch, django_capture_on_commit_callbacks
    ):
        settings.REDIS_URL = ""  # live events in the database's store, read back below
        bumped: list[list[str]] = []
        monkeypatch.setattr(keys, "bump", lambda paths: (bumped.append(paths), cache_bump(paths)))
        warm(client, [article.url])

        with django_capture_on_commit_callbacks(execute=True):
            response = Client().post(
                reverse("discussion:post", args=[article.pk]),
                {"name": "Maya Reader", "email": "maya@example.org", "body": "Once, please."},
                headers={"Byline-Fragment": "1"},
            )

        assert response.status_code == 201
        [comment] = Comment.objects.filter(thread__page=article)
        assert Thread.objects.get(page=article).comment_count == 1
        assert NotificationEvent.objects.filter(comment=comment).count() == 1
        events = stores.current().since(comment.thread_id, stores.ORIGIN)
        assert [(event.type, event.data["comment"]) for event in events] == [
            ("comment", comment.pk)
        ]
        assert [paths.count(article.url) for paths in bumped] == [1]
        assert cached(client, [article.url]) == set()

    def test_a_post_writes_its_comment_once_with_its_position(self, article):
        earlier = post(article, "Before.")

        with CaptureQueriesContext(connection) as queries:
            reply = post(article, "After.", parent=earlier)

        sql = [query["sql"] for query in queries.captured_queries]
        inserts = [q for q in sql if q.startswith('INSERT INTO "discussion_comment"')]
        updates = [q for q in sql if q.startswith('UPDATE "discussion_comment"')]
        assert len(inserts) == 1 and not any('"position"' in q for q in updates)
        reply.refresh_from_db()
        assert reply.position == earlier.position + position_step(reply.pk)

    def test_a_deleted_comments_id_is_never_given_again(self, article):
        last = post(article, "Soon gone.")
        Comment.objects.filter(pk=last.pk).delete()

        assert post(article, "Next.").pk > last.pk
