"""Writes to the API are JSON, from Byline's own pages or an allowed site: another site cannot
make its visitors' browsers post without asking first (a "simple" cross-site request)."""

from __future__ import annotations

import pytest
from django.test import Client

from byline.discussion.models import Comment
from byline.embedding.external import page_for_url
from byline.embedding.models import AllowedOrigin
from byline.embedding.tests.conftest import BLOG

pytestmark = pytest.mark.django_db

BODY = '{"body": "Posted from elsewhere.", "name": "Ann", "email": "ann@example.org"}'


@pytest.fixture
def external(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        AllowedOrigin.objects.create(origin=BLOG)
    return page_for_url(f"{BLOG}/a-post/", "A post")


def comments_path(page) -> str:
    return f"/api/v1/threads/{page.pk}/comments"


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_a_body_that_is_not_json_is_refused(external, client, content_type):
    response = client.post(comments_path(external), BODY, content_type=content_type)

    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert "Content-Type: application/json" in response.json()["error"]["message"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "origin", ["https://spam.example", "null", "https://blog.example.org.evil"]
)
def test_a_write_from_a_page_of_another_site_is_refused(external, client, origin):
    response = client.post(
        comments_path(external), BODY, content_type="application/json", headers={"Origin": origin}
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "origin_not_allowed"
    assert not Comment.objects.exists()


def test_a_disabled_site_may_write_no_more(external, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        origin = AllowedOrigin.objects.get(origin=BLOG)
        origin.enabled = False
        origin.save()

    response = client.delete("/api/v1/me/token", headers={"Origin": BLOG})

    assert response.status_code == 403


@pytest.mark.parametrize("origin", [BLOG, "http://testserver"])
def test_an_allowed_site_and_byline_itself_may_write(external, origin):
    response = Client().post(
        comments_path(external), BODY, content_type="application/json", headers={"Origin": origin}
    )

    assert response.status_code == 201, response.content


def test_byline_public_address_may_write(external, settings):
    settings.BYLINE_BASE_URL = "https://news.example.com"

    response = Client().post(
        comments_path(external), BODY, content_type="application/json",
        headers={"Origin": "https://news.example.com"},
    )  # fmt: skip

    assert response.status_code == 201


def test_reads_and_clients_outside_a_browser_are_not_concerned(external, client):
    assert (
        client.get(comments_path(external), headers={"Origin": "https://spam.example"}).status_code
        == 200
    )
    assert (
        client.post(comments_path(external), BODY, content_type="application/json").status_code
        == 201
    )
