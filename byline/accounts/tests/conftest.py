"""Fixtures shared by the accounts' tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with no sign-in, sign-up or verification-link counts."""
    cache.clear()
    yield
    cache.clear()
