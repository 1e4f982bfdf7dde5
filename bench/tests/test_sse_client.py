"""The live benchmark's stream client: chunked framing, event parsing, and reconnection."""

from __future__ import annotations

import asyncio

from hypothesis import given
from hypothesis import strategies as st

from bench.sse_client import ChunkedDecoder, StreamPool, parse_event
from tests.event_loops import run_apart


def chunked(body: bytes, sizes: list[int]) -> bytes:
    """``body`` in chunks of the given sizes (the rest in one), then the last chunk."""
    out, rest = bytearray(), body
    for size in sizes:
        if not rest:
            break
        piece, rest = rest[: max(1, size)], rest[max(1, size) :]
        out += f"{len(piece):x};ext=1\r\n".encode() + piece + b"\r\n"
    if rest:
        out += f"{len(rest):X}\r\n".encode() + rest + b"\r\n"
    return bytes(out + b"0\r\n\r\n")


@given(
    body=st.binary(min_size=0, max_size=400),
    sizes=st.lists(st.integers(1, 50), max_size=10),
    cuts=st.lists(st.integers(1, 30), max_size=40),
)
def test_a_chunked_body_comes_out_whole_however_the_network_cuts_it(body, sizes, cuts):
    wire = chunked(body, sizes)
    decoder, out, at = ChunkedDecoder(), bytearray(), 0
    for cut in [*cuts, len(wire)]:
        out += decoder.feed(wire[at : at + cut])
        at += cut
    out += decoder.feed(wire[at:])

    assert bytes(out) == body
    assert decoder.ended


@given(st.binary(max_size=200))
def test_garbage_framing_is_refused_with_a_value_error_or_decoded_within_its_length(garbage):
    try:
        body = ChunkedDecoder().feed(garbage)
    except ValueError:
        return
    assert len(body) <= len(garbage)


def test_an_event_block_reads_as_the_sse_format_says():
    event = parse_event(1.0, b'id: 42\nevent: comment\ndata: {"comment": 7}\n: note')

    assert (event.id, event.type, event.json()) == ("42", "comment", {"comment": 7})
    assert parse_event(1.0, b": keep-alive") is None
    assert parse_event(1.0, b"data:a\ndata:b").data == "a\nb"
    assert parse_event(1.0, b"event: x\ndata: [1]").json() == {}


async def serve_events(received_ids: list[str]):
    """An event stream that sends two events, closes, and on reconnection sends what follows
    the ``Last-Event-ID`` it is given."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        last = ""
        for line in head.decode().split("\r\n"):
            if line.lower().startswith("last-event-id:"):
                last = line.split(":", 1)[1].strip()
        received_ids.append(last)
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
            b"transfer-encoding: chunked\r\n\r\n"
        )
        start = int(last or 0) + 1
        for number in range(start, start + 2):
            event = f'id: {number}\nevent: comment\ndata: {{"comment": {number}}}\n\n'.encode()
            writer.write(chunked(b": ping\n\n" + event, [5]).removesuffix(b"0\r\n\r\n"))
        await writer.drain()
        if not last:
            writer.close()  # the first connection drops after two events
            return
        await asyncio.sleep(30)

    return await asyncio.start_server(handle, "127.0.0.1", 0)


def test_streams_read_events_and_catch_up_after_a_drop():
    received_ids: list[str] = []

    async def scenario():
        server = await serve_events(received_ids)
        port = server.sockets[0].getsockname()[1]
        pool = StreamPool("127.0.0.1", port, "/threads/1/events")
        await pool.open(3)
        for _ in range(200):
            if all(len(r.events()) >= 4 for r in pool.records):
                break
            await asyncio.sleep(0.01)
        await pool.close()
        server.close()
        return pool.records

    records = run_apart(scenario())

    for record in records:
        assert [e.id for e in record.events()] == ["1", "2", "3", "4"]
        assert record.reconnections == 1
        assert record.opened and not record.failure
    assert sorted(received_ids) == ["", "", "", "2", "2", "2"]
