"""One loop per live process: read every new event from the store, hand it to the open streams.

An open stream is a ``Listener`` in the set of its thread: a list of events waiting to be
written and the future its connection sleeps on. The loop is the only reader of the store in
steady state, whatever the number of streams (never a query or a Redis connection a stream);
the store's calls, which block, run in the hub's own threads.

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
from collections.abc import Callable
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


class Listener:
    """One open stream: the events waiting for it, and how to wake it."""

    __slots__ = ("closed", "pending", "thread_id", "waiter")

    def __init__(self, thread_id: int) -> None:
        self.thread_id = thread_id
        self.pending: list[Event] = []
        self.waiter: asyncio.Future[bool] | None = None
        self.closed = False

    def deliver(self, event: Event) -> None:
        if len(self.pending) >= PENDING_LIMIT:
            # A reader this far behind reconnects and catches up from its last event id.
            self.close()
            return
        self.pending.append(event)
        self._wake(True)

    def close(self) -> None:
        self.closed = True
        self._wake(True)

    def take(self) -> list[Event]:
        events, self.pending = self.pending, []
        return events

    async def wait(self, timeout: float) -> bool:
        """Sleep until an event arrives or the stream closes (True), or ``timeout`` passes."""
        if self.pending or self.closed:
            return True
        loop = asyncio.get_running_loop()
        self.waiter = loop.create_future()
        timer = loop.call_later(timeout, self._wake, False)
        try:
            return await self.waiter
        finally:
            timer.cancel()
            self.waiter = None

    def _wake(self, woken: bool) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(woken)


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
        self.listeners: dict[int, set[Listener]] = {}
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
        self.started: asyncio.Event | None = None

    # The process's side -------------------------------------------------------------------

    async def start(self) -> None:
        """Start the loop from the store's latest event (once; later calls wait for it)."""
        if self.started is None:
            self.started = asyncio.Event()
            self.task = asyncio.create_task(self._run(), name="live-fanout")
        await self.started.wait()

    async def stop(self) -> None:
        for listeners in list(self.listeners.values()):
            for listener in list(listeners):
                listener.close()
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
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
        """Hand each event to its thread's open streams, and keep it for catch-ups."""
        for event in events:
            self._remember(event)
            for listener in self.listeners.get(event.thread_id, ()):
                listener.deliver(event)

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
        listener = Listener(thread_id)
        self.listeners.setdefault(thread_id, set()).add(listener)
        return listener

    def leave(self, listener: Listener) -> None:
        listener.close()
        listeners = self.listeners.get(listener.thread_id)
        if listeners is not None:
            listeners.discard(listener)
            if not listeners:
                del self.listeners[listener.thread_id]

    async def missed(self, thread_id: int, position: Position) -> list[Event]:
        """The thread's events after ``position``: from memory when it has them all."""
        recent = self.recent.get(thread_id)
        if recent is not None and position >= recent.complete_after:
            return [event for event in recent.events if event.position > position]
        if recent is None and position >= self.quiet_after:
            return []
        missed: list[Event] = []
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

    @staticmethod
    async def _call(executor: ThreadPoolExecutor, function: Any, *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, lambda: _in_thread(function, args, kwargs))

    def stream_count(self) -> int:
        return sum(len(listeners) for listeners in self.listeners.values())


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
