"""Every account form is counted by the site's one limiter, per client address (and sign-in per
account name too), and refused with a clear 429 before the form is read."""

from __future__ import annotations

import pytest
from django.core import mail

from byline.accounts.models import User
from byline.accounts.tests.conftest import CommittingClient as Client
from byline.accounts.tests.factories import UserFactory
from byline.ratelimits import Rate

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
TOO_MANY = "Too many sign-in attempts"


@pytest.fixture
def sign_in_limits(settings):
    """The sign-in limits at their production defaults."""
    from byline.settings import base

    settings.ACCOUNTS_SIGN_IN_RATES = base.ACCOUNTS_SIGN_IN_RATES
    return (
        Rate.parse(base.ACCOUNTS_SIGN_IN_RATES["ip"]),
        Rate.parse(base.ACCOUNTS_SIGN_IN_RATES["account"]),
    )


# Readers' sign-in (allauth's, which names the account "login") and Wagtail's admin sign-in.
SIGN_IN_PAGES = [("/accounts/login/", "login"), ("/admin/login/", "username")]


@pytest.mark.parametrize(("url", "field"), SIGN_IN_PAGES)
def test_guessing_passwords_from_one_address_is_stopped_with_a_clear_message(
    client, url, field, sign_in_limits
):
    per_ip, _ = sign_in_limits
    UserFactory(username="ada")
    # Each guess on another account name, so only the client's address can stop them.
    answers = [
        client.post(url, {field: f"guess{n}", "password": "nope"}) for n in range(per_ip.count + 1)
    ]
    right = client.post(url, {field: "ada", "password": PASSWORD})

    assert all(TOO_MANY not in a.content.decode() for a in answers[:-1])
    assert TOO_MANY in answers[-1].content.decode()
    assert right.status_code != 302 and TOO_MANY in right.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated


@pytest.mark.parametrize(("url", "field"), SIGN_IN_PAGES)
def test_guessing_one_accounts_password_from_many_addresses_is_stopped(
    url, field, sign_in_limits, settings
):
    _, per_account = sign_in_limits
    settings.DISCUSSION_TRUSTED_PROXIES = 1
    UserFactory(username="ada")

    def attempt(n: int, password: str = "nope"):
        browser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        return browser.post(url, {field: "Ada", "password": password})

    answers = [attempt(n) for n in range(per_account.count)]
    refused = attempt(200, PASSWORD)

    assert all(TOO_MANY not in a.content.decode() for a in answers)
    assert refused.status_code != 302
    assert TOO_MANY in refused.content.decode()


def test_a_throttled_sign_in_says_so_with_429_and_is_never_cached(client, sign_in_limits):
    per_ip, _ = sign_in_limits
    for n in range(per_ip.count):
        client.post("/accounts/login/", {"login": f"guess{n}", "password": "nope"})

    response = client.post("/accounts/login/", {"login": "ada", "password": "nope"})

    assert response.status_code == 429
    assert "no-store" in response["Cache-Control"]
    assert "The Byline Review" in response.content.decode()


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.ACCOUNTS_SIGN_UP_RATE = "2/h"

    def sign_up(n: int):
        return client.post(
            "/accounts/signup/",
            {
                "username": f"reader{n}", "email": f"reader{n}@example.org",
                "password1": PASSWORD, "password2": PASSWORD,
            },
        )  # fmt: skip

    answers = [sign_up(n) for n in range(3)]

    assert [a.status_code for a in answers] == [302, 302, 429]
    assert "Too many new accounts" in answers[-1].content.decode()
    assert User.objects.count() == 2 and len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/password/reset/", {"email": "ada@example.org"}),
        ("/accounts/login/code/", {"email": "ada@example.org"}),
        ("/accounts/login/code/confirm/", {"code": "AAAA-AAAA"}),
        ("/admin/password_reset/", {"email": "ada@example.org"}),
    ],
    ids=["reset", "code request", "code entry", "admin reset"],
)
def test_every_other_account_form_is_limited_per_address(url, data, settings):
    settings.ACCOUNTS_FORM_RATE = "2/10m"
    UserFactory(username="ada", email="ada@example.org")
    browser = Client(REMOTE_ADDR="203.0.113.5")

    answers = [browser.post(url, data).status_code for _ in range(3)]
    elsewhere = Client(REMOTE_ADDR="203.0.113.6").post(url, data).status_code

    assert answers[:2] != [429, 429] and answers[2] == 429
    assert elsewhere != 429


def test_changing_the_address_is_limited(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/10m"
    client.force_login(UserFactory(username="ada"))

    first = client.post("/accounts/email/", {"email": "one@example.org", "action_add": ""})
    second = client.post("/accounts/email/", {"email": "two@example.org", "action_add": ""})

    assert (first.status_code, second.status_code) == (302, 429)
    assert [m.to for m in mail.outbox] == [["one@example.org"]]


def test_signing_out_is_never_refused(client, settings):
    settings.ACCOUNTS_FORM_RATE = "1/10m"
    user = UserFactory(username="ada")

    for _ in range(3):
        client.force_login(user)
        response = client.post("/accounts/logout/")
        assert response.status_code == 302

    assert not client.get("/").wsgi_request.user.is_authenticated
