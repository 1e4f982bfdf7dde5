"""The admin's live sourcing check."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from byline.accounts.tests.factories import UserFactory
from byline.newsroom.blocks import PARAGRAPH_FEATURES
from byline.newsroom.sourcing.views import MAX_DEPTH, MAX_FIELDS

URL = "/admin/sourcing/check/"


def contentstate(html: str) -> str:
    return ContentstateConverter(features=PARAGRAPH_FEATURES).from_database_format(html)


def test_the_check_has_its_admin_address():
    assert reverse("newsroom_sourcing_check") == URL


@pytest.mark.django_db
def test_the_draft_s_fields_are_checked_unmarked_first(admin_client):
    fields = [
        contentstate('<p><span data-source-kind="outlet" data-source-name="Popwire">A source'
                     " told Popwire</span> it is on.</p>"),
        contentstate("<p>She reportedly said yes. The source code is open.</p>"),
    ]  # fmt: skip
    response = admin_client.post(URL, {"field": fields})
    assert response.status_code == 200
    items = [
        " ".join(li.get_text().split())
        for li in BeautifulSoup(response.content, "html.parser").find_all("li")
    ]
    assert items == [
        "Not marked She reportedly said yes. (“reportedly”)",
        "Marked A source told Popwire it is on. (“source told”, “told Popwire”)",
    ]


@pytest.mark.django_db
def test_hostile_text_comes_back_escaped(admin_client):
    state = json.loads(contentstate("<p>x</p>"))
    state["blocks"][0]["text"] = "<script>alert(1)</script> Sources say so."
    response = admin_client.post(URL, {"field": [json.dumps(state)]})
    assert response.status_code == 200
    assert b"<script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; Sources say so." in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["not json", "[]", '{"blocks": 3}', '{"blocks": [{"text": 1}]}'])
def test_a_field_that_is_not_the_editor_s_json_is_refused_with_a_message(admin_client, field):
    response = admin_client.post(URL, {"field": [field]})
    assert response.status_code == 400
    assert b"not the editor's JSON" in response.content


@pytest.mark.django_db
def test_too_many_fields_are_refused(admin_client):
    response = admin_client.post(URL, {"field": ["{}"] * (MAX_FIELDS + 1)})
    assert response.status_code == 400


@pytest.mark.django_db
def test_readers_and_guests_cannot_use_the_check(client):
    assert client.post(URL, {"field": []}).status_code == 302  # to the admin's sign-in
    client.force_login(UserFactory())
    assert client.post(URL, {"field": []}).status_code in {302, 403}


@pytest.mark.django_db
def test_only_posts_are_answered(admin_client):
    assert admin_client.get(URL).status_code == 405


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["blocks", "entityMap", "text", "type", "key",
                                       "entityRanges", "inlineStyleRanges", "offset",
                                       "length", "depth", "data"]), children, max_size=5),
    max_leaves=15,
)  # fmt: skip


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=JSON_VALUES)
def test_any_json_gets_an_answer_never_an_error(admin_client, value):
    response = admin_client.post(URL, {"field": [json.dumps({"blocks": [value], "entityMap": {}})]})
    assert response.status_code in {200, 400}


def list_item(depth: object) -> str:
    block = {"key": "a", "type": "unordered-list-item", "text": "Sources say so.", "depth": depth}
    return json.dumps({"blocks": [{**block, "inlineStyleRanges": [], "entityRanges": []}],
                       "entityMap": {}})  # fmt: skip


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    depth=st.integers(min_value=-(10**9), max_value=10**9)
    | st.sampled_from([MAX_DEPTH + 1, 2000, 100_000, -1, 1.5, "3", None, True])
)
def test_any_list_depth_gets_an_answer_and_a_deep_one_a_message(admin_client, depth):
    response = admin_client.post(URL, {"field": [list_item(depth)]})
    sane = type(depth) is int and 0 <= depth <= MAX_DEPTH
    assert response.status_code == (200 if sane else 400)
    if not sane:
        assert b"not the editor's JSON" in response.content


@pytest.mark.django_db
def test_lists_as_deep_as_the_editor_makes_them_are_checked(admin_client):
    for depth in (0, 3, MAX_DEPTH):
        assert admin_client.post(URL, {"field": [list_item(depth)]}).status_code == 200
