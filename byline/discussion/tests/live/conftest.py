"""Fixtures of the live updates' tests: each store, and a live server on a free loopback port."""

from __future__ import annotations

import os

import pytest

from byline.discussion.live import stores


@pytest.fixture(params=["database", "redis"])
def live_store(request, settings) -> stores.EventStore:
    """The store chosen as the settings would choose it: the database's always, Redis's when
    ``REDIS_URL`` is set (on keys of this test process's own, emptied first)."""
    if request.param == "redis":
        url = os.environ.get("REDIS_URL", "")
        if not url:
            pytest.skip("REDIS_URL is not set")
        settings.REDIS_URL = url
        store = stores.current()
        assert isinstance(store, stores.RedisStore)
        store.forget_everything()
        return store
    settings.REDIS_URL = ""
    return stores.current()


@pytest.fixture
def recorded(live_store, django_capture_on_commit_callbacks):
    """Run an action and commit it (as far as the test's transaction allows: the on-commit
    callbacks run); return the events the store then holds for a thread."""

    def recorded(thread_id: int, action=None) -> list:
        if action is not None:
            with django_capture_on_commit_callbacks(execute=True):
                action()
        return [(event.type, event.data) for event in live_store.since(thread_id, stores.ORIGIN)]

    return recorded
