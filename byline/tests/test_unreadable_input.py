"""Hostile query strings and form bodies get an answer from every public URL, never a 500.

NUL bytes break only PostgreSQL (it refuses them in text), so these run on both databases.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db
FRAGMENT = {"Byline-Fragment": "1"}
# The parameters Byline's views read, and a few they do not.
PARAMETERS = ["after", "sort", "prompt", "inline", "comment", "reply", "next", "q", "page", "x"]
CHARSETS = ["utf-8", "utf-16", "utf-32", "latin-1", "x-nonsense", ""]


@pytest.fixture
def site():
    article = ArticlePageFactory()
    comment = post(article, "A first opinion.")
    return {"article": article, "comment": comment}


def get_urls(site) -> list[str]:
    article, comment = site["article"], site["comment"]
    return [
        "/",
        article.url,
        article.get_parent().url,
        "/search/",
        "/feed/",
        f"/comments/on/{article.pk}/",
        f"/comments/on/{article.pk}/passage/",
        f"/comments/{comment.pk}/",
        f"/comments/{comment.pk}/replies/",
        f"/comments/{comment.pk}/report/",
        "/notify/",
        "/accounts/signup/",
        "/accounts/login/",
    ]


def post_urls(site) -> list[str]:
    article, comment = site["article"], site["comment"]
    return [
        f"/comments/on/{article.pk}/post/",
        f"/comments/{comment.pk}/vote/",
        f"/comments/{comment.pk}/report/",
        f"/notify/on/{article.pk}/",
        "/notify/",
        "/accounts/signup/",
        "/accounts/login/",
    ]


@pytest.mark.parametrize(
    ("path", "query", "headers", "status"),
    [
        ("replies", "after=%00", FRAGMENT, 200),
        ("article", "prompt=a%00b", {}, 200),
        ("passage", "prompt=%00", FRAGMENT, 403),
        ("article", "sort=new&%00=1", {}, 200),
    ],
)
def test_a_nul_byte_in_the_query_is_dropped_before_any_view(site, path, query, headers, status):
    url = {
        "replies": f"/comments/{site['comment'].pk}/replies/",
        "article": site["article"].url,
        "passage": f"/comments/on/{site['article'].pk}/passage/",
    }[path]

    response = Client().get(f"{url}?{query}", headers=headers)

    # The answer to the same address without the NUL byte: a page, or a clear refusal.
    assert response.status_code == status
    assert response.wsgi_request.GET.urlencode() == query.replace("%00", "")


def test_a_nul_byte_in_a_form_is_dropped_before_the_view(site):
    response = Client().post(
        f"/comments/{site['comment'].pk}/vote/", "value=up%00",
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip

    assert response.status_code == 302
    assert site["comment"].votes.get().value == 1


def test_a_form_in_utf_16_is_a_clear_bad_request(site):
    body = "value=up".encode("utf-16")

    response = Client().generic(
        "POST", f"/comments/{site['comment'].pk}/vote/", body,
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )  # fmt: skip

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


# Text of any kind, and the values that once gave 500s.
hostile_text = st.text(max_size=30) | st.sampled_from(["\x00", "a\x00b", "%", "../..", "welcome"])


@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pairs=st.lists(st.tuples(st.sampled_from(PARAMETERS), hostile_text), min_size=1, max_size=4),
    junk=st.lists(st.tuples(hostile_text, hostile_text), max_size=1),
    fragment=st.booleans(),
)
def test_no_query_string_gives_a_server_error(site, pairs, junk, fragment):
    query = "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs + junk)

    for url in get_urls(site):
        response = Client().get(f"{url}?{query}", headers=FRAGMENT if fragment else {})

        assert response.status_code < 500, (url, query)


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    index=st.integers(min_value=0),
    fields=st.dictionaries(
        st.sampled_from([*PARAMETERS, "value", "body", "name", "email", "reason"]),
        hostile_text,
        max_size=5,
    ),
    charset=st.sampled_from(CHARSETS),
    encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]),
)
def test_no_form_body_gives_a_server_error(site, index, fields, charset, encoding):
    urls = post_urls(site)
    body = "&".join(f"{quote(name)}={quote(value)}" for name, value in fields.items())
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")

    response = Client().generic(
        "POST", urls[index % len(urls)], body.encode(encoding, errors="replace"),
        content_type=content_type,
    )  # fmt: skip

    assert response.status_code < 500, (urls[index % len(urls)], body, charset)
