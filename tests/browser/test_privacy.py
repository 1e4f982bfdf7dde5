"""A reader takes their data away and erases their account; a guest asks for their address's
data; in Chromium, without script, and axe-core finds nothing on the new pages."""

from __future__ import annotations

import contextlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, Error, Page, expect

from byline.accounts.models import User
from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment
from byline.discussion.privacy import links
from byline.discussion.tests.factories import post
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "correct horse battery staple"


def last_email_to(address: str, subject: str):
    messages = [m for m in mail.outbox if m.to == [address] and subject in m.subject]
    assert messages, f"no email “{subject}” to {address}"
    return messages[-1]


def link_in(message, base: str) -> str:
    """The email's link, on the live server (emails link to BYLINE_BASE_URL)."""
    url = re.search(r"(https?://\S+)", message.body).group(1)
    return base + re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def page_without_script(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    yield context.new_page()
    context.close()


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username or email address").fill("maya")
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.locator(".site-header .account-links")).to_contain_text("Maya")


def download(page: Page, url: str) -> bytes:
    # Chromium aborts a navigation that turns into a download.
    with page.expect_download() as started, contextlib.suppress(Error):
        page.goto(url)
    return Path(started.value.path()).read_bytes()


def test_a_reader_downloads_their_data_then_erases_their_account(
    live_server, page_without_script: Page, article, artifacts_dir
):
    page = page_without_script
    maya = UserFactory(username="maya", email="maya@example.org", display_name="Maya")
    bob = UserFactory(username="bob", email="bob@example.org")
    root = post(article, "Maya wonders aloud.", as_user=maya)
    post(article, "Bob answers.", parent=root, as_user=bob)
    post(article, "Maya's aside.", as_user=maya)
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/")
    page.locator(".site-footer").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    expect(page.get_by_text("90 days")).to_be_visible()

    page.goto(f"{live_server.url}/accounts/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    page.get_by_role("button", name="Prepare my archive").click()
    expect(page.get_by_text("We are preparing your archive")).to_be_visible()
    page.screenshot(path=artifacts_dir / "privacy-my-data.png", full_page=True)

    archive = zipfile.ZipFile(
        io.BytesIO(
            download(page, link_in(last_email_to("maya@example.org", "Your data"), live_server.url))
        )
    )
    data = json.loads(archive.read("data.json"))
    assert {comment["body"] for comment in data["comments"]} == {
        "Maya wonders aloud.",
        "Maya's aside.",
    }
    assert "Bob answers." not in archive.read("index.html").decode()

    page.goto(f"{live_server.url}/accounts/data/")
    page.get_by_role("link", name="Erase my account…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase your account")
    page.get_by_label("Remove my comments", exact=False).check()
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data is erased")
    page.screenshot(path=artifacts_dir / "privacy-erased.png", full_page=True)
    expect(page.locator(".site-header .account-links")).to_contain_text("Sign in")

    assert not User.objects.filter(username="maya").exists()
    kept = Comment.objects.get(pk=root.pk)
    assert kept.body == "Removed at the author's request." and kept.reply_count == 1
    page.goto(f"{live_server.url}{article.url}")
    expect(page.get_by_text("Removed at the author's request.")).to_be_visible()
    expect(page.get_by_text("Bob answers.")).to_be_visible()
    expect(page.get_by_text("Maya's aside.")).to_have_count(0)


def test_a_guest_asks_for_their_address_without_script(
    live_server, page_without_script: Page, artifacts_dir
):
    page = page_without_script
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/accounts/data/guest/")
    page.get_by_label("Your email address").fill("guest@example.org")
    page.get_by_label("Erase my data").check()
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_text("Check your inbox.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "privacy-guest-request-phone.png", full_page=True)
    page.goto(link_in(last_email_to("guest@example.org", "erase"), live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase your data")
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_role("button", name="Erase", exact=True).click()
    expect(page.get_by_text("is erased")).to_be_visible()


def test_the_pages_of_readers_data_pass_axe(live_server, page: Page, axe, artifacts_dir):
    """axe-core runs in the page, so this pass has script on; the journeys above have it off."""
    UserFactory(username="maya", email="maya@example.org", display_name="Maya")
    sign_in(page, live_server.url)
    for path, heading in [
        ("/privacy/", "Privacy"),
        ("/accounts/data/", "Your data"),
        ("/accounts/data/erase/", "Erase your account"),
        ("/accounts/data/guest/", "Your data as a guest"),
        ("/accounts/data/download/tampered/", "That link didn’t work"),
    ]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(axe, page)
    page.goto(f"{live_server.url}/accounts/data/")
    page.get_by_role("button", name="Prepare my archive").click()
    expect(page.get_by_text("We are preparing your archive")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"{live_server.url}/accounts/data/erase/")
    page.get_by_role("button", name="Erase my account").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(axe, page)
    page.get_by_label("I understand that this cannot be undone.").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Erase my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data is erased")
    assert_accessible(axe, page)
    for token, heading in [
        (links.guest_token("guest@example.org", "export"), "Download your data"),
        (links.guest_token("guest@example.org", "erase"), "Erase your data"),
    ]:
        page.goto(f"{live_server.url}/accounts/data/guest/{token}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(axe, page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/privacy/")
    page.screenshot(path=artifacts_dir / "privacy-page-phone.png", full_page=True)
