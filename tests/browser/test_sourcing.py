"""An editor marks how a claim is sourced in the Draftail editor; readers see the summary."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.newsroom.models import ArticlePage, StandardsPage
from byline.newsroom.tests.factories import ArticlePageFactory, home_page, publish
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "source-it-well"
CLAIM = "A source tells Page Six"


@pytest.fixture
def article():
    editor = UserFactory(username="ed", is_staff=True, email="ed@example.org")
    editor.set_password(PASSWORD)
    editor.save()
    editor.groups.add(Group.objects.get(name="Moderators"))
    standards = StandardsPage(title="Our standards", slug="standards", body="<p>We say how.</p>")
    home_page().add_child(instance=standards)
    publish(standards)
    return publish(
        ArticlePageFactory(
            title="Was the tour the final straw?",
            body=[
                (
                    "paragraph",
                    "<p>A source tells Page Six that the pair have split. <span"
                    ' data-source-kind="anonymous">Another source clarifies</span> that it was'
                    " amicable. They reportedly left separately.</p>",
                )
            ],
        )
    )


def sign_in(page: Page, base: str, next_url: str) -> None:
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def summary_items(page: Page) -> list[str]:
    return page.locator(".article__sourcing li").all_inner_texts()


def test_an_editor_marks_a_claim_and_the_reader_s_summary_follows(
    live_server, page: Page, article, axe, artifacts_dir
):
    page.goto(live_server.url + article.url)
    assert summary_items(page) == ["1 anonymous source", "0 on the record"]

    sign_in(page, live_server.url, f"/admin/pages/{article.pk}/edit/")
    check = page.locator("[data-sourcing-check]")
    expect(check).to_contain_text("2 of 3")
    expect(check.locator("li").first).to_contain_text("Not marked A source tells Page Six")

    # The existing mark says what it is.
    expect(page.locator('.source-mark-editor[data-source-kind="anonymous"]')).to_have_attribute(
        "title", "Anonymous source"
    )
    # Select the claim with the keyboard, as Draft.js follows the browser's selection.
    editor = page.locator(".public-DraftEditor-content").first
    editor.get_by_text("A source tells Page Six", exact=False).click()
    page.keyboard.press("Home")
    for _ in CLAIM:
        page.keyboard.press("Shift+ArrowRight")
    page.get_by_role("button", name="Mark how this claim is sourced").click()

    dialog = page.get_by_role("dialog", name="How is this claim sourced?")
    dialog.get_by_label("Kind of source").select_option(label="Named outlet")
    dialog.get_by_label("Outlet or person (optional)").fill("Page Six")
    dialog.get_by_role("button", name="Mark the source").click()
    expect(editor.locator('.source-mark-editor[data-source-kind="outlet"]')).to_have_text(CLAIM)
    # The check follows the draft as it is edited, before it is saved.
    expect(check).to_contain_text("1 of 3")
    expect(check).to_contain_text("as you edit")

    # Draftail writes the editor's state to the form a moment after each change.
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile('"kind":"outlet"'))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published", exact=False)).to_be_visible()

    stored = ArticlePage.objects.get(pk=article.pk).body[0].value.source
    assert f'<span data-source-kind="outlet" data-source-name="Page Six">{CLAIM}</span>' in stored

    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    expect(page.locator("[data-sourcing-check]")).to_contain_text("1 of 3")
    page.locator("[data-sourcing-check]").scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "sourcing-editor-check-panel.png", full_page=True)
    # The editor pings its editing session and re-checks the draft every few seconds: leave it,
    # so that no request of its is still writing when the test's database is emptied.
    page.goto("about:blank")

    reader = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    reader.goto(live_server.url + article.url)
    assert summary_items(reader) == [
        "1 anonymous source",
        "1 other outlet: Page Six",
        "0 on the record",
    ]
    expect(reader.locator(".article__sourcing a")).to_have_attribute("href", "/standards/")
    expect(reader.locator(".type-of-work")).to_have_text("Type of work: News")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(axe, reader)
    reader.locator(".article__sourcing").screenshot(path=artifacts_dir / "sourcing-summary-390.png")
    reader.screenshot(path=artifacts_dir / "sourcing-article-390.png", full_page=True)
    reader.locator(".article__sourcing a").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Our standards")
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(axe, reader)
    reader.context.close()
