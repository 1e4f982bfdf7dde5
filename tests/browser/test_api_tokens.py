"""An editor issues an API token in the admin, copies its key once, sees it work, and revokes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "issue-with-care"


def test_an_editor_issues_a_scoped_token_and_revokes_it(page: Page, live_server):
    editor = UserFactory(username="ed", is_staff=True, is_superuser=True)
    editor.set_password(PASSWORD)
    editor.save()
    UserFactory(username="newsletter-bot", email="desk@example.org")
    base = live_server.url

    page.goto(f"{base}/admin/login/?next=/admin/api-tokens/")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Add API token").first.click()
    page.get_by_label("Name").fill("Newsletter")
    page.get_by_label("Account", exact=False).and_(page.locator("select")).select_option(
        label="newsletter-bot"
    )
    page.get_by_label("Read its reader's own account data").check()
    page.get_by_role("button", name="Create").click()

    key = page.locator("#api-token-value").input_value()
    assert key.startswith("wagtail_")
    me = page.request.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert me.status == 200 and me.json()["email"] == "desk@example.org"

    page.get_by_role("link", name="Back to API tokens").click()
    row = page.get_by_role("row", name="Newsletter")
    expect(row).to_contain_text("newsletter-bot")
    expect(row).to_contain_text("account")
    assert key not in page.content()
    row.get_by_role("button", name="More options").click()
    page.get_by_role("link", name="Revoke").click()
    page.get_by_role("button", name="Yes, revoke").click()

    expect(page.get_by_text("API token 'Newsletter' revoked.")).to_be_visible()
    dead = page.request.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {key}"})
    assert dead.status == 401
