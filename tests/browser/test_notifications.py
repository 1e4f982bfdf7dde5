"""A guest and a signed-in reader subscribe under an article in Chromium, confirm, receive the
right emails for new comments and replies, and unsubscribe in one click."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, Subscription
from byline.discussion.tests.factories import post
from tests.browser.conftest import (  # noqa: F401
    CHROMIUM_FLAGS,
    assert_accessible,
    emails_to,
    link,
    open_notify_of,
    sign_in,
)

TITLE = "Is the reunion tour really happening?"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title=TITLE),
]


@pytest.fixture
def article(settings, live_server, article):
    # Links in emails point at the server the browser talks to.
    settings.BYLINE_BASE_URL = live_server.url
    post(article, "The first rumour.", token="early")
    mail.outbox.clear()
    return article


def test_a_guest_subscribes_confirms_is_notified_and_unsubscribes(
    live_server, page: Page, article, axe, artifacts_dir
):
    page.goto(live_server.url + article.url)
    open_notify_of(page)
    control = page.locator("form#notify")
    control.get_by_label("Notify of").select_option(label="New follow-up comments")
    control.get_by_label("Email").fill("guest@example.org")
    control.get_by_role("button", name="Subscribe").click()
    expect(page.locator("form#notify [role=status]")).to_contain_text("Check your inbox")
    assert page.url.endswith(article.url)
    page.locator("#comments").screenshot(path=artifacts_dir / "notify-control.png")
    assert_accessible(axe, page)

    # Nothing but the confirmation reaches the address before it is confirmed.
    post(article, "Posted before confirming.", token="other")
    (confirmation,) = emails_to("guest@example.org")
    assert confirmation.subject.startswith("Confirm your subscription")

    page.goto(link(confirmation, "/notify/confirm/"))
    expect(page.get_by_role("heading", name="Confirm your subscription")).to_be_visible()
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", name="You’re subscribed")).to_be_visible()

    mail.outbox.clear()
    post(article, "A source says the tour is on.", token="other")
    (notice,) = emails_to("guest@example.org")
    assert notice.subject == f"New comment on “{TITLE}”"
    assert "A source says the tour is on." in notice.body

    # The management page, reached from the email, lists the subscription.
    page.goto(link(notice, "/notify/manage/"))
    expect(page.locator(".notify-manage__item")).to_contain_text(f"New comments on “{TITLE}”")
    assert_accessible(axe, page)

    page.goto(link(notice, "/notify/unsubscribe/"))
    assert Subscription.objects.count() == 1  # opening the link changed nothing
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You’re unsubscribed")).to_be_visible()
    assert Subscription.objects.count() == 0

    mail.outbox.clear()
    post(article, "Nobody is told of this.", token="other")
    assert emails_to("guest@example.org") == []


def test_a_signed_in_reader_is_told_of_replies_and_unsubscribes_in_one_click(
    live_server, page: Page, article
):
    reader = UserFactory(display_name="Ada", email="ada@example.org")
    sign_in(page, live_server, reader)
    page.goto(live_server.url + article.url)

    form = page.locator("form#respond")
    form.get_by_label("Comment").fill("I heard the venue is booked.")
    form.get_by_label("Notify of").select_option(label="New replies to my comments")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text="venue is booked")).to_have_count(1)
    expect(page.locator("[role=status]").last).to_contain_text("We’ll email ada@example.org")
    assert mail.outbox == []  # signed in: subscribed at once, no confirmation

    mine = Comment.objects.get(body="I heard the venue is booked.")
    post(article, "A new root comment.", token="other")
    assert emails_to("ada@example.org") == []
    post(article, "Which venue?", parent=mine, token="other")
    (reply,) = emails_to("ada@example.org")
    assert reply.subject == f"Maya Reader replied to your comment on “{TITLE}”"
    assert reply.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail provider's one-click request: a POST without cookies or a CSRF token.
    url = reply.extra_headers["List-Unsubscribe"].strip("<>")
    response = page.request.post(
        url,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert Subscription.objects.count() == 0

    mail.outbox.clear()
    post(article, "Another reply.", parent=mine, token="other")
    assert emails_to("ada@example.org") == []


def test_following_one_comment_from_its_follow_link(live_server, page: Page, article):
    target = Comment.objects.get(body="The first rumour.")
    page.goto(live_server.url + article.url)
    page.locator(f"#comment-{target.pk}").get_by_role("link", name=re.compile("^Follow")).click()
    open_notify_of(page)
    control = page.locator("form#notify")
    expect(control.get_by_label("Notify of")).to_have_value("comment")
    control.get_by_label("Email").fill("watcher@example.org")
    control.get_by_role("button", name="Subscribe").click()
    expect(page.locator("form#notify [role=status]")).to_contain_text("Check your inbox")

    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.comment_id) == ("comment", target.pk)


def test_the_control_works_without_javascript(live_server, browser: Browser, article):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.url)
    open_notify_of(page)
    control = page.locator("form#notify")
    control.get_by_label("Email").fill("nojs@example.org")
    control.get_by_label("How often").select_option(label="In one daily digest")
    control.get_by_role("button", name="Subscribe").click()
    expect(page.locator("[role=status]")).to_contain_text("Check your inbox")
    context.close()

    assert Subscription.objects.get().frequency == "daily"
