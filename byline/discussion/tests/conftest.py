"""Fixtures shared by the discussion's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run what commits would start (the worker, with the tests' immediate task backend)."""

    def deliver(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return deliver
