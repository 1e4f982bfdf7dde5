"""Every test in this folder runs with the page cache on."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache):
    return page_cache
