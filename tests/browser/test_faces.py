"""Faces and roles in the thread, in Chromium: a moderator pins and picks from the thread, a
reader filters the editor's picks and mutes someone, then unmutes them on the "Muted" page;
axe-core finds nothing on any of these pages."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Mute, Thread
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def thread():
    article = ArticlePageFactory(title="Will the festival go ahead?")
    loud = UserFactory(display_name="Loud Larry")
    comments = {
        "insight": post(article, "The council met the organisers on Tuesday.", token="insight"),
        "joke": post(article, "Bring wellies.", token="joke"),
        "loud": post(article, "THIS IS ALL A COVER-UP!!!", as_user=loud),
    }
    moderator = UserFactory(username="mo", is_staff=True, display_name="Mo Derator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    post(
        article, "Moderator here: please keep it civil.", parent=comments["joke"], as_user=moderator
    )
    return {"article": article, "comments": comments, "moderator": moderator, "loud": loud}


def signed_in_page(browser: Browser, base: str, user, width: int = 1280) -> Page:
    """A browser signed in as ``user`` (the session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    return context.new_page()


def comment_item(page: Page, comment: Comment):
    return page.locator(f"#comment-{comment.pk}")


def test_a_moderator_pins_and_picks_and_a_reader_filters_and_mutes(
    live_server, browser: Browser, thread, axe, artifacts_dir
):
    base, article, comments = live_server.url, thread["article"], thread["comments"]

    moderator = signed_in_page(browser, base, thread["moderator"])
    moderator.goto(f"{base}{article.url}#comments")
    expect(moderator.locator(".comment__badge--moderator").first).to_have_text("Role: Moderator")
    assert_accessible(axe, moderator)
    comment_item(moderator, comments["insight"]).get_by_role(
        "button", name="Pin the comment"
    ).first.click()
    moderator.wait_for_load_state()
    expect(moderator.locator(".comment-list > li").first).to_have_id(
        f"comment-{comments['insight'].pk}"
    )
    expect(
        comment_item(moderator, comments["insight"]).locator(".comment__flag--pinned")
    ).to_have_text("Pinned")
    comment_item(moderator, comments["insight"]).get_by_role(
        "button", name="Editor’s pick"
    ).first.click()
    moderator.wait_for_load_state()
    expect(
        comment_item(moderator, comments["insight"]).locator(".comment__flag--pick")
    ).to_have_text("Editor’s pick")
    moderator.screenshot(path=artifacts_dir / "faces-moderator-pinned.png", full_page=True)
    assert Thread.objects.get(page=article).pinned_comment_id == comments["insight"].pk
    assert Comment.objects.get(pk=comments["insight"].pk).is_picked
    moderator.goto(f"{base}/admin/moderation/reader/?account={thread['loud'].pk}")
    expect(moderator.get_by_role("button", name="Ban this account")).to_be_visible()
    assert_accessible(axe, moderator)
    moderator.context.close()

    reader = signed_in_page(browser, base, UserFactory(display_name="Rita Reader"), width=390)
    reader.goto(f"{base}{article.url}#comments")
    expect(reader.get_by_role("button", name="Pin the comment")).to_have_count(0)
    reader.get_by_role("link", name="Editor’s picks").click()
    expect(reader.get_by_role("link", name="Editor’s picks")).to_have_attribute(
        "aria-current", "true"
    )
    expect(reader.locator(".comment-list > li")).to_have_count(1)
    expect(comment_item(reader, comments["joke"])).to_have_count(0)
    assert_accessible(axe, reader)
    reader.screenshot(path=artifacts_dir / "faces-reader-picks.png", full_page=True)

    reader.goto(f"{base}{article.url}#comments")
    # Muting posts a form and comes back to the thread: wait for that page, not the one before.
    with reader.expect_navigation():
        comment_item(reader, comments["loud"]).get_by_role("button", name="Mute Loud Larry").click()
    folded = comment_item(reader, comments["loud"]).locator("details.comment__muted")
    expect(folded).to_be_visible()
    expect(folded.locator(".comment__body")).to_be_hidden()
    folded.locator("summary").click()
    expect(folded.locator(".comment__body")).to_be_visible()
    assert_accessible(axe, reader)
    reader.screenshot(path=artifacts_dir / "faces-reader-muted.png", full_page=True)

    reader.goto(f"{base}/accounts/muted/")
    expect(reader.get_by_role("heading", name="Muted")).to_be_visible()
    assert_accessible(axe, reader)
    reader.get_by_role("button", name="Unmute Loud Larry").click()
    expect(reader.get_by_role("status")).to_contain_text("Unmuted")
    assert not Mute.objects.exists()
    reader.context.close()
