"""A new reader signs up, verifies the address from the email, signs out, signs in with a code
sent by email and resets a forgotten password, in Chromium, with no script needed; axe-core
finds nothing on the sign-up, sign-in, code, reset, address and password pages."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a longer and newer passphrase"


def last_email_to(address: str):
    messages = [message for message in mail.outbox if message.to == [address]]
    assert messages, f"no email to {address}"
    return messages[-1]


def link_in(message, path: str) -> str:
    return re.search(rf"(http://\S+{re.escape(path)}\S+)", message.body).group(1)


def code_in(message) -> str:
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE).group(1)


def account_links(page: Page):
    return page.locator(".site-header .account-links")


@pytest.fixture
def page_without_script(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_sign_up_verify_sign_in_by_code_and_reset_the_password_without_script(
    live_server, page_without_script: Page, artifacts_dir
):
    page = page_without_script
    page.goto(f"{live_server.url}/accounts/signup/")
    expect(page.locator(".site-header .masthead")).to_have_text("The Byline Review")
    page.get_by_label("Email", exact=False).first.fill("maya@example.org")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Display name").fill("Maya R.")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()

    # Not signed in until the address is verified.
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(account_links(page)).to_contain_text("Sign in")
    page.goto(link_in(last_email_to("maya@example.org"), "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    expect(account_links(page)).to_contain_text("Maya R.")
    assert User.objects.get(username="maya").verified_address == "maya@example.org"

    account_links(page).get_by_role("button", name="Sign out").click()
    expect(account_links(page)).to_contain_text("Sign in")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Send me a sign-in code").click()
    page.get_by_label("Email").fill("maya@example.org")
    page.get_by_role("button", name="Request Code").click()
    page.get_by_label("Code").fill(code_in(last_email_to("maya@example.org")))
    page.get_by_role("button", name="Confirm").click()
    expect(account_links(page)).to_contain_text("Maya R.")
    account_links(page).get_by_role("button", name="Sign out").click()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("maya@example.org")
    page.get_by_role("button", name="Reset My Password").click()
    page.goto(link_in(last_email_to("maya@example.org"), "/accounts/password/reset/key/"))
    page.get_by_label("New Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    # The answer page has loaded (a screenshot taken while it loads fails).
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "accounts-reset-done.png")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email address").fill("maya@example.org")
    page.get_by_label("Password", exact=False).first.fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(account_links(page)).to_contain_text("Maya R.")


OIDC_APP = {
    "provider_id": "campus",
    "name": "Campus ID",
    "client_id": "byline",
    "secret": "s3cret",
    # Never asked: these pages only show the provider's button.
    "settings": {"server_url": "http://127.0.0.1:9/o"},
}
# Every allauth page a reader can reach without a provider's answer (the social sign-up form is
# checked in test_social_sign_in.py), as (name, address); the sign-in by code and the reset
# pages that need an emailed code or key are reached through their forms.
SIGNED_OUT_PAGES = [
    ("sign-in", "/accounts/login/"),
    ("sign-up", "/accounts/signup/"),
    ("code-request", "/accounts/login/code/"),
    ("reset-request", "/accounts/password/reset/"),
    ("reset-sent", "/accounts/password/reset/done/"),
    ("reset-bad-key", "/accounts/password/reset/key/1-wrong-key/"),
    ("reset-done", "/accounts/password/reset/key/done/"),
    ("verification-sent", "/accounts/confirm-email/"),
    ("confirm-bad-key", "/accounts/confirm-email/wrong-key/"),
    ("inactive", "/accounts/inactive/"),
    ("social-start", "/accounts/oidc/campus/login/"),
    ("social-cancelled", "/accounts/3rdparty/login/cancelled/"),
    ("social-error", "/accounts/3rdparty/login/error/"),
]
SIGNED_IN_PAGES = [
    ("addresses", "/accounts/email/"),
    ("password-change", "/accounts/password/change/"),
    ("connections", "/accounts/3rdparty/"),
    ("reauthenticate", "/accounts/reauthenticate/"),
    ("sign-out", "/accounts/logout/"),
]


def sign_in_browser(page: Page, live_server, user: User) -> None:
    """Sign the browser in as ``user`` without the sign-in form (its pages are checked apart)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def check_page(page: Page, axe, artifacts_dir, name: str) -> None:
    """The page is in the site's theme, passes axe-core, and is photographed at both widths."""
    expect(page.locator(".site-header .masthead")).to_have_text("The Byline Review")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(axe, page)
    for width, device in [(390, "phone"), (1280, "desktop")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts_dir / f"account-{name}-{device}.png", full_page=True)


def test_every_account_page_is_in_the_theme_and_passes_axe(
    live_server, page: Page, axe, artifacts_dir, settings
):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [OIDC_APP]}}
    ada = UserFactory(username="ada", email="ada@example.org")
    for name, path in SIGNED_OUT_PAGES:
        page.goto(live_server.url + path)
        check_page(page, axe, artifacts_dir, name)

    page.goto(f"{live_server.url}/accounts/login/code/")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("button", name="Request Code").click()
    expect(page.get_by_label("Code")).to_be_visible()
    check_page(page, axe, artifacts_dir, "code-enter")

    page.goto(f"{live_server.url}/accounts/password/reset/")
    page.get_by_label("Email").fill("ada@example.org")
    page.get_by_role("button", name="Reset My Password").click()
    page.goto(link_in(last_email_to("ada@example.org"), "/accounts/password/reset/key/"))
    expect(page.get_by_label("New Password:", exact=True)).to_be_visible()
    check_page(page, axe, artifacts_dir, "reset-from-key")

    grace = UserFactory(username="grace", email="grace@example.org", verified_email="")
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.get(user=grace))
    page.goto(f"{live_server.url}/accounts/confirm-email/{confirmation.key}/")
    check_page(page, axe, artifacts_dir, "confirm")

    sign_in_browser(page, live_server, ada)
    for name, path in SIGNED_IN_PAGES:
        page.goto(live_server.url + path)
        expect(account_links(page)).to_contain_text("ada")
        check_page(page, axe, artifacts_dir, name)

    # A reader who came through a provider has no password yet: they set one.
    grace.set_unusable_password()
    grace.save()
    sign_in_browser(page, live_server, grace)
    page.goto(f"{live_server.url}/accounts/password/set/")
    check_page(page, axe, artifacts_dir, "password-set")

    settings.ACCOUNTS_FORM_RATE = "1/10m"
    for _ in range(2):
        page.goto(f"{live_server.url}/accounts/password/reset/")
        page.get_by_label("Email").fill("ada@example.org")
        page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many tries")
    check_page(page, axe, artifacts_dir, "throttled")


@pytest.mark.parametrize("stay_signed_in", [False, True])
def test_stay_signed_in_decides_whether_the_session_outlives_the_browser(
    live_server, page_without_script: Page, stay_signed_in: bool
):
    """Unticked, the session cookie is the browser session's (no expiry); ticked, it persists."""
    page = page_without_script
    UserFactory(username="ada")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username or email address").fill("ada")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Stay signed in").set_checked(stay_signed_in)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(account_links(page)).to_contain_text("ada")

    (session,) = [c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME]
    if stay_signed_in:
        assert session["expires"] > time.time() + settings.SESSION_COOKIE_AGE / 2
    else:
        assert session["expires"] == -1
