"""Forms on cached pages: accepted by Sec-Fetch-Site, and offered again when a token fails."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment
from byline.discussion.tests.factories import trap_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict():
    return Client(enforce_csrf_checks=True)


def comment_form(body: str = "Posted from a cached page.") -> dict[str, str]:
    return {"name": "Maya Reader", "email": "maya@example.org", "body": body, **trap_fields()}


def post_url(article) -> str:
    return f"/comments/on/{article.pk}/post/"


def test_a_same_origin_post_needs_no_token(strict, article):
    response = strict.post(
        post_url(article), comment_form(), headers={"Sec-Fetch-Site": "same-origin"}
    )

    assert response.status_code == 302
    assert Comment.objects.get().body == "Posted from a cached page."


@pytest.mark.parametrize("site", ["cross-site", "same-site", "none", ""])
def test_any_other_post_without_a_token_is_refused(strict, article, site):
    headers = {"Sec-Fetch-Site": site} if site else {}

    response = strict.post(post_url(article), comment_form(), headers=headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_post_with_a_valid_token_still_works_without_the_header(strict, article):
    strict.get(article.url)
    token = strict.cookies["csrftoken"].value

    response = strict.post(post_url(article), {**comment_form(), "csrfmiddlewaretoken": token})

    assert response.status_code == 302


def test_a_failed_form_from_this_site_comes_back_with_a_fresh_token(strict, article):
    response = strict.post(
        post_url(article),
        comment_form("Words I would hate to lose."),
        # A browser that sends neither Sec-Fetch-Site nor Origin, only where the form was.
        headers={"Referer": f"http://testserver{article.url}"},
    )

    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    assert response.status_code == 403
    assert form["action"] == post_url(article)
    assert form.select_one("textarea[name=body]").get_text() == "Words I would hate to lose."
    assert form.select_one("input[name=name]")["value"] == "Maya Reader"
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]

    again = strict.post(
        post_url(article),
        {field["name"]: field.get("value", field.get_text()) for field in form.select("[name]")},
    )
    assert again.status_code == 302, token
    assert Comment.objects.get().body == "Words I would hate to lose."


def test_a_form_posted_from_another_site_is_not_offered_again(strict, article):
    response = strict.post(
        post_url(article), comment_form(), headers={"Origin": "https://elsewhere.example"}
    )

    assert response.status_code == 403
    assert b"Words" not in response.content
    assert BeautifulSoup(response.content, "html.parser").select_one("main form") is None


def test_an_older_browser_posting_with_a_same_origin_origin_needs_no_token(strict, article):
    """Without Sec-Fetch-Site, an Origin naming this very site proves the same thing."""
    response = strict.post(
        post_url(article), comment_form(), headers={"Origin": "http://testserver"}
    )

    assert response.status_code == 302
    assert Comment.objects.get().body == "Posted from a cached page."


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},
        {"Origin": "http://testserver.elsewhere.example"},
        {"Origin": "https://testserver"},
        {"Origin": "http://testserver:8080"},
        {"Origin": ""},
        # What the browser says of the request wins over an Origin it also sent.
        {"Origin": "http://testserver", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-site"},
    ],
)
def test_any_other_origin_without_a_token_is_refused(strict, article, headers):
    response = strict.post(post_url(article), comment_form(), headers=headers)

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_an_accepted_post_satisfies_views_that_check_again(strict):
    """allauth's sign-in view runs its own CSRF check (csrf_protect): the middleware's
    acceptance must reach it, or Django changed the private API that csrf.py isolates."""
    UserFactory(username="ada")

    response = strict.post(
        "/accounts/login/",
        {"login": "ada", "password": "correct horse battery staple"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 302


def test_the_page_that_offers_a_form_again_never_holds_a_password(strict):
    UserFactory(username="ada")
    secret = "correct horse battery staple"

    response = strict.post(
        "/accounts/login/",
        {"login": "ada", "password": secret, "next": "/"},
        headers={"Referer": "http://testserver/accounts/login/"},
    )

    form = BeautifulSoup(response.content, "html.parser").select_one("main form")
    assert response.status_code == 403
    assert secret not in response.content.decode()
    assert form.select_one("input[name=login]")["value"] == "ada"
    # The reader types it again into an empty password field, never a hidden one.
    password = form.select_one("input[name=password]")
    assert password["type"] == "password" and not password.get("value")
    assert "no-store" in response["Cache-Control"]
