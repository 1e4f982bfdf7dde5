"""Chromium reads cached pages and posts their token-less forms, with and without JavaScript."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import Browser, expect

from byline.discussion.models import Comment
from byline.discussion.tests.factories import post
from byline.discussion.threads import forms as forms_module
from byline.newsroom.tests.factories import ArticlePageFactory
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


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_guest_who_posted_and_voted_sees_their_own_on_the_shared_page(
    live_server, browser: Browser, article, javascript
):
    """After posting and voting, a guest with the script is given the page every reader gets and
    their script puts their own in place (their comment's Edit link, their vote pressed, the name
    in the form); a guest without it gets the page drawn for them, showing the same; the other
    readers see none of it."""
    url = live_server.url + article.url
    guest = fresh_page(browser, javascript=javascript)
    load(guest, url)
    fill_and_post(guest, "Mine, and only mine to edit.")
    expect(guest.locator(".comment", has_text="only mine to edit")).to_have_count(1)
    early = guest.locator(".comment", has_text="An early guess.")
    early.get_by_role("button", name="Vote up").click()
    if javascript:
        expect(early.get_by_role("button", name="Vote up")).to_have_attribute(
            "aria-pressed", "true"
        )

    # The vote purged the page: with the script the guest's visit stores it again, as a
    # browser without cookies gets it; without, the page is drawn for them.
    assert load(guest, url) == ("miss" if javascript else "")

    mine = guest.locator(".comment", has_text="only mine to edit")
    expect(mine.get_by_role("link", name="Edit", exact=True)).to_have_count(1)
    expect(early.get_by_role("button", name="Vote up")).to_have_attribute("aria-pressed", "true")
    expect(guest.locator("form#respond").get_by_label("Name")).to_have_value("Maya Reader")
    other = fresh_page(browser)
    assert load(other, url) == ("hit" if javascript else "miss")
    expect(other.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    expect(other.locator("[aria-pressed=true]")).to_have_count(0)


def test_on_an_article_the_guest_never_touched_the_script_asks_only_for_their_name(
    live_server, browser: Browser, article
):
    """The shared page is all the guest needs where they posted and voted on nothing: the
    script asks for nothing on load, and for the name and email their form starts with once
    they start on it."""
    elsewhere = ArticlePageFactory(title="A quieter story")
    guest = fresh_page(browser)
    load(guest, live_server.url + article.url)
    fill_and_post(guest, "Said on the first story.")
    expect(guest.locator(".comment", has_text="Said on the first story.")).to_have_count(1)
    asked = []
    guest.on("request", lambda request: "/yours/" in request.url and asked.append(request.url))

    assert load(fresh_page(browser), live_server.url + elsewhere.url) == "miss"
    assert load(guest, live_server.url + elsewhere.url) == "hit"
    guest.wait_for_load_state("networkidle")
    assert asked == []
    form = guest.locator("form#respond")
    form.get_by_label("Comment").focus()

    expect(form.get_by_label("Name")).to_have_value("Maya Reader")
    expect(form.get_by_label("Email")).to_have_value("maya@example.org")
    assert len(asked) == 1


def test_comments_loaded_later_show_the_guest_their_own_too(
    live_server, browser: Browser, article, settings
):
    """ "Load more" brings a page of comments every reader gets; the script puts the guest's
    vote in place on it as on the article."""
    settings.DISCUSSION_PAGE_SIZE = 2
    later = [post(article, f"Comment number {n}.", token=f"other-{n}") for n in range(3)]
    url = live_server.url + article.url
    guest = fresh_page(browser)
    load(guest, url)
    fill_and_post(guest, "Mine comes first.")
    expect(guest.locator(".comment", has_text="Mine comes first.")).to_have_count(1)
    guest.request.post(
        f"{live_server.url}/comments/{later[0].pk}/vote/",
        form={"value": "up"},
        headers={"Sec-Fetch-Site": "same-origin", "Byline-Fragment": "1"},
    )
    # The vote purged the thread: another reader's visit stores its pages again (a double
    # click loads the next page once).
    other = fresh_page(browser)
    load(other, url)
    other.get_by_role("link", name="Load more comments").dblclick()
    expect(other.locator(f"#comment-{later[1].pk}")).to_have_count(1)
    expect(other.locator(f"#comment-{later[0].pk}")).to_have_count(1)
    assert load(guest, url) == "hit"
    served = []
    guest.on("response", lambda r: "after=" in r.url and served.append(r.headers["x-page-cache"]))

    guest.get_by_role("link", name="Load more comments").click()

    voted = guest.locator(f"#comment-{later[0].pk}")
    expect(voted.get_by_role("button", name="Vote up")).to_have_attribute("aria-pressed", "true")
    expect(guest.locator("[aria-pressed=true]")).to_have_count(1)
    assert served == ["hit"]
