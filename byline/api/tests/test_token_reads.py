"""A token reads as its account only if it may comment as it: a read-only integration token
(or one for subscriptions alone) sees the thread as an anonymous reader does."""

from __future__ import annotations

import pytest

from byline.api.models import Scope
from byline.discussion.identity import Reader
from byline.discussion.tests.factories import post
from byline.discussion.threads import services, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(article, member):
    comment = post(article, "My words, held.", as_user=member)
    status.hold(comment, rule="test", reason="Held for the test.")
    return comment


@pytest.mark.parametrize("scopes", [(), (Scope.SUBSCRIBE,), (Scope.ACCOUNT,)])
def test_a_token_that_may_not_comment_does_not_see_its_accounts_held_comment(
    api, article, member, make_token, held, scopes
):
    reader = api.bearer(make_token(member, scopes=scopes))

    assert reader.get(f"/comments/{held.pk}").status_code == 404
    listed = reader.get(f"/threads/{article.pk}/comments").json()["items"]
    assert held.pk not in [item["id"] for item in listed]


def test_a_token_that_may_comment_sees_it(api, article, member, make_token, held):
    reader = api.bearer(make_token(member, scopes=(Scope.COMMENT,)))

    assert reader.get(f"/comments/{held.pk}").status_code == 200
    listed = reader.get(f"/threads/{article.pk}/comments").json()["items"]
    assert held.pk in [item["id"] for item in listed]


def test_a_read_only_token_is_not_told_its_accounts_vote(api, article, member, make_token):
    comment = post(article, "Someone's words.", token="someone-else")
    services.cast_vote(comment_id=comment.pk, reader=Reader(user=member), value=1)

    read_only = api.bearer(make_token(member, scopes=())).get(f"/comments/{comment.pk}").json()
    commenting = api.bearer(make_token(member)).get(f"/comments/{comment.pk}").json()

    assert commenting["my_vote"] == 1
    assert read_only["my_vote"] == 0
