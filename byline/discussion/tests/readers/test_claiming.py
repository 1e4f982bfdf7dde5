"""Claiming a guest's past: only with verified addresses, atomic, idempotent, votes counted once."""

from __future__ import annotations

from unittest import mock

import pytest
from allauth.account.models import EmailAddress

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Subscription, Vote
from byline.discussion.readers import claiming
from byline.discussion.tests.factories import follower, post
from byline.discussion.threads import services

pytestmark = pytest.mark.django_db
ADDRESS = "guest-token-maya@example.org"  # what factories.post types as the guest's address


def guest_vote(comment: Comment, value: int, token: str = "guest-token-maya") -> None:
    services.cast_vote(comment_id=comment.pk, reader=Reader(guest_token=token), value=value)


def test_guest_comments_votes_and_waiting_subscriptions_become_the_accounts(article):
    other = post(article, "Someone else's comment.", token="other")
    mine = post(article, "I wrote this as a guest.")
    reply = post(article, "And this reply.", parent=other)
    guest_vote(other, Vote.UP)
    follower(article, ADDRESS, confirmed=False)
    user = UserFactory(email=ADDRESS.upper())

    assert claiming.guest_past(user) == claiming.GuestPast(comments=2, votes=1, subscriptions=1)
    claimed = claiming.claim(user=user)

    assert claimed == claiming.GuestPast(comments=2, votes=1, subscriptions=1)
    assert set(Comment.objects.filter(author=user)) == {mine, reply}
    mine.refresh_from_db()
    assert (mine.guest_email, mine.guest_key) == ("", "")
    assert Vote.objects.get(comment=other).voter_key == f"u:{user.pk}"
    assert Subscription.objects.get().is_confirmed
    other.refresh_from_db()
    assert (other.score, other.upvotes) == (1, 1)
    assert other.author is None  # another guest's comment stays theirs


def test_claiming_twice_claims_nothing_more(article):
    post(article)
    user = UserFactory(email=ADDRESS)
    assert claiming.claim(user=user).comments == 1
    assert not claiming.claim(user=user)
    assert not claiming.guest_past(user)


def test_an_unverified_address_claims_nothing(article):
    comment = post(article)
    follower(article, ADDRESS, confirmed=False)
    user = UserFactory(email=ADDRESS, verified_email="")
    EmailAddress.objects.filter(user=user).update(verified=False)

    assert not claiming.guest_past(user)
    assert not claiming.claim(user=user)
    comment.refresh_from_db()
    assert comment.author is None
    assert not Subscription.objects.get().is_confirmed


def test_only_the_readers_own_verified_addresses_count(article):
    post(article, token="someone")  # someone@example.org's comment
    user = UserFactory(email=ADDRESS)
    EmailAddress.objects.create(user=UserFactory(), email="someone@example.org", verified=False)
    assert not claiming.claim(user=user)
    assert Comment.objects.get().author is None


def test_a_guest_vote_on_a_comment_the_account_voted_on_is_withdrawn(article):
    other = post(article, "Vote on me.", token="other")
    post(article, "My guest comment.")
    user = UserFactory(email=ADDRESS)
    guest_vote(other, Vote.UP)
    services.cast_vote(comment_id=other.pk, reader=Reader(user=user), value=Vote.DOWN)
    other.refresh_from_db()
    assert (other.score, other.upvotes, other.downvotes) == (0, 1, 1)

    claimed = claiming.claim(user=user)

    assert claimed.votes == 0
    other.refresh_from_db()
    assert (other.score, other.upvotes, other.downvotes) == (-1, 0, 1)
    assert list(Vote.objects.values_list("voter_key", flat=True)) == [f"u:{user.pk}"]


def test_two_browsers_votes_on_one_comment_count_once(article):
    other = post(article, "Vote on me.", token="other")
    post(article, "From my phone.", token="phone")
    post(article, "From my laptop.", token="laptop")
    Comment.objects.filter(
        guest_key__in=[Reader(guest_token=t).guest_key for t in ["phone", "laptop"]]
    ).update(guest_email=ADDRESS)
    guest_vote(other, Vote.UP, token="phone")
    guest_vote(other, Vote.UP, token="laptop")
    other.refresh_from_db()
    assert other.score == 2
    user = UserFactory(email=ADDRESS)

    assert claiming.claim(user=user) == claiming.GuestPast(comments=2, votes=1)
    other.refresh_from_db()
    assert (other.score, other.upvotes) == (1, 1)
    assert Vote.objects.get().voter_key == f"u:{user.pk}"


def test_a_guest_vote_on_what_becomes_the_accounts_own_comment_is_withdrawn(article):
    written = post(article, "Written on the laptop.", token="laptop")
    Comment.objects.filter(pk=written.pk).update(guest_email=ADDRESS)
    post(article, "Written on the phone.", token="phone")
    Comment.objects.filter(guest_key=Reader(guest_token="phone").guest_key).update(
        guest_email=ADDRESS
    )
    guest_vote(written, Vote.UP, token="phone")
    user = UserFactory(email=ADDRESS)

    claiming.claim(user=user)

    written.refresh_from_db()
    assert (written.author, written.score, written.upvotes) == (user, 0, 0)
    assert not Vote.objects.exists()


def test_a_failure_midway_leaves_everything_as_it_was(article):
    post(article)
    follower(article, ADDRESS, confirmed=False)
    user = UserFactory(email=ADDRESS)
    with (
        mock.patch.object(claiming.subscriptions, "confirm_waiting", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        claiming.claim(user=user)
    assert Comment.objects.get().author is None
    assert not Subscription.objects.get().is_confirmed


def test_claiming_purges_the_pages_that_show_the_comments(
    article, django_capture_on_commit_callbacks
):
    comment = post(article)
    user = UserFactory(email=ADDRESS)
    with (
        mock.patch("byline.discussion.threads.purging.purge_paths") as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        claiming.claim(user=user)
    purged = {path for call in purge.call_args_list for path in call.args[0]}
    assert article.url in purged
    assert f"/comments/{comment.pk}/replies/" in purged
