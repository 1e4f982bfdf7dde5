"""Bans and shadow bans on an account, an address or an IP range, with an expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.tests.factories import post, trap_fields
from byline.discussion.threads import services
from byline.discussion.threads.services import Guest

pytestmark = pytest.mark.django_db


def matching(**who) -> list[Ban]:
    return Ban.objects.matching(
        user_id=who.get("user_id"), email=who.get("email", ""), ip_address=who.get("ip")
    )


class TestMatching:
    def test_an_account_ban_applies_to_that_account_only(self):
        banned, other = UserFactory(), UserFactory()
        Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=banned)

        assert matching(user_id=banned.pk)
        assert not matching(user_id=other.pk)

    def test_an_address_ban_ignores_case_and_spaces(self):
        Ban.objects.create(kind=Ban.Kind.EMAIL, email=" Troll@Example.org ")

        assert matching(email="troll@example.ORG")
        assert not matching(email="other@example.org")

    @pytest.mark.parametrize(
        ("network", "address", "covered"),
        [
            ("203.0.113.0/24", "203.0.113.200", True),
            ("203.0.113.0/24", "203.0.114.1", False),
            ("203.0.113.7", "203.0.113.7", True),
            ("203.0.113.0/24", "::ffff:203.0.113.9", True),
            ("2001:db8:aa::/48", "2001:db8:aa:ff::1", True),
            ("2001:db8:aa::/48", "2001:db8:ab::1", False),
            ("203.0.113.0/24", "garbage", False),
        ],
    )
    def test_a_network_ban_covers_its_range(self, network, address, covered):
        ban = Ban(kind=Ban.Kind.NETWORK, network=network)
        ban.full_clean()
        ban.save()

        assert bool(matching(ip=address)) is covered

    def test_an_expired_ban_no_longer_applies(self):
        Ban.objects.create(
            kind=Ban.Kind.EMAIL,
            email="past@example.org",
            expires_at=timezone.now() - dt.timedelta(minutes=1),
        )

        assert not matching(email="past@example.org")

    def test_a_ban_must_name_what_it_bans(self):
        with pytest.raises(ValidationError):
            Ban(kind=Ban.Kind.NETWORK, network="not a network").full_clean()
        with pytest.raises(ValidationError):
            Ban(kind=Ban.Kind.ACCOUNT).full_clean()
        with pytest.raises(IntegrityError):
            Ban.objects.create(kind=Ban.Kind.EMAIL, email="")

    def test_a_network_is_stored_in_its_canonical_form(self):
        ban = Ban(kind=Ban.Kind.NETWORK, network=" 203.0.113.77/24 ")
        ban.full_clean()

        assert ban.network == "203.0.113.0/24"


class TestBannedAuthors:
    def test_a_banned_author_is_refused_and_told_until_when(self, article):
        user = UserFactory()
        Ban.objects.create(
            kind=Ban.Kind.ACCOUNT, user=user, expires_at=timezone.now() + dt.timedelta(days=3)
        )

        with pytest.raises(DiscussionError, match="comment again after"):
            post(article, "Let me in", as_user=user)

        assert Comment.objects.count() == 0

    def test_a_banned_range_is_refused_for_guests(self, article):
        Ban.objects.create(kind=Ban.Kind.NETWORK, network="198.51.100.0/24")

        with pytest.raises(DiscussionError, match="can't comment here"):
            services.post_comment(
                page=article, body="Hello", reader=Reader(guest_token="x"),
                guest=Guest("G", "g@example.org"), ip_address="198.51.100.50",
            )  # fmt: skip


class TestShadowBans:
    def post_as_guest(self, client, article, body):
        return client.post(
            f"/comments/on/{article.pk}/post/",
            {"name": "Shadow", "email": "shadow@example.org", "body": body, **trap_fields()},
        )

    def test_a_shadow_banned_author_sees_their_comment_and_nobody_else_does(self, article):
        Ban.objects.create(kind=Ban.Kind.EMAIL, email="shadow@example.org", shadow=True)
        author, stranger = Client(), Client()

        response = self.post_as_guest(author, article, "You will all read this.")

        comment = Comment.objects.get()
        assert response.status_code == 302
        assert comment.status == Comment.Status.SHADOWED
        mine = BeautifulSoup(author.get(article.url).content, "html.parser")
        shown = mine.select_one(f"#comment-{comment.pk}")
        assert "You will all read this." in shown.get_text()
        # Nothing tells the author: no moderation notice, no refusal.
        assert shown.select_one("[data-held]") is None
        theirs = BeautifulSoup(stranger.get(article.url).content, "html.parser")
        assert theirs.select_one(f"#comment-{comment.pk}") is None
        assert stranger.get(f"/comments/{comment.pk}/").status_code == 404
        assert Thread.objects.get(page=article).comment_count == 0

    def test_a_shadow_banned_reply_stays_hidden_under_a_visible_comment(self, article):
        root = post(article, "A visible root", token="someone")
        user = UserFactory()
        Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=user, shadow=True)

        reply = post(article, "Hidden reply", as_user=user, parent=root)

        assert reply.status == Comment.Status.SHADOWED
        assert Comment.objects.get(pk=root.pk).reply_count == 0
        author = Client()
        author.force_login(user)
        assert "Hidden reply" in author.get(article.url).content.decode()
        assert "Hidden reply" not in Client().get(article.url).content.decode()

    def test_a_shadow_ban_that_comes_later_hides_the_next_edit(self, article):
        user = UserFactory()
        comment = post(article, "Before the ban", as_user=user)
        Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=user, shadow=True)

        edited = services.edit_comment(
            comment_id=comment.pk, reader=Reader(user=user), body="After it"
        )

        assert edited.status == Comment.Status.SHADOWED
        assert Thread.objects.get(page=article).comment_count == 0


class TestRepliesToShadowedComments:
    """Nothing a reader can do tells a shadowed comment from a held one."""

    @pytest.fixture
    def shadowed(self, article):
        user = UserFactory()
        Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=user, shadow=True)
        comment = post(article, "Only I can read this", as_user=user)
        assert comment.status == Comment.Status.SHADOWED
        return comment

    def refusal_of_a_reply_to(self, article, parent) -> str:
        with pytest.raises(DiscussionError) as refused:
            post(article, "A reply", parent=parent, token="someone-else")
        return refused.value.message

    def test_a_reply_to_it_is_refused_as_a_reply_to_a_held_comment(self, article, shadowed):
        held = post(article, "Waiting for a moderator", token="another")
        Comment.objects.filter(pk=held.pk).update(status=Comment.Status.PENDING)

        assert self.refusal_of_a_reply_to(article, shadowed) == self.refusal_of_a_reply_to(
            article, held
        )
        assert Comment.objects.filter(parent__isnull=False).count() == 0

    def test_its_author_replies_out_of_sight_even_once_the_ban_is_lifted(self, article, shadowed):
        Ban.objects.all().delete()

        reply = post(article, "Replying to myself", as_user=shadowed.author, parent=shadowed)

        assert reply.status == Comment.Status.SHADOWED
        assert Thread.objects.get(page=article).comment_count == 0
        assert "Replying to myself" not in Client().get(article.url).content.decode()

    def test_its_authors_reply_stays_shadowed_where_the_depth_cap_attaches_it(
        self, article, settings
    ):
        settings.DISCUSSION_MAX_DEPTH = 2
        root = post(article, "A visible root", token="someone")
        user = UserFactory()
        Ban.objects.create(kind=Ban.Kind.ACCOUNT, user=user, shadow=True)
        shadowed = post(article, "A shadowed reply", as_user=user, parent=root)
        Ban.objects.all().delete()

        reply = post(article, "And another", as_user=user, parent=shadowed)

        assert (reply.parent_id, reply.status) == (root.pk, Comment.Status.SHADOWED)
        assert "And another" not in Client().get(article.url).content.decode()
