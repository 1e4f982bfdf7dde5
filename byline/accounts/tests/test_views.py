"""Readers sign up, sign in and sign out with the site's own pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.ratelimits import Rate

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
    response = client.post(
        "/accounts/sign-up/", sign_up_data(email="not an address", password2="different")
    )

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 400
    assert "valid email address" in page.select_one("#id_email_error").get_text()
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


@pytest.fixture
def sign_in_limits(settings):
    """The sign-in limits at their production defaults, on an empty cache."""
    from django.core.cache import cache

    from byline.settings import base

    settings.ACCOUNTS_SIGN_IN_RATES = base.ACCOUNTS_SIGN_IN_RATES
    cache.clear()
    yield (
        Rate.parse(base.ACCOUNTS_SIGN_IN_RATES["ip"]),
        Rate.parse(base.ACCOUNTS_SIGN_IN_RATES["account"]),
    )
    cache.clear()


SIGN_IN_PAGES = ["/accounts/sign-in/", "/admin/login/"]


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_guessing_passwords_from_one_address_is_stopped_with_a_clear_message(
    client, url, sign_in_limits
):
    per_ip, _ = sign_in_limits
    UserFactory(username="ada")
    # Each guess on another account name, so only the client's address can stop them.
    answers = [
        client.post(url, {"username": f"guess{n}", "password": "nope"})
        for n in range(per_ip.count + 1)
    ]
    right = client.post(url, {"username": "ada", "password": PASSWORD})

    assert all("Too many sign-in attempts" not in a.content.decode() for a in answers[:-1])
    assert "Too many sign-in attempts" in answers[-1].content.decode()
    assert right.status_code != 302 and "Too many sign-in attempts" in right.content.decode()


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_guessing_one_accounts_password_from_many_addresses_is_stopped(
    url, sign_in_limits, settings
):
    _, per_account = sign_in_limits
    settings.DISCUSSION_TRUSTED_PROXIES = 1
    UserFactory(username="ada")

    def attempt(n: int, password: str = "nope"):
        browser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        return browser.post(url, {"username": "Ada", "password": password})

    answers = [attempt(n) for n in range(per_account.count)]
    refused = attempt(200, PASSWORD)

    assert all("Too many sign-in attempts" not in a.content.decode() for a in answers)
    assert refused.status_code != 302
    assert "Too many sign-in attempts" in refused.content.decode()


def test_a_throttled_sign_in_says_so_with_429(client, sign_in_limits):
    per_ip, _ = sign_in_limits
    for n in range(per_ip.count):
        client.post("/accounts/sign-in/", {"username": f"guess{n}", "password": "nope"})

    response = client.post("/accounts/sign-in/", {"username": "ada", "password": "nope"})

    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]


def test_signing_up_answers_the_same_whether_or_not_the_address_has_an_account(client):
    UserFactory(username="first", email="taken@example.org")

    def sign_up(username: str, email: str):
        browser = Client()
        response = browser.post(
            "/accounts/sign-up/?next=/story/", sign_up_data(username=username, email=email)
        )
        page = browser.get("/accounts/sign-up/")
        return (
            response.status_code,
            response.get("Location"),
            sorted(response.cookies),
            page.wsgi_request.user.is_authenticated,
        )

    assert sign_up("maya", "taken@example.org") == sign_up("ada", "fresh@example.org")


def test_a_failed_sign_up_is_never_stored_by_a_cache(client):
    response = client.post("/accounts/sign-up/", sign_up_data(password2="different"))

    assert response.status_code == 400
    assert "no-store" in response["Cache-Control"]


def test_the_sign_in_page_carries_the_publications_name_not_the_host(client):
    """Django's sign-in view puts the host name in ``site_name``, over the publication's."""
    page = BeautifulSoup(client.get("/accounts/sign-in/").content, "html.parser")

    assert page.title.get_text() == "Sign in | The Byline Review"


@pytest.mark.parametrize("typed", ["Maya\nR.", "Maya\u202e.R", "Maya\u200b R."])
def test_a_display_name_keeps_no_line_break_direction_or_zero_width_character(client, typed):
    client.post("/accounts/sign-up/", sign_up_data(display_name=typed))

    assert User.objects.get(username="maya").display_name in {"Maya R.", "Maya.R"}


@pytest.mark.parametrize("target", ["welcome", "welcome.html", "https://evil.example/", "//evil"])
def test_a_next_that_is_not_a_path_here_returns_to_the_front_page(client, target):
    response = client.post(f"/accounts/sign-up/?next={target}", sign_up_data())

    assert response.status_code == 302 and response["Location"] == "/"
