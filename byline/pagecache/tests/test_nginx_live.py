"""The documented nginx configuration's live location: event streams pass through unbuffered.

The live server here is a stand-in that speaks the stream's HTTP (the live server's own
tests cover what it sends); what is tested is nginx with deploy/nginx/byline-live.conf.
"""

from __future__ import annotations

import re
import socket
import threading

import pytest

from byline.pagecache import nginx
from byline.pagecache.tests.test_nginx import free_port, wait_for_port

pytestmark = pytest.mark.skipif(
    nginx.nginx_binary() is None or nginx.purge_module() is None,
    reason="needs nginx and libnginx-mod-http-cache-purge (installed by .ci/run)",
)


LIVE_CONF = nginx.DEPLOY_DIR / "byline-live.conf"


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


class HoldingLiveServer:
    """Accepts every connection and answers each request with a stream's head, then holds it."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.held.append(connection)
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()

    @staticmethod
    def answer(connection: socket.socket) -> None:
        head = b""
        try:
            while b"\r\n\r\n" not in head:
                head += connection.recv(4096)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n" + event(1)
            )
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def holding_nginx(tmp_path):
    upstream = HoldingLiveServer()
    local = nginx.render(
        tmp_path, app_port=free_port(), port=free_port(), purge_port=free_port(),
        live_port=upstream.port,
    )  # fmt: skip
    process = nginx.start(local)
    try:
        wait_for_port(local.port)
        yield local.port
    finally:
        upstream.close()
        process.terminate()
        process.wait(timeout=10)


def ask(port: int, path: str, *, source: str = "127.0.0.1") -> socket.socket:
    reader = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    reader.sendall(f"GET {path} HTTP/1.1\r\nHost: news.example.org\r\n\r\n".encode())
    return reader


def status_of(reader: socket.socket) -> int:
    received = bytearray()
    read_until(reader, received, b"\r\n")
    return int(bytes(received).split(b" ", 2)[1])


def test_one_address_holds_a_bounded_number_of_streams(holding_nginx):
    limit = int(re.search(r"limit_conn byline_live (\d+);", LIVE_CONF.read_text())[1])
    streams = [ask(holding_nginx, f"/live/threads/{n}/events") for n in range(limit)]
    try:
        assert {status_of(stream) for stream in streams} == {200}
        with ask(holding_nginx, "/live/threads/1/events") as one_too_many:
            assert status_of(one_too_many) == 429
        # Another address is not held back by this one's streams.
        with ask(holding_nginx, "/live/threads/1/events", source="127.0.0.2") as other:
            assert status_of(other) == 200
    finally:
        for stream in streams:
            stream.close()


def test_the_live_servers_health_is_for_the_machine_only(holding_nginx):
    with ask(holding_nginx, "/live/healthz") as local:
        assert status_of(local) == 200
    with ask(holding_nginx, "/live/healthz", source="127.0.0.2") as remote:
        assert status_of(remote) == 403
