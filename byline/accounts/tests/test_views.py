"""Readers sign up, verify, sign in (by password or an emailed code), reset a forgotten password
and change their address on allauth's pages, in the site's theme, without telling anyone which
addresses have accounts."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.core import mail

from byline.accounts.models import User
from byline.accounts.tests.conftest import CommittingClient as Client
from byline.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a longer and newer passphrase"


def sign_up_data(**overrides) -> dict[str, str]:
    return {
        "username": "maya",
        "display_name": "Maya R.",
        "email": "Maya@Example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def link_in(message, path: str) -> str:
    """The site address starting with ``path`` in an email's text."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s]*)", message.body)
    assert match, message.body
    return match.group(1)


def code_in(message) -> str:
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def signed_in_user(client: Client):
    return client.get("/").wsgi_request.user


def test_signing_up_does_not_sign_in_before_the_address_is_verified(client):
    response = client.post("/accounts/signup/?next=/celebrity/story/", sign_up_data())

    user = User.objects.get(username="maya")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert (user.email, user.public_name, user.verified_address) == (
        "maya@example.org",
        "Maya R.",
        "",
    )
    assert not signed_in_user(client).is_authenticated
    [message] = mail.outbox
    assert message.to == ["maya@example.org"]
    assert "[The Byline Review]" in message.subject


def test_following_the_emailed_link_verifies_the_address_and_signs_in(client):
    client.post("/accounts/signup/", sign_up_data())
    link = link_in(mail.outbox[0], "/accounts/confirm-email/")

    shown = client.get(link)
    assert not User.objects.get(username="maya").verified_address  # a GET proves nothing
    confirmed = client.post(link)

    user = User.objects.get(username="maya")
    assert shown.status_code == 200 and confirmed.status_code == 302
    assert user.verified_address == "maya@example.org"
    assert EmailAddress.objects.get(user=user).verified
    assert signed_in_user(client) == user


def test_sign_up_errors_are_shown_next_to_the_fields(client):
    response = client.post(
        "/accounts/signup/", sign_up_data(email="not an address", password2="different")
    )

    page = BeautifulSoup(response.content, "html.parser")
    assert "valid email address" in page.select_one("#id_email_error").get_text()
    assert page.select_one("#id_password2_error")
    assert not User.objects.filter(username="maya").exists()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("username", ["maya@example.org", "@maya", "maya@"])
def test_a_username_with_an_at_sign_is_refused_with_the_reason(client, username):
    # A reader without a display name is shown by their username: it must not be an address.
    response = client.post("/accounts/signup/", sign_up_data(username=username))

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert "cannot contain “@”" in page.select_one("#id_username_error").get_text()
    assert not User.objects.filter(email__iexact="maya@example.org").exists()
    assert not mail.outbox


@pytest.mark.parametrize("login", ["ada", "ada@example.org"])
def test_sign_in_by_name_or_address_and_out(client, login):
    user = UserFactory(username="ada", email="ada@example.org")

    signed_in = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    header = BeautifulSoup(client.get("/").content, "html.parser").select_one(".account-links")
    signed_out = client.post("/accounts/logout/")

    assert signed_in.status_code == 302
    assert user.public_name in header.get_text()
    assert signed_out.status_code == 302
    assert not signed_in_user(client).is_authenticated


def test_signing_in_and_out_leaves_no_message_waiting_for_a_later_page(client):
    UserFactory(username="ada")
    client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})
    client.get("/")

    later = BeautifulSoup(client.get("/accounts/email/").content, "html.parser")
    client.post("/accounts/logout/")
    after = BeautifulSoup(client.get("/accounts/login/").content, "html.parser")

    assert later.select_one("main h1") and not later.select_one(".account-messages")
    assert after.select_one("main h1") and not after.select_one(".account-messages")


def test_an_unverified_account_is_sent_a_link_instead_of_being_signed_in(client):
    UserFactory(username="ada", verified_email="")

    response = client.post("/accounts/login/", {"login": "ada", "password": PASSWORD})

    assert response["Location"] == "/accounts/confirm-email/"
    assert not signed_in_user(client).is_authenticated
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_remember_me_keeps_the_session_past_the_browser_and_otherwise_not(client):
    UserFactory(username="ada")
    client.post("/accounts/login/", {"login": "ada", "password": PASSWORD, "remember": "on"})
    remembered = client.session.get_expire_at_browser_close()

    other = Client()
    other.post("/accounts/login/", {"login": "ada", "password": PASSWORD})

    assert remembered is False
    assert other.session.get_expire_at_browser_close() is True


def test_staff_sign_in_to_the_admin_as_before(client):
    UserFactory(username="editor", is_staff=True, is_superuser=True, verified_email="")

    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client):
    UserFactory(username="ada")

    response = client.post("/accounts/login/", {"login": "ada", "password": "nope"})

    assert response.status_code == 200
    assert "username and/or password you specified are not correct" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_signing_in_with_a_code_sent_by_email(client):
    user = UserFactory(username="ada", email="ada@example.org")

    asked = client.post("/accounts/login/code/", {"email": "ada@example.org"})
    wrong = client.post("/accounts/login/code/confirm/", {"code": "WRONG1"})
    assert not signed_in_user(client).is_authenticated
    entered = client.post("/accounts/login/code/confirm/", {"code": code_in(mail.outbox[0])})

    assert asked["Location"] == "/accounts/login/code/confirm/"
    assert wrong.status_code == 200
    assert entered.status_code == 302 and signed_in_user(client) == user


