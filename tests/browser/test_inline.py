"""Inline feedback in Chromium: answering an editor's prompt, commenting on a selected sentence,
the thread filter, and the keyboard path, with axe-core checking the open panels."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from byline.discussion.models import Anchor, Comment
from byline.discussion.tests.factories import ARGUED, inline_article, post, post_on
from byline.newsroom.tests.factories import publish
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
QUESTION = "Do you believe the representative?"


@pytest.fixture
def article():
    return inline_article(title="Did the couple really argue?")


def fill_panel(page: Page, body: str) -> None:
    panel = page.locator("[data-inline-panel]")
    panel.get_by_label("Name").fill("Maya Reader")
    panel.get_by_label("Email").fill("maya@example.org")
    panel.get_by_label("Comment").fill(body)


def select(page: Page, block_id: str, words: str) -> None:
    """Select ``words`` in a block as a reader's mouse would, and release the button."""
    page.evaluate(
        """([blockId, words]) => {
            const root = document.querySelector(`[data-block-id="${blockId}"] p`);
            const node = [...root.childNodes].find((n) => n.nodeType === 3 && n.data.includes(words));
            const range = document.createRange();
            const at = node.data.indexOf(words);
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        }""",
        [block_id, words],
    )


def test_a_reader_answers_an_editors_prompt_in_place(live_server, page: Page, article, axe):
    page.goto(live_server.url + article.url)
    marker = page.get_by_role("link", name=re.compile(QUESTION))
    expect(marker).to_contain_text("0 answers")
    expect(page.locator(".inline-prompt__passage")).to_have_text(
        "a representative called the story “pure invention”"
    )

    marker.click()
    panel = page.locator("[data-inline-panel]")
    expect(panel).to_contain_text(QUESTION)
    expect(panel).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "true")
    assert_accessible(axe, page)

    fill_panel(page, "No, they always say that.")
    panel.get_by_role("button", name="Post answer").click()
    expect(panel.locator(".comment__body")).to_have_text("No, they always say that.")
    expect(marker).to_contain_text("1 answer")
    assert page.url.endswith(article.url)
    assert Comment.objects.get().anchor.prompt_id == "q-source"

    page.reload()
    expect(page.get_by_role("link", name=re.compile(QUESTION))).to_contain_text("1 answer")


def test_a_reader_comments_on_a_sentence_they_select(live_server, page: Page, article, axe):
    page.goto(live_server.url + article.url)
    select(page, "p-intro", ARGUED)
    page.get_by_role("button", name="Comment on this", exact=True).click()
    fill_panel(page, "Which source, though?")
    page.locator("[data-inline-panel]").get_by_role("button", name="Post comment").click()
    expect(page.locator("[data-inline-panel] .comment__body")).to_have_text("Which source, though?")

    anchor = Anchor.objects.get()
    assert (anchor.block_id, anchor.exact, anchor.prompt_id) == ("p-intro", ARGUED, "")

    page.reload()
    highlight = page.locator("mark.inline-highlight")
    expect(highlight).to_have_text(ARGUED)
    count = page.get_by_role("button", name=re.compile("^1 comment on “A source close"))
    expect(count).to_have_text("1")
    highlight.click()
    expect(page.locator("[data-inline-panel] .comment__body")).to_have_text("Which source, though?")
    assert_accessible(axe, page)


def test_filtering_to_inline_feedback_and_back(live_server, page: Page, article):
    post_on(article, body="On the passage.")
    post(article, "On the whole article.", token="someone")
    page.goto(live_server.url + article.url)
    bodies = page.locator(".comment-list > li > .comment__card .comment__body")
    expect(bodies).to_have_count(2)

    page.get_by_role("link", name="Inline Feedbacks").click()
    expect(bodies).to_have_count(1)
    expect(bodies).to_have_text("On the passage.")
    expect(page.locator(".comment__quote")).to_have_text(ARGUED)

    page.get_by_role("link", name="View all comments").click()
    expect(bodies).to_have_count(2)


def test_the_keyboard_path(live_server, page: Page, article, axe):
    page.goto(live_server.url + article.url)
    target = page.get_by_role("button", name=re.compile("^Comment on the paragraph “The tour"))
    for _ in range(60):
        page.keyboard.press("Tab")
        if target.evaluate("node => node === document.activeElement"):
            break
    expect(target).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.locator("[data-inline-panel]")
    expect(panel).to_be_focused()
    assert_accessible(axe, page)

    page.keyboard.press("Tab")  # Name
    page.keyboard.type("Kim Keys")
    page.keyboard.press("Tab")
    page.keyboard.type("kim@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Leeds again!")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(panel.locator(".comment__body")).to_have_text("Leeds again!")
    assert (
        Anchor.objects.get().exact
        == "The tour resumes in Leeds on Friday. Tickets are still on sale."
    )

    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(target).to_be_focused()


@pytest.fixture
def no_script_page(browser: Browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_prompt_is_a_link_to_its_answers(
    live_server, no_script_page, article
):
    page = no_script_page
    page.goto(live_server.url + article.url)
    page.get_by_role("link", name=re.compile(QUESTION)).click()
    form = page.locator("form#respond")
    expect(form).to_contain_text(f"Answer: {QUESTION}")
    form.get_by_label("Name").fill("Maya Reader")
    form.get_by_label("Email").fill("maya@example.org")
    form.get_by_label("Comment").fill("Not for a second.")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment__question")).to_contain_text(QUESTION)
    assert Comment.objects.get().anchor.prompt_id == "q-source"


def test_after_a_rewrite_comments_follow_their_words_or_say_they_are_earlier(
    live_server, page: Page, article
):
    post_on(article, body="Which source?")
    post_on(article, exact="Tickets are still on sale.", block="p-next", body="Not for long.",
            token="t-2")  # fmt: skip
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>The couple left separately, and nobody would say why.</p>"
    raw[3]["value"] = "<p>Update: the tour resumes in Leeds. Tickets are still on sale.</p>"
    article.body = json.dumps(raw)
    publish(article)  # the immediate task backend re-anchors as the worker would

    page.goto(live_server.url + article.url)
    highlight = page.locator("mark.inline-highlight")
    expect(highlight).to_have_count(1)
    expect(highlight).to_have_text("Tickets are still on sale.")
    page.get_by_role("link", name="Inline Feedbacks").click()
    earlier = page.locator(".comment", has_text="Which source?")
    expect(earlier.locator(".comment__quote")).to_have_text(ARGUED)
    expect(earlier).to_contain_text("Written on an earlier version of this article.")
