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


def own_card(page: Page, text: str):
    """The card of the comment (not of its replies) that says ``text``."""
    return page.locator(".comment__card", has=page.locator(".comment__body", has_text=text))


def test_comments_loaded_by_the_script_can_be_replied_to(
    live_server, page: Page, article, artifacts_dir
):
    page.goto(live_server.url + article.url)

    # "Load more" brings the oldest comment: it offers Reply, and the reply lands under it.
    page.get_by_role("link", name="Load more comments").click()
    loaded = own_card(page, "Early comment 0")
    loaded.get_by_role("link", name=re.compile("^Reply")).click()
    expect(page.locator("form#respond")).to_contain_text("Reply to Maya Reader")
    fill_guest_form(page, "Answering the comment that loaded last.")
    page.get_by_role("button", name="Post comment").click()
    early = page.locator(".comment-list > li", has_text="Early comment 0")
    expect(early.locator(".replies")).to_contain_text("Answering the comment that loaded last.")

    # After choosing "Most voted", every comment the script brought offers Reply too.
    loaded.get_by_role("button", name="Vote up").click()
    expect(loaded.locator(".votes__score")).to_have_text("1")
    page.get_by_role("navigation", name="Sort comments").get_by_role(
        "link", name="Most voted"
    ).click()
    expect(page).to_have_url(re.compile(r"sort=votes"))
    expect(comments(page).first).to_have_text("Early comment 0")
    cards = page.locator(".comment-list .comment__card")
    expect(cards).to_have_count(4)  # three roots on the first page, and the reply
    for index in range(cards.count()):
        expect(cards.nth(index).get_by_role("link", name=re.compile("^Reply"))).to_have_count(1)
    own_card(page, "Early comment 2").get_by_role("link", name=re.compile("^Reply")).click()
    expect(page.locator("form#respond")).to_contain_text("Reply to Maya Reader")
    page.screenshot(path=artifacts_dir / "reply-after-sorting.png", full_page=True)


def test_collapsed_replies_open_without_javascript(
    live_server, no_script_page: Page, article, settings
):
    settings.DISCUSSION_REPLIES_SHOWN = 1
    root = Comment.objects.get(body="Early comment 3")
    for n in range(3):
        post(article, f"Reply number {n}", parent=root, token=f"replier-{n}")
    page = no_script_page
    page.goto(live_server.url + article.url)
    thread = page.locator(f"#comment-{root.pk}")
    expect(thread.locator(".replies > li")).to_have_count(1)

    thread.get_by_role("link", name="Show 2 more replies").click()

    thread = page.locator(f"#comment-{root.pk}")
    expect(thread.locator(".replies > li")).to_have_count(3)
    expect(thread.locator(".replies")).to_contain_text("Reply number 2")
    expect(thread.get_by_role("link", name=re.compile("more repl"))).to_have_count(0)


def test_a_post_refused_without_javascript_lands_on_the_form(
    live_server, no_script_page: Page, article, settings, artifacts_dir
):
    settings.DISCUSSION_MIN_FILL_SECONDS = 3600  # any post is too quick
    page = no_script_page
    page.goto(live_server.url + article.url)

    fill_guest_form(page, "Posted in a hurry, and kept.")
    page.get_by_role("button", name="Post comment").click()

    expect(page).to_have_url(re.compile(r"#respond$"))
    message = page.locator("form#respond .form-errors")
    expect(message).to_contain_text("That was quick!")
    expect(message).to_be_in_viewport()
    expect(page.locator("form#respond").get_by_label("Comment")).to_have_value(
        "Posted in a hurry, and kept."
    )
    page.screenshot(path=artifacts_dir / "refused-post-no-js.png")
    assert Comment.objects.filter(body__contains="hurry").count() == 0