def test_a_code_sent_to_an_unproven_address_proves_it(client):
    user = UserFactory(username="ada", email="ada@example.org", verified_email="")

    client.post("/accounts/login/code/", {"email": "ada@example.org"})
    client.post("/accounts/login/code/confirm/", {"code": code_in(mail.outbox[-1])})

    user.refresh_from_db()
    assert user.verified_address == "ada@example.org"
    assert EmailAddress.objects.get(user=user).verified


def test_resetting_a_forgotten_password(client):
    user = UserFactory(username="ada", email="ada@example.org")

    asked = client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form = client.get(link, follow=True)
    changed = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    user.refresh_from_db()
    assert asked.status_code == 302
    assert changed.status_code == 302
    assert user.check_password(NEW_PASSWORD)


def test_changing_the_address_takes_effect_only_once_the_new_one_is_verified(client):
    user = UserFactory(username="ada", email="ada@example.org")
    client.force_login(user)

    client.post("/accounts/email/", {"email": "ada@new.example", "action_add": ""})
    user.refresh_from_db()
    assert user.verified_address == "ada@example.org"
    link = link_in(mail.outbox[-1], "/accounts/confirm-email/")
    client.post(link)

    user.refresh_from_db()
    assert (user.email, user.verified_address) == ("ada@new.example", "ada@new.example")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("ada@new.example", True)
    ]


def answer(response) -> tuple:
    """What a visitor sees of a response: its status, where it leads and its page's text."""
    text = BeautifulSoup(response.content, "html.parser").select_one("main")
    return (
        response.status_code,
        response.get("Location"),
        " ".join(text.get_text().split()) if text else "",
    )


def test_signing_up_answers_the_same_whether_or_not_the_address_has_an_account():
    UserFactory(username="first", email="taken@example.org")

    def sign_up(username: str, email: str):
        browser = Client()
        response = browser.post("/accounts/signup/", sign_up_data(username=username, email=email))
        return answer(response), answer(browser.get(response["Location"]))

    taken, fresh = sign_up("maya", "taken@example.org"), sign_up("ada", "fresh@example.org")

    assert taken[0] == fresh[0]
    assert taken[1][:2] == fresh[1][:2]
    assert taken[1][2].replace("taken@", "fresh@") == fresh[1][2]
    # The owner of the taken address is told, by email, that someone tried.
    assert [message.to for message in mail.outbox] == [["taken@example.org"], ["fresh@example.org"]]


@pytest.mark.parametrize(
    "path", ["/accounts/password/reset/", "/accounts/login/code/"], ids=["reset", "code"]
)
def test_asking_for_a_reset_or_a_code_answers_the_same_for_unknown_addresses(path):
    UserFactory(username="ada", email="ada@example.org")

    def ask(email: str):
        browser = Client()
        response = browser.post(path, {"email": email})
        return answer(response), answer(browser.get(response["Location"]))

    known, unknown = ask("ada@example.org"), ask("nobody@example.org")

    assert known[0] == unknown[0]
    assert known[1][:2] == unknown[1][:2]
    assert known[1][2].replace("ada@", "nobody@") == unknown[1][2]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada@example.org",
        "nobody@example.org",
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
    ],
)
def test_account_pages_wear_the_theme_and_are_not_indexed(client, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")

    assert page.select_one(".site-header .masthead").get_text() == "The Byline Review"
    assert " ".join(page.title.get_text().split()).endswith("| The Byline Review")
    assert page.select_one("meta[name=robots]")["content"].startswith("noindex")
    assert page.select_one("form.account-form")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/accounts/sign-in/?next=/story/", "/accounts/login/?next=/story/"),
        ("/accounts/sign-up/", "/accounts/signup/"),
        ("/accounts/sign-out/", "/accounts/logout/"),
        ("/accounts/verify/", "/accounts/email/"),
    ],
)
def test_the_old_account_addresses_lead_to_the_new_pages(client, old, new):
    response = client.get(old)

    assert response.status_code == 302 and response["Location"] == new


@pytest.mark.parametrize("typed", ["Maya\nR.", "Maya\u202e.R", "Maya\u200b R."])
def test_a_display_name_keeps_no_line_break_direction_or_zero_width_character(client, typed):
    client.post("/accounts/signup/", sign_up_data(display_name=typed))

    assert User.objects.get(username="maya").display_name in {"Maya R.", "Maya.R"}


def test_a_new_reader_lands_on_the_home_page_once_verified(client):
    client.post("/accounts/signup/", sign_up_data())
    confirmed = client.post(link_in(mail.outbox[0], "/accounts/confirm-email/"), follow=True)
    assert confirmed.redirect_chain[-1][0] == "/"
    assert signed_in_user(client).username == "maya"


def test_where_an_app_sends_a_reader_after_verification_is_used_once(client):
    from byline.accounts.adapter import AFTER_VERIFICATION_SESSION_KEY

    user = UserFactory()
    client.force_login(user)
    session = client.session
    session[AFTER_VERIFICATION_SESSION_KEY] = "/accounts/email/"
    session.save()
    assert client.get("/accounts/welcome/")["Location"] == "/accounts/email/"
    assert client.get("/accounts/welcome/")["Location"] == "/"


def test_after_verification_takes_only_a_path_on_this_site(rf):
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    from byline.accounts.adapter import AFTER_VERIFICATION_SESSION_KEY, go_after_verification

    request = rf.get("/")
    request.session = SessionStore()
    for hostile in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]:
        go_after_verification(request, hostile)
        assert AFTER_VERIFICATION_SESSION_KEY not in request.session
