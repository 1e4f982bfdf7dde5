"""Faces in the thread and a public page per commenter: the avatar beside every comment at no
extra query, names linking to /people/<id>/ (never the sign-in
username), which shows only what anyone may read of
the person, and neither when the site turns public profiles off."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.accounts.profiles import ProfileChange, update_profile
from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Thread
from byline.discussion.people import reading
from byline.discussion.tests.factories import post
from byline.discussion.tests.test_reading import queries_for
from byline.newsroom.tests.factories import ArticlePageFactory
from byline.pagecache.testing import cached, warm

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya():
    return UserFactory(
        username="maya",
        display_name="Maya Reader",
        email="maya.secret@example.org",
        bio='Films, mostly. <3 "quotes" & ampersands.',
    )


def comment_by(user, article, body: str, status=Comment.Status.PUBLISHED) -> Comment:
    """A row written directly: the page reads rows, and posting many would meet rate limits."""
    thread = Thread.objects.for_page(article)
    return Comment.objects.create(
        thread=thread, author=user, body=body, body_html=f"<p>{body}</p>", status=status
    )


def with_picture(user):
    user.avatar.name = f"avatars/{user.username}-256.webp"
    user.avatar_small.name = f"avatars/{user.username}-96.webp"
    user.save()
    return user


def test_the_public_page_shows_the_person_and_their_published_comments_only(client, article, maya):
    comment_by(maya, article, "Published and public.")
    for status in ("pending", "shadowed", "removed", "hidden"):
        comment_by(maya, article, f"A {status} comment.", status=status)

    response = client.get(f"/people/{maya.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="person__name">Maya Reader</h1>' in html
    assert "Films, mostly. &lt;3 &quot;quotes&quot; &amp; ampersands." in html
    assert ">MR</text>" in html and 'aria-hidden="true"' in html
    assert "1 published comment" in html and "Joined" in html
    assert "Published and public." in html and f'href="{article.url}"' in html
    for status in ("pending", "shadowed", "removed", "hidden"):
        assert f"A {status} comment." not in html
    assert "maya.secret" not in html and "example.org" not in html


def test_comments_on_articles_no_one_can_read_are_left_out(client, maya):
    live, gone = ArticlePageFactory(), ArticlePageFactory()
    comment_by(maya, live, "On a live article.")
    comment_by(maya, gone, "On an unpublished article.")
    gone.unpublish()

    html = client.get(f"/people/{maya.pk}/").content.decode()
    assert "On a live article." in html and "On an unpublished article." not in html
    assert "1 published comment" in html


def test_the_comments_come_a_page_at_a_time_newest_first(client, article, maya):
    for n in range(reading.PER_PAGE + 5):
        comment_by(maya, article, f"Comment number {n:02d}.")

    first = client.get(f"/people/{maya.pk}/").content.decode()
    second = client.get(f"/people/{maya.pk}/?page=2").content.decode()

    assert f"{reading.PER_PAGE + 5} published comments" in first
    assert "Comment number 24." in first and "Comment number 05." in first
    assert "Comment number 04." not in first and "Comment number 04." in second
    assert 'rel="next" href="?page=2"' in first and 'rel="prev" href="?page=1"' in second
    for odd in ("0", "-1", "abc", "99999999999999999999", "%00"):
        assert client.get(f"/people/{maya.pk}/?page={odd}").status_code == 200


@pytest.mark.parametrize(
    "address", ["999999", "0", "-1", "abc", "no.such@user", "9" * 20, "x" * 150]
)
def test_an_unknown_person_is_the_sites_404_page(client, address):
    response = client.get(f"/people/{address}/")
    assert response.status_code == 404
    assert b'class="site-header' in response.content


def test_no_page_for_an_account_with_no_published_comment_or_a_closed_one(client, article):
    quiet = UserFactory(username="quiet")
    comment_by(quiet, article, "Held.", status="pending")
    closed = UserFactory(username="closed", is_active=False)
    comment_by(closed, article, "Before closing.")

    assert client.get(f"/people/{quiet.pk}/").status_code == 404
    assert client.get(f"/people/{closed.pk}/").status_code == 404
    assert client.get("/people/" + "x" * 151 + "/").status_code == 404
    assert client.get("/people/a%2Fb/").status_code == 404


def test_names_in_the_thread_link_to_the_page_and_every_comment_has_a_face(client, article, maya):
    post(article, "A member's comment.", as_user=maya)
    post(article, "A guest's comment.")

    html = client.get(article.url).content.decode()

    assert '<a class="comment__author"' in html
    assert f'href="/people/{maya.pk}/">Maya Reader</a>' in html
    assert '<span class="comment__author"' in html and ">Maya Reader</span>" in html  # the guest
    assert html.count('class="avatar avatar--initials"') >= 2
    assert "maya.secret" not in html


def test_the_sign_in_username_is_published_nowhere(client, article):
    """The page's address is the account's id: the username (perhaps an e-mail address, from
    before "@" was refused) is for signing in, and a display name stands for it in public."""
    reader = UserFactory(username="maya.secret@example.org", display_name="Maya Reader")
    post(article, "A member's comment.", as_user=reader)

    thread = client.get(article.url).content.decode()
    page = client.get(f"/people/{reader.pk}/")

    assert f'href="/people/{reader.pk}/">Maya Reader</a>' in thread
    assert page.status_code == 200
    for html in (thread, page.content.decode()):
        assert "maya.secret" not in html and "example.org" not in html
    assert client.get("/people/maya.secret@example.org/").status_code == 404


def test_an_uploaded_picture_shows_in_the_thread_at_its_small_size(client, article, maya):
    with_picture(maya)
    post(article, "With a face.", as_user=maya)
    html = client.get(article.url).content.decode()
    assert '<img class="avatar" src="/media/avatars/maya-96.webp"' in html
    assert 'alt=""' in html


def test_with_public_profiles_off_there_is_no_page_and_no_link(client, article, maya, settings):
    settings.DISCUSSION_PUBLIC_PROFILES = False
    post(article, "A member's comment.", as_user=maya)

    assert client.get(f"/people/{maya.pk}/").status_code == 404
    html = client.get(article.url).content.decode()
    assert "/people/" not in html and '<span class="comment__author"' in html


def test_faces_cost_the_thread_no_query(django_assert_max_num_queries):
    """A page of commenters with pictures costs the article page what one member without a
    picture does (members' roles are read once per page, whoever they are)."""
    small, large = ArticlePageFactory(), ArticlePageFactory()
    comment_by(UserFactory(username="faceless"), small, "A member's lone comment.")
    for n in range(10):  # DISCUSSION_PAGE_SIZE
        reader = with_picture(UserFactory(username=f"face{n}"))
        comment_by(reader, large, f"Comment with a face {n}.")
    client = Client()

    alone = queries_for(client, small.url, django_assert_max_num_queries)
    many = queries_for(client, large.url, django_assert_max_num_queries)

    assert many == alone
    assert client.get(large.url).content.decode().count('<img class="avatar"') == 10


def test_the_thread_stays_shareable_and_a_new_face_purges_it(client, page_cache, maya):
    """Avatars are the same for every viewer, so the page cache keeps the article; a new name
    or picture purges the articles the person commented on, and no other."""
    article, other = ArticlePageFactory(), ArticlePageFactory()
    comment_by(maya, article, "Mine.")
    post(other, "Someone else's.")
    warm(client, [article.url, other.url])
    assert cached(client, [article.url, other.url]) == {article.url, other.url}

    with TestCaseCallbacks():
        update_profile(user=maya, change=ProfileChange(display_name="Maya Renamed", bio=""))

    assert cached(client, [article.url, other.url]) == {other.url}
    assert "Maya Renamed" in client.get(article.url).content.decode()


def test_the_public_page_is_not_kept_in_the_shared_cache(client, page_cache, article, maya):
    comment_by(maya, article, "Public.")
    client.get(f"/people/{maya.pk}/")
    assert client.get(f"/people/{maya.pk}/").get("X-Page-Cache") != "hit"


class TestCaseCallbacks:
    """Run on-commit callbacks (the purge) as a committed request would."""

    def __enter__(self):
        from django.test import TestCase

        self._context = TestCase.captureOnCommitCallbacks(execute=True)
        return self._context.__enter__()

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)
