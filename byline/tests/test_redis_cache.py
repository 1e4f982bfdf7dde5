"""Test processes that share one Redis database clear only their own keys."""

from __future__ import annotations

import os
import uuid

import pytest
from django.conf import settings

from byline.tests.redis_cache import ProcessRedisCache


@pytest.fixture
def two_processes():
    """Two caches on the run's Redis database, as two pytest-xdist workers have them."""
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the tests use the local-memory cache")
    caches = [
        ProcessRedisCache(settings.REDIS_URL, {"KEY_PREFIX": f"byline-test-{uuid.uuid4().hex}"})
        for _ in range(2)
    ]
    yield caches
    for cache in caches:
        cache.clear()


def test_clearing_one_process_cache_keeps_the_other_process_keys(two_processes):
    mine, theirs = two_processes
    mine.set("limit", 1)
    theirs.set("limit", 2)
    theirs.set_many({f"page-{n}": n for n in range(1500)})

    mine.clear()

    assert mine.get("limit") is None
    assert theirs.get("limit") == 2
    assert theirs.get_many([f"page-{n}" for n in range(1500)]) == {
        f"page-{n}": n for n in range(1500)
    }


def test_clearing_removes_every_key_of_the_process_in_batches(two_processes):
    mine, _ = two_processes
    mine.set_many({f"page-{n}": n for n in range(2500)})

    mine.clear()

    assert mine.get_many([f"page-{n}" for n in range(2500)]) == {}


def test_the_test_settings_give_each_process_a_prefix_of_its_own():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the tests use the local-memory cache")
    cache = settings.CACHES["default"]

    assert cache["BACKEND"] == "byline.tests.redis_cache.ProcessRedisCache"
    assert cache["KEY_PREFIX"].startswith("byline-test-")
    assert cache["KEY_PREFIX"].endswith(f"-{os.getpid()}")
