"""A moderator works the queue in Chromium: keyboard, bulk actions, reports, a ban; axe-core
finds nothing on the queue pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Ban, Comment, Report
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "moderate-with-care"


@pytest.fixture
def queue(settings):
    article = ArticlePageFactory(title="Is the reunion tour really happening?")
    held = [
        post(article, "Best casino bonus, free spins tonight", token="spammer"),
        post(article, "I doubt the source: one anonymous person.", token="sceptic"),
        post(article, "Links: a.com/1 b.com/2 c.com/3", token="linker"),
        post(article, "Crypto giveaway, whatsapp me", token="crypto"),
        post(article, "Online pharmacy, cheap pills", token="pills"),
    ]
    reported = post(article, "The band should retire, honestly.", token="blunt")
    for n in range(2):
        actions.report_comment(
            comment_id=reported.pk, reader=Reader(guest_token=f"r{n}"), reason="abuse", note="Rude"
        )
    moderator = UserFactory(username="mo", is_staff=True, email="mo@example.org")
    moderator.set_password(PASSWORD)
    moderator.save()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    assert all(
        Comment.objects.get(pk=c.pk).status == Comment.Status.PENDING for c in held[:1] + held[2:]
    )
    # The sceptic's comment is clean; pre-moderation holds it like the rest.
    Comment.objects.filter(pk=held[1].pk).update(
        status=Comment.Status.PENDING,
        moderation_rule="premoderation",
        moderation_reason="Every comment on this discussion is read by a moderator before it appears.",
    )
    return {"article": article, "held": held, "reported": reported}


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/admin/login/?next=/admin/moderation/pending/")
    page.get_by_label("Username").fill("mo")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Pending comments")).to_be_visible()


def status_of(comment: Comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


def rows(page: Page):
    return page.locator("tr[data-comment-id]")


def test_a_moderator_clears_the_queue(live_server, page: Page, queue, axe, artifacts_dir):
    held, reported, article = queue["held"], queue["reported"], queue["article"]
    sign_in(page, live_server.url)
    expect(rows(page)).to_have_count(5)
    page.screenshot(path=artifacts_dir / "moderation-pending.png", full_page=True)
    assert_accessible(axe, page)

    # Keyboard: j to the first comment, s marks it as spam, the next one gets the focus.
    page.keyboard.press("j")
    expect(rows(page).first).to_be_focused()
    page.keyboard.press("s")
    expect(page.locator(f"#queue-comment-{held[0].pk}")).to_have_count(0)
    expect(page.locator(".messages")).to_contain_text("1 comment marked as spam.")
    expect(page.locator(f"#queue-comment-{held[1].pk}")).to_be_focused()
    assert Comment.objects.get(pk=held[0].pk).is_spam

    # a approves the sceptic's clean comment: published on the article.
    page.keyboard.press("a")
    expect(page.locator(f"#queue-comment-{held[1].pk}")).to_have_count(0)
    assert status_of(held[1]) == Comment.Status.PUBLISHED

    # x selects, j moves, Shift+S marks the selection as spam in one go.
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("Shift+S")
    expect(rows(page)).to_have_count(1)
    assert {status_of(held[3]), status_of(held[4])} == {Comment.Status.HIDDEN}

    # The last one by mouse, through the row's own button.
    page.locator(f"#queue-comment-{held[2].pk}").get_by_role("button", name="Reject").click()
    expect(page.locator(".moderation-empty")).to_have_text("Nothing waits for a moderator.")
    assert status_of(held[2]) == Comment.Status.HIDDEN

    # Reported: the reasons and the notes are there; keeping the comment closes the reports.
    page.get_by_role("navigation", name="Moderation queues").get_by_role(
        "link", name="Reported"
    ).click()
    row = page.locator(f"#queue-comment-{reported.pk}")
    expect(row).to_contain_text("2 reports")
    expect(row).to_contain_text("Rude")
    assert_accessible(axe, page)
    row.get_by_role("button", name="Keep").click()
    expect(row).to_have_count(0)
    assert not Report.objects.filter(resolved_at__isnull=True).exists()

    # Rejected: a change of mind is one key away; the author's history is beside it.
    page.get_by_role("navigation", name="Moderation queues").get_by_role(
        "link", name="Rejected"
    ).click()
    expect(rows(page)).to_have_count(4)
    page.screenshot(path=artifacts_dir / "moderation-rejected.png", full_page=True)
    assert_accessible(axe, page)
    linker = page.locator(f"#queue-comment-{held[2].pk}")
    expect(linker.locator(".moderation-author__history")).to_contain_text("1 rejected")
    linker.click(position={"x": 5, "y": 5})
    linker.focus()
    page.keyboard.press("a")
    expect(linker).to_have_count(0)
    assert status_of(held[2]) == Comment.Status.PUBLISHED

    # Search narrows the list without leaving the page.
    page.locator("form[data-search-form] input[name=q]").fill("pharmacy")
    expect(rows(page)).to_have_count(1)

    # o opens the comment with its author's history, its log; a ban is one form away.
    rows(page).first.focus()
    page.keyboard.press("o")
    expect(page.get_by_role("heading", name="Decisions")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Marked the comment as spam")
    assert_accessible(axe, page)
    page.get_by_role("link", name="this address").click()
    expect(page.locator("input[name=email]")).to_have_value(re.compile("@example.org"))
    assert_accessible(axe, page)
    page.get_by_label("Shadow").check()
    page.screenshot(path=artifacts_dir / "moderation-ban.png", full_page=True)
    page.get_by_role("button", name="Create").click()
    expect(page.locator(".messages")).to_contain_text("created")
    assert Ban.objects.get().shadow

    # Readers see exactly the approved comments.
    page.goto(live_server.url + article.url)
    bodies = page.locator(".comment__body")
    expect(bodies).to_have_count(3)
    for text in ["one anonymous person", "retire", "c.com/3"]:
        expect(page.locator("#comments")).to_contain_text(text)


def test_without_javascript_every_decision_still_works(live_server, browser, queue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server.url)
    held = queue["held"]

    page.locator(f"#queue-comment-{held[1].pk}").get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("1 comment approved.")
    page.locator(f"#select-comment-{held[0].pk}").check()
    page.locator(f"#select-comment-{held[3].pk}").check()
    page.get_by_role("group", name="Decide on the selected comments").get_by_role(
        "button", name="Spam"
    ).click()
    expect(page.locator(".messages")).to_contain_text("2 comments marked as spam.")
    context.close()

    assert status_of(held[1]) == Comment.Status.PUBLISHED
    assert Comment.objects.filter(is_spam=True).count() == 2


@pytest.mark.parametrize("path", ["/admin/moderation/approved/", "/admin/moderation/bans/"])
def test_the_other_moderation_pages_are_accessible(live_server, page: Page, queue, axe, path):
    Ban.objects.create(kind=Ban.Kind.NETWORK, network="203.0.113.0/24", reason="Flood")
    sign_in(page, live_server.url)

    page.goto(live_server.url + path)

    assert_accessible(axe, page)


def test_a_held_author_is_told_why_and_a_reader_can_report(
    live_server, page: Page, queue, axe, artifacts_dir
):
    article = queue["article"]
    page.goto(live_server.url + article.url)
    form = page.locator("form#respond")
    form.get_by_label("Name").fill("New Reader")
    form.get_by_label("Email").fill("new.reader@example.org")
    form.get_by_label("Comment").fill("My sources are at a.org/1, b.org/2 and c.org/3.")
    page.get_by_role("button", name="Post comment").click()

    notice = page.locator(".comment", has_text="My sources").locator("[data-held]")
    expect(notice).to_contain_text("until a moderator approves it")
    expect(notice).to_contain_text("It has 3 links")
    expect(page.locator("[data-announce]")).to_contain_text("until a moderator approves it")

    # Another comment can be reported in place.
    other = page.locator(".comment", has_text="retire").first
    other.get_by_role("link", name=re.compile("^Report")).click()
    other.get_by_label("Spam or advertising").check()
    other.get_by_role("button", name="Send report").click()
    expect(other.locator(".comment__reported")).to_be_visible()
    page.screenshot(path=artifacts_dir / "held-notice-and-report.png", full_page=True)
    assert_accessible(axe, page)
    assert Report.objects.filter(comment=queue["reported"], reason="spam").exists()
