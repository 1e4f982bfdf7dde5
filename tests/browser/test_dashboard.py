"""A moderator opens the Wagtail dashboard in Chromium: the conversation panel and the menu's
counts say what waits, each figure opens its screen, and axe-core finds nothing."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import inline_article, post, post_on
from byline.newsroom.tests.factories import publish
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "moderate-with-care"


@pytest.fixture
def conversation(settings):
    article = inline_article(title="Did the couple really argue?")
    settings.DISCUSSION_PREMODERATE_ALL = True
    for n in range(2):
        post(article, f"Held comment {n}", token=f"held-{n}")
    settings.DISCUSSION_PREMODERATE_ALL = False
    reported = post(article, "The band should retire, honestly.", token="blunt")
    actions.report_comment(
        comment_id=reported.pk, reader=Reader(guest_token="r1"), reason="abuse", note="Rude"
    )
    post_on(article, token="orphan")
    raw = [dict(block) for block in article.body.raw_data]
    raw[0]["value"] = "<p>The couple left separately. Nobody would say why.</p>"
    article.body = json.dumps(raw)
    # Publishing re-anchors in the worker; the test settings run tasks at once.
    publish(article)
    moderator = UserFactory(username="mo", is_staff=True, email="mo@example.org")
    moderator.set_password(PASSWORD)
    moderator.save()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return article


def test_a_moderator_sees_what_waits_on_the_dashboard(
    live_server, page: Page, conversation, axe, artifacts_dir
):
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("mo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    panel = page.get_by_role("region", name="Reader conversation")
    expect(panel.get_by_role("listitem")).to_have_text(
        [
            "2 comments awaiting moderation",
            "1 comment with open reports",
            "1 inline comment whose passage is gone",
        ]
    )
    moderation = page.get_by_role("button", name="Moderation (3 items waiting)")
    expect(moderation).to_be_visible()
    # The bubble waiting.css draws from the menu item's count.
    assert moderation.evaluate("item => getComputedStyle(item, '::after').content") == '"3"'
    page.screenshot(path=artifacts_dir / "dashboard-conversation.png", full_page=True)
    assert_accessible(axe, page)

    moderation.click()
    expect(
        page.get_by_role("link", name="Moderation queue (2 comments awaiting moderation)")
    ).to_be_visible()
    expect(
        page.get_by_role(
            "link", name="Inline feedback to review (1 inline comment whose passage is gone)"
        )
    ).to_be_visible()
    page.screenshot(path=artifacts_dir / "dashboard-moderation-menu.png", animations="disabled")

    page.keyboard.press("Escape")
    panel.get_by_role("link", name="1 inline comment whose passage is gone").click()
    expect(page.get_by_role("heading", name="Inline feedback to review")).to_be_visible()
    expect(page.locator("tr[data-orphan]")).to_have_count(1)
