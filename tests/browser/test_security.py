"""The security bar in a real browser: no stored or reflected script runs, and no page breaks
under the Content Security Policy.

Every XSS payload is turned into a canary that sets ``window.__xss`` if it ever runs, then sent
through every write path of the discussion (body, name, Markdown link URL, edited text) and
every reflected parameter. The pages are checked with the CSP on and with it off, so the
sanitiser alone is proven to hold, and the CSP is a second wall rather than the only one.
"""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from byline.accounts.tests.factories import UserFactory
from byline.discussion.identity import Reader
from byline.discussion.models import Comment
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import post, trap_fields
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.discussion.threads import services
from byline.newsroom.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CANARY = "window.__xss=1"
CANARIES = [
    payload.replace("alert(1)", CANARY).replace("msgbox(1)", CANARY) for payload in XSS_PAYLOADS
] + [
    f"<img src=x onerror={CANARY}>",
    f"<svg><script>{CANARY}</script></svg>",
    f"[link](javascript:{CANARY})",
    f'<a href="javascript:{CANARY}" id="x">x</a>',
    "<iframe srcdoc='<script>parent.__xss=1</script>'>",
]

# Installed before any page script: records CSP violations and JavaScript dialogs.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""

PASSWORD = "correct-horse-battery"


def watch(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.add_init_script(WATCH)

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return dialogs


def assert_clean(page: Page, where: str) -> None:
    assert page.evaluate("window.__xss") is None, f"a payload ran on {where}"
    assert page.evaluate("window.__csp") == [], f"CSP violations on {where}"


@pytest.fixture
def hostile_thread(settings):
    """Every canary through the body, the name, a link and an edit, all published."""
    settings.DISCUSSION_PAGE_SIZE = 500
    settings.DISCUSSION_REPLIES_SHOWN = 50
    section = SectionPageFactory(title="Celebrity", slug="celebrity")
    article = ArticlePageFactory(parent=section, title="Who wrote the anonymous letter?")
    client = Client()
    for n, payload in enumerate(CANARIES):
        client.post(f"/comments/on/{article.pk}/post/", {
            "name": payload[:80] or "x", "email": f"p{n}@example.org",
            "body": f"{payload}\n\n[see]({payload[:200]})", **trap_fields(),
        })  # fmt: skip
        reader = Reader(guest_token=f"editor-{n}")
        comment = services.post_comment(
            page=article, body=f"An innocent draft {n}", reader=reader,
            guest=services.Guest(name=f"Editor {n}", email=f"e{n}@example.org"),
        )  # fmt: skip
        services.edit_comment(comment_id=comment.pk, reader=reader, body=payload)
    held = list(
        Comment.objects.exclude(status=Comment.Status.PUBLISHED).values_list("pk", flat=True)
    )
    moderator = UserFactory(username="moderator", is_staff=True, is_superuser=True)
    moderator.set_password(PASSWORD)
    moderator.save()
    actions.decide(comment_ids=held, decision="approve", moderator=moderator)
    return {"section": section, "article": article}


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


@pytest.mark.parametrize("csp", ["on", "off"])
def test_no_stored_payload_runs_anywhere_it_is_shown(
    live_server, page: Page, hostile_thread, settings, csp
):
    if csp == "off":
        settings.SECURE_CSP = {}
        settings.BYLINE_ADMIN_CSP = {}
    dialogs = watch(page)
    article = hostile_thread["article"]
    count = Comment.objects.filter(status=Comment.Status.PUBLISHED).count()
    # Everything written was published; only the form's refusal of a NUL byte writes nothing.
    assert count == Comment.objects.count() == 2 * len(CANARIES) - 1

    page.goto(live_server.url + article.url)
    expect(page.locator(".comment-list > li")).to_have_count(count)
    for body in page.locator(".comment__body").all()[:40]:
        body.hover()
    unsafe = page.evaluate("""() => [...document.querySelectorAll('#comments *')].filter((node) =>
        node.tagName === 'SCRIPT' || node.tagName === 'IFRAME' ||
        [...node.attributes].some((a) => a.name.startsWith('on') || /^\\s*(javascript|data|vbscript):/i.test(a.value))
    ).map((node) => node.outerHTML.slice(0, 120))""")
    assert unsafe == []
    assert_clean(page, "the article")

    sign_in(page, live_server.url)
    for path in [
        "/admin/moderation/approved/",
        f"/admin/moderation/comment/{Comment.objects.last().pk}/",
        "/admin/reports/site-history/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert_clean(page, path)
    assert dialogs == []


def test_no_reflected_payload_runs(live_server, page: Page, hostile_thread):
    dialogs = watch(page)
    article = hostile_thread["article"]
    for payload in CANARIES[:12]:
        for path in [
            f"{article.url}?sort={payload}&after={payload}&reply_to={payload}&comment={payload}",
            f"/search/?q={payload}",
            f"/accounts/login/?next={payload}",
            f"/comments/on/{article.pk}/?sort={payload}&after={payload}",
        ]:
            page.goto(live_server.url + path)
            assert page.evaluate("window.__xss") is None, path
    assert dialogs == []


def test_no_page_breaks_under_the_csp(live_server, page: Page, hostile_thread):
    """Home, section, article with its thread (posting and sorting with the script), search,
    sign-in, and the admin pages a moderator and an editor use: no violation anywhere."""
    watch(page)
    article = hostile_thread["article"]
    post(article, "A plain comment to sort by.", token="plain")

    for path in [
        "/",
        hostile_thread["section"].url,
        "/search/?q=anonymous",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert_clean(page, path)

    page.goto(live_server.url + article.url)
    form = page.locator("form#respond")
    form.get_by_label("Name").fill("Careful Reader")
    form.get_by_label("Email").fill("careful@example.org")
    form.get_by_label("Comment").fill("Posted with the script, under the CSP.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text="under the CSP").first).to_be_visible()
    page.get_by_role("navigation", name="Sort comments").get_by_role("link", name="Oldest").click()
    expect(
        page.get_by_role("navigation", name="Sort comments").get_by_role("link", name="Oldest")
    ).to_have_attribute("aria-current", "true")
    assert_clean(page, "the article")

    sign_in(page, live_server.url)
    for path in [
        "/admin/", "/admin/moderation/pending/", "/admin/moderation/bans/new/", "/admin/pages/",
        f"/admin/pages/{article.pk}/edit/", "/admin/snippets/discussion/thread/",
        "/admin/inline-feedback/", "/admin/undelivered/",
    ]:  # fmt: skip
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert_clean(page, path)
