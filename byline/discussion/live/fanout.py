"""One loop per live process: read every new event from the store, hand it to the open streams.

The streams of one thread share a ``Channel``: a chain of ``Link``s, one per batch of the
thread's events the loop read (or per keep-alive beat), and one future that every stream of the
thread sleeps on. A batch costs the fan-out one link, its bytes on the wire joined once, and one
wake-up of the thread's streams, whatever their number; each stream (a ``Listener``) follows the
chain from the last link it wrote. Nothing is kept per stream but where it is in the chain, and
no timer: one task per process beats the keep-alive of the threads that were quiet.

The loop is the only reader of the store in steady state, whatever the number of streams (never
a query or a Redis connection a stream); the store's calls, which block, run in the hub's own
threads.

The hub also keeps each thread's latest events, so that readers who reconnect (all of them,
when a live process restarts behind a load balancer) are mostly caught up from memory: a
thread's ``Recent`` holds every event of the thread after its ``complete_after`` position.
Older positions are read from the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from byline.discussion.live.events import Event
from byline.discussion.live.stores import BATCH, ORIGIN, EventStore, Position
from byline.discussion.models import Thread

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.2  # between reads of a store that does not wait (the database)
BLOCK_SECONDS = 2.0  # how long one read of a store that waits (Redis) may wait
RETRY_SECONDS = 1.0  # after the store failed
TRIM_SECONDS = 300  # between trims of old events
RECENT_PER_THREAD = 32  # events kept in memory per thread, for catch-up (a few MB at most)
RECENT_THREADS = 1000  # threads whose events are kept in memory
PENDING_LIMIT = 1000  # events waiting for a slow reader before its stream is closed
KNOWN_THREADS = 20000  # thread ids remembered as existing
UNKNOWN_SECONDS = 5.0  # how long a thread id is remembered as missing
# A stream that wrote nothing for this long writes a keep-alive line (proxies close idle
# connections); the beat looks for quiet threads every BEAT_SECONDS.
KEEP_ALIVE_SECONDS = 25.0
BEAT_SECONDS = 1.0
# A stream whose reader left ends within this time: its thread's streams are woken once for
# all who left meanwhile (thousands leaving at once cost a few wake-ups, not one each).
LEAVE_SECONDS = 0.1


class Link:
    """One batch of a thread's events (none for a keep-alive beat), and the next once read.

    ``total`` counts the thread's events up to this link's last, so that a stream can tell how
    far behind it is."""

    __slots__ = ("events", "next", "total", "wire")

    def __init__(self, events: Sequence[Event], total: int) -> None:
        self.events = events
        self.total = total
        self.wire = b"".join(event.wire for event in events)
        self.next: Link | None = None


class Channel:
    """The open streams of one thread, the chain of its batches, and their shared wake-up."""

    __slots__ = ("leaving", "listeners", "sleep", "tail", "written")

    def __init__(self) -> None:
        self.listeners: set[Listener] = set()
        self.tail = Link((), 0)
        self.sleep: asyncio.Future[None] | None = None
        self.leaving: asyncio.TimerHandle | None = None
        self.written = time.monotonic()

    def append(self, events: Sequence[Event]) -> None:
        """Add a batch (or, without events, a keep-alive beat) and wake the streams."""
        link = Link(events, self.tail.total + len(events))
        self.tail.next = link
        self.tail = link
        self.written = time.monotonic()
        self.wake()

    def wake(self) -> None:
        sleep, self.sleep = self.sleep, None
        if sleep is not None and not sleep.done():
            sleep.set_result(None)

    def asleep(self) -> asyncio.Future[None]:
        """The future the streams sleep on until the next wake-up (one for them all)."""
        if self.sleep is None or self.sleep.done():  # done: cancelled with a stream's task
            self.sleep = asyncio.get_running_loop().create_future()
        return self.sleep

    def wake_soon(self) -> None:
        """Wake the streams shortly, once for however many ask meanwhile (readers leaving)."""
        if self.leaving is None and self.sleep is not None:
            self.leaving = self.sleep.get_loop().call_later(LEAVE_SECONDS, self._left)

    def _left(self) -> None:
        self.leaving = None
        self.wake()


class Listener:
    """One open stream: where it is in its thread's chain, and whether it is closed."""

    __slots__ = ("_closed", "channel", "seen", "thread_id")

    def __init__(self, thread_id: int, channel: Channel) -> None:
        self.thread_id = thread_id
        self.channel = channel
        self.seen = channel.tail  # the last link written: events read before are old
        self._closed = False

    @property
    def closed(self) -> bool:
        if not self._closed and self.channel.tail.total - self.seen.total > PENDING_LIMIT:
            # A reader this far behind reconnects and catches up from its last event id.
            self._closed = True
        return self._closed

    def close(self) -> None:
        """Close the stream (its reader left, say): it ends at its next wake-up, soon."""
        if not self._closed:
            self._closed = True
            self.channel.wake_soon()

    def take(self) -> list[Event]:
        """The events read since the last ``take``, in order."""
        events: list[Event] = []
        link = self.seen
        while link.next is not None:
            link = link.next
            events += link.events
        self.seen = link
        return events

    def take_wire(self, after: Position) -> tuple[bytes, Position]:
        """The events read since the last ``take``, on the wire, those after ``after`` only,
        and the position of the last one (``after`` without any)."""
        link = self.seen.next
        if (
            link is not None
            and link.next is None
            and link.events
            and link.events[0].position > after
        ):
            # Most often one batch, none of it sent: its bytes are the ones joined at dispatch.
            self.seen = link
            return link.wire, link.events[-1].position
        fresh = [event for event in self.take() if event.position > after]
        if not fresh:
            return b"", after
        return b"".join(event.wire for event in fresh), fresh[-1].position

    async def wait(self) -> bool:
        """Sleep until events arrive or the stream closes (True), or a keep-alive is due
        (False)."""
        while True:
            if self.closed or self.channel.tail.total != self.seen.total:
                return True
            if self.seen.next is not None:
                self.seen = self.channel.tail  # beats only, since the last write
                return False
            try:
                await self.channel.asleep()
            except asyncio.CancelledError:
                # The shared future was cancelled with another stream's task, not this one's
                # (whose task counts the request): that is a wake-up like any other.
                task = asyncio.current_task()
                if task is None or task.cancelling():
                    raise


