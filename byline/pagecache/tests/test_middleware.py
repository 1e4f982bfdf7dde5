"""Whole pages from the cache for anonymous readers, never for personal requests."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import GUEST_COOKIE
from byline.discussion.models import Mute
from byline.discussion.tests.factories import post
from byline.pagecache.keys import entry_key
from byline.pagecache.middleware import PageCacheMiddleware
from byline.pagecache.shared import mark_personal

pytestmark = pytest.mark.django_db


def test_the_second_anonymous_request_is_served_from_the_cache(client, article):
    first = client.get(article.url)
    second = client.get(article.url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_cached_article_page_sets_no_cookie_and_holds_no_token(client, article):
    response = client.get(article.url)

    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content
    assert b'id="respond"' in response.content


def test_the_proxy_may_keep_the_page_and_browsers_revalidate(client, article):
    response = client.get(article.url)

    names = [name.lower() for name in response.headers]
    assert names.index("x-accel-expires") < names.index("cache-control")
    assert response["X-Accel-Expires"] == "600"
    assert response["Cache-Control"] == "max-age=0, must-revalidate"


def test_a_matching_etag_gets_304_without_the_body(client, article):
    etag = client.get(article.url)["ETag"]

    response = client.get(article.url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_stale_etag_gets_the_page(client, article):
    client.get(article.url)

    response = client.get(article.url, headers={"If-None-Match": '"something-else"'})

    assert response.status_code == 200


def test_a_signed_in_reader_never_receives_a_cached_page_of_another_reader(article):
    post(article, "A view worth sharing.")
    maya, olu = UserFactory(username="maya"), UserFactory(username="olu")
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(maya)

    mine = signed_in.get(article.url)
    anonymous_page = anonymous.get(article.url)
    other = Client()
    other.force_login(olu)
    theirs = other.get(article.url)

    assert "X-Page-Cache" not in mine and "X-Page-Cache" not in theirs
    assert maya.public_name.encode() in mine.content
    assert maya.public_name.encode() not in theirs.content
    assert olu.public_name.encode() in theirs.content
    assert maya.public_name.encode() not in anonymous_page.content
    assert anonymous.get(article.url)["X-Page-Cache"] == "hit"


def test_a_guest_with_their_own_cookie_is_rendered_for(client, article):
    client.get(article.url)
    client.cookies[GUEST_COOKIE] = "anything"

    response = client.get(article.url)

    assert "X-Page-Cache" not in response


@pytest.mark.parametrize("headers", [{"Authorization": "Basic eDp5"}], ids=["authorization"])
def test_requests_with_credentials_pass_through(client, article, headers):
    client.get(article.url)

    assert "X-Page-Cache" not in client.get(article.url, headers=headers)


def test_posts_are_never_answered_from_the_cache(client, article):
    client.get(article.url)

    assert "X-Page-Cache" not in client.post(article.url)


def test_fragments_and_pages_of_one_url_are_kept_apart(client, article):
    post(article)
    url = f"/comments/on/{article.pk}/"

    fragment = client.get(url, headers={"Byline-Fragment": "1"})
    page = client.get(url)

    assert fragment.status_code == 200
    assert page.status_code == 302


def test_errors_are_not_stored(client):
    client.get("/no-such-page/")

    assert "X-Page-Cache" not in client.get("/no-such-page/")


def test_off_when_disabled(client, article, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(article.url)

    response = client.get(article.url)

    assert "X-Page-Cache" not in response
    assert b"csrfmiddlewaretoken" in response.content


def personal_page(request):
    """A view that shows one reader's own choices (whom they muted, say)."""
    mark_personal(request)
    return HttpResponse("<p>Folded for you</p>", content_type="text/html")


def test_a_page_marked_personal_is_never_stored_even_for_a_shared_request(rf):
    """Whatever the request looked like, a page rendered with someone's mutes is not shared."""
    middleware = PageCacheMiddleware(personal_page)

    first = middleware(rf.get("/personal/"))
    second = middleware(rf.get("/personal/"))

    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "private" in first["Cache-Control"] and "X-Accel-Expires" not in first
    assert cache.get(entry_key(rf.get("/personal/"))) is None


def test_a_signed_in_readers_page_with_mutes_is_private_and_never_served_to_others(article):
    reader, loud = UserFactory(), UserFactory()
    comment = post(article, "Shouting", as_user=loud)
    Mute.objects.create(reader=reader, muted=loud)
    muted_client = Client()
    muted_client.force_login(reader)

    mine = muted_client.get(article.url)
    anonymous = Client().get(article.url)

    assert "private" in mine["Cache-Control"]
    assert f'id="comment-{comment.pk}"' in mine.content.decode()
    assert b"comment__muted" in mine.content
    assert b"comment__muted" not in anonymous.content
    assert Client().get(article.url)["X-Page-Cache"] == "hit"
    assert b"comment__muted" not in Client().get(article.url).content
