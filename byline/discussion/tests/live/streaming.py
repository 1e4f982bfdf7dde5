"""Live servers for tests (in a thread, or a process of their own) and a small SSE client."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.db import connections

from byline.discussion.live import fanout
from byline.discussion.live.server import LiveServer
from byline.discussion.live.stores import EventStore

ROOT = Path(settings.BASE_DIR)
TIMEOUT = 15.0
QUICK_READ_SECONDS = 0.1


@dataclass
class Running:
    host: str
    port: int
    app: LiveServer | None = None

    def stream(self, path: str, **headers: str) -> SseStream:
        return SseStream(self.host, self.port, path, headers)

    def request(self, method: str, path: str, **headers: str) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        connection.request(method, path, headers=headers)
        return connection.getresponse()


@contextmanager
def live_server_thread(store: EventStore) -> Iterator[Running]:
    """A live server in a thread of the test process, on a free loopback port.

    On SQLite's in-memory test database its threads use the test's connection, as Django's
    own live server does; elsewhere they open their own.
    """
    import uvicorn

    connection = connections["default"]
    shared = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if shared:
        connection.inc_thread_sharing()

    def use_the_tests_connection() -> None:
        connections["default"] = connection

    app = LiveServer(store, thread_initializer=use_the_tests_connection if shared else None)
    server = uvicorn.Server(
        uvicorn.Config(app, lifespan="on", log_level="warning", timeout_graceful_shutdown=1)
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    # A stop waits for the store's read in progress, and Redis's waits up to two seconds.
    with mock.patch.object(fanout, "BLOCK_SECONDS", QUICK_READ_SECONDS):
        thread.start()
        try:
            _wait_until(lambda: server.started)
            yield Running("127.0.0.1", sock.getsockname()[1], app)
        finally:
            server.should_exit = True
            thread.join(TIMEOUT)
            sock.close()
            if shared:
                connection.dec_thread_sharing()


@contextmanager
def live_server_process(env: dict[str, str]) -> Iterator[Running]:
    """``manage.py run_live`` in a process of its own, on a free loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_live", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_until(lambda: _accepts(port) or process.poll() is not None, timeout=60)
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        yield Running("127.0.0.1", port)
    finally:
        process.terminate()
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class SseStream:
    """One open event stream, read event by event."""

    def __init__(self, host: str, port: int, path: str, headers: dict[str, str]) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        self.connection.request("GET", path, headers=headers)
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.headers = self.response.headers
        self.comments: list[str] = []

    def next_events(self, count: int) -> list[dict]:
        """The next ``count`` events: ``{"id", "event", "data"}`` with the data decoded."""
        return [self._next() for _ in range(count)]

    def _next(self) -> dict:
        fields: dict[str, str] = {}
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("The stream ended.")
            line = line.rstrip("\n")
            if line.startswith(":"):
                self.comments.append(line)
            elif line:
                name, _, value = line.partition(": ")
                fields[name] = value
            elif "data" in fields:
                return {**fields, "data": json.loads(fields["data"])}
            else:
                fields = {}

    def close(self) -> None:
        self.response.close()
        self.connection.close()

    def __enter__(self) -> SseStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _wait_until(condition, *, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("The live server did not get there in time.")
        time.sleep(0.02)
