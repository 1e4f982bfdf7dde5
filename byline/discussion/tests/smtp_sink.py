"""A real SMTP server on loopback for tests and benchmarks: it keeps what it accepts in memory.

It behaves like a mailbox: ``mailbox()`` holds each (recipient, Message-ID) once, as mail
stores do, while ``accepted`` keeps every SMTP transaction, duplicates included, so a test can
tell "received once" from "sent once".
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]*>)", re.IGNORECASE | re.MULTILINE)


@dataclass
class Accepted:
    recipient: str
    message_id: str
    content: bytes

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.content, policy=email.policy.default)


@dataclass
class Sink:
    port: int = 0
    accepted: list[Accepted] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:
        # Only the Message-ID is read here, so that the sink costs little CPU in a benchmark.
        head = envelope.content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode() if found else ""
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.accepted.append(Accepted(recipient, message_id, envelope.content))
        return "250 Message accepted for delivery"

    @property
    def count(self) -> int:
        with self.lock:
            return len(self.accepted)

    def mailbox(self) -> Counter[str]:
        """Messages per recipient, counting each Message-ID once."""
        with self.lock:
            unique = {(item.recipient, item.message_id) for item in self.accepted}
        return Counter(recipient for recipient, _ in unique)

    def duplicates(self) -> int:
        with self.lock:
            return len(self.accepted) - len({(a.recipient, a.message_id) for a in self.accepted})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_sink() -> Iterator[Sink]:
    # Imported here, so a missing dev dependency fails only the tests that start a sink.
    from aiosmtpd.controller import Controller

    sink = Sink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
