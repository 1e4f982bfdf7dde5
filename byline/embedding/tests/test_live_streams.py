"""The live server, as configured, lets the pages of the sites editors allowed read a thread's
events from a browser: their origin echoed, never credentials, and no other site's."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from byline.discussion.models import Thread
from byline.discussion.tests.factories import post
from byline.discussion.tests.live.streaming import live_server_thread
from byline.embedding.models import AllowedOrigin
from byline.embedding.tests.conftest import BLOG

# The live server reads what the test committed, from its own threads.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(live_store):
    with live_server_thread(live_store) as running:
        yield running


@pytest.fixture
def live_store(settings):
    from byline.discussion.live import stores

    settings.REDIS_URL = ""
    return stores.current()


def events_path(page: Page) -> str:
    return f"/threads/{Thread.objects.for_page(page).pk}/events"


def test_an_allowed_sites_page_reads_its_threads_events(live, external):
    path = events_path(external)

    with live.stream(path, Origin=BLOG) as stream:
        assert stream.status == 200
        assert stream.headers["Access-Control-Allow-Origin"] == BLOG
        assert stream.headers["Vary"] == "Origin"
        assert "Access-Control-Allow-Credentials" not in stream.headers
        comment = post(external, "Read on the blog, live.")
        [event] = stream.next_events(1)
    assert (event["event"], event["data"]["comment"]) == ("comment", comment.pk)


def test_the_preflight_of_an_allowed_site_is_answered_for_it(live, external):
    preflight = live.request("OPTIONS", events_path(external), Origin=BLOG)

    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == BLOG
    assert "Last-Event-ID" in preflight.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight.headers


@pytest.mark.parametrize(
    "origin",
    [
        "https://elsewhere.example.org",
        BLOG + ":8443",
        "http://blog.example.org",
        BLOG.upper(),
        BLOG + "/",
        "null",
    ],
)
def test_no_other_origin_is_echoed(live, external, origin):
    answer = live.request("GET", "/threads/0/events", Origin=origin)

    assert answer.status == 404
    assert "Access-Control-Allow-Origin" not in answer.headers
    assert answer.headers["Vary"] == "Origin"


def test_a_site_an_editor_turns_off_loses_the_streams(live, external, monkeypatch):
    from byline.discussion.live import origins

    monkeypatch.setattr(origins, "ANSWER_SECONDS", 0.0)  # no waiting for an answer to age
    path = events_path(external)
    assert live.request("HEAD", path, Origin=BLOG).headers["Access-Control-Allow-Origin"] == BLOG

    site = AllowedOrigin.objects.get(origin=BLOG)
    site.enabled = False
    site.save()
    answer = live.request("HEAD", path, Origin=BLOG)

    assert answer.status == 200
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_byline_still_reads_its_own_streams(live, external, settings):
    own = settings.BYLINE_BASE_URL

    answer = live.request("HEAD", events_path(external), Origin=own)

    assert answer.headers["Access-Control-Allow-Origin"] == own


asked_in: list[str] = []


def recording_check(origin: str) -> bool:
    """A check that notes the thread it runs in."""
    import threading

    asked_in.append(threading.current_thread().name)
    return origin == BLOG


def test_the_check_runs_off_the_event_loop(live_store, external, settings):
    """The check may read the database: it runs in the hub's look-up thread, as the thread
    look-ups do, never on the loop that serves every stream."""
    settings.LIVE_EVENTS_ORIGIN_CHECK = f"{__name__}.recording_check"
    asked_in.clear()
    with live_server_thread(live_store) as live:
        answer = live.request("HEAD", events_path(external), Origin=BLOG)

    assert answer.headers["Access-Control-Allow-Origin"] == BLOG
    assert [name.startswith("live-lookup") for name in asked_in] == [True]
