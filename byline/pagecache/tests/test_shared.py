"""Which requests are shared and which responses may be given to every anonymous reader."""

from __future__ import annotations

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from byline.pagecache.shared import is_shareable_response, is_shared_request

factory = RequestFactory()


@pytest.mark.parametrize(
    ("method", "cookies", "headers", "shared"),
    [
        ("get", {}, {}, True),
        ("head", {}, {}, True),
        ("get", {"csrftoken": "x"}, {}, True),
        ("get", {"sessionid": "x"}, {}, False),
        ("get", {"byline_reader": "x"}, {}, False),
        ("get", {"byline_guest": "x"}, {}, False),
        ("get", {"messages": "x"}, {}, False),
        ("get", {}, {"Authorization": "Bearer x"}, False),
        ("post", {}, {}, False),
    ],
)
def test_shared_requests(method, cookies, headers, shared):
    request = getattr(factory, method)("/", headers=headers)
    request.COOKIES.update(cookies)

    assert is_shared_request(request) is shared


def html(**headers) -> HttpResponse:
    response = HttpResponse("<p>page</p>")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def with_cookie() -> HttpResponse:
    response = html()
    response.set_cookie("csrftoken", "x")
    return response


@pytest.mark.parametrize(
    ("response", "shareable"),
    [
        (html(), True),
        (html(Vary="Cookie, Accept-Encoding"), True),
        (html(Content_Type="application/rss+xml; charset=utf-8"), True),
        (html(Cache_Control="max-age=60"), True),
        (html(Cache_Control="private"), False),
        (html(Cache_Control="no-store"), False),
        (html(Vary="Accept-Language"), False),
        (html(Content_Type="application/json"), False),
        (HttpResponse(status=404), False),
        (StreamingHttpResponse(iter([b"x"])), False),
        (with_cookie(), False),
    ],
)
def test_shareable_responses(response, shareable):
    assert is_shareable_response(response) is shareable
