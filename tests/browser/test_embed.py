"""The embed on a page Byline does not serve: a static page with hostile CSS, served by nginx on
another origin, shows a working thread through one script tag and one div.

nginx serves the demo page (tests/browser/embed_demo/index.html) on two ports: one origin an
editor allowed, one not. Set BYLINE_EMBED_DEMO_PORTS="8242,8243" to choose the ports.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import Page, expect
from wagtail.models import APIToken

from byline.accounts.tests.factories import UserFactory
from byline.discussion.tests.factories import post
from byline.discussion.tests.xss_payloads import XSS_PAYLOADS
from byline.embedding.models import AllowedOrigin
from byline.pagecache import nginx
from tests.browser.conftest import emails_to, sign_in
from tests.browser.other_site import chosen_ports, nginx_serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        nginx.nginx_binary() is None,
        reason="needs nginx to serve the demo page from another origin (apt-get install nginx)",
    ),
]
DEMO = Path(__file__).resolve().parent / "embed_demo" / "index.html"
RED = "rgb(255, 0, 0)"
# Two origins for the same page: one an editor allows, one nobody did.
SERVERS = """
    server {{ listen 127.0.0.1:%d; root {prefix}/site; }}
    server {{ listen 127.0.0.1:%d; root {prefix}/site; }}
