"""Readers sign in with an OpenID Connect provider, a real one: django-oauth-toolkit, run on
loopback by ``tests/oidc_provider`` as its own process, once for this module.

In Chromium: "Sign in with Loopback ID", the provider's sign-in and consent, and back on Byline
signed in, to an account made with the address the provider verified; the next sign-in reaches
the same account. An address the provider did not verify is verified by email first; a
provider naming an existing reader's address does not sign into that reader's account; a
refused consent says so; and the social pages pass axe-core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from playwright.sync_api import Page, expect

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.settings.environment import Environment
from byline.settings.social import OIDC_VARIABLE, social_providers
from tests.browser.conftest import assert_accessible
from tests.browser.test_accounts import account_links, last_email_to, link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("byline_trusts_the_provider"),
]

PROVIDER_ID = "loopback"
PROVIDER_NAME = "Loopback ID"
CLIENT_ID = "byline-on-loopback"
CLIENT_SECRET = "a-secret-only-these-tests-know"
PROVIDER_PASSWORD = "provider passphrase"
# The provider's users: one whose address it verified, one whose it did not, one with none.
ADA = {"username": "ada", "email": "ada@example.org", "email_verified": True, "name": "Ada L."}
GRACE = {"username": "grace", "email": "grace@example.org", "email_verified": False}
NOBODY = {"username": "nobody", "email": "", "email_verified": False}
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Provider:
    url: str


def rsa_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="module")
def provider(live_server) -> Iterator[Provider]:
    """The loopback provider, started once for the module; its port is the first line it prints."""
    users = [{**user, "password": PROVIDER_PASSWORD} for user in (ADA, GRACE, NOBODY)]
    environment = {
        **os.environ,
        "OIDC_PROVIDER_RSA_KEY": rsa_key_pem(),
        "OIDC_PROVIDER_CLIENT_ID": CLIENT_ID,
        "OIDC_PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_PROVIDER_REDIRECT_URI": (
            f"{live_server.url}/accounts/oidc/{PROVIDER_ID}/login/callback/"
        ),
        "OIDC_PROVIDER_USERS": json.dumps(users),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), f"the provider did not start (exit code {process.poll()})"
        yield Provider(url=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def byline_trusts_the_provider(provider: Provider, settings) -> None:
    """Byline configured as a site would be, through SOCIAL_OIDC_PROVIDERS."""
    configuration = {
        "id": PROVIDER_ID,
        "name": PROVIDER_NAME,
        "server_url": f"{provider.url}/o",
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
    }
    environment = Environment({OIDC_VARIABLE: json.dumps([configuration])})
    settings.SOCIALACCOUNT_PROVIDERS = social_providers(environment)


def sign_in_at_the_provider(page: Page, live_server, user: dict) -> None:
    """From Byline's sign-in page through the provider's sign-in and consent pages."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    expect(page.get_by_role("heading", name="Loopback provider")).to_be_visible()
    page.get_by_label("Username").fill(user["username"])
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in to the provider").click()
    page.get_by_role("button", name="Authorize").click()


def test_a_verified_address_signs_up_and_the_next_sign_in_reaches_the_same_account(
    live_server, page: Page, artifacts_dir
):
    sign_in_at_the_provider(page, live_server, ADA)

    expect(account_links(page)).to_contain_text("Ada L.")
    reader = User.objects.get()
    assert reader.verified_address == ADA["email"]
    assert EmailAddress.objects.get(user=reader).verified
    account = SocialAccount.objects.get()
    assert (account.user, account.provider) == (reader, PROVIDER_ID)

    page.goto(f"{live_server.url}/accounts/3rdparty/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Account Connections")
    expect(page.get_by_text(PROVIDER_NAME).first).to_be_visible()
    page.screenshot(path=artifacts_dir / "social-connections.png", full_page=True)

    account_links(page).get_by_role("button", name="Sign out").click()
    expect(account_links(page)).to_contain_text("Sign in")
    # Still signed in at the provider: only its consent is asked again.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.get_by_role("button", name="Authorize").click()
    expect(account_links(page)).to_contain_text("Ada L.")
    assert User.objects.get() == reader
    assert SocialAccount.objects.count() == 1


def test_an_address_the_provider_did_not_verify_is_verified_by_email_first(live_server, page: Page):
    sign_in_at_the_provider(page, live_server, GRACE)

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(account_links(page)).to_contain_text("Sign in")
    reader = User.objects.get()
    assert reader.verified_address == ""

    page.goto(link_in(last_email_to(GRACE["email"]), "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()
    expect(account_links(page)).to_contain_text("grace")
    reader.refresh_from_db()
    assert reader.verified_address == GRACE["email"]


def test_a_provider_naming_an_existing_readers_address_does_not_sign_into_their_account(
    live_server, page: Page
):
    reader = UserFactory(username="ada_on_byline", email=ADA["email"])

    sign_in_at_the_provider(page, live_server, ADA)

    # The answer of any sign-up with a taken address: "check your email", and no account.
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    expect(account_links(page)).to_contain_text("Sign in")
    assert list(User.objects.all()) == [reader]
    assert not SocialAccount.objects.exists()
    # The owner of the address hears of the attempt.
    assert "already" in last_email_to(ADA["email"]).body


def test_the_social_pages_pass_axe_and_a_refused_consent_says_so(
    live_server, page: Page, axe, artifacts_dir
):
    # A provider that gives no address: the sign-up form asks for one, in the site's theme.
    sign_in_at_the_provider(page, live_server, NOBODY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    expect(page.locator(".site-header .masthead")).to_have_text(django_settings.WAGTAIL_SITE_NAME)
    expect(page.locator("main")).to_contain_text(
        f"signing up to {django_settings.WAGTAIL_SITE_NAME} with your {PROVIDER_NAME} account"
    )
    assert_accessible(axe, page)
    for width, name in [(390, "phone"), (1280, "desktop")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=artifacts_dir / f"social-sign-up-{name}.png", full_page=True)
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Login Cancelled")
    assert_accessible(axe, page)

    for path in [
        f"/accounts/oidc/{PROVIDER_ID}/login/",
        "/accounts/3rdparty/login/error/",
        "/accounts/login/",
    ]:
        page.goto(live_server.url + path)
        expect(page.locator(".site-header .masthead")).to_be_visible()
        assert_accessible(axe, page)
