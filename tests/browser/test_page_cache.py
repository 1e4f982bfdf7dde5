"""Chromium reads cached pages and posts their token-less forms, with and without JavaScript."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, expect

from byline.discussion.models import Comment
from byline.discussion.tests.factories import post
from byline.discussion.threads import forms as forms_module
from tests.browser.conftest import CHROMIUM_FLAGS  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title="Who will host the awards this year?"),
]


@pytest.fixture
def article(page_cache, article):
    post(article, "An early guess.", token="early")
    return article


def fresh_page(browser: Browser, *, javascript: bool = True):
    """A reader who has never visited: no cookies, so cached pages are theirs to have."""
    return browser.new_context(java_script_enabled=javascript).new_page()


def load(page, url: str) -> str:
    response = page.goto(url)
    assert response.status == 200
    return response.headers.get("x-page-cache", "")


def fill_and_post(page, body: str) -> None:
    form = page.locator("form#respond")
    form.get_by_label("Name").fill("Maya Reader")
    form.get_by_label("Email").fill("maya@example.org")
    form.get_by_label("Comment").fill(body)
    assert form.locator("[name=csrfmiddlewaretoken]").count() == 0
    page.get_by_role("button", name="Post comment").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_form_on_a_cached_page_posts_and_the_next_reader_sees_it(
    live_server, browser: Browser, article, javascript
):
    url = live_server.url + article.url
    writer = fresh_page(browser, javascript=javascript)
    assert load(writer, url) == "miss"
    assert load(writer, url) == "hit"

    fill_and_post(writer, "My money is on the comedian.")
    expect(writer.locator(".comment", has_text="on the comedian")).to_have_count(1)

    reader = fresh_page(browser)
    assert load(reader, url) == "miss"
    expect(reader.locator(".comment", has_text="on the comedian")).to_have_count(1)
    expect(reader.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    assert Comment.objects.filter(body="My money is on the comedian.").exists()


@pytest.fixture
def clock(monkeypatch, settings):
    """The time trap on at its default, on a clock the test moves (the live server shares it)."""
    settings.DISCUSSION_MIN_FILL_SECONDS = 3
    now = [1_800_000_000.0]
    monkeypatch.setattr(forms_module, "time", SimpleNamespace(time=lambda: now[0]))
    return now


def test_with_the_script_a_reader_on_a_cached_page_posts_at_once(
    live_server, browser: Browser, article, clock
):
    url = live_server.url + article.url
    assert load(fresh_page(browser), url) == "miss"
    clock[0] += 600
    writer = fresh_page(browser)
    assert load(writer, url) == "hit"
    started = writer.locator("form#respond input[name=started]")
    expect(started).to_have_value("")

    writer.locator("form#respond").get_by_label("Name").fill("Maya Reader")
    expect(started).not_to_have_value("")  # fetched when she started on the form
    clock[0] += 20

    fill_and_post(writer, "The comedian, surely.")
    expect(writer.locator(".comment", has_text="The comedian, surely.")).to_have_count(1)
    assert Comment.objects.filter(body="The comedian, surely.").exists()


def test_without_the_script_the_form_comes_back_once_then_posts(
    live_server, browser: Browser, article, clock
):
    url = live_server.url + article.url
    writer = fresh_page(browser, javascript=False)
    load(writer, url)
    clock[0] += 30

    fill_and_post(writer, "The comedian, surely.")
    expect(writer.locator(".form-errors")).to_contain_text("post it again")
    expect(writer.locator("form#respond").get_by_label("Comment")).to_have_value(
        "The comedian, surely."
    )
    clock[0] += 5
    writer.get_by_role("button", name="Post comment").click()

    expect(writer.locator(".comment", has_text="The comedian, surely.")).to_have_count(1)
