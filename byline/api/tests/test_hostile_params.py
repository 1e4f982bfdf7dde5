"""Whatever a client puts in a query string or a path, the API answers without a 500: a page,
or a refusal in the one error shape."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.api.tests.conftest import error_of
from byline.discussion.tests.factories import inline_article, post, post_on

pytestmark = pytest.mark.django_db

HOSTILE = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["1.2", "5.-1", "9" * 40, "0", "-0", "1e9", "NaN", "\x00", "%00", "1 OR 1=1"]),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(-(2**70), 2**70), st.integers(-(2**70), 2**70)),
)
PARAMS = st.dictionaries(
    st.sampled_from(["sort", "after", "limit", "inline", "prompt", "block", "start", "end"]),
    HOSTILE,
    max_size=6,
)
EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def answered(response) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:  # a generated body may well be a fine comment (201)
        error_of(response)


@pytest.fixture
def thread():
    article = inline_article()
    root = post_on(article)
    post(article, "A reply.", parent=root, token="t-reply")
    post(article, "Another root.", token="t-other")
    return article, root


@EXAMPLES
@given(params=PARAMS)
def test_comment_pages_take_any_query(client, thread, params):
    article, _ = thread

    answered(client.get(f"/api/v1/threads/{article.pk}/comments", params))


@EXAMPLES
@given(after=HOSTILE, limit=HOSTILE)
def test_reply_pages_take_any_cursor_and_limit(client, thread, after, limit):
    _, root = thread

    answered(client.get(f"/api/v1/comments/{root.pk}/replies", {"after": after, "limit": limit}))


@EXAMPLES
@given(
    path=st.sampled_from(
        ["/threads/{}", "/threads/{}/comments", "/comments/{}", "/comments/{}/replies"]
    ),
    # Anything that stays one path segment (an empty one is another address, not an id).
    value=HOSTILE.filter(lambda value: value.strip(".") and not set("/?#") & set(value)),
)
def test_any_id_in_a_path_is_answered(client, thread, path, value):
    from urllib.parse import quote

    answered(client.get("/api/v1" + path.format(quote(value, safe=""))))


@EXAMPLES
@given(
    body=st.one_of(
        st.dictionaries(
            st.text(max_size=10), st.one_of(st.none(), st.integers(), st.text()), max_size=4
        ),
        st.fixed_dictionaries(
            {
                "body": st.text(max_size=50),
                "name": st.text(max_size=90),
                "email": st.text(max_size=40),
            },
            optional={
                "parent_id": st.integers(-(2**70), 2**70),
                "passage": st.dictionaries(
                    st.sampled_from(["block", "start", "end", "quote", "prompt"]),
                    st.one_of(st.text(max_size=30), st.integers(-(2**40), 2**40)),
                    max_size=5,
                ),
            },
        ),
        st.text(max_size=30),
    )
)
def test_posting_any_body_is_answered(client, thread, body):
    import json

    article, _ = thread
    response = client.post(
        f"/api/v1/threads/{article.pk}/comments", json.dumps(body), content_type="application/json"
    )

    answered(response)
