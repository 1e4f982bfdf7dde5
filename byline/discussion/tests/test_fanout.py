"""Fan-out: who hears of a comment and why, once each, never its author, only when confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Delivery, Subscriber
from byline.discussion.notify import fanout
from byline.discussion.tests.factories import follower, post, recipients
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


class TestWhoIsTold:
    def test_followers_of_an_article_hear_of_every_new_comment(self, article, deliver):
        follower(article, "fan@example.org")
        follower(article, "critic@example.org")

        deliver(post, article, "The tour is on.")

        assert recipients() == ["critic@example.org", "fan@example.org"]
        assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2

    def test_replies_to_my_comments_reach_me_and_nothing_else_does(self, article, deliver):
        mine = post(article, "My comment.", token="maya")  # maya@ is guest-token-maya@...
        follower(article, "maya@example.org", kind="replies")
        Comment.objects.filter(pk=mine.pk).update(guest_email="maya@example.org")

        deliver(post, article, "Another root comment.", token="other")
        assert mail.outbox == []

        deliver(post, article, "A reply to Maya.", parent=mine, token="other")
        assert recipients() == ["maya@example.org"]
        assert mail.outbox[0].subject.startswith("Maya Reader replied to your comment")

    def test_a_signed_in_readers_replies_subscription_follows_their_account_comments(
        self, article, deliver
    ):
        ada = UserFactory(display_name="Ada", email="ada@example.org")
        mine = post(article, "Mine.", as_user=ada)
        follower(article, "ada@example.org", kind="replies")

        deliver(post, article, "Replying to Ada.", parent=mine, token="bo")

        assert recipients() == ["ada@example.org"]

    def test_following_one_comment_covers_its_whole_conversation(self, article, deliver):
        root = post(article, "Root.", token="a")
        other = post(article, "Other root.", token="b")
        reply = post(article, "Reply.", parent=root, token="c")
        fanout_then_send()
        follower(article, "watcher@example.org", kind="comment", comment=root)

        deliver(post, article, "Deep reply.", parent=reply, token="d")
        deliver(post, article, "Elsewhere.", parent=other, token="d")

        assert recipients() == ["watcher@example.org"]
        assert "Deep reply." in mail.outbox[0].body

    def test_the_author_of_a_comment_is_never_told_of_it(self, article, deliver):
        follower(article, "maya@example.org")
        follower(article, "fan@example.org")

        deliver(post, article, "My own comment.", token="maya")
        Comment.objects.update(guest_email="maya@example.org")

        assert "guest-token-maya@example.org" not in recipients()
        mail.outbox.clear()
        follower(article, "guest-token-writer@example.org")
        deliver(post, article, "Another.", token="guest-token-writer")
        assert "guest-token-writer@example.org" not in recipients()

    def test_an_unconfirmed_guest_subscription_receives_nothing(self, article, deliver):
        follower(article, "unsure@example.org", confirmed=False)

        deliver(post, article, "Hello.")

        assert mail.outbox == []
        assert Delivery.objects.count() == 0

    def test_one_email_per_recipient_with_the_most_personal_reason(self, article, deliver):
        mine = post(article, "Mine.", token="maya")
        Comment.objects.filter(pk=mine.pk).update(guest_email="maya@example.org")
        follower(article, "maya@example.org")
        follower(article, "maya@example.org", kind="replies")
        follower(article, "maya@example.org", kind="comment", comment=mine)

        deliver(post, article, "Reply.", parent=mine, token="other")

        assert recipients() == ["maya@example.org"]
        assert Delivery.objects.get().reason == Delivery.Reason.REPLY


class TestMentions:
    def test_an_earlier_commenter_with_an_account_is_told_of_a_mention(self, article, deliver):
        ada = UserFactory(display_name="Ada Lovelace", email="Ada@Example.org")
        post(article, "I was there.", as_user=ada)

        deliver(post, article, "Thanks @Ada Lovelace, that settles it.", token="bo")

        assert recipients() == ["Ada@Example.org".lower()]
        assert mail.outbox[0].subject.startswith("Maya Reader mentioned you")
        assert Subscriber.objects.get(address="ada@example.org").is_confirmed

    def test_a_reader_who_turned_mentions_off_is_not_told(self, article, deliver):
        ada = UserFactory(username="ada", email="ada@example.org")
        post(article, "I was there.", as_user=ada)
        Subscriber.objects.create(
            address="ada@example.org", confirmed_at=timezone.now(), mentions=False
        )

        deliver(post, article, "@ada are you sure?", token="bo")

        assert mail.outbox == []

    def test_a_guest_is_told_only_once_their_address_is_confirmed(self, article, deliver):
        sam = post(article, "Guest comment.", token="sam")
        Comment.objects.filter(pk=sam.pk).update(guest_name="Sam", guest_email="sam@example.org")

        deliver(post, article, "@Sam no way.", token="bo")
        assert mail.outbox == []

        Subscriber.objects.create(address="sam@example.org", confirmed_at=timezone.now())
        deliver(post, article, "@Sam really, no way.", token="bo")
        assert recipients() == ["sam@example.org"]

    def test_people_who_never_commented_in_the_thread_cannot_be_mentioned(self, article, deliver):
        elsewhere = ArticlePageFactory()
        UserFactory(username="ada", email="ada@example.org")
        post(elsewhere, "On another article.", as_user=UserFactory(username="bea"))

        deliver(post, article, "@ada and @bea, look.", token="bo")

        assert mail.outbox == []


def fanout_then_send() -> None:
    from byline.discussion import tasks

    tasks.run_notifications()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-03-01T06:59:00+00:00", "2026-03-01T07:00:00+00:00"),
        ("2026-03-01T07:00:00+00:00", "2026-03-02T07:00:00+00:00"),
        ("2026-03-01T23:30:00+00:00", "2026-03-02T07:00:00+00:00"),
    ],
)
def test_the_next_digest_is_the_next_digest_hour(settings, now, expected):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    assert fanout.next_digest_at(dt.datetime.fromisoformat(now)) == (
        dt.datetime.fromisoformat(expected)
    )
