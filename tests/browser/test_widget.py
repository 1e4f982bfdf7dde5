"""The compact discussion widget in Chromium: one bar above the thread, "Notify of" opening in
place, a one-line composer, the first comment within a phone's first screen under the article,
the inline panel quoting the chosen words, and axe-core in every state, at 390 and 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from byline.discussion.tests.factories import inline_article, post, post_on
from tests.browser.conftest import assert_accessible, open_notify_of
from tests.browser.test_inline import select

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def article():
    article = inline_article(title="Did the couple really argue?")
    post_on(article, body="Who is the source?")
    for n in range(3):
        post(article, f"A thought on the story, number {n}.", token=f"reader-{n}")
    return article


@pytest.fixture(params=[PHONE, DESKTOP], ids=["390", "1280"])
def screen(request, browser: Browser):
    context = browser.new_context(viewport=request.param)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, request.param["width"]
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def below_article_end(page: Page, selector: str) -> float:
    """How far below the end of the article the bottom of ``selector`` is, in CSS pixels."""
    return page.evaluate(
        """(selector) => document.querySelector(selector).getBoundingClientRect().bottom
            - document.querySelector("article.article").getBoundingClientRect().bottom""",
        selector,
    )


def test_the_widget_in_every_state(live_server, screen, article, axe, artifacts_dir):
    page, width = screen
    page.goto(live_server.url + article.url)
    thread = page.locator("#comments")
    bar = thread.locator(".discussion__bar")
    expect(bar.locator("#comments-heading")).to_have_text("4 comments")
    expect(bar.get_by_role("navigation", name="Sort comments")).to_be_visible()
    expect(bar.get_by_role("link", name="Inline Feedbacks")).to_be_visible()
    expect(bar.locator("summary")).to_have_text("Notify of")

    # The composer is one line until the reader starts on it.
    form = page.locator("form#respond")
    expect(form).to_have_class(re.compile("comment-form--compact"))
    assert form.bounding_box()["height"] < 80
    thread.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / f"widget-bar-{width}.png")
    assert_accessible(axe, page)

    # "Notify of" opens in place: neither the page nor its toggle moves.
    toggle = page.locator("[data-notify-control] > summary")
    toggle.scroll_into_view_if_needed()
    before = (page.evaluate("scrollY"), toggle.bounding_box())
    open_notify_of(page)
    expect(page.locator("form#notify").get_by_label("Notify of")).to_be_visible()
    assert (page.evaluate("scrollY"), toggle.bounding_box()) == before
    thread.screenshot(path=artifacts_dir / f"widget-notify-open-{width}.png")
    assert_accessible(axe, page)
    page.locator("[data-notify-control] > summary").click()

    form.get_by_label("Comment").click()
    expect(form).not_to_have_class(re.compile("comment-form--compact"))
    expect(form.get_by_label("Name")).to_be_visible()
    expect(form.get_by_role("button", name="Post comment")).to_be_visible()
    thread.screenshot(path=artifacts_dir / f"widget-composer-open-{width}.png")
    assert_accessible(axe, page)

    # The inline panel: the thread's type, the chosen words quoted in its form.
    page.keyboard.press("Escape")
    select(page, "p-next", "resumes in Leeds")
    choose = page.get_by_role("button", name="Comment on this", exact=True)
    expect(choose).to_be_visible()
    chosen = page.evaluate(
        "() => document.getSelection().getRangeAt(0).getBoundingClientRect().toJSON()"
    )
    spot = choose.bounding_box()
    assert 0 <= spot["y"] - chosen["bottom"] < 40, (spot, chosen)
    choose.click()
    panel = page.locator("[data-inline-panel]")
    expect(panel.locator("form .comment__quote")).to_have_text("resumes in Leeds")
    fonts = page.evaluate(
        """() => [".inline-panel", ".discussion"].map(
            (selector) => getComputedStyle(document.querySelector(selector)).fontFamily)"""
    )
    assert fonts[0] == fonts[1]
    panel.screenshot(path=artifacts_dir / f"widget-inline-panel-{width}.png")
    assert_accessible(axe, page)


def test_the_first_comment_is_in_the_first_phone_screen_under_the_article(
    live_server, browser: Browser, article, artifacts_dir
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + article.url)
    expect(page.locator("form#respond")).to_have_class(re.compile("comment-form--compact"))

    first = ".comment-list > li:first-child .comment__body"
    assert below_article_end(page, first) <= PHONE["height"]
    page.evaluate(
        "window.scrollTo(0, document.querySelector('article.article').getBoundingClientRect().bottom + scrollY)"
    )
    page.screenshot(path=artifacts_dir / "widget-first-screen-390.png")
    context.close()


def test_follow_opens_notify_of_under_its_comment(live_server, browser: Browser, article):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + article.url)
    target = page.locator(".comment", has_text="number 0").first
    target.scroll_into_view_if_needed()
    where = target.bounding_box()["y"]

    target.get_by_role("link", name=re.compile("^Follow")).click()

    control = page.locator("form#notify")
    expect(control.get_by_label("Notify of")).to_be_focused()
    expect(control.get_by_label("Notify of")).to_have_value("comment")
    assert target.locator("form#notify").count() == 1
    assert abs(target.bounding_box()["y"] - where) < 1
    context.close()


def test_without_javascript_the_widget_is_complete(live_server, browser: Browser, article):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + article.url)

    form = page.locator("form#respond")
    expect(form).not_to_have_class(re.compile("comment-form--compact"))
    for label in ("Name", "Email", "Comment"):
        expect(form.get_by_label(label)).to_be_visible()
    expect(page.locator(".comment-list > li")).to_have_count(4)
    page.locator("[data-notify-control] > summary").click()
    expect(page.locator("form#notify").get_by_label("Notify of")).to_be_visible()
    page.get_by_role("link", name="Inline Feedbacks").click()
    expect(page.locator(".comment-list > li")).to_have_count(1)
    expect(page.get_by_role("link", name="View all comments")).to_be_visible()
    context.close()
