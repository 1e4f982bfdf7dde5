"""Guest keys are the API's to give: a client cannot choose its own (a weak or guessed one, or
one forged without the site's secret key), so the per-key limits and ownership mean something."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from byline.api.callers import is_guest_key, new_guest_key, signed_guest_key
from byline.api.tests.conftest import MAYA_KEY, error_of
from byline.discussion.models import Comment

pytestmark = pytest.mark.django_db
GUEST = {"name": "Gus Guest", "email": "gus@example.org"}


def test_a_given_key_is_taken_and_posts_as_its_guest(api, article):
    first = api.post(f"/threads/{article.pk}/comments", {"body": "First words.", **GUEST})
    key = first.json()["guest_key"]

    assert is_guest_key(key)
    second = api.guest(key).post(f"/threads/{article.pk}/comments", {"body": "More.", **GUEST})
    assert second.status_code == 201 and second.json()["guest_key"] is None
    assert (
        Comment.objects.filter(guest_key__isnull=False).values("guest_key").distinct().count() == 1
    )


@pytest.mark.parametrize(
    "key",
    [
        "a" * 32,  # well formed once, but chosen by the client
        "a" * 43,
        f"{'a' * 32}.{'b' * 43}",  # the shape, not the signature
        MAYA_KEY[:-1] + ("A" if MAYA_KEY[-1] != "A" else "B"),  # one character changed
        MAYA_KEY.replace("m", "n", 1),  # another random part under Maya's signature
    ],
)
def test_a_key_byline_did_not_give_is_refused(api, article, key):
    response = api.guest(key).post(f"/threads/{article.pk}/comments", {"body": "Hi.", **GUEST})

    assert response.status_code == 401
    assert error_of(response)["code"] == "bad_guest_key"
    assert not Comment.objects.exists()


def test_a_key_signed_with_another_secret_is_refused(api, article, settings):
    settings.SECRET_KEY = "another site's secret key, long enough to be one" * 2
    forged = signed_guest_key("f" * 32)
    settings.SECRET_KEY = settings.SECRET_KEY[::-1]

    assert not is_guest_key(forged)


def test_keys_are_fresh_each_time():
    assert len({new_guest_key() for _ in range(20)}) == 20


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_no_arbitrary_text_passes_for_a_key(text):
    assert not is_guest_key(text) or text == signed_guest_key(text[:32])
