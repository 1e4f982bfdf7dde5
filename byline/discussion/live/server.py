"""The live server: a small ASGI application serving each thread's events as Server-Sent Events.

``GET /threads/<thread id>/events`` opens a thread's stream (``/healthz`` says whether the
process follows its store, and how many streams it holds). A reader who reconnects sends the
last event id it received (the ``Last-Event-ID`` header, which browsers send by themselves, or
``?last_event_id=`` for clients that cannot set headers; the header wins, since a browser's
automatic reconnection keeps the first address) and gets every event after it, in order, once;
a fresh stream gets the events from now on. An id that is not one of the store's is a 400, a
thread that readers cannot reach a 404.

No Django request, middleware or view runs per stream: an open stream is a coroutine, a
``fanout.Listener`` and the server's connection, a few kilobytes. Browsers may open streams
from the site's own pages (CORS for ``BYLINE_BASE_URL``'s origin) and from the pages of the
other sites ``LIVE_EVENTS_ORIGIN_CHECK`` allows (the embed; see ``origins``), never with
credentials: a stream is public, and its events carry ids only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.conf import settings

from byline.discussion.live import events
from byline.discussion.live.fanout import Hub, Listener
from byline.discussion.live.origins import Check, Origins, configured_check
from byline.discussion.live.stores import BadEventId, EventStore, Position

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_PATH = re.compile(r"\A/threads/([^/]{1,40})/events/?\Z")
_THREAD_ID = re.compile(r"\A[0-9]{1,18}\Z")
LONGEST_EVENT_ID = 64
LONGEST_QUERY = 1024


class LiveServer:
    """The ASGI application (see the module's docstring)."""

    def __init__(
        self,
        store: EventStore,
        *,
        allowed_origin: str | None = None,
        origin_check: Check | None = None,
        thread_initializer: Callable[[], None] | None = None,
    ) -> None:
        """``allowed_origin`` is the site's own (``BYLINE_BASE_URL``'s by default);
        ``origin_check`` allows others (the one ``LIVE_EVENTS_ORIGIN_CHECK`` names by default)."""
        self.store = store
        self.hub = Hub(store, initializer=thread_initializer)
        self.allowed_origin = allowed_origin or _origin_of(settings.BYLINE_BASE_URL)
        self.origins = Origins(
            self.allowed_origin, origin_check or configured_check(), self.hub.lookup
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await self.hub.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.hub.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        if path == "/healthz":
            return await self._health(send)
        cors = await self._cors_headers(scope)
        match = _PATH.match(path)
        if match is None:
            return await _answer(send, 404, "No such stream.", cors)
        if scope["method"] == "OPTIONS":
            return await _answer(send, 204, "", [*cors, *_PREFLIGHT])
        if scope["method"] not in ("GET", "HEAD"):
            return await _answer(send, 405, "Streams are read with GET.", [*cors, _ALLOW])
        if not _THREAD_ID.match(match[1]):
            return await _answer(send, 400, "The thread id must be a number.", cors)
        try:
            resume_from = self._resume_from(scope)
        except BadEventId as error:
            return await _answer(send, 400, str(error), cors)
        await self.hub.start()
        try:
            exists = await self.hub.thread_exists(int(match[1]))
        except Exception:
            logger.exception("Cannot tell whether thread %s exists.", match[1])
            retry = [*cors, (b"retry-after", b"5")]
            return await _answer(send, 503, "Live updates are briefly unavailable.", retry)
        if not exists:
            return await _answer(send, 404, "No such thread.", cors)
        if scope["method"] == "HEAD":
            return await _answer(send, 200, "", [*cors, *_STREAM_HEADERS], body=False)
        await self._stream(int(match[1]), resume_from, receive, send, cors)

    async def _health(self, send: Send) -> None:
        """For service managers and load balancers: whether the fan-out reads its store, and
        how many streams this process holds."""
        started = self.hub.started is not None and self.hub.started.is_set()
        body = json.dumps(
            {"status": "ok" if started else "starting", "streams": self.hub.stream_count()}
        )
        headers = [(b"content-type", b"application/json"), (b"cache-control", b"no-store")]
        await send(
            {"type": "http.response.start", "status": 200 if started else 503, "headers": headers}
        )
        await send({"type": "http.response.body", "body": body.encode()})

    def _resume_from(self, scope: Scope) -> Position | None:
        """The position after which the reader wants events; None for a fresh stream."""
        event_id = ""
        for name, value in scope["headers"]:
            if name == b"last-event-id":
                event_id = value.decode("latin-1")
        if not event_id:
            event_id = _query_event_id(scope.get("query_string", b""))
        if not event_id:
            return None
        if len(event_id) > LONGEST_EVENT_ID:
            raise BadEventId("That event id is too long.")
        return self.store.position(event_id.strip())

    async def _stream(
        self,
        thread_id: int,
        resume_from: Position | None,
        receive: Receive,
        send: Send,
        cors: list[tuple[bytes, bytes]],
    ) -> None:
        # Join before catching up: an event committed meanwhile is then in the listener, and
        # the positions decide which of the two copies is sent.
        listener, joined_at = self.hub.join(thread_id), self.hub.cursor
        disconnect = asyncio.ensure_future(_disconnected(receive))
        disconnect.add_done_callback(lambda _: listener.close())
        try:
            await send({
                "type": "http.response.start", "status": 200,
                "headers": [*cors, *_STREAM_HEADERS],
            })  # fmt: skip
            await _body(send, events.RETRY)
            # A fresh stream starts where the process has read to: what it read before is old.
            sent = joined_at if resume_from is None else resume_from
            if resume_from is not None:
                sent = await self._send(send, await self.hub.missed(thread_id, resume_from), sent)
            await self._follow(listener, send, sent)
        except OSError:
            pass  # the connection went while writing
        except Exception:
            # The store failed a catch-up: end the stream; the browser comes back for it.
            logger.exception("A stream of thread %s failed.", thread_id)
        finally:
            self.hub.leave(listener)
            disconnect.cancel()
            with contextlib.suppress(BaseException):
                await disconnect

    async def _follow(self, listener: Listener, send: Send, sent: Position) -> None:
        while not listener.closed:
            if await listener.wait():
                # Whatever was read since the last write, in one chunk.
                data, sent = listener.take_wire(sent)
                if data and not listener.closed:
                    await _body(send, data)
            else:
                await _body(send, events.KEEP_ALIVE)
        # Closed: by the reader, by the server stopping, or because the reader fell too far
        # behind; in the last two cases the browser reconnects and catches up.
        with contextlib.suppress(OSError):
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    @staticmethod
    async def _send(send: Send, batch: list[events.Event], sent: Position) -> Position:
        """Write the events after ``sent``; return the position of the last one written."""
        fresh = [event for event in batch if event.position > sent]
        if fresh:
            await _body(send, b"".join(event.wire for event in fresh))
            return fresh[-1].position
        return sent

    async def _cors_headers(self, scope: Scope) -> list[tuple[bytes, bytes]]:
        # The answer differs by Origin, so no cache on the way may give one origin's to another.
        headers = [(b"vary", b"Origin")]
        for name, value in scope["headers"]:
            if name == b"origin" and await self.origins.allows(value.decode("latin-1")):
                headers.append((b"access-control-allow-origin", value))
        return headers


_STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-store"),
    # nginx passes each event on at once instead of buffering the response.
    (b"x-accel-buffering", b"no"),
]
_PREFLIGHT = [
    (b"access-control-allow-methods", b"GET"),
    (b"access-control-allow-headers", b"Last-Event-ID, Cache-Control"),
    (b"access-control-max-age", b"86400"),
]
_ALLOW = (b"allow", b"GET, HEAD, OPTIONS")


async def _answer(
    send: Send, status: int, text: str, headers: list[tuple[bytes, bytes]], *, body: bool = True
) -> None:
    content = (text + "\n").encode() if text and body else b""
    kind = [(b"content-type", b"text/plain; charset=utf-8")] if content else []
    if not any(name == b"content-type" for name, _ in headers):
        headers = [*headers, *kind]
    if body:
        headers = [*headers, (b"content-length", str(len(content)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def _query_event_id(query: bytes) -> str:
    """``?last_event_id=``, for clients that cannot set the header; "" without one."""
    if len(query) > LONGEST_QUERY:
        raise BadEventId("The query string is too long.")
    try:
        fields = parse_qs(query.decode("latin-1"), encoding="latin-1", max_num_fields=10)
    except ValueError:
        raise BadEventId("The query string has too many fields.") from None
    values = fields.get("last_event_id")
    return values[-1] if values else ""


async def _disconnected(receive: Receive) -> None:
    """Return when the reader has gone (the request's own empty body comes first)."""
    while (await receive())["type"] != "http.disconnect":
        pass


async def _body(send: Send, data: bytes) -> None:
    await send({"type": "http.response.body", "body": data, "more_body": True})


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
