"""Readers sign up, sign in and sign out with the site's own pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_up_data(**overrides) -> dict[str, str]:
    return {
        "username": "maya",
        "display_name": "Maya R.",
        "email": "Maya@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_signing_up_creates_the_account_signs_in_and_returns_to_the_story(client):
    response = client.post("/accounts/sign-up/?next=/celebrity/story/", sign_up_data())

    user = User.objects.get(username="maya")
    assert response.status_code == 302 and response["Location"] == "/celebrity/story/"
    assert (user.email, user.public_name) == ("maya@example.org", "Maya R.")
    assert client.get("/").wsgi_request.user == user


def test_sign_up_errors_are_shown_next_to_the_fields(client):
    UserFactory(email="maya@example.org")

    response = client.post("/accounts/sign-up/", sign_up_data(password2="different"))

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 400
    assert "already uses this address" in page.select_one("#id_email_error").get_text()
    assert page.select_one("#id_password2_error")
    assert not User.objects.filter(username="maya").exists()


def test_sign_in_and_out(client):
    user = UserFactory(username="ada")

    signed_in = client.post(
        "/accounts/sign-in/", {"username": "ada", "password": PASSWORD, "next": "/"}
    )
    header = BeautifulSoup(client.get("/").content, "html.parser").select_one(".account-links")
    signed_out = client.post("/accounts/sign-out/")

    assert signed_in.status_code == 302
    assert user.public_name in header.get_text()
    assert signed_out.status_code == 302
    assert (
        "Sign in"
        in BeautifulSoup(client.get("/").content, "html.parser")
        .select_one(".account-links")
        .get_text()
    )


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    UserFactory(username="ada")

    response = client.post("/accounts/sign-in/", {"username": "ada", "password": "nope"})

    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_sign_up_never_redirects_off_site(client, target):
    response = client.post(f"/accounts/sign-up/?next={target}", sign_up_data())

    assert response["Location"] == "/"


def test_account_pages_are_not_indexed(client):
    for url in ("/accounts/sign-in/", "/accounts/sign-up/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        assert page.select_one("meta[name=robots]")["content"].startswith("noindex"), url


@pytest.mark.parametrize("typed", ["Maya\nR.", "Maya\u202e.R", "Maya\u200b R."])
def test_a_display_name_keeps_no_line_break_direction_or_zero_width_character(client, typed):
    client.post("/accounts/sign-up/", sign_up_data(display_name=typed))

    assert User.objects.get(username="maya").display_name in {"Maya R.", "Maya.R"}


@pytest.mark.parametrize("target", ["welcome", "welcome.html", "https://evil.example/", "//evil"])
def test_a_next_that_is_not_a_path_here_returns_to_the_front_page(client, target):
    response = client.post(f"/accounts/sign-up/?next={target}", sign_up_data())

    assert response.status_code == 302 and response["Location"] == "/"
