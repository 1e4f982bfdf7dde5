"""Where live events go, and where the live server reads them back: one interface, two stores.

- ``DatabaseStore`` (the embedded default, no Redis): a table (``LiveEvent``) polled by each
  live process every 200 ms. Its ids are the event ids, so they must become visible in order:
  SQLite has one writer at a time; PostgreSQL gives sequence values before commit, so the row
  is written once the change has committed, in a short transaction of its own that first takes
  an advisory lock (``_in_order``): the next event's id is drawn only after it commits. The
  change's own transaction takes no lock for its events, so its row locks and the event lock are
  never held together (no deadlock between writers, no queue behind a long transaction).
- ``RedisStore`` (``REDIS_URL``): on commit, one script appends the event to a stream of all
  events (``XADD ... MAXLEN``), which every live process reads with one blocking ``XREAD``,
  and to its thread's stream with the same id, which serves readers who reconnect.

Both publish in an on-commit callback, registered after the purge of the cached pages (which
``threads.purging`` registers first), so a client never fetches a page the event changed
before it is purged; both read an event's counts (``Draft.latest``) inside the same ordered
step that gives it its id, so a later event never carries older counts.

Event ids are opaque to readers; a store turns them into ``Position``s (two integers) to
compare. Every method is synchronous: the live server runs them in its own threads.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone

from byline.discussion.live.events import RESET, Draft, Event
from byline.discussion.models import LiveEvent

logger = logging.getLogger(__name__)

Position = tuple[int, int]
# The beginning of every store: before any event.
ORIGIN: Position = (0, 0)
# At most this many events are handed over by one read (catch-up or the fan-out's poll).
BATCH = 500


class BadEventId(ValueError):
    """A ``Last-Event-ID`` that no store could have given."""

    def __init__(self, message: str = "That is not an event id of this server.") -> None:
        super().__init__(message)


class EventStore(Protocol):
    blocks: bool

    def append(self, draft: Draft) -> None:
        """Record ``draft`` so that it is published when the current transaction commits."""

    def position(self, event_id: str) -> Position:
        """The place of an event id in the order of events; ``BadEventId`` if it is none."""

    def head(self) -> Position:
        """The position of the latest event: a stream that starts now follows from here."""

    def head_id(self) -> str:
        """The id of the latest event: a page made now gives it to its client, which starts its
        stream after it (``?last_event_id=``) and so misses nothing in between."""

    def after(self, position: Position, *, wait: float) -> tuple[list[Event], Position]:
        """Events of every thread after ``position``, in order, waiting up to ``wait`` seconds
        for one, and the position to read from next."""

    def since(self, thread_id: int, position: Position) -> list[Event]:
        """The thread's kept events after ``position``, in order (a reader's catch-up)."""

    def trim(self) -> None:
        """Forget events older than ``LIVE_EVENTS_KEEP_HOURS`` or beyond the kept count."""

    def reset_if_forgotten(self, thread_id: int, position: Position) -> Event | None:
        """A ``reset`` event (with the latest event's id) when events of the thread after
        ``position`` may have been forgotten (trimmed), so that the reader is told rather than
        silently caught up with a part; None when every event after it is still kept. It may
        err towards a reset (costing the reader a reload), never towards silence."""


def current() -> EventStore:
    """The store the settings choose: Redis when ``REDIS_URL`` is set, the database otherwise."""
    return _store(settings.REDIS_URL, settings.LIVE_EVENTS_KEY_PREFIX)


@cache
def _store(redis_url: str, key_prefix: str) -> EventStore:
    return RedisStore(redis_url, key_prefix) if redis_url else DatabaseStore()


# A decimal number that fits a signed 64-bit integer: longer ids are refused before parsing.
_DATABASE_ID = re.compile(r"\A[0-9]{1,18}\Z")
# Any 31-bit number, for PostgreSQL's advisory lock: "live events".
_ADVISORY_LOCK = 0x11FE_E7


@contextmanager
def _in_order() -> Iterator[None]:
    """A short transaction in which one event is read and given its id, one at a time across
    processes on PostgreSQL (SQLite has one writer at a time already). Run on commit, outside
    the change's transaction: it holds no other lock while it waits."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        yield


class DatabaseStore:
    """Events in the ``LiveEvent`` table, polled (see the module's docstring)."""

    # ``after`` answers at once: the fan-out waits between reads.
    blocks = False

    def append(self, draft: Draft) -> None:
        transaction.on_commit(lambda: self._write(draft), robust=True)

    def _write(self, draft: Draft) -> None:
        with _in_order():
            data = draft.published_data()
            LiveEvent.objects.create(thread_id=draft.thread_id, type=draft.type, data=data)

    def position(self, event_id: str) -> Position:
        return database_position(event_id)

    def head(self) -> Position:
        latest = LiveEvent.objects.aggregate(latest=Max("pk"))["latest"]
        return (latest or 0, 0)

    def head_id(self) -> str:
        return str(self.head()[0])

    def after(self, position: Position, *, wait: float) -> tuple[list[Event], Position]:
        # The caller polls: ``wait`` is its interval, spent by the caller between reads.
        rows = LiveEvent.objects.filter(pk__gt=position[0]).order_by("pk")[:BATCH]
        events = [self._event(row) for row in rows]
        return events, (events[-1].position if events else position)

    def since(self, thread_id: int, position: Position) -> list[Event]:
        rows = LiveEvent.objects.filter(thread_id=thread_id, pk__gt=position[0]).order_by("pk")
        return [self._event(row) for row in rows[:BATCH]]

    def trim(self) -> None:
        # The latest event always stays: it tells ``reset_if_forgotten`` where the kept begin.
        latest = self.head()[0]
        cutoff = timezone.now() - timedelta(hours=settings.LIVE_EVENTS_KEEP_HOURS)
        LiveEvent.objects.filter(created_at__lt=cutoff, pk__lt=latest).delete()
        LiveEvent.objects.filter(pk__lte=latest - settings.LIVE_EVENTS_KEEP_COUNT).delete()

    def reset_if_forgotten(self, thread_id: int, position: Position) -> Event | None:
        # Ids follow commit order and trimming takes the lowest: an id below the oldest kept
        # one's predecessor may have had events after it trimmed.
        oldest = LiveEvent.objects.aggregate(oldest=Min("pk"))["oldest"]
        if oldest is None or position[0] + 1 >= oldest:
            return None
        return reset_event(thread_id, self.head_id(), self.head())

    @staticmethod
    def _event(row: LiveEvent) -> Event:
        return Event(
            id=str(row.pk), position=(row.pk, 0), thread_id=row.thread_id, type=row.type,
            data=row.data,
        )  # fmt: skip


# Redis stream ids: milliseconds and a sequence number, each at most 20 digits.
_REDIS_ID = re.compile(r"\A([0-9]{1,20})-([0-9]{1,20})\Z")
# Events kept per thread for catch-up (the stream of all events keeps LIVE_EVENTS_KEEP_COUNT).
PER_THREAD = 1000

# Append to the stream of all events, then to the thread's with the same id (which is higher
# than any the thread's stream holds, since every event passes through the first one first).
_APPEND = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 't', ARGV[3], 'k', ARGV[4], 'd', ARGV[5])
redis.pcall('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], id, 't', ARGV[3], 'k', ARGV[4], 'd', ARGV[5])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return id
"""


@dataclass
class RedisStore:
    """Events in Redis Streams (see the module's docstring)."""

    url: str
    key_prefix: str = "byline:live"
    # ``after`` waits in Redis for the next event.
    blocks = True

    def __post_init__(self) -> None:
        import redis

        # One pool per process; the live server's threads share it, never a connection a stream.
        # Typed loosely: redis-py's stubs cannot say that decoded answers are strings.
        self.client: Any = redis.Redis.from_url(self.url, decode_responses=True)
        self.script = self.client.register_script(_APPEND)
        self.all_key = f"{self.key_prefix}:all"

    def thread_key(self, thread_id: int | str) -> str:
        return f"{self.key_prefix}:thread:{thread_id}"

    def append(self, draft: Draft) -> None:
        transaction.on_commit(lambda: self._send(draft), robust=True)

    def _send(self, draft: Draft) -> None:
        keep_seconds = settings.LIVE_EVENTS_KEEP_HOURS * 3600
        keys = [self.all_key, self.thread_key(draft.thread_id)]
        # Counts read and sent under one lock: two processes cannot send them crossed.
        with _in_order():
            args: list[str | int] = [
                settings.LIVE_EVENTS_KEEP_COUNT, PER_THREAD, str(draft.thread_id), draft.type,
                json.dumps(draft.published_data()), max(keep_seconds, 1),
            ]  # fmt: skip
            self.script(keys=keys, args=args)

    def position(self, event_id: str) -> Position:
        return redis_position(event_id)

    def head(self) -> Position:
        latest = self.client.xrevrange(self.all_key, count=1)
        return self.position(latest[0][0]) if latest else ORIGIN

    def head_id(self) -> str:
        return _redis_id(self.head())

    def after(self, position: Position, *, wait: float) -> tuple[list[Event], Position]:
        answer = self.client.xread(
            {self.all_key: _redis_id(position)}, count=BATCH, block=max(int(wait * 1000), 1)
        )
        events = [
            self._event(entry_id, fields) for _, entries in answer for entry_id, fields in entries
        ]
        return events, (events[-1].position if events else position)

    def since(self, thread_id: int, position: Position) -> list[Event]:
        start = (position[0], position[1] + 1)
        entries = self.client.xrange(self.thread_key(thread_id), min=_redis_id(start), count=BATCH)
        return [self._event(entry_id, fields) for entry_id, fields in entries]

    def trim(self) -> None:
        cutoff = int(
            (timezone.now() - timedelta(hours=settings.LIVE_EVENTS_KEEP_HOURS)).timestamp()
        )
        self.client.xtrim(self.all_key, minid=f"{cutoff * 1000}-0", approximate=False)

    def reset_if_forgotten(self, thread_id: int, position: Position) -> Event | None:
        # The thread's own stream, or, once it expired, the stream of all events: an entry was
        # trimmed from it and the position is before the first one kept.
        for key in (self.thread_key(thread_id), self.all_key):
            try:
                info = self.client.xinfo_stream(key)
            except redis_error():
                continue  # no such stream (expired, or never written)
            trimmed = info["entries-added"] > info["length"]
            first = info["first-entry"]
            if trimmed and first and position < self.position(first[0]):
                return reset_event(thread_id, self.head_id(), self.head())
            return None
        return None

    def forget_everything(self) -> None:
        """Delete every live event (the tests' clean slate)."""
        keys = [self.all_key, *self.client.scan_iter(match=self.thread_key("*"))]
        self.client.delete(*keys)

    def _event(self, entry_id: str, fields: dict[str, Any]) -> Event:
        return Event(
            id=entry_id, position=self.position(entry_id), thread_id=int(fields["t"]),
            type=fields["k"], data=json.loads(fields["d"]),
        )  # fmt: skip


def reset_event(thread_id: int, head_id: str, head: Position) -> Event:
    """What a stream sends a reader who missed forgotten events: the latest id, to go on from."""
    return Event(
        id=head_id, position=head, thread_id=thread_id, type=RESET, data={"thread": thread_id}
    )


def redis_error() -> type[Exception]:
    import redis

    return redis.ResponseError


def database_position(event_id: str) -> Position:
    """A table row's id: a number."""
    if not _DATABASE_ID.match(event_id):
        raise BadEventId
    return (int(event_id), 0)


def redis_position(event_id: str) -> Position:
    """A Redis stream entry's id: milliseconds, a dash, a sequence number (each below 2**63)."""
    match = _REDIS_ID.match(event_id)
    if not match or int(match[1]) >= 2**63 or int(match[2]) >= 2**63:
        raise BadEventId
    return (int(match[1]), int(match[2]))


def _redis_id(position: Position) -> str:
    return f"{position[0]}-{position[1]}"
