"""Logs are one JSON object per line, with a line for every request."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest

from byline import logs
from byline.logs import JsonFormatter


def test_json_formatter_keeps_message_level_and_extra_fields():
    record = logging.LogRecord(
        "byline.test", logging.WARNING, __file__, 1, "held %s", ("comment",), None
    )
    record.comment_id = 42

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "held comment"
    assert entry["level"] == "warning"
    assert entry["logger"] == "byline.test"
    assert entry["comment_id"] == 42
    assert entry["time"].endswith("+00:00")


def test_json_formatter_includes_the_exception():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), None)
        import sys

        record.exc_info = sys.exc_info()

    assert "ValueError: broken" in json.loads(JsonFormatter().format(record))["exception"]


@pytest.mark.django_db
def test_each_request_is_logged_with_status_and_duration(client, caplog, monkeypatch):
    # The middleware's clock reads 10 s when the request comes in and 10.25 s when it is answered.
    readings = iter([10.0, 10.25])
    monkeypatch.setattr(logs, "time", SimpleNamespace(perf_counter=lambda: next(readings)))

    with caplog.at_level(logging.INFO, logger="byline.requests"):
        client.get("/no-such-page/")

    record = next(r for r in caplog.records if r.name == "byline.requests")
    assert (record.method, record.path, record.status) == ("GET", "/no-such-page/", 404)
    assert record.duration_ms == 250.0
