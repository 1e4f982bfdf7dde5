"""GET /api/v1/threads/by-url: the contract's Thread for a page named by its address, and every
refusal in the one error shape."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.discussion.models import Thread
from byline.discussion.tests.factories import post
from byline.embedding.models import AllowedOrigin, ExternalPage

pytestmark = pytest.mark.django_db

BLOG = "https://blog.example.org"
API = "/api/v1/threads/by-url"
THREAD_FIELDS = {
    "page_id", "title", "url", "comment_count", "open", "closed_reason", "premoderated", "sorts",
    "live_events_url", "since", "prompts",
}  # fmt: skip


@pytest.fixture
def allowed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return AllowedOrigin.objects.create(origin=BLOG)


def by_url(url: str, title: str | None = None, **headers):
    """Asked by the embed on a page of the blog, unless ``Origin`` says otherwise."""
    query = {"url": url} if title is None else {"url": url, "title": title}
    headers.setdefault("Origin", BLOG)
    return Client().get(API, query, headers={k: v for k, v in headers.items() if v is not None})


def test_an_allowed_sites_page_gets_its_thread_on_first_use(allowed):
    response = by_url(f"{BLOG}/post/?utm_medium=x#comments", "A post")

    page = ExternalPage.objects.get()
    body = response.json()
    assert response.status_code == 200 and set(body) == THREAD_FIELDS
    assert body["page_id"] == page.pk and body["url"] == f"{BLOG}/post/"
    assert (body["title"], body["comment_count"], body["open"]) == ("A post", 0, True)
    assert body["closed_reason"] is None and body["sorts"] == ["newest", "oldest", "votes"]
    assert body["live_events_url"].startswith("http") and body["prompts"] == []
    assert Thread.objects.filter(page=page).exists()


def test_asking_again_gives_the_same_thread_with_its_count(allowed):
    first = by_url(f"{BLOG}/post/", "A post").json()
    post(ExternalPage.objects.get(), "First!")

    again = by_url(f"{BLOG}/post/#x", "A post").json()

    assert again["page_id"] == first["page_id"]
    assert (again["comment_count"], again["title"]) == (1, "A post")


@pytest.mark.parametrize("origin", [None, "https://spam.example", "http://blog.example.org"])
def test_only_the_pages_own_site_starts_its_thread(allowed, origin):
    response = by_url(f"{BLOG}/post/", "Free pills", Origin=origin)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "Only a page of https://blog.example.org" in response.json()["error"]["message"]
    assert not ExternalPage.objects.exists()


@pytest.mark.parametrize("origin", [None, "https://spam.example"])
def test_an_existing_thread_is_found_from_anywhere_but_keeps_its_title(allowed, origin):
    first = by_url(f"{BLOG}/post/", "A post").json()

    again = by_url(f"{BLOG}/post/", "Free pills", Origin=origin)

    assert again.status_code == 200
    assert (again.json()["page_id"], again.json()["title"]) == (first["page_id"], "A post")
    assert ExternalPage.objects.get().title == "A post"


def test_the_pages_own_site_updates_its_title_until_an_editor_sets_one(allowed, admin_user):
    by_url(f"{BLOG}/post/", "A post")

    assert by_url(f"{BLOG}/post/", "A post, corrected").json()["title"] == "A post, corrected"
    assert by_url(f"{BLOG}/post/", "").json()["title"] == "A post, corrected"

    page = ExternalPage.objects.get()
    page.title = "The editors' title"
    page.save_revision(user=admin_user).publish()

    assert by_url(f"{BLOG}/post/", "Yet another").json()["title"] == "The editors' title"


def test_a_closed_thread_says_why(allowed):
    page_id = by_url(f"{BLOG}/post/", "A post").json()["page_id"]
    Thread.objects.filter(page_id=page_id).update(comments_enabled=False, premoderated=True)

    body = by_url(f"{BLOG}/post/").json()

    assert body["open"] is False and body["closed_reason"] and body["premoderated"] is True


def test_a_byline_article_by_its_address(article, settings):
    response = by_url(f"{settings.BYLINE_BASE_URL}{article.url}")

    assert response.status_code == 200
    assert response.json()["page_id"] == article.pk
    assert response.json()["url"] == f"{settings.BYLINE_BASE_URL}{article.url}"
    assert not ExternalPage.objects.exists()


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("https://elsewhere.example/post", 403, "forbidden"),
        ("javascript:alert(document.domain)", 400, "refused"),
        ("https://blog.example.org:99999/", 400, "refused"),
        ("https://user:pw@blog.example.org/", 400, "refused"),
        ("http://127.0.0.1:8000/", 404, "not_found"),
        ("http://127.0.0.1:8000/no/such/page/", 404, "not_found"),
        ("x" * 4001, 422, "invalid"),
    ],
)
def test_refusals_come_in_the_one_shape_with_a_message(allowed, url, status, code):
    response = by_url(url, "Title")

    error = response.json()["error"]
    assert response.status_code == status and error["code"] == code
    assert error["message"] and error["field"] == "url"
    assert not ExternalPage.objects.exists()


def test_no_url_is_invalid(allowed):
    response = Client().get(API)

    assert response.status_code == 422 and response.json()["error"]["field"] == "url"


def test_too_many_new_pages_from_one_client_is_429_with_retry_after(allowed, settings):
    settings.EMBEDDING_NEW_PAGES_RATE = "1/h"
    assert by_url(f"{BLOG}/one", "One").status_code == 200

    response = by_url(f"{BLOG}/two", "Two")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert response["Retry-After"] == "3600"
    assert by_url(f"{BLOG}/one").status_code == 200


def test_the_schema_documents_the_operation():
    schema = Client().get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/threads/by-url"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"url", "title"}
    assert {"200", "403", "429"} <= set(operation["responses"])


def test_by_url_is_matched_before_any_threads_page_id_route():
    """Ninja turns ``{page_id}`` into Django's catch-all ``<page_id>``: this operation's router
    must stay before the threads router, or "by-url" would be taken for a page id."""
    from django.urls import resolve

    assert resolve("/api/v1/threads/by-url").url_name == "thread_by_url"