@dataclass
class Recent:
    """A thread's latest events: all of those after ``complete_after``."""

    complete_after: Position
    events: deque[Event] = field(default_factory=lambda: deque(maxlen=RECENT_PER_THREAD))

    def add(self, event: Event) -> None:
        if len(self.events) == self.events.maxlen:
            self.complete_after = self.events[0].position
        self.events.append(event)


class Hub:
    """The live process's fan-out (see the module's docstring)."""

    def __init__(self, store: EventStore, *, initializer: Callable[[], None] | None = None) -> None:
        """``initializer`` runs first in each of the hub's threads (the tests' live servers
        share the test's in-memory database connection there)."""
        self.store = store
        self.channels: dict[int, Channel] = {}
        self.recent: OrderedDict[int, Recent] = OrderedDict()
        # Threads without ``Recent`` had no event after this position (until one is evicted).
        self.quiet_after: Position = ORIGIN
        self.cursor: Position = ORIGIN
        self.known: OrderedDict[int, bool] = OrderedDict()
        self.unknown: dict[int, float] = {}
        # One thread reads the store in order, one answers catch-ups and thread look-ups (most
        # catch-ups come from memory, and a thread is looked up once however many open it).
        self.reader = ThreadPoolExecutor(1, "live-read", initializer=initializer)
        self.lookups = ThreadPoolExecutor(1, "live-lookup", initializer=initializer)
        self.looking_up: dict[int, asyncio.Future[bool]] = {}
        self.task: asyncio.Task[None] | None = None
        self.beat_task: asyncio.Task[None] | None = None
        self.started: asyncio.Event | None = None

    # The process's side -------------------------------------------------------------------

    async def start(self) -> None:
        """Start the loop from the store's latest event (once; later calls wait for it)."""
        if self.started is None:
            self.started = asyncio.Event()
            self.task = asyncio.create_task(self._run(), name="live-fanout")
            self.beat_task = asyncio.create_task(self._beat(), name="live-keep-alive")
        await self.started.wait()

    async def stop(self) -> None:
        for channel in list(self.channels.values()):
            for listener in channel.listeners:
                listener._closed = True
            channel.wake()
        for task in (self.task, self.beat_task):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        for executor in (self.reader, self.lookups):
            # Each thread's database connection goes with it (after a read in progress ends).
            await asyncio.get_running_loop().run_in_executor(executor, connections.close_all)
            executor.shutdown(wait=False, cancel_futures=True)

    async def _run(self) -> None:
        assert self.started is not None
        while True:
            try:
                self.cursor = self.quiet_after = await self._call(self.reader, self.store.head)
                break
            except Exception:
                logger.exception("The live events' store cannot be read; trying again.")
                await asyncio.sleep(RETRY_SECONDS)
        self.started.set()
        trimmed = time.monotonic()
        while True:
            try:
                wait = BLOCK_SECONDS if self.store.blocks else 0
                events, self.cursor = await self._call(
                    self.reader, self.store.after, self.cursor, wait=wait
                )
                self.dispatch(events)
                if time.monotonic() - trimmed > TRIM_SECONDS:
                    trimmed = time.monotonic()
                    await self._call(self.reader, self.store.trim)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("The live events' store failed; reading again.")
                await asyncio.sleep(RETRY_SECONDS)
                continue
            if not events and not self.store.blocks:
                await asyncio.sleep(POLL_SECONDS)

    def dispatch(self, events: list[Event]) -> None:
        """Hand each thread's events to its open streams (one link, one wake-up), and keep
        them for catch-ups."""
        batches: dict[int, list[Event]] = {}
        for event in events:
            self._remember(event)
            if event.thread_id in self.channels:
                batches.setdefault(event.thread_id, []).append(event)
        for thread_id, batch in batches.items():
            self.channels[thread_id].append(tuple(batch))

    async def _beat(self) -> None:
        """Wake the streams of the threads quiet for a keep-alive's time, to write one."""
        while True:
            await asyncio.sleep(BEAT_SECONDS)
            self.beat(KEEP_ALIVE_SECONDS)

    def beat(self, older_than: float) -> None:
        quiet_since = time.monotonic() - older_than
        for channel in self.channels.values():
            if channel.written <= quiet_since:
                channel.append(())

    def _remember(self, event: Event) -> None:
        recent = self.recent.get(event.thread_id)
        if recent is None:
            recent = self.recent[event.thread_id] = Recent(complete_after=self.quiet_after)
            if len(self.recent) > RECENT_THREADS:
                _, evicted = self.recent.popitem(last=False)
                # A thread evicted now has no record of its events: catch-ups go to the store.
                self.quiet_after = max(self.quiet_after, evicted.events[-1].position)
        else:
            self.recent.move_to_end(event.thread_id)
        recent.add(event)

    # A stream's side ----------------------------------------------------------------------

    def join(self, thread_id: int) -> Listener:
        channel = self.channels.get(thread_id)
        if channel is None:
            channel = self.channels[thread_id] = Channel()
        listener = Listener(thread_id, channel)
        channel.listeners.add(listener)
        return listener

    def leave(self, listener: Listener) -> None:
        """Forget a stream that ended (its own task calls this: no wake-up needed)."""
        listener._closed = True
        channel = self.channels.get(listener.thread_id)
        if channel is listener.channel:
            channel.listeners.discard(listener)
            if not channel.listeners:
                del self.channels[listener.thread_id]
                if channel.leaving is not None:
                    channel.leaving.cancel()

    async def missed(self, thread_id: int, position: Position) -> list[Event]:
        """The thread's events after ``position``: from memory when it has them all."""
        recent = self.recent.get(thread_id)
        if recent is not None and position >= recent.complete_after:
            return [event for event in recent.events if event.position > position]
        if recent is None and position >= self.quiet_after:
            return []
        missed: list[Event] = []
        # A position older than what the store keeps would resume with a gap: the reader is
        # told to reload instead, and the stream goes on from the latest event.
        reset = await self._call(self.lookups, self.store.reset_if_forgotten, thread_id, position)
        if reset is not None:
            missed, position = [reset], reset.position
        while True:
            batch = await self._call(self.lookups, self.store.since, thread_id, position)
            missed += batch
            if len(batch) < BATCH:
                return missed
            position = batch[-1].position

    async def thread_exists(self, thread_id: int) -> bool:
        """Whether readers can reach the thread's page; remembered, so that many streams opening
        on one thread cost one query."""
        if thread_id in self.known:
            return True
        if self.unknown.get(thread_id, 0.0) > time.monotonic():
            return False
        pending = self.looking_up.get(thread_id)
        if pending is not None:
            return await asyncio.shield(pending)
        pending = self.looking_up[thread_id] = asyncio.ensure_future(
            self._call(self.lookups, _thread_is_public, thread_id)
        )
        try:
            exists = await asyncio.shield(pending)
        finally:
            self.looking_up.pop(thread_id, None)
        if exists:
            self.known[thread_id] = True
            if len(self.known) > KNOWN_THREADS:
                self.known.popitem(last=False)
        else:
            if len(self.unknown) > KNOWN_THREADS:
                self.unknown.clear()
            self.unknown[thread_id] = time.monotonic() + UNKNOWN_SECONDS
        return exists

    async def lookup(self, function: Callable[..., Any], *args: Any) -> Any:
        """Run a blocking look-up (the database, the cache) in the look-up thread."""
        return await self._call(self.lookups, function, *args)

    @staticmethod
    async def _call(executor: ThreadPoolExecutor, function: Any, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, lambda: _in_thread(function, args, kwargs))

    def stream_count(self) -> int:
        return sum(len(channel.listeners) for channel in self.channels.values())


def _in_thread(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Run a store's call in one of the hub's threads; a failure closes the thread's database
    connection, so the next call opens a fresh one (after a database restart, say). Otherwise
    each thread keeps its connection: the loop reads five times a second."""
    try:
        return function(*args, **kwargs)
    except Exception:
        connections.close_all()
        raise


def _thread_is_public(thread_id: int) -> bool:
    return Thread.objects.on_public_pages().filter(pk=thread_id).exists()
