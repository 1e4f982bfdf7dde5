"""A live discussion in Chromium: two readers on the same article, one posts and the other is
told without reloading and without the page moving; catch-up after a dropped connection and
after a hidden tab; held and shadowed comments never reach the other reader; axe-core with
the "new comments" bubble showing."""

from __future__ import annotations

import contextlib
import re
import socket
import threading

import pytest
from playwright.sync_api import Browser, Page, expect

from byline.discussion.live import stores
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.tests.factories import guest, post
from byline.discussion.tests.live.streaming import live_server_thread
from byline.discussion.threads import services
from tests.browser.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.article(title="Is the reunion tour really happening?"),
]
SCREEN = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
BUBBLE = ".live-bubble"


@pytest.fixture
def article(article):
    for n in range(8):
        post(
            article,
            f"Early comment {n}, long enough to take a few lines of the thread.",
            token=f"early-{n}",
        )
    return article


@pytest.fixture
def live(settings, live_server):
    """The live server in a thread, on a free port, serving the pages of ``live_server``,
    reached through a ``Cable`` (``live.cable``)."""
    settings.BYLINE_BASE_URL = live_server.url
    with live_server_thread(stores.current()) as running:
        running.cable = Cable(running.port)
        settings.LIVE_EVENTS_URL = f"http://127.0.0.1:{running.cable.port}"
        # As the settings allow a live server at an origin of its own, as in the demo.
        settings.SECURE_CSP = {
            **settings.SECURE_CSP,
            "connect-src": ["'self'", settings.LIVE_EVENTS_URL],
        }
        yield running
        running.cable.close()


