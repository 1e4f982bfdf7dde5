"""A guest comments, votes and follows an article, then signs up with the same address, proves
it, claims that past, finds it on My comments and stops the subscription, in Chromium without
JavaScript; axe-core finds nothing on the account area's pages, at phone and desktop widths."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from byline.discussion.models import Comment, Subscription, Vote
from byline.discussion.tests.factories import post
from tests.browser.conftest import assert_accessible, open_notify_of

TITLE = "Is the reunion tour really happening?"
ADDRESS = "maya@example.org"
PASSWORD = "correct horse battery staple"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title=TITLE),
]


@pytest.fixture
def article(settings, live_server, article):
    settings.BYLINE_BASE_URL = live_server.url
    post(article, "The first rumour.", token="early")
    mail.outbox.clear()
    return article


@pytest.fixture
def page_without_script(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def check_axe(browser: Browser, axe):
    """axe-core on the page a script-less page shows: axe needs a script, so it looks at the
    same address in a second browser that shares the first one's cookies (its session)."""

    def check(page: Page) -> None:
        context = browser.new_context(storage_state=page.context.storage_state())
        try:
            scripted = context.new_page()
            scripted.goto(page.url)
            assert_accessible(axe, scripted)
        finally:
            context.close()

    return check


def link_in(address: str, path: str) -> str:
    messages = [message for message in mail.outbox if message.to == [address]]
    assert messages, f"no email to {address}"
    return re.search(rf"(http://\S+{re.escape(path)}\S+)", messages[-1].body).group(1)


def comment_as_a_guest(page: Page, live_server, article) -> None:
    page.goto(live_server.url + article.url)
    form = page.locator("form#respond")
    form.get_by_label("Name").fill("Maya Reader")
    form.get_by_label("Email").fill(ADDRESS)
    form.get_by_label("Comment").fill("I'll believe it when the tickets go on sale.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text="believe it")).to_have_count(1)
    page.locator(".comment", has_text="The first rumour.").first.get_by_role(
        "button", name="Vote up"
    ).click()
    expect(
        page.locator(".comment", has_text="The first rumour.").first.locator(".votes__score").first
    ).to_have_text("1")
    open_notify_of(page)
    control = page.locator("form#notify")
    control.get_by_label("Notify of").select_option(label="New follow-up comments")
    control.get_by_label("Email").fill(ADDRESS)
    control.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()


def sign_up_and_verify(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email", exact=False).first.fill(ADDRESS)
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Display name").fill("Maya R.")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    page.goto(link_in(ADDRESS, "/accounts/confirm-email/"))
    page.get_by_role("button", name="Confirm").click()


def test_a_guest_signs_up_claims_their_past_and_stops_a_subscription(
    live_server, page_without_script: Page, article, check_axe, artifacts_dir
):
    page = page_without_script
    comment_as_a_guest(page, live_server, article)
    assert Subscription.objects.get().confirmed_at is None

    sign_up_and_verify(page, live_server)

    # Straight to My comments, where the guest past is offered.
    expect(page.get_by_role("heading", level=1)).to_have_text("My comments")
    offer = page.locator(".claim-offer")
    expect(offer).to_contain_text("1 comment, 1 vote and 1 subscription")
    expect(page.locator(".account-nav [aria-current=page]")).to_have_text("My comments")
    check_axe(page)
    offer.get_by_role("button", name="Claim them").click()

    expect(page.locator(".account-messages")).to_contain_text(
        "Claimed 1 comment, 1 vote and 1 subscription"
    )
    expect(page.locator(".claim-offer")).to_have_count(0)
    mine = page.locator(".own-comment")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("believe it when the tickets go on sale")
    expect(mine.locator(".own-comment__status")).to_have_text("Published")
    expect(mine.get_by_role("link", name=TITLE)).to_be_visible()
    assert Comment.objects.get(body__contains="tickets").author.username == "maya"
    assert Vote.objects.get().voter_key.startswith("u:")
    check_axe(page)
    page.screenshot(path=artifacts_dir / "readers-my-comments.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts_dir / "readers-my-comments-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # From the header to the account area (its first page, the profile), then to My
    # subscriptions.
    page.locator(".site-header .account-links").get_by_role("link", name="Maya R.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")
    page.locator(".account-nav").get_by_role("link", name="My subscriptions").click()
    item = page.locator(".notify-manage__item")
    expect(item).to_contain_text(f"New comments on “{TITLE}”")
    expect(item).not_to_contain_text("waiting")  # claimed: confirmed
    check_axe(page)
    page.screenshot(path=artifacts_dir / "readers-my-subscriptions.png", full_page=True)
    item.get_by_role("button", name=re.compile("^Stop")).click()
    expect(page.locator(".account-messages")).to_contain_text("Stopped: new comments on")
    expect(page.locator(".notify-manage__item")).to_have_count(0)
    assert not Subscription.objects.exists()

    page.locator(".account-nav").get_by_role("link", name="Notifications").click()
    page.get_by_label("When I follow something, notify me").select_option(
        label="In one daily digest"
    )
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".account-messages")).to_contain_text("preferences are saved")
    check_axe(page)
    page.screenshot(path=artifacts_dir / "readers-preferences.png", full_page=True)

    # allauth's own account pages carry the same navigation.
    page.locator(".account-nav").get_by_role("link", name="Email address").click()
    expect(page.locator(".account-nav [aria-current=page]")).to_have_text("Email address")
