"""The live benchmark's figures from what the streams received."""

from __future__ import annotations

import argparse

from bench.live import Measured, Post, split_evenly, summarise
from bench.sse_client import StreamRecord


def comment(event_id: int, comment_id: int) -> bytes:
    return f'id: {event_id}\nevent: comment\ndata: {{"comment": {comment_id}}}'.encode()


def measured(records: list[StreamRecord]) -> Measured:
    posts = [
        Post(1, "A", sent=100.0, returned=100.2, status=201, comment_id=11),
        Post(2, "B", sent=101.0, returned=101.2, status=201, comment_id=12),
        Post(3, "A", sent=102.0, returned=102.2, status=201, comment_id=13),
    ]
    comments = {11: (100.1, "published"), 12: (101.1, "published"), 13: (102.1, "pending")}
    return Measured(
        records={"A": records}, posts=posts, comments=comments, open_seconds=1.0,
        resident_before_kb=1000, resident_after_kb=1000 + 2 * 10, live_cpu_seconds=1.0,
        window_seconds=10.0, client_cpu_seconds=0.5, loop_lag_ms=[1.0, 2.0],
    )  # fmt: skip


def opened(*blocks: tuple[float, bytes]) -> StreamRecord:
    return StreamRecord(blocks=list(blocks), opened=True)


def test_only_streams_with_every_published_comment_once_and_nothing_held_count():
    whole = opened((100.3, comment(1, 11)), (101.6, b": keep-alive"), (101.6, comment(2, 12)))
    twice = opened((100.3, comment(1, 11)), (100.4, comment(1, 11)), (101.6, comment(2, 12)))
    short = opened((100.3, comment(1, 11)))
    leaked = opened((100.3, comment(1, 11)), (101.6, comment(2, 12)), (102.3, comment(3, 13)))
    never = StreamRecord(failure="HTTP 503")
    options = argparse.Namespace(rate=1.0)

    figures = summarise("test", measured([whole, twice, short, leaked, never]), options)

    assert figures["streams"] == 5
    assert figures["streams_open"] == 4
    assert figures["streams_every_event_exactly_once"] == 1
    assert (figures["missing"], figures["duplicates"], figures["held_delivered"]) == (3, 1, 1)
    assert figures["published"] == 2 and figures["held_or_other"] == 1
    assert figures["stream_failures"] == {"HTTP 503": 1}
    # From created_at: 0.2 s for comment 11 (four times), 0.5 s for comment 12 (three times).
    assert figures["delay_from_created_ms"]["n"] == 7
    assert figures["delay_from_created_ms"]["max"] == 500.0
    assert figures["delay_from_created_ms"]["p50"] == 200.0
    assert figures["delay_by_direction_ms"]["streams on A, posted through B"]["n"] == 3
    # 20 KB more over the three streams opened after the first.
    assert figures["live_kb_per_stream"] == round(20 / 3, 2)


def test_streams_are_shared_as_evenly_as_they_go():
    assert split_evenly(10_001, 2) == [5001, 5000]
    assert split_evenly(7, 1) == [7]
