"""What a live event is, and its form on the wire.

The browser's client relies on this format (README, "Live updates"): each event is a
Server-Sent Event with ``id:`` (opaque, increasing within a thread), ``event:`` (its type) and
``data:`` (one line of JSON). Events carry ids and numbers only, never HTML or who wrote what:
the client fetches a comment's rendering from the web application, which applies every rule
about who may see it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

# The types, and the keys each one's data holds besides "thread" and "comment".
COMMENT, EDIT, REMOVE, VOTES = "comment", "edit", "remove", "votes"
TYPES = (COMMENT, EDIT, REMOVE, VOTES)
# Never recorded: what a stream sends first when the reader resumes from before the oldest kept
# event (its id is the latest event's, from which the stream then goes on): some events are lost
# to them, and the client offers to reload the thread.
RESET = "reset"

# How long a browser waits before reconnecting after a drop, in milliseconds.
RETRY_MILLISECONDS = 3000
KEEP_ALIVE = b": keep-alive\n\n"
RETRY = f"retry: {RETRY_MILLISECONDS}\n\n".encode()


@dataclass(frozen=True)
class Draft:
    """An event decided in a transaction, before a store has given it an id.

    ``latest`` reads the values that change with every event (counts) once the transaction has
    committed, just before the store gives the event its id: an event read earlier could carry
    counts older than those of an event sent before it."""

    thread_id: int
    type: str
    data: dict[str, Any]
    latest: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)

    def published_data(self) -> dict[str, Any]:
        """The data as it is sent: what the transaction decided and the latest counts."""
        return self.data if self.latest is None else {**self.data, **self.latest()}


@dataclass(frozen=True)
class Event:
    """An event as a store gives it back: its id and where that id stands among the store's
    (``position``, to compare), its thread, and its bytes on the wire."""

    id: str
    position: tuple[int, int]
    thread_id: int
    type: str
    data: dict[str, Any]
    wire: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Written once per event, whatever the number of streams it goes to.
        object.__setattr__(self, "wire", to_wire(self.id, self.type, self.data))


def to_wire(event_id: str, event_type: str, data: dict[str, Any]) -> bytes:
    """One Server-Sent Event; the JSON has no newline, so it fits one ``data:`` line."""
    payload = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    return f"id: {event_id}\nevent: {event_type}\ndata: {payload}\n\n".encode()


def stream_url(thread_id: int) -> str:
    """Where a browser opens the thread's stream (``LIVE_EVENTS_URL`` is set per deployment)."""
    return f"{settings.LIVE_EVENTS_URL}/threads/{thread_id}/events"
