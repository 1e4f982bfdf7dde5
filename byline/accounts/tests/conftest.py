"""Fixtures shared by the accounts' tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, TestCase


class CommittingClient(Client):
    """A test client whose requests end as real ones do, with their on-commit callbacks run:
    whatever an email waits for (the outbox sends on commit) goes out before the answer."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client() -> CommittingClient:
    return CommittingClient()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with no sign-in, sign-up or verification-link counts."""
    cache.clear()
    yield
    cache.clear()
