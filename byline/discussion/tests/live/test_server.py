"""The live server end to end, over real sockets, on each store."""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Anchor, Thread
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import inline_article, post, post_on, trap_fields
from byline.discussion.tests.live.streaming import (
    TIMEOUT,
    live_server_process,
    live_server_thread,
)
from byline.newsroom.tests.factories import publish

# The live server reads what the test committed, from other threads or processes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(live_store):
    with live_server_thread(live_store) as running:
        yield running


def events_path(thread_id: int, query: str = "") -> str:
    return f"/threads/{thread_id}/events" + (f"?{query}" if query else "")


def thread_of(article) -> Thread:
    return Thread.objects.for_page(article)


def comment_event(comment, count: int, parent=None) -> tuple[str, dict]:
    data = {"thread": comment.thread_id, "comment": comment.pk, "parent": parent, "count": count}
    return ("comment", data)


def kinds(events: list[dict]) -> list[tuple[str, dict]]:
    return [(event["event"], event["data"]) for event in events]


def test_a_fresh_stream_gets_the_new_events_only(live, article):
    before = post(article, "Before the page opened.")
    _wait_for(lambda: before.thread_id in live.app.hub.recent)  # read by the server
    with live.stream(events_path(before.thread_id)) as stream:
        assert stream.status == 200
        assert stream.headers["Content-Type"].startswith("text/event-stream")

        after = post(article, "While it is open.", token="other")
        later = post(article, "Later still.", token="third")

        assert kinds(stream.next_events(2)) == [comment_event(after, 2), comment_event(later, 3)]


def test_a_reader_who_reconnects_gets_exactly_what_they_missed_once(live, article):
    thread = thread_of(article)
    with live.stream(events_path(thread.pk)) as stream:
        post(article, "Seen live.")
        [seen] = stream.next_events(1)
    missed = [post(article, f"Missed {n}.", token=f"t{n}") for n in range(3)]

    # The browser's header, or the query of a client that cannot set one.
    for headers, query in [
        ({"Last-Event-ID": seen["id"]}, ""),
        ({}, f"last_event_id={seen['id']}"),
    ]:
        with live.stream(events_path(thread.pk, query), **headers) as stream:
            caught_up = stream.next_events(len(missed))
            assert kinds(caught_up) == [comment_event(c, n + 2) for n, c in enumerate(missed)]
            assert [e["id"] for e in caught_up] == sorted({e["id"] for e in caught_up}, key=_order)
            # What comes next is new: nothing of the catch-up again.
            newest = post(article, f"New {len(missed)}.", token=f"n{len(missed)}")
            [next_event] = stream.next_events(1)
            assert next_event["data"]["comment"] == newest.pk
            missed.append(newest)


def test_the_header_wins_over_the_query_as_browsers_reconnect_with_the_first_address(live, article):
    thread = thread_of(article)
    with live.stream(events_path(thread.pk)) as stream:
        post(article, "One.")
        post(article, "Two.", token="b")
        one, two = stream.next_events(2)
    three = post(article, "Three.", token="c")

    query = f"last_event_id={one['id']}"
    with live.stream(events_path(thread.pk, query), **{"Last-Event-ID": two["id"]}) as stream:
        assert [e["data"]["comment"] for e in stream.next_events(1)] == [three.pk]


def test_a_moderators_approval_reaches_open_pages(live, article):
    thread = thread_of(article)
    Thread.objects.filter(pk=thread.pk).update(premoderated=True)
    with live.stream(events_path(thread.pk)) as stream:
        held = post(article, "Held for a moderator.")
        actions.decide(
            comment_ids=[held.pk], decision="approve", moderator=UserFactory(is_superuser=True)
        )
        assert kinds(stream.next_events(1)) == [comment_event(held, 1)]


def test_a_re_anchoring_by_the_worker_redraws_the_comments_whose_passage_went(live, article):
    inline = inline_article()
    gone = post_on(inline, exact="they had argued")
    moved = post_on(inline, exact="leaving the restaurant", token="t-2")
    # Both read by the server before the stream opens (a fresh stream gets what it reads next).
    _wait_for(lambda: _read_by_the_server(live, moved))
    raw = [dict(block) for block in inline.body.raw_data]
    raw[0]["value"] = (
        "<p>Update: The couple were seen leaving the restaurant. No one knows more.</p>"
    )
    inline.body = json.dumps(raw)

    with live.stream(events_path(gone.thread_id)) as stream:
        # Publishing queues the re-anchoring task, which the tests' backend runs at once.
        publish(inline)
        [redrawn] = stream.next_events(1)
        later = post(inline, "And now?", token="t-3")
        [following] = stream.next_events(1)

    assert kinds([redrawn]) == [("edit", {"thread": gone.thread_id, "comment": gone.pk})]
    # The moved comment quotes the same words as before: nothing to draw again.
    assert Anchor.objects.get(comment=moved).state == "moved"
    assert following["data"]["comment"] == later.pk


