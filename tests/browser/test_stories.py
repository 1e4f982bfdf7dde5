"""Developing stories in Chromium: an editor moves a story from rumoured to confirmed in the
Wagtail admin and its articles' boxes follow; the story page and an article with the box pass
axe-core at phone and desktop widths."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.newsroom.models import StoryPage
from byline.newsroom.tests.factories import ArticlePageFactory, article_in, story_page
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "follow-it-through"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def story():
    story = story_page(
        ("rumoured", "Fans spot a ring on stage."),
        ("reported", "Two outlets report the engagement."),
        title="Juno Vale’s engagement",
    )
    parts = [
        article_in(story, hours_ago=hours, title=title)
        for hours, title in (
            (50, "Is Juno Vale secretly engaged?"),
            (20, "Juno Vale and Ansel Moreau are engaged, two outlets now report"),
            (2, "Juno Vale confirms engagement on stage"),
        )
    ]
    return {"story": story, "parts": parts}


def sign_in(page: Page, base: str, next_url: str) -> None:
    editor = UserFactory(username="ed", is_staff=True, email="ed@example.org")
    editor.set_password(PASSWORD)
    editor.save()
    editor.groups.add(Group.objects.get(name="Moderators"))
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.get_by_label("Username").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_an_editor_confirms_a_story_and_the_articles_box_says_so(
    live_server, page: Page, story, artifacts_dir
):
    pk = story["story"].pk
    sign_in(page, live_server.url, f"/admin/pages/{pk}/edit/")

    page.locator("#id_timeline-ADD").click()
    moment = timezone.localtime() + dt.timedelta(minutes=1)
    # The date is typed into the field without focusing it: focus opens the date picker, which
    # on a loaded machine opens late and covers the Publish button (the picker is Wagtail's).
    page.locator("#id_timeline-2-happened_on").evaluate(
        "(field, moment) => { field.value = moment; field.dispatchEvent(new Event('change')); }",
        moment.strftime("%Y-%m-%d %H:%M"),
    )
    page.locator("#id_timeline-2-status").select_option("confirmed")
    page.locator("#id_timeline-2-note").fill("Vale confirms it on stage: “I said yes.”")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()

    expect(page.get_by_text("has been published")).to_be_visible()
    story_now = StoryPage.objects.get(pk=pk)
    assert story_now.status == "confirmed"
    assert story_now.latest_entry.note == "Vale confirms it on stage: “I said yes.”"
    assert story_now.revisions.count() == 2  # the factory's publication, then the editor's

    page.goto(live_server.url + story["parts"][0].url)
    box = page.locator("aside.story-box")
    expect(box.locator(".story-status")).to_have_text("Confirmed")
    expect(box.locator(".story-box__part")).to_have_text("Part 1 of 3")
    expect(box.locator(".story-box__latest")).to_contain_text("I said yes.")


def test_an_editor_chooses_the_story_of_an_article(live_server, page: Page, story):
    article = ArticlePageFactory(title="A fourth part, told by the chef")
    sign_in(page, live_server.url, f"/admin/pages/{article.pk}/edit/")

    page.locator("[data-chooser-action-choose]").filter(has_text="Choose a page").last.click()
    page.get_by_role("dialog").get_by_role("link", name="Juno Vale’s engagement").click()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    page.goto(live_server.url + article.url)
    expect(page.locator(".story-box__part")).to_have_text("Part 4 of 4")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_story_page_and_the_box_are_accessible_and_fit(
    live_server, browser, axe, story, artifacts_dir, viewport
):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    width = viewport["width"]
    try:
        for name, path in (
            ("story-page", story["story"].url),
            ("story-box", story["parts"][1].url),
            ("stories-index", story["story"].get_parent().url),
        ):
            page.goto(live_server.url + path)
            page.screenshot(path=artifacts_dir / f"{name}-{width}.png", full_page=True)
            assert_accessible(axe, page)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, (name, scroll_width)
        box = page.locator("aside.story-box")
        page.goto(live_server.url + story["parts"][1].url)
        box.screenshot(path=artifacts_dir / f"story-box-only-{width}.png")
    finally:
        context.close()
