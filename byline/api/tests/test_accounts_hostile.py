"""Hostile input to the account, moderation and newsroom operations never makes a server error:
every answer is a success or the one error shape, and nothing hostile is stored or shown."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.api.tests.grants import bearer, fresh_rate_limits, moderator, token_for  # noqa: F401
from byline.discussion.models import Subscriber, Subscription
from byline.discussion.tests.factories import follower
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.article(title="Who wrote the hit?"),
    pytest.mark.usefixtures("fresh_rate_limits"),
]
FUZZ = hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
SUBSCRIBE_BODIES = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["article", "replies", "comment", "story", ""]) | st.text(max_size=20),
        "comment_id": st.integers() | st.text(max_size=20) | st.none(),
        "email": st.emails() | st.text(max_size=300) | st.none(),
        "frequency": st.sampled_from(["immediate", "daily"]) | st.text(max_size=10) | st.none(),
    },
)  # fmt: skip
SEGMENTS = st.text(max_size=30) | st.integers().map(str)
PRINTABLE = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)


def assert_answered(response) -> None:
    """A success, or a refusal in the one error shape: never a server error."""
    assert response.status_code < 500, response.content
    # A path no operation matches (an id with a slash in it) is Django's own 404 page.
    unrouted = response.status_code in (404, 405) and "json" not in response["Content-Type"]
    if response.status_code >= 400 and not unrouted:
        error = response.json()["error"]
        assert error["code"] and error["message"]


def send(client, method: str, path: str, body=None, **headers):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.generic(method, path, data, content_type="application/json", headers=headers)


@pytest.fixture
def mine(article):
    return follower(article, "ada@example.org")


@pytest.fixture
def keys(db):
    reader = UserFactory(email="ada@example.org")
    return {"reader": token_for(reader), "moderator": token_for(moderator())}


@FUZZ
@given(body=SUBSCRIBE_BODIES | JSON_VALUES, page=SEGMENTS)
def test_subscribing_never_errs(client, article, settings, body, page):
    # Past the per-client limit every answer is the same 429: keep the fuzzing in the form.
    settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 10_000
    for path in (f"/api/v1/threads/{article.pk}/subscriptions", f"/api/v1/threads/{quote(page, safe='')}/subscriptions"):  # fmt: skip
        assert_answered(send(client, "POST", path, body))


@FUZZ
@given(raw=st.binary(max_size=200))
def test_a_body_that_is_not_json_is_refused(client, article, raw):
    assert_answered(send(client, "POST", f"/api/v1/threads/{article.pk}/subscriptions", raw))


@FUZZ
@given(after=PRINTABLE, limit=PRINTABLE, section=PRINTABLE, topic=PRINTABLE, queue=SEGMENTS)
def test_lists_never_err(client, keys, after, limit, section, topic, queue):
    query = urlencode({"after": after, "limit": limit})
    reader, staff = bearer(keys["reader"]), bearer(keys["moderator"])
    assert_answered(client.get(f"/api/v1/me/comments?{query}", headers=reader))
    assert_answered(
        client.get(f"/api/v1/moderation/queues/{quote(queue, safe='')}?{query}", headers=staff)
    )
    assert_answered(client.get("/api/v1/moderation/queues/held?" + query, headers=staff))
    filters = urlencode({"section": section, "topic": topic, "after": after, "limit": limit})
    assert_answered(client.get(f"/api/v1/articles?{filters}"))
    assert_answered(client.get(f"/api/v1/articles/{quote(section, safe='')}"))


@FUZZ
@given(body=JSON_VALUES, target=SEGMENTS)
def test_changes_and_decisions_never_err(client, keys, mine, body, target):
    reader, staff = bearer(keys["reader"]), bearer(keys["moderator"])
    for path in (f"/api/v1/me/subscriptions/{mine.pk}", f"/api/v1/me/subscriptions/{quote(target, safe='')}"):  # fmt: skip
        assert_answered(send(client, "PATCH", path, body, **reader))
    assert_answered(send(client, "POST", "/api/v1/moderation/decisions", body, **staff))
    assert Subscription.objects.get(pk=mine.pk).frequency in ("immediate", "daily")


@FUZZ
@given(authorization=PRINTABLE, guest=PRINTABLE)
def test_hostile_credentials_are_refused_never_err(client, authorization, guest):
    for headers in ({"Authorization": authorization}, {"X-Byline-Guest": guest}):
        response = client.get("/api/v1/me", headers=headers)
        assert_answered(response)
        assert response.status_code in (401, 403)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_script_for_an_address_subscribes_nobody(client, article, payload):
    response = send(
        client, "POST", f"/api/v1/threads/{article.pk}/subscriptions",
        {"kind": "article", "email": payload},
    )  # fmt: skip

    assert response.status_code == 422
    assert Subscriber.objects.count() == 0


def test_a_token_named_with_script_is_shown_as_text_in_the_admin():
    staff = UserFactory(is_staff=True, is_superuser=True)
    browser = Client()
    browser.force_login(staff)
    for payload in XSS_PAYLOADS[:10]:
        browser.post("/admin/api-tokens/new/", {"name": payload[:255], "user": staff.pk})

    page = BeautifulSoup(browser.get("/admin/api-tokens/").content, "html.parser")

    listing = page.select_one("table")
    assert listing.select("script, img, iframe, details, body, style, math") == []
    assert not [tag for tag in listing.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert "<script>alert(1)</script>" in listing.get_text()
