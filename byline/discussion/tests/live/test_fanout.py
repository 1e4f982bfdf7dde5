"""The fan-out hands each event to its thread's streams and catches readers up from memory only
when memory holds everything they missed."""

from __future__ import annotations

import asyncio

import pytest

from byline.discussion.live import fanout
from byline.discussion.live.events import Event
from byline.discussion.live.fanout import Hub
from byline.discussion.live.stores import ORIGIN, Position
from tests.event_loops import run_apart


def event(n: int, thread: int) -> Event:
    return Event(id=str(n), position=(n, 0), thread_id=thread, type="edit", data={"comment": n})


class RecordingStore:
    """A store that answers catch-ups from a list, and counts them."""

    blocks = False

    def __init__(self, events: list[Event], *, kept_from: int = 0) -> None:
        self.events = events
        self.catch_ups = 0
        self.kept_from = kept_from

    def reset_if_forgotten(self, thread_id: int, position: Position) -> Event | None:
        if position[0] + 1 >= self.kept_from:
            return None
        latest = max(e.position for e in self.events)
        return Event(id=str(latest[0]), position=latest, thread_id=thread_id, type="reset", data={})

    def since(self, thread_id: int, position: Position) -> list[Event]:
        self.catch_ups += 1
        return [e for e in self.events if e.thread_id == thread_id and e.position > position]


def catch_up(hub: Hub, thread: int, after: int) -> list[int]:
    async def run():
        missed = await hub.missed(thread, (after, 0))
        return [e.position[0] for e in missed]

    return run_apart(run())


def hub_with(
    events: list[Event], *, started_at: int = 0, kept_from: int = 0
) -> tuple[Hub, RecordingStore]:
    store = RecordingStore(events, kept_from=kept_from)
    hub = Hub(store)  # type: ignore[arg-type]
    hub.cursor = hub.quiet_after = (started_at, 0)
    return hub, store


def test_each_event_goes_to_the_streams_of_its_thread_only():
    hub, _ = hub_with([])
    mine, other = hub.join(1), hub.join(2)

    hub.dispatch([event(1, thread=1), event(2, thread=1)])

    assert [e.id for e in mine.take()] == ["1", "2"]
    assert other.take() == []


def test_a_reader_who_missed_events_seen_by_this_process_is_caught_up_from_memory():
    history = [event(n, thread=1 + n % 2) for n in range(1, 11)]
    hub, store = hub_with(history)
    hub.dispatch(history)

    assert catch_up(hub, thread=1, after=4) == [6, 8, 10]
    assert store.catch_ups == 0


def test_a_thread_without_events_since_the_process_started_has_nothing_to_catch_up():
    hub, store = hub_with([event(3, thread=1)], started_at=5)

    assert catch_up(hub, thread=1, after=5) == []
    assert store.catch_ups == 0


def test_events_older_than_the_process_come_from_the_store():
    history = [event(n, thread=1) for n in range(1, 6)]
    hub, store = hub_with(history, started_at=3)
    hub.dispatch(history[3:])

    assert catch_up(hub, thread=1, after=1) == [2, 3, 4, 5]
    assert store.catch_ups == 1


def test_a_reader_whose_missed_events_were_forgotten_is_told_to_reload_then_goes_on():
    # The store kept events from 8 on: a reader resuming after 3 may have lost 4 to 7.
    history = [event(n, thread=1) for n in range(8, 11)]
    hub, _ = hub_with(history, started_at=11, kept_from=8)

    async def run():
        return [(e.type, e.position[0]) for e in await hub.missed(1, (3, 0))]

    assert run_apart(run()) == [("reset", 10)]


def test_a_reader_whose_missed_events_are_all_kept_gets_no_reset():
    hub, _ = hub_with([event(n, thread=1) for n in range(8, 11)], started_at=11, kept_from=8)

    assert catch_up(hub, thread=1, after=7) == [8, 9, 10]


def test_a_thread_whose_memory_overflowed_is_caught_up_from_the_store(monkeypatch):
    monkeypatch.setattr(fanout, "RECENT_PER_THREAD", 3)
    history = [event(n, thread=1) for n in range(1, 7)]
    hub, store = hub_with(history)
    hub.dispatch(history)

    assert catch_up(hub, thread=1, after=3) == [4, 5, 6]
    assert store.catch_ups == 0
    assert catch_up(hub, thread=1, after=2) == [3, 4, 5, 6]
    assert store.catch_ups == 1


