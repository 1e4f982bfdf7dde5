"""The documented nginx configuration's live location: event streams pass through unbuffered.

The live server here is a stand-in that speaks the stream's HTTP (the live server's own
tests cover what it sends); what is tested is nginx with deploy/nginx/byline-live.conf.
"""

from __future__ import annotations

import socket
import threading

import pytest

from byline.pagecache import nginx
from byline.pagecache.tests.test_nginx import free_port, wait_for_port

pytestmark = pytest.mark.skipif(
    nginx.nginx_binary() is None or nginx.purge_module() is None,
    reason="needs nginx and libnginx-mod-http-cache-purge (installed by .ci/run)",
)


def event(number: int) -> bytes:
    """One event in one HTTP chunk, as a live server writes it."""
    body = f'id: {number}\nevent: comment\ndata: {{"comment": {number}}}\n\n'.encode()
    return f"{len(body):x}\r\n".encode() + body + b"\r\n"


class StandInLiveServer:
    """Answers one event stream: the first event at once, the second when told, then holds
    the connection open until the test ends."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.request_head = b""
        self.send_second = threading.Event()
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            while b"\r\n\r\n" not in self.request_head:
                self.request_head += connection.recv(4096)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                b"Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n" + event(1)
            )
            self.send_second.wait(10)
            connection.sendall(event(2))
            self.finished.wait(10)

    def close(self) -> None:
        self.send_second.set()
        self.finished.set()
        self.listener.close()
        self.thread.join(timeout=5)


@pytest.fixture
def live_through_nginx(tmp_path):
    upstream = StandInLiveServer()
    local = nginx.render(
        tmp_path, app_port=free_port(), port=free_port(), purge_port=free_port(),
        live_port=upstream.port,
    )  # fmt: skip
    process = nginx.start(local)
    try:
        wait_for_port(local.port)
        yield upstream, local.port
    finally:
        upstream.close()
        process.terminate()
        process.wait(timeout=10)


def read_until(stream: socket.socket, received: bytearray, marker: bytes) -> None:
    """Read until ``marker`` arrived; a buffering proxy would hold it back until the timeout."""
    while marker not in received:
        data = stream.recv(4096)
        assert data, "nginx closed the stream"
        received += data


def test_the_configuration_with_the_live_location_passes_nginx_t(tmp_path):
    local = nginx.render(
        tmp_path, app_port=free_port(), port=free_port(), purge_port=free_port(),
        live_port=free_port(),
    )  # fmt: skip

    result = nginx.check(local.conf)

    assert result.returncode == 0, result.stderr
    assert "location /live/" in local.conf.read_text()


def test_each_event_reaches_the_reader_while_the_stream_stays_open(live_through_nginx):
    upstream, port = live_through_nginx
    with socket.create_connection(("127.0.0.1", port), timeout=5) as reader:
        reader.sendall(
            b"GET /live/threads/5/events HTTP/1.1\r\nHost: news.example.org\r\n"
            b"Accept: text/event-stream\r\nLast-Event-ID: 41\r\n\r\n"
        )
        received = bytearray()

        read_until(reader, received, b"id: 1\n")
        upstream.send_second.set()
        read_until(reader, received, b"id: 2\n")

    head = bytes(received).split(b"\r\n\r\n", 1)[0].decode().lower()
    assert head.startswith("http/1.1 200")
    assert "cache-control: no-store" in head
    assert "x-proxy-cache" not in head
    asked = upstream.request_head.decode().lower()
    assert asked.startswith("get /threads/5/events http/1.1")
    assert "last-event-id: 41" in asked
