"""A webhook receiver for the tests: a small threaded HTTP server on loopback that records
every request and answers with the statuses it is told to, and the documented verification
helper, taken from docs/webhooks.md itself."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs" / "webhooks.md"


def documented_verifier() -> Callable[..., bool]:
    """``verify_signature`` exactly as docs/webhooks.md prints it under "Verify a webhook
    signature"."""
    text = DOCS.read_text()
    section = text.split("## Verify a webhook signature", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None, "docs/webhooks.md has lost its verification example"
    namespace: dict = {}
    exec(
        compile(code.group(1), str(DOCS), "exec"), namespace
    )  # our own docs, run as receivers copy them
    return namespace["verify_signature"]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """What was posted to the server, and the statuses its next answers take (200 after)."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    redirect_to: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        with self.lock:
            return self.statuses.pop(0) if self.statuses else 200


def serve() -> tuple[Receiver, Callable[[], None]]:
    """Start a receiver on a free loopback port; return it and the function that stops it."""
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            with receiver.lock:
                receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
            status = receiver.answer()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", receiver.redirect_to or receiver.url)
            answer = b"ok" if status < 300 else b"not now"
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/byline?source=test"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return receiver, stop