def test_the_stream_answers_keep_alives_and_a_retry_hint(live, article, monkeypatch):
    from byline.discussion.live import fanout

    monkeypatch.setattr(fanout, "KEEP_ALIVE_SECONDS", 0.05)
    with live.stream(events_path(thread_of(article).pk)) as stream:
        assert stream.response.readline() == b"retry: 3000\n"
        stream.response.readline()
        assert stream.response.readline() == b": keep-alive\n"


def test_a_closed_connection_is_forgotten_at_once(live, article):
    thread = thread_of(article)
    stream = live.stream(events_path(thread.pk))
    hub = live.app.hub
    _wait_for(lambda: hub.stream_count() == 1)

    stream.close()

    _wait_for(lambda: hub.stream_count() == 0)
    assert thread.pk not in hub.channels


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/threads/999999/events", {}, 404),
        ("/threads/abc/events", {}, 400),
        ("/threads/-1/events", {}, 400),
        ("/threads/1e3/events", {}, 400),
        ("/threads/" + "9" * 30 + "/events", {}, 400),
        ("/nothing/here", {}, 404),
        ("/threads/{thread}/events", {"Last-Event-ID": "not-an-id"}, 400),
        ("/threads/{thread}/events", {"Last-Event-ID": "9" * 5000}, 400),
        ("/threads/{thread}/events?last_event_id=%00%ff", {}, 400),
        ("/threads/{thread}/events?last_event_id=" + "1" * 70, {}, 400),
        ("/threads/{thread}/events?" + "x=1&" * 600, {}, 400),
    ],
)
def test_hostile_requests_get_a_clear_answer(live, article, path, headers, status):
    response = live.request("GET", path.format(thread=thread_of(article).pk), **headers)

    assert response.status == status
    assert response.headers["Content-Type"].startswith("text/plain")
    assert 0 < len(response.read()) < 100


def test_the_health_check_counts_open_streams(live, article):
    with live.stream(events_path(thread_of(article).pk)):
        response = live.request("GET", "/healthz")

        assert response.status == 200
        assert json.loads(response.read()) == {"status": "ok", "streams": 1}


def test_other_methods_are_refused(live, article):
    response = live.request("POST", events_path(thread_of(article).pk))

    assert response.status == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_a_thread_of_an_unpublished_article_has_no_stream(live, article):
    thread = thread_of(article)
    article.unpublish()

    assert live.request("GET", events_path(thread.pk)).status == 404


def test_only_the_sites_own_pages_may_read_streams_from_a_browser(live, article, settings):
    path = events_path(thread_of(article).pk)
    own = settings.BYLINE_BASE_URL

    with live.stream(path, Origin=own) as stream:
        assert stream.headers["Access-Control-Allow-Origin"] == own
    with live.stream(path, Origin="https://elsewhere.example") as stream:
        assert "Access-Control-Allow-Origin" not in stream.headers
    preflight = live.request("OPTIONS", path, Origin=own)
    assert preflight.status == 204
    assert "Last-Event-ID" in preflight.headers["Access-Control-Allow-Headers"]


def test_two_live_servers_both_deliver_a_comment_posted_through_the_web_app(
    live_store, article, client
):
    thread = thread_of(article)
    path = events_path(thread.pk)
    with (
        live_server_thread(live_store) as one,
        live_server_thread(live_store) as two,
        one.stream(path) as first,
        two.stream(path) as second,
    ):
        _post_through_the_form(client, article)

        assert [e["data"]["count"] for e in first.next_events(1)] == [1]
        assert [e["data"]["count"] for e in second.next_events(1)] == [1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="processes share a database server")
def test_two_live_processes_both_deliver_a_comment_posted_through_the_web_app(
    live_store, article, client, settings
):
    database = connection.settings_dict
    env = {
        "DJANGO_SETTINGS_MODULE": "byline.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}"
            f"@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "LIVE_EVENTS_KEY_PREFIX": settings.LIVE_EVENTS_KEY_PREFIX,
    }
    thread = thread_of(article)
    path = events_path(thread.pk)
    with (
        live_server_process(env) as one,
        live_server_process(env) as two,
        one.stream(path) as first,
        two.stream(path) as second,
    ):
        _post_through_the_form(client, article)

        assert [e["event"] for e in first.next_events(1)] == ["comment"]
        assert [e["event"] for e in second.next_events(1)] == ["comment"]


def _post_through_the_form(client, article) -> None:
    form = {"name": "Maya Reader", "email": "maya@example.org", "body": "Live!", **trap_fields()}
    response = client.post(f"/comments/on/{article.pk}/post/", form)
    assert response.status_code == 302


def _order(event_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in event_id.split("-"))


def _read_by_the_server(live, comment) -> bool:
    recent = live.app.hub.recent.get(comment.thread_id)
    return recent is not None and any(e.data.get("comment") == comment.pk for e in recent.events)


def _wait_for(condition) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.02)