def test_a_thread_forgotten_to_make_room_is_caught_up_from_the_store(monkeypatch):
    monkeypatch.setattr(fanout, "RECENT_THREADS", 2)
    history = [event(1, thread=1), event(2, thread=2), event(3, thread=3), event(4, thread=9)]
    hub, store = hub_with(history)
    hub.dispatch(history)

    assert catch_up(hub, thread=1, after=0) == [1]
    assert store.catch_ups == 1
    # A thread never seen had nothing since the forgotten one's last event.
    assert catch_up(hub, thread=5, after=3) == []
    assert store.catch_ups == 1


def test_a_reader_too_far_behind_is_closed_to_reconnect_and_catch_up(monkeypatch):
    monkeypatch.setattr(fanout, "PENDING_LIMIT", 2)
    hub, _ = hub_with([])
    slow = hub.join(1)

    hub.dispatch([event(n, thread=1) for n in range(1, 4)])

    assert slow.closed


def test_a_stream_that_leaves_is_forgotten():
    hub, _ = hub_with([])
    listener = hub.join(1)

    hub.leave(listener)

    assert hub.channels == {}
    assert hub.stream_count() == 0


@pytest.mark.parametrize("woken", [True, False])
def test_a_stream_sleeps_until_an_event_or_its_keep_alive(woken):
    async def run():
        hub, _ = hub_with([])
        listener = hub.join(1)
        if woken:
            asyncio.get_running_loop().call_soon(hub.dispatch, [event(1, thread=1)])
        else:
            asyncio.get_running_loop().call_soon(hub.beat, 0.0)
        return await asyncio.wait_for(listener.wait(), 5)

    assert run_apart(run()) is woken


def test_the_start_is_the_stores_latest_event():
    class Store(RecordingStore):
        def head(self) -> Position:
            return (42, 0)

        def after(self, position, *, wait):
            return [], position

    async def run():
        hub = Hub(Store([]))  # type: ignore[arg-type]
        await hub.start()
        cursor = hub.cursor
        await hub.stop()
        return cursor

    assert run_apart(run()) == (42, 0)
    assert ORIGIN < (42, 0)


def test_a_threads_streams_share_one_copy_of_each_batchs_bytes():
    hub, _ = hub_with([])
    first, second = hub.join(1), hub.join(1)
    batch = [event(1, thread=1), event(2, thread=1)]

    hub.dispatch(batch)

    data, last = first.take_wire((0, 0))
    assert data == batch[0].wire + batch[1].wire
    assert last == (2, 0)
    assert second.take_wire((0, 0))[0] is data
    # Taken: nothing more until the next batch.
    assert first.take_wire(last) == (b"", last)


def test_what_a_catch_up_already_sent_is_not_written_again():
    hub, _ = hub_with([])
    listener = hub.join(1)
    hub.dispatch([event(1, thread=1)])
    hub.dispatch([event(2, thread=1), event(3, thread=1)])

    data, last = listener.take_wire((2, 0))

    assert data == event(3, thread=1).wire
    assert last == (3, 0)


def test_a_stream_whose_task_is_cancelled_leaves_the_others_of_its_thread_asleep():
    async def run():
        hub, _ = hub_with([])
        cancelled = asyncio.create_task(hub.join(1).wait())
        other = asyncio.create_task(hub.join(1).wait())
        await asyncio.sleep(0)
        cancelled.cancel()
        await asyncio.sleep(0.01)
        asleep = not other.done()
        hub.dispatch([event(1, thread=1)])
        return cancelled.cancelled(), asleep, await asyncio.wait_for(other, 5)

    assert run_apart(run()) == (True, True, True)


def test_a_stream_whose_reader_left_wakes_to_end():
    async def run():
        hub, _ = hub_with([])
        listener = hub.join(1)
        staying = asyncio.create_task(hub.join(1).wait())
        leaving = asyncio.create_task(listener.wait())
        await asyncio.sleep(0)
        listener.close()
        woken = await asyncio.wait_for(leaving, 5)
        return woken, listener.closed, staying.done()

    assert run_apart(run()) == (True, True, False)


def test_the_beat_wakes_the_streams_of_quiet_threads_only():
    async def run():
        hub, _ = hub_with([])
        busy, quiet = hub.join(1), hub.join(2)
        hub.channels[2].written -= 30
        waits = [asyncio.create_task(listener.wait()) for listener in (busy, quiet)]
        await asyncio.sleep(0)
        hub.beat(25)
        keep_alive = await asyncio.wait_for(waits[1], 5)
        return keep_alive, waits[0].done(), quiet.take()

    assert run_apart(run()) == (False, False, [])
