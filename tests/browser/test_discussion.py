"""A reader holds a conversation under an article in Chromium, with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from byline.discussion.models import Comment
from byline.discussion.tests.factories import post
from tests.browser.conftest import CHROMIUM_FLAGS, assert_accessible  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title="Is the reunion tour really happening?"),
]


@pytest.fixture
def article(settings, article):
    settings.DISCUSSION_PAGE_SIZE = 3
    for n in range(4):
        post(article, f"Early comment {n}", token=f"early-{n}")
    return article


@pytest.fixture
def no_script_page(browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def fill_guest_form(page: Page, body: str) -> None:
    form = page.locator("form#respond")
    if form.get_by_label("Name").count():
        form.get_by_label("Name").fill("Maya Reader")
        form.get_by_label("Email").fill("maya@example.org")
    form.get_by_label("Comment").fill(body)


def comments(page: Page):
    return page.locator(".comment-list > li > .comment__card .comment__body")


def test_conversation_with_javascript(live_server, page: Page, article, axe, artifacts_dir):
    page.goto(live_server.url + article.url)
    expect(page.locator("#comments-heading")).to_have_text("4 comments")
    expect(comments(page)).to_have_count(3)

    # Load more, in place.
    page.get_by_role("link", name="Load more comments").click()
    expect(comments(page)).to_have_count(4)
    expect(page.get_by_role("link", name="Load more comments")).to_have_count(0)

    # Post, without leaving the page.
    fill_guest_form(page, "I'll believe it when the *tickets* go on sale.")
    page.get_by_role("button", name="Post comment").click()
    mine = page.locator(".comment", has_text="tickets").first
    expect(mine.locator("em")).to_have_text("tickets")
    assert page.url.endswith(article.url)

    # Reply to an early comment: the form moves under it.
    early = page.locator(".comment", has_text="Early comment 3").first
    early.get_by_role("link", name=re.compile("^Reply")).click()
    expect(page.locator("form#respond")).to_contain_text("Reply to Maya Reader")
    page.locator("form#respond").get_by_label("Comment").fill("Agreed, a source says otherwise.")
    page.get_by_role("button", name="Post comment").click()
    expect(early.locator(".replies")).to_contain_text("Agreed, a source says otherwise.")

    # Vote up someone else's comment; press again to take it back.
    up = early.locator(".comment__card").first.get_by_role("button", name="Vote up")
    up.click()
    expect(early.locator(".votes__score").first).to_have_text("1")
    early.locator(".comment__card").first.get_by_role("button", name="Vote up").click()
    expect(early.locator(".votes__score").first).to_have_text("0")

    # Sort oldest first.
    page.get_by_role("navigation", name="Sort comments").get_by_role("link", name="Oldest").click()
    expect(comments(page).first).to_have_text("Early comment 0")

    # Edit and delete my own comment within the window.
    page.goto(live_server.url + article.url)
    mine = page.locator(".comment", has_text="tickets").first
    mine.get_by_role("link", name="Edit").click()
    page.get_by_label("Comment").fill("I'll believe it when the tickets are in my hand.")
    page.get_by_role("button", name="Save changes").click()
    mine = page.locator(".comment", has_text="in my hand").first
    expect(mine.locator(".comment__edited")).to_have_text("(edited)")
    page.screenshot(path=artifacts_dir / "article-discussion.png", full_page=True)
    assert_accessible(axe, page)

    mine.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete comment").click()
    expect(page.locator(".comment", has_text="in my hand")).to_have_count(0)
    assert Comment.objects.filter(status=Comment.Status.REMOVED).count() == 1


def test_conversation_without_javascript(live_server, no_script_page: Page, article):
    page = no_script_page
    page.goto(live_server.url + article.url)

    # An invalid post comes back with the message next to the field and the text kept.
    page.locator("form#respond").get_by_label("Name").fill("Maya Reader")
    page.locator("form#respond").get_by_label("Email").fill("not an address")
    page.locator("form#respond").get_by_label("Comment").fill("Keep this text.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator("#id_email_error")).to_contain_text("valid email")
    expect(page.locator("form#respond").get_by_label("Comment")).to_have_value("Keep this text.")

    page.locator("form#respond").get_by_label("Email").fill("maya@example.org")
    page.get_by_role("button", name="Post comment").click()
    comment = Comment.objects.get(body="Keep this text.")
    expect(page).to_have_url(re.compile(rf"\?comment={comment.pk}#comment-{comment.pk}$"))
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Keep this text.")

    # Reply: the link reloads the page with the form set to reply.
    page.locator(".comment", has_text="Early comment 2").first.get_by_role(
        "link", name=re.compile("^Reply")
    ).click()
    expect(page.locator("form#respond")).to_contain_text("Reply to Maya Reader")
    page.locator("form#respond").get_by_label("Comment").fill("A reply without scripts.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".replies")).to_contain_text("A reply without scripts.")

    # Vote, sort and load more are plain requests.
    page.locator(".comment", has_text="Early comment 1").first.get_by_role(
        "button", name="Vote up"
    ).click()
    expect(
        page.locator(".comment", has_text="Early comment 1").first.locator(".votes__score").first
    ).to_have_text("1")
    page.get_by_role("link", name="Most voted").click()
    expect(comments(page).first).to_have_text("Early comment 1")
    page.get_by_role("link", name="Load more comments").click()
    expect(page).to_have_url(re.compile(r"after="))