class Cable:
    """A TCP relay between the browsers and the live server that a test can cut, as a train
    entering a tunnel would: ``cut()`` drops every connection and refuses new ones until
    ``mend()``."""

    def __init__(self, port: int) -> None:
        self.target = ("127.0.0.1", port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connected = True
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.connected:
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def cut(self) -> None:
        self.connected = False
        for end in self.sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
        self.sockets = []

    def mend(self) -> None:
        self.connected = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


@pytest.fixture
def reader(browser: Browser):
    """A browser of its own for each reader who asks, each failing the test on a script error."""
    contexts, errors = [], []

    def open_reader(viewport: dict[str, int] = SCREEN) -> Page:
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_reader
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def streams(live) -> int:
    return live.app.hub.stream_count()


def wait_for_streams(page: Page, live, count: int) -> None:
    """Wait (up to 15 seconds, on the page's clock of real time) until the live server holds
    ``count`` open streams."""
    for _ in range(300):
        if streams(live) == count:
            return
        page.wait_for_timeout(50)
    assert streams(live) == count


def open_article(page: Page, live_server, article, live, *, streams_after: int) -> None:
    page.goto(live_server.url + article.url)
    wait_for_streams(page, live, streams_after)


def place_of(page: Page, selector: str) -> tuple[float, float]:
    """The window's scroll position and where ``selector`` is in the window."""
    return tuple(
        page.evaluate(
            "(s) => [scrollY, document.querySelector(s).getBoundingClientRect().top]", selector
        )
    )


def post_from_the_page(page: Page, body: str) -> None:
    form = page.locator("form#respond")
    form.get_by_label("Comment").fill(body)
    if form.get_by_label("Name").count():
        form.get_by_label("Name").fill("Ada Writer")
        form.get_by_label("Email").fill("ada@example.org")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comment", has_text=body)).to_have_count(1)


def test_a_comment_from_another_reader_is_announced_then_shown_without_a_jump(
    live_server, live, reader, article, axe, artifacts_dir
):
    writer, watcher = reader(), reader()
    open_article(watcher, live_server, article, live, streams_after=1)
    open_article(writer, live_server, article, live, streams_after=2)
    expect(watcher.locator("#comments-heading")).to_have_text("8 comments")

    # The watcher reads in the middle of the thread.
    middle = ".comment-list > li:nth-child(4)"
    watcher.locator(middle).evaluate("(node) => window.scrollTo(0, node.offsetTop + 20)")
    watcher.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    before = place_of(watcher, middle)

    post_from_the_page(writer, "Tickets go on sale on Friday, says the promoter.")

    bubble = watcher.locator(BUBBLE)
    expect(bubble).to_have_text("Show 1 new comment")
    expect(watcher.locator("#comments-heading")).to_have_text("9 comments")
    expect(watcher.locator("[aria-live=polite]")).to_have_text("1 new comment")
    assert place_of(watcher, middle) == before
    assert watcher.locator(".comment", has_text="Tickets go on sale").count() == 0
    watcher.screenshot(path=artifacts_dir / "live-bubble-1280.png")
    assert_accessible(axe, watcher)

    bubble.click()
    shown = watcher.locator(".comment", has_text="Tickets go on sale")
    expect(shown).to_have_count(1)
    expect(bubble).to_be_hidden()
    expect(shown.locator(".comment__card")).to_be_focused()
    assert watcher.locator(".comment-list > li").first.get_attribute("id") == shown.get_attribute(
        "id"
    )
    expect(watcher.locator("[aria-live=polite]")).to_have_text("1 new comment shown.")
    watcher.screenshot(path=artifacts_dir / "live-shown-1280.png")
    assert_accessible(axe, watcher)

    # The writer's own comment is not announced back to them.
    expect(writer.locator(BUBBLE)).to_be_hidden()
    expect(writer.locator("#comments-heading")).to_have_text("9 comments")


def test_a_reply_to_the_reader_is_highlighted_and_placed_under_their_comment(
    live_server, live, reader, article, axe, artifacts_dir
):
    watcher = reader(PHONE)
    open_article(watcher, live_server, article, live, streams_after=1)
    post_from_the_page(watcher, "My own view: the tour is off.")
    mine = Comment.objects.get(body="My own view: the tour is off.")
    expect(watcher.locator(f"#comment-{mine.pk}")).to_have_attribute("data-own", "")

    post(article, "You are wrong, it is on.", parent=mine, token="someone")

    expect(watcher.locator(BUBBLE)).to_have_text("Show 1 new comment, 1 reply to you")
    watcher.screenshot(path=artifacts_dir / "live-bubble-390.png")
    assert_accessible(axe, watcher)
    watcher.locator(BUBBLE).click()
    reply = watcher.locator(f"#comment-{mine.pk} > .replies > li")
    expect(reply).to_have_count(1)
    expect(reply).to_have_class(re.compile("comment--to-you"))
    expect(reply.locator(".comment__to-you")).to_have_text("Reply to you")
    watcher.screenshot(path=artifacts_dir / "live-reply-to-you-390.png")
    assert_accessible(axe, watcher)


def test_votes_edits_and_removals_change_in_place(live_server, live, reader, article):
    watcher = reader()
    open_article(watcher, live_server, article, live, streams_after=1)
    target = Comment.objects.get(body__startswith="Early comment 7")
    author = guest(token="early-7")[0]
    card = watcher.locator(f"#comment-{target.pk}")

    services.cast_vote(comment_id=target.pk, reader=guest(token="voter")[0], value=1)
    expect(card.locator(".votes__score")).to_have_text("1")

    services.edit_comment(comment_id=target.pk, reader=author, body="Early comment 7, corrected.")
    expect(card.locator(".comment__body")).to_have_text("Early comment 7, corrected.")
    expect(card.locator(".comment__edited")).to_have_text("(edited)")

    services.delete_comment(comment_id=target.pk, reader=author)
    expect(card).to_have_count(0)
    expect(watcher.locator("#comments-heading")).to_have_text("7 comments")
    expect(watcher.locator(BUBBLE)).to_be_hidden()


def test_after_a_dropped_connection_the_missed_comment_arrives_once(
    live_server, live, reader, article
):
    watcher = reader()
    open_article(watcher, live_server, article, live, streams_after=1)

    post(article, "Seen before the drop.", token="someone")
    expect(watcher.locator(BUBBLE)).to_have_text("Show 1 new comment")

    live.cable.cut()
    wait_for_streams(watcher, live, 0)
    post(article, "Posted while the reader was cut off.", token="someone")
    live.cable.mend()

    # The browser reconnects by itself, after the retry the server asked for, with its last id.
    expect(watcher.locator(BUBBLE)).to_have_text("Show 2 new comments", timeout=20000)
    watcher.locator(BUBBLE).click()
    expect(watcher.locator(".comment", has_text="while the reader was cut off")).to_have_count(1)
    expect(watcher.locator(".comment", has_text="Seen before the drop.")).to_have_count(1)
    expect(watcher.locator("#comments-heading")).to_have_text("10 comments")
    post(article, "And one after it.", token="someone")
    expect(watcher.locator(BUBBLE)).to_have_text("Show 1 new comment")


def hide(page: Page, hidden: bool) -> None:
    """Tell the page its tab was hidden or shown again, as the browser would."""
    page.evaluate(
        """(hidden) => {
            Object.defineProperty(document, "visibilityState", {
                value: hidden ? "hidden" : "visible", configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_a_hidden_tab_has_no_stream_and_catches_up_when_shown(live_server, live, reader, article):
    watcher = reader()
    open_article(watcher, live_server, article, live, streams_after=1)
    assert watcher.locator("#comments").get_attribute("data-live-since")

    hide(watcher, True)
    wait_for_streams(watcher, live, 0)
    post(article, "Posted while the tab was hidden.", token="someone")
    post(article, "And a second one.", token="someone-else")
    assert streams(live) == 0
    expect(watcher.locator(BUBBLE)).to_be_hidden()

    hide(watcher, False)
    wait_for_streams(watcher, live, 1)
    expect(watcher.locator(BUBBLE)).to_have_text("Show 2 new comments")
    watcher.locator(BUBBLE).click()
    expect(watcher.locator(".comment", has_text="while the tab was hidden")).to_have_count(1)
    expect(watcher.locator(".comment", has_text="a second one")).to_have_count(1)


def test_held_and_shadowed_comments_never_reach_another_reader(live_server, live, reader, article):
    watcher = reader()
    open_article(watcher, live_server, article, live, streams_after=1)
    shadowed_reader, shadowed_guest = guest(token="shadowed")
    Ban.objects.create(kind=Ban.Kind.EMAIL, email=shadowed_guest.email, shadow=True)
    services.post_comment(
        page=article, body="A shadowed comment.", reader=shadowed_reader, guest=shadowed_guest
    )
    Thread.objects.filter(page_id=article.pk).update(premoderated=True)
    held = post(article, "A held comment.", token="held")
    assert held.status == Comment.Status.PENDING
    Thread.objects.filter(page_id=article.pk).update(premoderated=False)
    post(article, "A published comment.", token="published")

    expect(watcher.locator(BUBBLE)).to_have_text("Show 1 new comment")
    watcher.locator(BUBBLE).click()
    expect(watcher.locator(".comment", has_text="A published comment.")).to_have_count(1)
    for hidden in ("A shadowed comment.", "A held comment."):
        assert watcher.locator(".comment", has_text=hidden).count() == 0
    expect(watcher.locator("#comments-heading")).to_have_text("9 comments")


def test_an_idle_reader_has_no_stream_until_they_come_back(live_server, live, reader, article):
    watcher = reader()
    watcher.clock.install()
    open_article(watcher, live_server, article, live, streams_after=1)

    watcher.clock.fast_forward("06:00")
    wait_for_streams(watcher, live, 0)
    post(article, "Posted while the reader was away.", token="someone")

    watcher.keyboard.press("End")
    wait_for_streams(watcher, live, 1)
    expect(watcher.locator(BUBBLE)).to_have_text("Show 1 new comment")


def test_a_comment_that_cannot_be_fetched_stays_as_it_was(live_server, live, reader, article):
    """Only a 404 means a comment is gone: an edit whose new drawing the site could not give
    (an error, no network) leaves the comment and its replies in place."""
    watcher = reader()
    asked = []

    def refuse(route):
        asked.append(route.request.url)
        route.fulfill(status=500, body="Briefly unavailable.")

    watcher.route(re.compile(r".*/comments/\d+/alone/$"), refuse)
    open_article(watcher, live_server, article, live, streams_after=1)
    target = Comment.objects.get(body__startswith="Early comment 7")
    author = guest(token="early-7")[0]

    services.edit_comment(comment_id=target.pk, reader=author, body="Early comment 7, again.")
    for _ in range(200):
        if asked:
            break
        watcher.wait_for_timeout(50)
    assert asked
    watcher.wait_for_timeout(300)

    card = watcher.locator(f"#comment-{target.pk}")
    expect(card).to_have_count(1)
    expect(card.locator(".comment__body")).to_contain_text("Early comment 7")


def fake_stream(page: Page, answers: list) -> list[tuple[str, str]]:
    """Answer the page's stream requests (GET and HEAD) with ``answers[0]`` (a status, or an
    event stream's text); record each request's method and ``last_event_id``."""
    requests = []

    def answer(route):
        request = route.request
        found = re.search(r"last_event_id=([^&]*)", request.url)
        requests.append((request.method, found[1] if found else ""))
        cors = {"access-control-allow-origin": live_server_origin(request)}
        if isinstance(answers[0], int):
            route.fulfill(status=answers[0], headers=cors, body="Refused.")
        else:
            headers = {**cors, "content-type": "text/event-stream"}
            route.fulfill(status=200, headers=headers, body=answers[0])

    page.route(re.compile(r".*/threads/\d+/events.*"), answer)
    return requests


def live_server_origin(request) -> str:
    return request.headers.get("origin") or "*"


def test_a_reset_from_the_server_offers_a_reload(live_server, live, reader, article):
    watcher = reader()
    fake_stream(watcher, ['retry: 60000\nid: 5\nevent: reset\ndata: {"thread": 1}\n\n'])
    watcher.goto(live_server.url + article.url)

    expect(watcher.locator(BUBBLE)).to_have_text("New comments: reload")
    with watcher.expect_navigation():
        watcher.locator(BUBBLE).click()


def test_a_refused_stream_resumes_from_its_place_unless_the_id_was_refused(
    live_server, live, reader, article
):
    """A 503 (the database briefly away) keeps the resume point; a 400 (an id the server never
    gave) drops it."""
    watcher = reader()
    answers = [503]
    requests = fake_stream(watcher, answers)
    watcher.goto(live_server.url + article.url)
    since = watcher.locator("#comments").get_attribute("data-live-since")

    def gets() -> list[str]:
        return [last for method, last in requests if method == "GET"]

    for _ in range(300):
        if len(gets()) >= 2:
            break
        watcher.wait_for_timeout(50)
    assert gets()[:2] == [since, since]
    answers[0] = 400
    for _ in range(400):
        if len(gets()) >= 4:
            break
        watcher.wait_for_timeout(50)
    assert gets()[3] == ""
