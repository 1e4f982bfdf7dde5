"""The stores keep events in commit order, give them back after a position, and forget old ones."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from byline.discussion.live import events, stores
from byline.discussion.models import LiveEvent, Thread


def draft(thread: Thread, comment: int) -> events.Draft:
    return events.Draft(thread.pk, events.EDIT, {"thread": thread.pk, "comment": comment})


def append_committed(store: stores.EventStore, *drafts: events.Draft) -> None:
    for one in drafts:
        with transaction.atomic():
            store.append(one)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_events_come_back_in_order_after_any_position(live_store, article):
    thread = Thread.objects.for_page(article)
    append_committed(live_store, *(draft(thread, n) for n in range(5)))
    kept = live_store.since(thread.pk, stores.ORIGIN)

    assert [event.data["comment"] for event in kept] == [0, 1, 2, 3, 4]
    assert [event.position for event in kept] == sorted(event.position for event in kept)
    assert [live_store.position(event.id) for event in kept] == [e.position for e in kept]
    after_second = live_store.since(thread.pk, kept[1].position)
    assert [event.data["comment"] for event in after_second] == [2, 3, 4]
    everything, cursor = live_store.after(stores.ORIGIN, wait=0.01)
    assert cursor == kept[-1].position == live_store.head()
    assert [event.id for event in everything] == [event.id for event in kept]


def forget_the_first(store: stores.EventStore, count: int, kept: list[events.Event]) -> None:
    """Trim the oldest ``count`` events, as the store's trimming would."""
    if isinstance(store, stores.RedisStore):
        for key in (store.all_key, store.thread_key(kept[0].thread_id)):
            store.client.xtrim(key, maxlen=len(kept) - count, approximate=False)
    else:
        LiveEvent.objects.filter(pk__lte=kept[count - 1].position[0]).delete()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reader_resuming_before_the_oldest_kept_event_is_told_to_reset(live_store, article):
    thread = Thread.objects.for_page(article)
    append_committed(live_store, *(draft(thread, n) for n in range(5)))
    kept = live_store.since(thread.pk, stores.ORIGIN)
    assert live_store.reset_if_forgotten(thread.pk, kept[0].position) is None

    forget_the_first(live_store, 3, kept)

    reset = live_store.reset_if_forgotten(thread.pk, kept[0].position)
    assert reset is not None
    assert (reset.type, reset.id, reset.data) == (
        "reset",
        live_store.head_id(),
        {"thread": thread.pk},
    )
    assert reset.position == kept[-1].position
    assert b"event: reset" in reset.wire
    assert live_store.reset_if_forgotten(thread.pk, kept[3].position) is None


@pytest.mark.django_db
def test_the_database_store_keeps_its_latest_event_however_old(
    article, settings, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = ""
    store = stores.current()
    thread = Thread.objects.for_page(article)
    with django_capture_on_commit_callbacks(execute=True):
        store.append(draft(thread, 1))
        store.append(draft(thread, 2))
    LiveEvent.objects.update(created_at=timezone.now() - dt.timedelta(days=30))

    store.trim()

    assert list(LiveEvent.objects.values_list("data__comment", flat=True)) == [2]
    assert store.reset_if_forgotten(thread.pk, stores.ORIGIN) is not None


@pytest.mark.django_db
def test_the_database_store_forgets_events_past_the_count_kept(
    article, settings, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = ""
    settings.LIVE_EVENTS_KEEP_COUNT = 3
    store = stores.current()
    thread = Thread.objects.for_page(article)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            store.append(draft(thread, n))

    store.trim()

    assert [event.data["comment"] for event in store.since(thread.pk, stores.ORIGIN)] == [3, 4, 5]


def test_redis_forgets_events_older_than_the_hours_kept(live_store):
    if not isinstance(live_store, stores.RedisStore):
        pytest.skip("the database store's own test is below")
    fields = {"t": "1", "k": "edit", "d": "{}"}
    live_store.client.xadd(live_store.all_key, fields, id="1000-0")
    live_store.client.xadd(live_store.all_key, fields, id="*")

    live_store.trim()

    kept, _ = live_store.after(stores.ORIGIN, wait=0.01)
    assert len(kept) == 1
    assert kept[0].position > (1000, 0)


@pytest.mark.django_db
def test_the_database_store_forgets_events_older_than_the_hours_kept(
    article, settings, django_capture_on_commit_callbacks
):
    settings.REDIS_URL = ""
    store = stores.current()
    thread = Thread.objects.for_page(article)
    with django_capture_on_commit_callbacks(execute=True):
        store.append(draft(thread, 1))
        store.append(draft(thread, 2))
    LiveEvent.objects.filter(data__comment=1).update(
        created_at=timezone.now() - dt.timedelta(hours=settings.LIVE_EVENTS_KEEP_HOURS + 1)
    )

    store.trim()

    assert list(LiveEvent.objects.values_list("data__comment", flat=True)) == [2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's sequences")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_an_event_id_is_drawn_only_after_the_previous_event_committed(
    article, settings
):
    """Sequence values are handed out before commit; a reader polling by id would skip an event
    committed after a later one. The store's lock makes the second writer wait while the first
    is giving its event an id, and the ids follow the order the events committed in."""
    settings.REDIS_URL = ""
    store = stores.current()
    thread = Thread.objects.for_page(article)
    first_locked, second_done = threading.Event(), threading.Event()
    release_first = threading.Event()

    def first_writer():
        with stores._in_order():
            LiveEvent.objects.create(thread_id=thread.pk, type=events.EDIT, data={"comment": 1})
            first_locked.set()
            release_first.wait(10)
        connections.close_all()

    def second_writer():
        first_locked.wait(10)
        with transaction.atomic():
            store.append(draft(thread, 2))
        second_done.set()
        connections.close_all()

    writers = [threading.Thread(target=first_writer), threading.Thread(target=second_writer)]
    for writer in writers:
        writer.start()
    first_locked.wait(10)
    # The second writer's event waits on the first's lock while the first is open.
    assert not second_done.wait(1)
    assert list(LiveEvent.objects.values_list("data__comment", flat=True)) == []
    release_first.set()
    for writer in writers:
        writer.join(10)

    assert second_done.is_set()
    in_id_order = LiveEvent.objects.order_by("pk").values_list("data__comment", flat=True)
    assert list(in_id_order) == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_postgresql_an_open_transaction_with_an_event_holds_no_lock_on_the_others(
    article, settings
):
    """The change's own transaction takes no event lock (its rows' locks and the event lock
    held together could deadlock with another writer): a second change commits and publishes
    while the first is still open, and the first's event, committed later, comes after."""
    settings.REDIS_URL = ""
    store = stores.current()
    thread = Thread.objects.for_page(article)
    first_appended, second_done = threading.Event(), threading.Event()
    release_first = threading.Event()

    def first_writer():
        with transaction.atomic():
            store.append(draft(thread, 1))
            first_appended.set()
            release_first.wait(10)
        connections.close_all()

    def second_writer():
        first_appended.wait(10)
        with transaction.atomic():
            store.append(draft(thread, 2))
        second_done.set()
        connections.close_all()

    writers = [threading.Thread(target=first_writer), threading.Thread(target=second_writer)]
    for writer in writers:
        writer.start()
    try:
        assert second_done.wait(10)
        assert list(LiveEvent.objects.values_list("data__comment", flat=True)) == [2]
    finally:
        release_first.set()
        for writer in writers:
            writer.join(10)

    in_id_order = LiveEvent.objects.order_by("pk").values_list("data__comment", flat=True)
    assert list(in_id_order) == [2, 1]
