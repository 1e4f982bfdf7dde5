"""One comment alone (``/comments/<id>/alone/``): what the live script inserts or replaces,
rendered by the thread's own template for the reader asking, and only while every reader may
see it."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from byline.accounts.profiles import profile_changed
from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import GUEST_COOKIE, Reader
from byline.discussion.models import Comment
from byline.discussion.privacy import erasure
from byline.discussion.privacy.subjects import DataSubject
from byline.discussion.tests.factories import post, trap_fields
from byline.discussion.threads import muting, services

pytestmark = pytest.mark.django_db
FRAGMENT = {"Byline-Fragment": "1"}


def alone(comment: Comment) -> str:
    return f"/comments/{comment.pk}/alone/"


def fetch(client: Client, comment: Comment):
    return client.get(alone(comment), headers=FRAGMENT)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_a_published_reply_comes_as_the_thread_shows_it(client, article):
    parent = post(article, "The first word.")
    reply = post(article, "A *second* word.", parent=parent, token="another")

    response = fetch(client, reply)

    assert response.status_code == 200
    item = soup(response).select_one("li.comment")
    assert item["id"] == f"comment-{reply.pk}"
    assert "comment--reply" in item["class"] and "comment--depth-1" in item["class"]
    assert item.select_one(".comment__body em").get_text() == "second"
    assert item.select_one(f"a[data-reply-to='{reply.pk}']")
    thread_item = soup(client.get(article.url)).select_one(f"#comment-{reply.pk}")
    assert item.select_one(".comment__card") == thread_item.select_one(".comment__card")


def test_a_root_comes_without_its_replies(client, article):
    root = post(article, "The first word.")
    post(article, "An answer.", parent=root, token="another")

    item = soup(fetch(client, root)).select_one("li.comment")

    assert item.select_one(".comment__body").get_text(strip=True) == "The first word."
    assert not item.select(".replies") and not item.select(".comment__more-replies")


@pytest.mark.parametrize(
    "status",
    [
        Comment.Status.PENDING,
        Comment.Status.SHADOWED,
        Comment.Status.HIDDEN,
        Comment.Status.REMOVED,
    ],
)
def test_what_not_every_reader_may_see_is_not_found(client, article, status):
    comment = post(article, "Not for everyone.")
    Comment.objects.filter(pk=comment.pk).update(status=status)

    assert fetch(client, comment).status_code == 404


def test_held_comments_are_not_found_even_for_their_author(article):
    author = Client()
    author.post(
        f"/comments/on/{article.pk}/post/",
        {"name": "Maya", "email": "maya@example.org", "body": "Mine.", **trap_fields()},
    )
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.PENDING)

    assert fetch(author, comment).status_code == 404


def test_a_removed_comment_with_replies_comes_as_its_placeholder(client, article):
    root = post(article, "Soon gone.")
    post(article, "An answer.", parent=root, token="another")
    services.delete_comment(comment_id=root.pk, reader=Reader(guest_token="guest-token-maya"))

    item = soup(fetch(client, root)).select_one("li.comment")

    assert item.select_one(".comment__placeholder")
    assert "Soon gone." not in item.get_text()


def test_comments_of_withdrawn_articles_or_closed_discussions_are_not_found(client, article):
    comment = post(article)
    article.unpublish()

    assert fetch(client, comment).status_code == 404


def test_unknown_ids_are_not_found(client):
    assert client.get("/comments/99999999/alone/", headers=FRAGMENT).status_code == 404
    assert client.get("/comments/0/alone/", headers=FRAGMENT).status_code == 404


def test_without_the_script_it_is_the_permalink(client, article):
    comment = post(article)

    response = client.get(alone(comment))

    assert response.status_code == 302
    assert response["Location"].endswith(f"?comment={comment.pk}#comment-{comment.pk}")


def test_the_author_gets_their_controls_and_others_a_report_link(article):
    author = Client()
    author.post(
        f"/comments/on/{article.pk}/post/",
        {"name": "Maya", "email": "maya@example.org", "body": "Mine.", **trap_fields()},
    )
    comment = Comment.objects.get()

    own = soup(fetch(author, comment))
    other = soup(fetch(Client(), comment))

    assert own.select_one("li.comment").has_attr("data-own")
    assert own.select_one(".comment__action[href$='/edit/']")
    assert not own.select_one("[data-report]")
    assert not other.select_one("li.comment").has_attr("data-own")
    assert other.select_one("[data-report]") and not other.select_one("[href$='/edit/']")


def test_the_readers_own_vote_shows(article):
    comment = post(article, token="someone-else")
    voter = Client()
    voter.post(f"/comments/{comment.pk}/vote/", {"value": "up"})

    votes = soup(fetch(voter, comment)).select_one("[data-votes]")

    assert votes.select_one(".votes__button--up")["aria-pressed"] == "true"
    assert votes.select_one(".votes__score").get_text(strip=True) == "1"


def test_a_muted_authors_comment_comes_folded(client, article):
    reader, author = UserFactory(), UserFactory()
    comment = post(article, "Loud.", as_user=author)
    muting.mute(reader=reader, muted_id=author.pk)
    client.force_login(reader)

    item = soup(fetch(client, comment)).select_one("li.comment")

    assert item.select_one("details.comment__muted")


class TestPageCache:
    def test_a_cookieless_reader_gets_a_shared_copy_purged_on_edit(
        self, page_cache, client, article, django_capture_on_commit_callbacks
    ):
        comment = post(article, "Frist.")
        fetch(client, comment)
        assert fetch(client, comment)["X-Page-Cache"] == "hit"

        with django_capture_on_commit_callbacks(execute=True):
            services.edit_comment(
                comment_id=comment.pk, reader=Reader(guest_token="guest-token-maya"), body="First."
            )

        response = fetch(client, comment)
        assert response["X-Page-Cache"] == "miss"
        assert "First." in response.content.decode()

    def test_a_reader_with_a_cookie_gets_a_private_answer(self, page_cache, article):
        comment = post(article, token="someone-else")
        reader = Client()
        reader.post(f"/comments/{comment.pk}/vote/", {"value": "up"})
        assert GUEST_COOKIE in reader.cookies

        response = fetch(reader, comment)

        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]

    def test_a_removal_takes_the_shared_copy_away(
        self, page_cache, client, article, django_capture_on_commit_callbacks
    ):
        comment = post(article)
        fetch(client, comment)

        with django_capture_on_commit_callbacks(execute=True):
            services.delete_comment(
                comment_id=comment.pk, reader=Reader(guest_token="guest-token-maya")
            )

        assert fetch(client, comment).status_code == 404

    @pytest.fixture
    def cached_by_author(self, page_cache, client, article):
        """A comment by an account, its fragment in the cache."""
        author = UserFactory(username="maya_r")
        comment = post(article, "Signed.", as_user=author)
        fetch(client, comment)
        assert fetch(client, comment)["X-Page-Cache"] == "hit"
        return comment

    def test_a_name_change_purges_the_authors_comments_alone(
        self, client, cached_by_author, django_capture_on_commit_callbacks
    ):
        author = cached_by_author.author
        with django_capture_on_commit_callbacks(execute=True):
            profile_changed.send(sender=type(author), user=author)

        assert fetch(client, cached_by_author)["X-Page-Cache"] == "miss"

    def test_an_erasure_keeping_comments_purges_them_alone(
        self, client, cached_by_author, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            erasure.erase(DataSubject.of_user(cached_by_author.author), comments=erasure.KEEP)

        response = fetch(client, cached_by_author)
        assert response["X-Page-Cache"] == "miss"
        assert "maya_r" not in response.content.decode()

    def test_an_account_deleted_by_an_administrator_purges_its_comments_alone(
        self, client, cached_by_author, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            cached_by_author.author.delete()

        assert fetch(client, cached_by_author)["X-Page-Cache"] == "miss"

    def test_a_withdrawn_article_purges_its_comments_alone(
        self, client, article, cached_by_author, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            article.unpublish()

        assert fetch(client, cached_by_author).status_code == 404

    def test_a_restricted_article_purges_its_comments_alone(
        self, client, article, cached_by_author, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            PageViewRestriction.objects.create(
                page=article, restriction_type=PageViewRestriction.LOGIN
            )

        assert fetch(client, cached_by_author).status_code == 404
