"""Subscribing, double opt-in, unsubscribing and managing, and the links that authorise them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion import tasks as discussion_tasks
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Delivery, Subscriber, Subscription
from byline.discussion.notify import links, subscriptions
from byline.discussion.notify.links import InvalidLink, Scope
from byline.discussion.tests.factories import follower, post
from byline.mail import tasks
from byline.mail.models import OutgoingEmail
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.article(title="Who wrote the hit?")]


@pytest.fixture
def subscribe(django_capture_on_commit_callbacks):
    def subscribe(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return subscriptions.subscribe(**kwargs)

    return subscribe


def confirm_link(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/notify/confirm/\S+/)", message.body).group(1)


class TestSubscribing:
    def test_a_guest_subscription_waits_for_the_emailed_confirmation(self, article, subscribe):
        subscription = subscribe(page=article, kind="article", email=" Maya@Example.org ")

        assert subscription.confirmed_at is None
        assert subscription.subscriber.address == "maya@example.org"
        assert [m.to for m in mail.outbox] == [["maya@example.org"]]
        assert (
            mail.outbox[0].subject
            == "Confirm your subscription to new comments on “Who wrote the hit?”"
        )
        token = confirm_link(mail.outbox[0]).split("/")[-2]

        confirmed = subscriptions.confirm(token=token)

        assert confirmed.is_confirmed and confirmed.subscriber.is_confirmed

    def test_a_signed_in_reader_is_subscribed_at_once_without_an_email(self, article, subscribe):
        user = UserFactory(email="ada@example.org")

        subscription = subscribe(page=article, kind="replies", user=user, frequency="daily")

        assert subscription.is_confirmed and subscription.subscriber.is_confirmed
        assert subscription.frequency == "daily"
        assert mail.outbox == []

    def test_asking_again_changes_nothing_for_a_guest(self, article, subscribe):
        first = subscribe(page=article, kind="article", email="maya@example.org")
        subscriptions.confirm(token=links.confirm_token(first))

        again = subscribe(page=article, kind="article", email="maya@example.org", frequency="daily")

        assert again.pk == first.pk
        assert Subscription.objects.get().frequency == "immediate"
        assert Subscription.objects.get().is_confirmed

    def test_one_comment_can_be_followed_only_in_its_own_thread(self, article, subscribe):
        comment = post(ArticlePageFactory(), "Elsewhere.")

        with pytest.raises(DiscussionError, match="not available"):
            subscribe(page=article, kind="comment", email="a@example.org", comment_id=comment.pk)

        own = post(article, "Here.")
        subscription = subscribe(
            page=article, kind="comment", email="a@example.org", comment_id=own.pk
        )
        assert subscription.comment == own

    def test_an_account_without_an_address_is_told_so(self, article, subscribe):
        with pytest.raises(DiscussionError, match="Add an email address"):
            subscribe(page=article, kind="article", user=UserFactory(email=""))

    def test_confirmation_emails_to_one_address_are_limited_quietly(
        self, article, subscribe, settings
    ):
        settings.NOTIFICATIONS_CONFIRMATIONS_PER_HOUR = 2
        for _ in range(5):
            subscribe(page=article, kind="article", email="target@example.org")

        assert len(mail.outbox) == 2
        assert Subscription.objects.count() == 1

    def test_a_subscription_rolled_back_sends_no_confirmation(
        self, article, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            subscriptions.subscribe(page=article, kind="article", email="rolled@example.org")
            raise RuntimeError("the request failed after subscribing")
        tasks.run_outbox()

        assert (callbacks, mail.outbox) == ([], [])
        assert not OutgoingEmail.objects.exists()

    def test_a_confirmation_refused_by_the_mail_server_is_sent_on_a_later_run(
        self, article, subscribe, flaky
    ):
        flaky.failures = 1
        subscribe(page=article, kind="article", email="refused-once@example.org")
        assert mail.outbox == []

        tasks.run_outbox(clock=lambda: timezone.now() + dt.timedelta(hours=1))

        [sent] = mail.outbox
        assert sent.to == ["refused-once@example.org"]
        assert confirm_link(sent).startswith("/notify/confirm/")
        assert OutgoingEmail.objects.get().attempts == 2


class TestLinks:
    def test_a_confirmation_link_expires(self, article, settings):
        subscription = follower(article, "late@example.org", confirmed=False)
        token = links.confirm_token(subscription)
        settings.NOTIFICATIONS_CONFIRM_DAYS = 0

        with pytest.raises(InvalidLink, match="expired"):
            subscriptions.confirm(token=token)

    def test_a_link_made_for_one_purpose_does_not_work_for_another(self, article):
        subscription = follower(article, "a@example.org")
        manage = links.manage_token(subscription.subscriber)
        unsubscribe = links.unsubscribe_token(Scope.SUBSCRIPTION, subscription.pk)

        with pytest.raises(InvalidLink):
            subscriptions.unsubscribe(token=manage)
        with pytest.raises(InvalidLink):
            subscriptions.subscriber_for(token=unsubscribe)
        with pytest.raises(InvalidLink):
            subscriptions.confirm(token=unsubscribe)

    def test_a_tampered_link_names_nothing(self, article):
        subscription = follower(article, "a@example.org")
        other = follower(article, "b@example.org")
        token = links.unsubscribe_token(Scope.SUBSCRIPTION, subscription.pk)
        forged = token.replace(f"s{subscription.pk}:", f"s{other.pk}:")

        with pytest.raises(InvalidLink):
            subscriptions.unsubscribe(token=forged)
        assert Subscription.objects.count() == 2

    @settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(token=st.text(max_size=200))
    def test_any_string_is_a_valid_link_or_an_invalid_link_and_nothing_else(self, token):
        readers = {
            links.read_confirm_token: int,
            links.read_unsubscribe_token: tuple,
            links.read_manage_token: int,
        }
        for read, kind in readers.items():
            try:
                value = read(token)
            except InvalidLink as refused:
                assert "link" in str(refused)
            else:  # a string that happens to be signed: it names one row
                assert isinstance(value, kind)

    def test_a_signed_value_that_is_not_an_id_is_refused(self):
        token = signing.TimestampSigner(salt=links.MANAGE_SALT).sign("1; drop table")
        with pytest.raises(InvalidLink):
            links.read_manage_token(token)

    def test_a_manage_link_from_before_they_expired_is_refused_cleanly(self):
        token = signing.Signer(salt=links.MANAGE_SALT).sign("1")
        with pytest.raises(InvalidLink, match="expired"):
            links.read_manage_token(token)


class TestUnsubscribing:
    def test_one_subscription_goes_and_its_waiting_emails_with_it(self, article):
        kept = follower(article, "a@example.org", kind="replies")
        gone = follower(article, "a@example.org")
        comment = post(article, "A short reply.")
        Delivery.objects.create(
            subscriber=gone.subscriber, comment=comment, subscription=gone, reason="article",
            due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC), digest=True,
        )  # fmt: skip

        subscriptions.unsubscribe(token=links.unsubscribe_token(Scope.SUBSCRIPTION, gone.pk))

        assert list(Subscription.objects.all()) == [kept]
        assert Delivery.objects.get().status == "cancelled"

    def test_unsubscribing_twice_answers_the_same(self, article):
        subscription = follower(article, "a@example.org")
        token = links.unsubscribe_token(Scope.SUBSCRIPTION, subscription.pk)

        first = subscriptions.unsubscribe(token=token)
        second = subscriptions.unsubscribe(token=token)

        assert first.description.startswith("new comments on")
        assert second.description == "these emails"

    def test_everything_stops_every_subscription_and_mentions(self, article):
        subscriber = follower(article, "a@example.org").subscriber
        follower(article, "a@example.org", kind="replies")
        follower(article, "b@example.org")

        subscriptions.unsubscribe(token=links.unsubscribe_token(Scope.ADDRESS, subscriber.pk))

        assert list(Subscription.objects.values_list("subscriber__address", flat=True)) == [
            "b@example.org"
        ]
        assert not Subscriber.objects.get(pk=subscriber.pk).mentions

    def test_the_digest_link_stops_daily_subscriptions_only(self, article):
        daily = follower(article, "a@example.org", frequency="daily")
        immediate = follower(article, "a@example.org", kind="replies")

        subscriptions.unsubscribe(token=links.unsubscribe_token(Scope.DIGEST, daily.subscriber_id))

        assert list(Subscription.objects.all()) == [immediate]


class TestManaging:
    def test_changes_apply_only_to_the_addresss_own_subscriptions(self, article):
        mine = follower(article, "a@example.org")
        theirs = follower(article, "b@example.org")

        subscriptions.set_frequency(
            subscriber=mine.subscriber, subscription_id=theirs.pk, frequency="daily"
        )
        subscriptions.remove(subscriber=mine.subscriber, subscription_id=theirs.pk)
        subscriptions.set_frequency(
            subscriber=mine.subscriber, subscription_id=mine.pk, frequency="daily"
        )

        assert Subscription.objects.get(pk=theirs.pk).frequency == "immediate"
        assert Subscription.objects.get(pk=mine.pk).frequency == "daily"

    def test_a_manage_link_goes_only_to_a_confirmed_address(
        self, article, django_capture_on_commit_callbacks
    ):
        follower(article, "confirmed@example.org")
        follower(article, "pending@example.org", confirmed=False)

        with django_capture_on_commit_callbacks(execute=True):
            for address in ("confirmed@example.org", "pending@example.org", "nobody@example.org"):
                subscriptions.request_manage_link(email=address)

        assert [m.to for m in mail.outbox] == [["confirmed@example.org"]]
        assert "/notify/manage/" in mail.outbox[0].body


def test_runs_queued_before_the_outbox_post_their_email_there(article):
    """``send_confirmation`` and ``send_manage_link`` stay for runs a database queue still
    holds from before: they write the email to the outbox, and the worker sends it."""
    subscription = subscriptions.subscribe(page=article, kind="article", email="old@example.org")
    OutgoingEmail.objects.all().delete()
    subscriber = subscription.subscriber

    assert discussion_tasks.send_confirmation.call(subscription.pk) is True
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["confirmed_at"])
    assert discussion_tasks.send_manage_link.call(subscriber.pk) is True
    tasks.run_outbox()

    assert [m.subject.split(" ")[0] for m in mail.outbox] == ["Confirm", "Manage"]
    assert {m.to[0] for m in mail.outbox} == {"old@example.org"}