"""


@pytest.fixture
def demo(tmp_path, live_server):
    """The demo page on two origins: ``localhost`` (a host other than Byline's, so no cookie of
    Byline's could be sent to it), the first allowed by an editor."""
    allowed, refused = chosen_ports("BYLINE_EMBED_DEMO_PORTS")
    site = tmp_path / "site"
    site.mkdir()
    page = DEMO.read_text().replace("BYLINE_ORIGIN", live_server.url)
    (site / "index.html").write_text(page)
    (site / "all.html").write_text(page.replace('data-limit="3"', 'data-limit="50"'))
    (site / "dark.html").write_text(
        page.replace(
            '<html lang="en">', '<html lang="en" style="color-scheme: dark; background: #101214">'
        )
    )
    with nginx_serving(tmp_path, SERVERS % (allowed, refused), (allowed, refused)):
        origin = f"http://localhost:{allowed}"
        AllowedOrigin.objects.create(origin=origin)
        yield origin, f"http://localhost:{refused}"


def seed_thread(url: str, title: str, origin: str, bodies: list[str] | None = None) -> int:
    """Make the page's thread as the embed would, and give it guests' comments (five)."""
    from wagtail.models import Page as WagtailPage

    answer = Client().get(
        "/api/v1/threads/by-url", {"url": url, "title": title}, HTTP_ORIGIN=origin
    )
    assert answer.status_code == 200, answer.content
    page_id = answer.json()["page_id"]
    external = WagtailPage.objects.get(pk=page_id).specific
    for n, body in enumerate(bodies or [f"Seen one by the canal, number {n}." for n in range(5)]):
        post(external, body, token=f"guest-key-number-{n:02d}-padding-xx")
    return page_id


def assert_widget_accessible(axe, page: Page) -> None:
    """axe-core's WCAG 2.2 A/AA rules inside the widget's shadow root (the demo page's own red
    text fails them on purpose, and is not the widget's to fix)."""
    results = axe.run(
        page,
        context={"include": [["div[data-byline-thread]"]]},
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    assert results.violations_count == 0, results.generate_report()
    assert results.response["passes"], "axe-core checked nothing inside the widget"


def thread(page: Page):
    return page.locator("div[data-byline-thread]")


def computed(page: Page, selector: str, prop: str) -> str:
    return page.evaluate(
        """([selector, prop]) => getComputedStyle(
            document.querySelector("div[data-byline-thread]").shadowRoot.querySelector(selector)
        )[prop]""",
        [selector, prop],
    )


def test_a_guest_and_a_reader_use_the_thread_on_another_site(
    live_server, demo, page: Page, axe, artifacts_dir
):
    allowed, _ = demo
    seed_thread(f"{allowed}/", "A field guide to city foxes", allowed)
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(f"{allowed}/")
    widget = thread(page)

    expect(widget.get_by_role("heading", name="5 comments")).to_be_visible()
    expect(widget.locator("article")).to_have_count(3)
    # The page's rules do not reach in, and the widget does not undo the page's own.
    assert computed(page, "h2", "color") != RED
    assert computed(page, "h2", "fontSize") == "20px"
    assert computed(page, "button", "cursor") == "pointer"
    expect(page.locator(".ad")).to_be_hidden()
    assert page.evaluate("Object.keys(window).filter((k) => k.startsWith('Byline'))") == [
        "BylineEmbed"
    ]
    page.screenshot(path=artifacts_dir / "embed-hostile-page.png", full_page=True)

    widget.get_by_role("button", name="Load more comments").click()
    expect(widget.locator("article")).to_have_count(5)
    expect(widget.get_by_role("status")).to_have_text("2 more comments shown.")
    widget.get_by_label("Sort by").select_option("oldest")
    expect(widget.locator("article").first).to_contain_text("number 0")
    expect(widget.locator("article")).to_have_count(3)

    widget.get_by_label("Your comment").fill("A vixen raised four cubs under our shed.")
    widget.get_by_label("Your name").first.fill("Nadia")
    widget.get_by_label("Your e-mail (never shown)").first.fill("nadia@example.org")
    widget.get_by_role("button", name="Post comment").click()
    mine = widget.get_by_role("article", name="Comment by Nadia")
    expect(mine).to_contain_text("A vixen raised four cubs under our shed.")
    guest_keys = page.evaluate(
        "Object.keys(localStorage).filter((k) => k.startsWith('byline:') && k.endsWith(':guest'))"
    )
    assert len(guest_keys) == 1

    first = widget.locator("article").nth(1)
    first.get_by_role("button", name="Vote up").click()
    expect(first.get_by_role("button", name="Vote up")).to_have_attribute("aria-pressed", "true")
    expect(first.get_by_label("Score")).to_have_text("1")

    # Each vote button names the comment it is for; Reply says whether its form is open.
    assert (
        first.get_by_role("button", name="Vote up")
        .get_attribute("aria-label")
        .endswith("'s comment")
    )
    reply = first.get_by_role("button", name="Reply", exact=True)
    expect(reply).to_have_attribute("aria-expanded", "false")
    reply.click()
    expect(reply).to_have_attribute("aria-expanded", "true")
    first.get_by_role("textbox", name="Reply to").fill("Ours come at dusk, every day.")
    first.get_by_role("button", name="Post reply").click()
    expect(widget.locator(".replies").get_by_text("Ours come at dusk, every day.")).to_be_visible()

    widget.get_by_text("Notify of").click()
    notify = widget.locator("form.notify")
    notify.get_by_label("E-mail me about").select_option("article")
    notify.get_by_label("Your e-mail (never shown)").fill("nadia@example.org")
    notify.get_by_role("button", name="Subscribe").click()
    expect(widget.get_by_role("status")).to_contain_text("Check your inbox")
    assert emails_to("nadia@example.org"), [m.subject for m in mail.outbox]
    assert_widget_accessible(axe, page)
    page.screenshot(path=artifacts_dir / "embed-guest.png", full_page=True)

    reader = UserFactory(display_name="Robin Fox")
    with page.expect_popup() as opened:
        widget.get_by_role("button", name="Sign in with").click()
    popup = opened.value
    popup.get_by_label("Username").fill(reader.username)
    popup.get_by_label("Password").fill("correct horse battery staple")
    popup.get_by_role("button", name="Sign in").click()
    expect(popup.get_by_role("heading")).to_contain_text(f"Comment on {allowed} as Robin Fox?")
    popup.screenshot(path=artifacts_dir / "embed-sign-in-pop-up.png")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Comment as Robin Fox").click()
    expect(widget.get_by_role("status")).to_have_text("Signed in as Robin Fox.")
    expect(widget.get_by_role("button", name="Sign out")).to_be_visible()

    widget.get_by_label("Your comment").fill("Foxes are shy; give them room.")
    widget.get_by_role("button", name="Post comment").click()
    expect(widget.get_by_role("article", name="Comment by Robin Fox")).to_contain_text(
        "give them room"
    )
    # Signed in on Byline in the pop-up, the embed still sends no cookie: only its token.
    api = f"{live_server.url}/api/"
    sent = [request.all_headers() for request in requests if request.url.startswith(api)]
    assert sent and not [headers for headers in sent if "cookie" in headers]
    assert any(headers.get("authorization", "").startswith("Bearer ") for headers in sent)
    page.screenshot(path=artifacts_dir / "embed-signed-in.png", full_page=True)

    widget.get_by_role("button", name="Sign out").click()
    expect(widget.get_by_role("button", name="Sign in with")).to_be_visible()
    # Signing out revokes the token on Byline and forgets it on the page.
    assert not APIToken.objects.filter(user=reader, revoked_at__isnull=True).exists()
    assert not page.evaluate("Object.keys(localStorage).filter((k) => k.endsWith(':token'))")


def test_no_form_is_offered_before_the_comments_it_would_post_among(live_server, demo, page: Page):
    """A comment posted while the list is still coming would be dropped when the list is drawn:
    the form waits for the list (this once lost a reader's comment right after signing in)."""
    allowed, _ = demo
    seed_thread(f"{allowed}/", "A field guide to city foxes", allowed)
    held = []
    page.route("**/api/v1/threads/*/comments?*", lambda route: held.append(route))
    page.goto(f"{allowed}/")
    widget = thread(page)
    for _ in range(100):  # the route's handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the embed never asked for the comments"

    expect(widget.get_by_role("button", name="Post comment")).to_have_count(0)
    held.pop().continue_()
    expect(widget.locator("article")).to_have_count(3)
    expect(widget.get_by_role("button", name="Post comment")).to_be_visible()


def test_the_widget_follows_a_dark_page(live_server, demo, page: Page, artifacts_dir):
    allowed, _ = demo
    page.goto(f"{allowed}/dark.html")
    widget = thread(page)
    expect(widget.get_by_role("heading", name="0 comments")).to_be_visible()

    assert page.evaluate(
        """document.querySelector("div[data-byline-thread]").shadowRoot
            .querySelector("section").classList.contains("dark")"""
    )
    assert computed(page, "section", "backgroundColor") == "rgb(24, 25, 28)"
    page.screenshot(path=artifacts_dir / "embed-dark.png", full_page=True)


def test_a_plain_page_keeps_the_widget_light_when_the_system_prefers_dark(
    live_server, demo, page: Page
):
    allowed, _ = demo
    page.emulate_media(color_scheme="dark")
    page.goto(f"{allowed}/")
    expect(thread(page).get_by_role("heading", name="0 comments")).to_be_visible()

    # Nothing on the page declares a background or a colour scheme: it is drawn white.
    assert computed(page, "section", "backgroundColor") == "rgb(255, 255, 255)"


def test_the_page_keeps_its_say_over_the_widgets_own_box(live_server, demo, page: Page):
    allowed, _ = demo
    page.goto(f"{allowed}/")
    widget = thread(page)
    expect(widget.get_by_role("heading", name="0 comments")).to_be_visible()

    page.evaluate(
        """document.querySelector("div[data-byline-thread]").style.cssText = "max-width: 300px; padding: 0";"""
    )
    assert widget.bounding_box()["width"] <= 300
    page.evaluate("""document.querySelector("div[data-byline-thread]").hidden = true;""")
    expect(widget).to_be_hidden()


def test_a_link_to_one_comment_shows_it_first_and_marked(live_server, demo, page: Page):
    from byline.discussion.models import Comment

    allowed, _ = demo
    bodies = [f"Fox number {n} was seen by the canal." for n in range(8)]
    seed_thread(f"{allowed}/", "A field guide to city foxes", allowed, bodies)
    oldest = Comment.objects.get(body__contains="Fox number 0")

    page.goto(f"{allowed}/?comment={oldest.pk}#comment-{oldest.pk}")

    first = thread(page).locator("li.c").first
    expect(first).to_contain_text("Fox number 0 was seen")
    assert "linked" in (first.get_attribute("class") or "")
    expect(thread(page).locator("li.c", has_text="Fox number 0")).to_have_count(1)
    expect(first).to_be_in_viewport()


def test_a_site_not_allowed_is_told_so_in_the_widget(live_server, demo, page: Page, artifacts_dir):
    _, refused = demo
    page.goto(f"{refused}/")

    expect(thread(page).get_by_role("alert")).to_contain_text(
        "This site is not allowed to show comments"
    )
    expect(thread(page).locator("article")).to_have_count(0)
    page.screenshot(path=artifacts_dir / "embed-refused.png", full_page=True)


def test_the_xss_corpus_is_inert_in_the_embed(live_server, demo, page: Page):
    allowed, _ = demo
    seed_thread(f"{allowed}/all.html", "Hostile comments", allowed, XSS_PAYLOADS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{allowed}/all.html")

    expect(thread(page).locator("article")).to_have_count(len(XSS_PAYLOADS))
    found = page.evaluate(
        """() => {
            const root = document.querySelector("div[data-byline-thread]").shadowRoot;
            const bodies = [...root.querySelectorAll(".body")];
            return {
                elements: bodies.flatMap((body) => [...body.querySelectorAll("*")])
                    .map((element) => element.tagName.toLowerCase()),
                handlers: bodies.flatMap((body) => [...body.querySelectorAll("*")])
                    .flatMap((element) => [...element.attributes].map((a) => a.name))
                    .filter((name) => name.startsWith("on")),
                hrefs: [...root.querySelectorAll("a[href]")].map((a) => a.href),
            };
        }"""
    )
    assert set(found["elements"]) <= {
        "p",
        "br",
        "em",
        "strong",
        "a",
        "blockquote",
        "code",
        "pre",
        "ul",
        "ol",
        "li",
    }
    assert found["handlers"] == []
    assert all(href.startswith(("http://", "https://", "mailto:")) for href in found["hrefs"])
    page.wait_for_timeout(500)  # an onerror or onload would have fired by now
    assert dialogs == []


def test_a_pop_up_cut_off_from_its_page_says_what_to_do(live_server, demo, page: Page):
    allowed, _ = demo
    reader = UserFactory(display_name="Robin Fox")
    sign_in(page, live_server, reader)
    # Opened directly, as after a detour through another site: there is no opener to tell.
    page.goto(f"{live_server.url}/embed/sign-in/?origin={allowed}")
    page.get_by_role("button", name="Comment as Robin Fox").click()

    expect(page.get_by_role("alert")).to_contain_text("lost its link to the page")
    expect(page.get_by_role("status")).to_be_hidden()
