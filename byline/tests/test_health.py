"""The health endpoint reports the database, the cache and the task worker, one part each."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection

from byline.worker.heartbeat import LATE_AFTER_SECONDS, beat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_worker_seen():
    cache.clear()


def test_healthy_when_every_part_answers(client):
    beat(worker_id="w1", now=time.time() - 5)

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["worker"]["state"] == "ok"
    assert 5 <= body["worker"]["seen_seconds_ago"] < 5 + LATE_AFTER_SECONDS
    assert "no-cache" in response["Cache-Control"]


def test_a_worker_not_seen_for_a_while_is_reported_late(client):
    beat(worker_id="w1", now=time.time() - LATE_AFTER_SECONDS - 60)

    response = client.get("/healthz")

    # The web can still serve readers: a load balancer must keep it.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["worker"]["state"] == "late"
    assert body["worker"]["seen_seconds_ago"] >= LATE_AFTER_SECONDS + 60


def test_a_worker_never_seen_is_reported(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"] == {"state": "never seen", "seen_seconds_ago": None}


def test_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    beat(worker_id="w1")

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == "unreachable"


def test_an_unreachable_cache_is_reported(client, monkeypatch):
    beat(worker_id="w1")

    def refuse(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to cache:6379. Connection refused.")

    monkeypatch.setattr(cache, "get", refuse)
    monkeypatch.setattr(cache, "set", refuse)

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["database"] == "ok"
    assert body["cache"] == "unreachable"
    assert body["worker"] == {"state": "unknown", "seen_seconds_ago": None}
