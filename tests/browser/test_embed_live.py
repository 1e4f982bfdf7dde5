"""Live updates in the embed, in Chromium: a reader of another site's page is told of a comment
another reader posts through the API, without the page moving, and sees it on asking; the
stream goes through the documented nginx location and crosses origins for the allowed site
only; it catches up after a dropped connection and a hidden tab, and closes when the element
leaves the page."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage

from byline.accounts.tests.factories import UserFactory
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import guest, post
from byline.discussion.threads import services
from byline.pagecache import nginx
from tests.browser.embed_live_site import (  # noqa: F401 (fixtures)
    EmbedSite,
    embed_site_fixture,
    live_events_fixture,
)
from tests.browser.test_live import hide

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        nginx.nginx_binary() is None,
        reason="needs nginx to serve the page of another site (apt-get install nginx)",
    ),
]
TITLE = "A field guide to city foxes"


def seed_thread(site: EmbedSite, comments: int) -> WagtailPage:
    """The page's thread, made as the embed makes it, with guests' comments."""
    answer = Client().get(
        "/api/v1/threads/by-url",
        {"url": f"{site.origin}/", "title": TITLE},
        HTTP_ORIGIN=site.origin,
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["live_events_url"].startswith("http://127.0.0.1:")
    external = WagtailPage.objects.get(pk=answer.json()["page_id"]).specific
    for n in range(comments):
        post(
            external,
            f"Seen one by the canal, number {n}, at dusk.",
            token=f"guest-{n:02d}-key-padding-xxxxxx",
        )
    return external


def another_reader_posts(site: EmbedSite, external: WagtailPage, body: str, name: str) -> int:
    """A guest posts through the API from the same site, as their own embed would."""
    answer = Client().post(
        f"/api/v1/threads/{external.pk}/comments",
        {"body": body, "name": name, "email": f"{name.lower()}@example.org"},
        content_type="application/json",
        HTTP_ORIGIN=site.origin,
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "published"
    return answer.json()["comment"]["id"]


def wait_for_streams(page: Page, site: EmbedSite, count: int) -> None:
    """Wait (up to 15 seconds) until the live server holds ``count`` streams."""
    for _ in range(150):
        if site.live.app.hub.stream_count() == count:
            return
        page.wait_for_timeout(100)
    assert site.live.app.hub.stream_count() == count


def assert_embed_accessible(axe, page: Page) -> None:
    """axe-core on the embed with its button showing (the demo page's own rules are hostile)."""
    results = axe.run(
        page,
        context="div[data-byline-thread]",
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]}
        },
    )
    assert results.violations_count == 0, results.generate_report()


def top_of(locator) -> float:
    return locator.evaluate("(element) => element.getBoundingClientRect().top")


def test_a_reader_of_another_site_sees_a_new_comment_without_the_page_moving(
    embed_site, page: Page, axe
):
    external = seed_thread(embed_site, 3)
    streams = []
    page.on("request", lambda request: "/live/" in request.url and streams.append(request))
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(f"{embed_site.origin}/")
    widget = page.locator("div[data-byline-thread]")
    expect(widget.get_by_role("heading", name="3 comments")).to_be_visible()
    wait_for_streams(page, embed_site, 1)

    # The reader has scrolled to the second comment.
    reading = widget.locator("article").nth(1)
    reading.evaluate("(element) => element.scrollIntoView()")
    before = top_of(reading)
    first_id = another_reader_posts(
        embed_site, external, "Two cubs on the towpath tonight.", "Ines"
    )

    bubble = widget.get_by_role("button", name="Show 1 new comment")
    expect(bubble).to_be_visible()
    expect(widget.get_by_role("heading", name="4 comments")).to_be_visible()
    expect(widget.get_by_role("status")).to_have_text("1 new comment")
    expect(widget.get_by_text("Two cubs on the towpath tonight.")).to_have_count(0)
    assert abs(top_of(reading) - before) < 2
    assert_embed_accessible(axe, page)

    bubble.click()
    fresh = widget.get_by_role("article", name="Comment by Ines")
    expect(fresh).to_contain_text("Two cubs on the towpath tonight.")
    expect(fresh).to_be_focused()
    expect(bubble).to_be_hidden()
    expect(widget.get_by_role("status")).to_have_text("1 new comment shown.")
    assert widget.locator(f'li.c[data-id="{first_id}"]').count() == 1

    # A vote and a moderator's removal change the thread in place.
    voted = widget.locator("li.c").nth(2)
    expect(voted.locator(":scope > article .score")).to_have_text("0")
    voted_id = int(voted.get_attribute("data-id"))
    services.cast_vote(
        comment_id=voted_id, reader=guest(token="a-voter-key-padding-xxxxxx")[0], value=1
    )
    expect(voted.locator(":scope > article .score")).to_have_text("1")
    moderator = UserFactory(is_superuser=True)
    actions.decide(comment_ids=[first_id], decision="reject", moderator=moderator)
    expect(fresh).to_have_count(0)
    expect(widget.get_by_role("heading", name="3 comments")).to_be_visible()

    # The stream went through nginx's /live, with no cookie, and answered this origin only.
    answer = streams[0].response()
    assert answer is not None and answer.status == 200
    assert answer.headers["access-control-allow-origin"] == embed_site.origin
    assert "cookie" not in streams[0].all_headers()


def test_the_embed_catches_up_after_a_drop_and_a_hidden_tab_and_stops_when_removed(
    embed_site, page: Page
):
    external = seed_thread(embed_site, 2)
    page.goto(f"{embed_site.origin}/")
    widget = page.locator("div[data-byline-thread]")
    expect(widget.get_by_role("heading", name="2 comments")).to_be_visible()
    wait_for_streams(page, embed_site, 1)

    # Through a tunnel: the connection drops, a comment is posted meanwhile, and the stream
    # comes back with the last event id it had and gets what it missed.
    embed_site.cable.cut()
    wait_for_streams(page, embed_site, 0)
    another_reader_posts(embed_site, external, "Posted while the reader was away.", "Tom")
    another_reader_posts(embed_site, external, "And another one meanwhile.", "Ada")
    embed_site.cable.mend()
    expect(widget.get_by_role("button", name="Show 2 new comments")).to_be_visible(timeout=20000)
    expect(widget.get_by_role("heading", name="4 comments")).to_be_visible()
    widget.get_by_role("button", name="Show 2 new comments").click()
    expect(widget.get_by_role("article", name="Comment by Tom")).to_be_visible()
    expect(widget.get_by_role("article", name="Comment by Ada")).to_be_visible()

    # A hidden tab holds no stream, and catches up when shown again.
    hide(page, True)
    wait_for_streams(page, embed_site, 0)
    another_reader_posts(embed_site, external, "Posted while the tab was hidden.", "Lea")
    hide(page, False)
    expect(widget.get_by_role("button", name="Show 1 new comment")).to_be_visible()
    expect(widget.get_by_role("heading", name="5 comments")).to_be_visible()

    # The element leaves the page (a single-page site changed its view): the stream closes.
    page.evaluate("document.querySelector('div[data-byline-thread]').remove()")
    wait_for_streams(page, embed_site, 0)
