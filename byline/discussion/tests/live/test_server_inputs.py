"""Whatever a client sends to the live server's address, it answers 200, 400, 404 or 405, never
a 500: the ASGI application called directly with generated requests."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from byline.discussion.live.server import LiveServer
from byline.discussion.live.stores import ORIGIN, Position, database_position, redis_position
from tests.event_loops import run_apart

KNOWN_THREAD = 7


class QuietStore:
    """A store with no events, reading ids as the real store of ``kind`` does."""

    blocks = False

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def position(self, event_id: str) -> Position:
        return (redis_position if self.kind == "redis" else database_position)(event_id)

    def head(self) -> Position:
        return ORIGIN

    def after(self, position: Position, *, wait: float):
        return [], position

    def since(self, thread_id: int, position: Position):
        return []

    def reset_if_forgotten(self, thread_id: int, position: Position):
        return None

    def trim(self) -> None:
        pass


def answer(kind: str, method: str, path: str, headers: list[tuple[bytes, bytes]], query: bytes):
    """The status and headers the application answers with (the client leaves at once)."""

    async def run():
        app = LiveServer(QuietStore(kind), allowed_origin="https://news.example")

        async def thread_exists(thread_id: int) -> bool:
            return thread_id == KNOWN_THREAD

        app.hub.thread_exists = thread_exists  # type: ignore[method-assign]
        sent = []
        messages = iter([{"type": "http.request", "body": b"", "more_body": False}])

        async def receive():
            return next(messages, {"type": "http.disconnect"})

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http", "method": method, "path": path, "root_path": "",
            "query_string": query, "headers": headers,
        }  # fmt: skip
        await asyncio.wait_for(app(scope, receive, send), timeout=5)
        await app.hub.stop()
        return sent[0]["status"], dict(sent[0]["headers"])

    return run_apart(run())


segments = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=30),
    st.just(str(KNOWN_THREAD)),
)
event_ids = st.one_of(
    st.binary(max_size=100),
    st.text(alphabet="0123456789-", max_size=50).map(str.encode),
    st.integers(min_value=0, max_value=2**70).map(lambda n: f"{n}-{n}".encode()),
)


@pytest.mark.parametrize("kind", ["database", "redis"])
@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    segment=segments,
    last_event_id=st.one_of(st.none(), event_ids),
    query=st.binary(max_size=200),
    method=st.sampled_from(["GET", "HEAD", "OPTIONS", "POST", "DELETE"]),
)
def test_no_request_makes_the_server_fail(kind, segment, last_event_id, query, method):
    path = f"/threads/{quote(segment, safe='')}/events"
    headers = [] if last_event_id is None else [(b"last-event-id", last_event_id)]

    status, response_headers = answer(kind, method, path, headers, query)

    assert status in {200, 204, 400, 404, 405}
    if status == 200:
        assert response_headers[b"content-type"].startswith(b"text/event-stream")


@pytest.mark.parametrize("kind", ["database", "redis"])
@given(query=st.binary(max_size=300))
@hypothesis_settings(max_examples=100, deadline=None)
def test_any_query_string_is_read_or_refused(kind, query):
    status, _ = answer(kind, "GET", f"/threads/{KNOWN_THREAD}/events", [], query)

    assert status in {200, 400}


@pytest.mark.parametrize(
    ("kind", "event_id", "status"),
    [
        ("database", b"123", 200),
        ("database", b"123-0", 400),
        ("database", b"9" * 19, 400),
        ("redis", b"1700000000000-3", 200),
        ("redis", b"123", 400),
        ("redis", b"99999999999999999999-0", 400),
        ("redis", b"1-2-3", 400),
    ],
)
def test_event_ids_are_those_of_the_store(kind, event_id, status):
    headers = [(b"last-event-id", event_id)]

    assert answer(kind, "GET", f"/threads/{KNOWN_THREAD}/events", headers, b"")[0] == status


def test_a_store_that_cannot_answer_is_a_503_with_a_retry():
    async def run():
        app = LiveServer(QuietStore("database"), allowed_origin="https://news.example")

        async def thread_exists(thread_id: int) -> bool:
            raise ConnectionError("the database went away")

        app.hub.thread_exists = thread_exists  # type: ignore[method-assign]
        sent = []

        async def receive():
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http", "method": "GET", "path": f"/threads/{KNOWN_THREAD}/events",
            "root_path": "", "query_string": b"", "headers": [],
        }  # fmt: skip
        await app(scope, receive, send)
        await app.hub.stop()
        return sent[0]["status"], dict(sent[0]["headers"])

    status, headers = run_apart(run())

    assert status == 503
    assert headers[b"retry-after"] == b"5"
