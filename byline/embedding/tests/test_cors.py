"""CORS: the API answers scripts of the sites editors allow, and no one else; no other path of
Byline is opened to them; credentials are never allowed; the page cache and the CSP leave the
API alone."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.embedding.models import AllowedOrigin
from byline.embedding.tests.conftest import BLOG

pytestmark = pytest.mark.django_db

API = "/api/v1/threads/by-url"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"


def preflight(client: Client, origin: str, path: str = API, method: str = "POST"):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type, x-byline-guest",
        },
    )


class TestPreflight:
    def test_an_allowed_site_may_send_the_apis_headers(self, allowed, client):
        response = preflight(client, BLOG)

        assert response.status_code == 200
        assert response[ALLOW_ORIGIN] == BLOG
        allowed_headers = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
        assert {"authorization", "content-type", "x-byline-guest"} <= allowed_headers
        assert "POST" in response["Access-Control-Allow-Methods"]
        assert "Access-Control-Allow-Credentials" not in response

    @pytest.mark.parametrize(
        "origin",
        [
            "https://elsewhere.example",
            "https://blog.example.org.evil.example",
            "http://blog.example.org",
            "https://blog.example.org:8443",
            "null",
            "https://blog.example.org/",
            "not an origin",
        ],
    )
    def test_any_other_origin_gets_no_permission(self, allowed, client, origin):
        response = preflight(client, origin)

        assert ALLOW_ORIGIN not in response
        assert "Access-Control-Allow-Headers" not in response

    def test_no_path_outside_the_api_is_opened(self, allowed, client, article):
        for path in ("/", article.url, "/accounts/login/", "/admin/"):
            response = preflight(client, BLOG, path)
            assert ALLOW_ORIGIN not in response, path


class TestRequests:
    def test_an_allowed_site_reads_the_answer_and_its_retry_after(self, allowed, client):
        response = client.get(
            API, {"url": f"{BLOG}/post", "title": "Post"}, headers={"Origin": BLOG}
        )

        assert response.status_code == 200
        assert response[ALLOW_ORIGIN] == BLOG
        assert response["Access-Control-Expose-Headers"] == "Retry-After"
        assert "Access-Control-Allow-Credentials" not in response
        assert "origin" in response["Vary"].lower()

    def test_refusals_carry_the_header_too_so_the_embed_can_read_them(self, allowed, client):
        response = client.get(API, {"url": "https://elsewhere.example/x"}, headers={"Origin": BLOG})

        assert response.status_code == 403 and response[ALLOW_ORIGIN] == BLOG

    def test_another_site_gets_no_header(self, allowed, client):
        response = client.get(
            API, {"url": f"{BLOG}/post"}, headers={"Origin": "https://elsewhere.example"}
        )

        assert ALLOW_ORIGIN not in response

    def test_byline_pages_never_carry_the_header(self, allowed, client, article):
        response = client.get(article.url, headers={"Origin": BLOG})

        assert response.status_code == 200 and ALLOW_ORIGIN not in response


class TestEditorsDecide:
    def test_an_origin_allowed_or_disabled_holds_at_once(
        self, db, client, django_capture_on_commit_callbacks
    ):
        assert ALLOW_ORIGIN not in preflight(client, BLOG)  # the empty list is now cached

        with django_capture_on_commit_callbacks(execute=True):
            origin = AllowedOrigin.objects.create(origin=BLOG)
        assert preflight(client, BLOG)[ALLOW_ORIGIN] == BLOG

        with django_capture_on_commit_callbacks(execute=True):
            origin.enabled = False
            origin.save()
        assert ALLOW_ORIGIN not in preflight(client, BLOG)

        with django_capture_on_commit_callbacks(execute=True):
            origin.enabled = True
            origin.save()
        assert preflight(client, BLOG)[ALLOW_ORIGIN] == BLOG

        with django_capture_on_commit_callbacks(execute=True):
            origin.delete()
        assert ALLOW_ORIGIN not in preflight(client, BLOG)

    def test_the_list_is_read_once_then_cached(self, allowed, client, django_assert_num_queries):
        preflight(client, BLOG)

        with django_assert_num_queries(0):
            assert preflight(client, BLOG)[ALLOW_ORIGIN] == BLOG


class TestNothingElseInterferes:
    def test_the_page_cache_keeps_no_api_answer(self, allowed, page_cache):
        client = Client()
        answers = [
            client.get(API, {"url": f"{BLOG}/post"}, headers={"Origin": origin})
            for origin in (BLOG, "https://elsewhere.example", BLOG)
        ]

        assert all("X-Page-Cache" not in answer for answer in answers)
        assert [ALLOW_ORIGIN in answer for answer in answers] == [True, False, True]

    def test_the_api_docs_need_no_inline_script_or_other_host(self, client):
        response = client.get("/api/v1/docs")
        html = response.content.decode()

        assert response.status_code == 200
        assert "script-src 'self'" in response["Content-Security-Policy"]
        assert "cdn.jsdelivr.net" not in html
        assert "/static/ninja/swagger-ui-bundle.js" in html
        assert "<script>" not in html
