"""Many Server-Sent Event streams in one asyncio process, on raw sockets, for bench/live.py.

Each stream is an ``asyncio.Protocol``: the hot path (``data_received``) only undoes HTTP's
chunked framing and cuts the body at the blank line that ends each event, stamping it with the
wall-clock time it arrived; the events are parsed after the run, so that ten thousand streams
on the benchmark's own two cores spend as little as possible between a byte arriving and its
time being taken. A stream that the server closes reconnects at once with ``Last-Event-ID``,
as a browser's EventSource does, and counts the reconnection.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from dataclasses import dataclass, field


class ChunkedDecoder:
    """Undo ``Transfer-Encoding: chunked`` incrementally; ``feed`` returns the body bytes."""

    def __init__(self) -> None:
        self.pending = bytearray()
        self.remaining = 0  # bytes of the current chunk not yet seen
        self.after_chunk = False  # a chunk's closing CRLF is due
        self.ended = False

    def feed(self, data: bytes) -> bytes:
        self.pending += data
        body = bytearray()
        while not self.ended:
            if self.remaining:
                taken = self.pending[: self.remaining]
                body += taken
                del self.pending[: len(taken)]
                self.remaining -= len(taken)
                if self.remaining:
                    break
                self.after_chunk = True
            if self.after_chunk:
                if len(self.pending) < 2:
                    break
                if self.pending[:2] != b"\r\n":
                    raise ValueError("a chunk does not end with CRLF")
                del self.pending[:2]
                self.after_chunk = False
            end = self.pending.find(b"\r\n")
            if end < 0:
                if len(self.pending) > 1024:
                    raise ValueError("a chunk size line is too long")
                break
            size_text = bytes(self.pending[:end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise ValueError(f"not a chunk size: {size_text[:20]!r}") from None
            if size < 0:
                raise ValueError("a negative chunk size")
            del self.pending[: end + 2]
            if size == 0:
                self.ended = True
            self.remaining = size
        return bytes(body)


@dataclass
class Event:
    """One event as a stream received it: its id, type, data, and the wall-clock arrival."""

    arrived: float
    id: str
    type: str
    data: str

    def json(self) -> dict:
        try:
            value = json.loads(self.data)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


def parse_event(arrived: float, block: bytes) -> Event | None:
    """One event block (the lines before a blank line) as the SSE format reads it; a block of
    comments only (``: keep-alive``) is no event."""
    event_id, event_type, data = "", "message", []
    seen_field = False
    for raw in block.decode("utf-8", "replace").replace("\r\n", "\n").split("\n"):
        if not raw or raw.startswith(":"):
            continue
        name, _, value = raw.partition(":")
        value = value[1:] if value.startswith(" ") else value
        seen_field = True
        if name == "id":
            event_id = value
        elif name == "event":
            event_type = value
        elif name == "data":
            data.append(value)
    if not seen_field or (not data and event_type == "message"):
        return None
    return Event(arrived=arrived, id=event_id, type=event_type, data="\n".join(data))


@dataclass
class StreamRecord:
    """What one stream saw: the raw event blocks with their arrival, and its connections."""

    blocks: list[tuple[float, bytes]] = field(default_factory=list)
    opened: bool = False
    failure: str = ""
    reconnections: int = 0

    @property
    def last_event_id(self) -> str:
        """The id of the last event received, for ``Last-Event-ID`` on reconnection: found when
        needed, so that the hot path never parses."""
        for arrived, block in reversed(self.blocks):
            event = parse_event(arrived, block)
            if event is not None and event.id:
                return event.id
        return ""

    def events(self) -> list[Event]:
        parsed = (parse_event(arrived, block) for arrived, block in self.blocks)
        return [event for event in parsed if event is not None]


class EventStream(asyncio.Protocol):
    """One HTTP connection reading an event stream into a ``StreamRecord``."""

    def __init__(self, record: StreamRecord, request: bytes, opened: asyncio.Future) -> None:
        self.record = record
        self.request = request
        self.opened = opened
        self.head = bytearray()
        self.in_body = False
        self.decoder: ChunkedDecoder | None = None
        self.buffer = bytearray()
        self.closed: asyncio.Future = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        arrived = time.time()
        if not self.in_body:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            data = bytes(self.head[end + 4 :])
            self.start_body(bytes(self.head[:end]))
            if not self.in_body:
                return
        if self.decoder is not None:
            try:
                data = self.decoder.feed(data)
            except ValueError as error:
                self.fail(f"bad chunked body: {error}")
                return
        self.buffer += data
        while (end := self.buffer.find(b"\n\n")) >= 0:
            block = bytes(self.buffer[:end])
            del self.buffer[: end + 2]
            self.record.blocks.append((arrived, block))

    def start_body(self, head: bytes) -> None:
        lines = head.decode("latin-1").split("\r\n")
        status = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if len(status) < 2 or status[1] != "200":
            self.fail(f"HTTP {' '.join(status[1:])}")
            return
        if not headers.get("content-type", "").startswith("text/event-stream"):
            self.fail(f"not an event stream: {headers.get('content-type', 'no content type')}")
            return
        if "chunked" in headers.get("transfer-encoding", "").lower():
            self.decoder = ChunkedDecoder()
        self.in_body = True
        self.record.opened = True
        self.record.failure = ""
        if not self.opened.done():
            self.opened.set_result(True)

    def fail(self, reason: str) -> None:
        self.record.failure = reason
        if not self.opened.done():
            self.opened.set_result(False)
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc) -> None:
        if not self.opened.done():
            self.opened.set_result(False)
            self.record.failure = self.record.failure or f"closed before the headers: {exc}"
        if not self.closed.done():
            self.closed.set_result(None)


def request_for(host: str, port: int, path: str, last_event_id: str = "") -> bytes:
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Accept: text/event-stream",
        "Cache-Control: no-cache",
        "X-Forwarded-Proto: https",
    ]
    if last_event_id:
        lines.append(f"Last-Event-ID: {last_event_id}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@dataclass
class StreamPool:
    """``count`` streams to one URL path, kept open (and reopened) until ``close``."""

    host: str
    port: int
    path: str
    records: list[StreamRecord] = field(default_factory=list)
    tasks: list[asyncio.Task] = field(default_factory=list)
    stopping: bool = False

    async def open(self, count: int, *, concurrency: int = 200, timeout: float = 120) -> float:
        """Open ``count`` streams, ``concurrency`` connections at a time; return the seconds it
        took until every one had its response headers (or failed)."""
        started = time.monotonic()
        gate = asyncio.Semaphore(concurrency)
        ready = []
        for _ in range(count):
            record = StreamRecord()
            self.records.append(record)
            opened = asyncio.get_running_loop().create_future()
            ready.append(opened)
            self.tasks.append(asyncio.create_task(self.keep_open(record, opened, gate)))
        try:
            await asyncio.wait_for(asyncio.gather(*ready), timeout)
        except TimeoutError:
            for record in self.records:
                if not record.opened and not record.failure:
                    record.failure = f"not open after {timeout:.0f} s"
        return time.monotonic() - started

    async def keep_open(self, record: StreamRecord, opened, gate: asyncio.Semaphore) -> None:
        loop = asyncio.get_running_loop()
        first = True
        while not self.stopping:
            request = request_for(self.host, self.port, self.path, record.last_event_id)
            signal = opened if first else loop.create_future()
            transport = None
            try:
                async with gate if first else _nothing():
                    transport, protocol = await loop.create_connection(
                        functools.partial(EventStream, record, request, signal),
                        self.host,
                        self.port,
                    )
                    await signal
                first = False
                await protocol.closed
            except OSError as error:
                if not signal.done():
                    signal.set_result(False)
                record.failure = f"connect: {error.strerror or error}"
                if first:
                    return
                await asyncio.sleep(0.5)
                continue
            finally:
                if transport is not None and (self.stopping or record.failure):
                    transport.close()
            if self.stopping or record.failure:
                return
            record.reconnections += 1

    async def close(self) -> None:
        self.stopping = True
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)


class _nothing:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc) -> None:
        return None
