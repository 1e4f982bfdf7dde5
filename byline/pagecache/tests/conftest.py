"""The page cache switched on, on an empty cache, for every test in this folder."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {}
    cache.clear()
    yield
    cache.clear()
