"""An editor writes a new article in the real Wagtail admin, in Chromium, and publishes it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.newsroom.models import ArticlePage
from byline.newsroom.tests.factories import AuthorFactory, SectionPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "write-it-well"
HEADLINE = "Is the Harbour Lights reunion tour really off?"


@pytest.fixture
def newsroom():
    editor = UserFactory(username="ed", is_staff=True, email="ed@example.org")
    editor.set_password(PASSWORD)
    editor.save()
    # Wagtail's Moderators may publish; its Editors may only submit for moderation.
    editor.groups.add(Group.objects.get(name="Moderators"))
    return {"section": SectionPageFactory(title="Music"), "author": AuthorFactory(name="Ines Vale")}


def sign_in(page: Page, base: str, next_url: str) -> None:
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def add_paragraph(page: Page, text: str) -> None:
    page.locator("#panel-child-content-body-section").get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph", exact=True).click()
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type(text)


def choose_author(page: Page, name: str) -> None:
    page.get_by_role("button", name="Choose author").click()
    page.get_by_role("dialog").get_by_role("link", name=name).click()
    expect(page.locator("#id_authors-0-author")).not_to_have_value("")


def test_an_editor_types_a_headline_and_publishes_at_once(
    live_server, page: Page, newsroom, artifacts_dir
):
    section = newsroom["section"]
    add_url = f"/admin/pages/add/newsroom/articlepage/{section.pk}/"
    sign_in(page, live_server.url, add_url)
    # Typed key by key, as an editor does: Wagtail fills the slug as the title is typed.
    page.locator("#id_title").press_sequentially(HEADLINE)
    page.get_by_role("textbox", name="Standfirst").fill(
        "Fans fear the worst after a week of silence."
    )
    add_paragraph(page, "A source tells another outlet the tour is over.")
    choose_author(page, "Ines Vale")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text(f"Page '{HEADLINE}' created and published.")).to_be_visible()
    page.screenshot(path=artifacts_dir / "editor-published-article.png", full_page=True)
    article = ArticlePage.objects.get(title=HEADLINE)
    assert article.live
    assert article.slug == "is-the-harbour-lights-reunion-tour-really-off"
    assert article.get_parent().pk == section.pk
    page.goto(live_server.url + article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
