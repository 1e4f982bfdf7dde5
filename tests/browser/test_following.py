"""A reader follows a developing story from its page in Chromium (a guest confirms by the
emailed link, a member follows at once) and is emailed when the story's status changes; the
follow forms on the story, the article's story box, topic and person pages pass axe-core in
every state, at 390 px."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Subscription
from byline.newsroom.models import StoryPage, StoryStatusEntry
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    PersonFactory,
    TopicFactory,
    publish,
    story_page,
)
from tests.browser.conftest import CHROMIUM_FLAGS, assert_accessible, emails_to, link, sign_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def story(settings, live_server):
    # Links in emails point at the server the browser talks to.
    settings.BYLINE_BASE_URL = live_server.url
    return story_page(("rumoured", "A source tells another outlet."), title="The split")


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def change_status(story: StoryPage, status: str, note: str) -> None:
    """An editor adds a timeline entry and publishes the story."""
    story = StoryPage.objects.get(pk=story.pk)
    story.timeline.add(StoryStatusEntry(happened_on=timezone.now(), status=status, note=note))
    publish(story)


def test_a_guest_follows_a_story_confirms_and_hears_of_its_new_status(
    live_server, phone: Page, story, axe, artifacts_dir
):
    phone.goto(live_server.url + story.url)
    form = phone.locator("form#follow-story")
    expect(form.get_by_role("heading", name="Follow this story")).to_be_visible()
    form.screenshot(path=artifacts_dir / "follow-story-guest.png")
    assert_accessible(axe, phone)

    # A bad address comes back with its error, on a page of its own.
    form.get_by_label("Email").fill("not an address")
    form.get_by_role("button", name="Follow").click()
    expect(phone.locator("#follow_story_email_error")).to_contain_text("valid email")
    phone.locator("form#follow-story").screenshot(path=artifacts_dir / "follow-story-error.png")
    assert_accessible(axe, phone)

    phone.locator("form#follow-story").get_by_label("Email").fill("guest@example.org")
    phone.locator("form#follow-story").get_by_role("button", name="Follow").click()
    expect(phone.locator("form#follow-story [role=status]")).to_contain_text("Check your inbox")
    phone.locator("form#follow-story").screenshot(path=artifacts_dir / "follow-story-asked.png")
    assert_accessible(axe, phone)

    (confirmation,) = emails_to("guest@example.org")
    assert confirmation.subject == "Confirm your subscription to the story “The split”"
    phone.goto(link(confirmation, "/notify/confirm/"))
    phone.get_by_role("button", name="Confirm my subscription").click()
    expect(phone.get_by_role("heading", name="You’re subscribed")).to_be_visible()
    assert Subscription.objects.get().is_confirmed

    mail.outbox.clear()
    change_status(story, "confirmed", "Both confirm it in a statement.")
    (notice,) = emails_to("guest@example.org")
    assert notice.subject == "“The split” is now confirmed"
    assert "Both confirm it in a statement." in notice.body

    # The one-click link in the email's headers stops it.
    phone.goto(notice.extra_headers["List-Unsubscribe"].strip("<>"))
    phone.get_by_role("button", name="Unsubscribe").click()
    expect(phone.get_by_role("heading", name="You’re unsubscribed")).to_be_visible()
    assert Subscription.objects.count() == 0


def test_a_member_follows_a_story_at_once_and_hears_of_its_new_status(
    live_server, phone: Page, story, axe, artifacts_dir
):
    reader = UserFactory(email="ada@example.org")
    sign_in(phone, live_server, reader)
    phone.goto(live_server.url + story.url)
    form = phone.locator("form#follow-story")
    expect(form.get_by_label("Email")).to_have_count(0)
    form.get_by_label("How often").select_option(label="As they happen")
    form.get_by_role("button", name="Follow").click()
    expect(phone.locator("form#follow-story [role=status]")).to_contain_text(
        "Done. We’ll email ada@example.org"
    )
    phone.locator("form#follow-story").screenshot(path=artifacts_dir / "follow-story-member.png")
    assert_accessible(axe, phone)
    assert mail.outbox == []

    change_status(story, "denied", "Both deny it.")
    (notice,) = emails_to("ada@example.org")
    assert notice.subject == "“The split” is now denied"


def test_the_follow_forms_of_the_story_box_topic_and_person_pages_are_accessible(
    live_server, phone: Page, story, axe, artifacts_dir
):
    topic = TopicFactory(name="Award season", slug="award-season")
    person = PersonFactory(name="Lena Marsh", slug="lena-marsh")
    article = ArticlePageFactory(live=False, first_published_at=None, story=story)
    article.topics.add(topic)
    article.people.add(person)
    publish(article)

    for name, url, form_id in (
        ("story-box", article.url, "follow-story"),
        ("topic", topic.get_absolute_url(), "follow-topic"),
        ("person", person.get_absolute_url(), "follow-person"),
    ):
        phone.goto(live_server.url + url)
        form = phone.locator(f"form#{form_id}")
        expect(form).to_be_visible()
        form.screenshot(path=artifacts_dir / f"follow-{name}.png")
        assert_accessible(axe, phone)

    phone.locator("form#follow-person").get_by_label("Email").fill("fan@example.org")
    phone.locator("form#follow-person").get_by_role("button", name="Follow").click()
    expect(phone.locator("form#follow-person [role=status]")).to_contain_text("Check your inbox")
    assert_accessible(axe, phone)
