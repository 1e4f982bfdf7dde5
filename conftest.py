"""Fixtures shared by every test package."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Remove the run's file folders afterwards, so generated images never pile up."""
    yield
    shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)


@pytest.fixture
def article(request, db):
    """A live article with the factory's defaults: one author, a tiny hero image, three blocks.

    A module or class that needs particular fields names them with a marker, e.g.
    ``pytestmark = pytest.mark.article(title="Who wrote the hit?")``; a fixture that needs more
    (comments, settings) overrides ``article`` and asks for this one by the same name.
    """
    from byline.newsroom.tests.factories import ArticlePageFactory

    marker = request.node.get_closest_marker("article")
    return ArticlePageFactory(**(marker.kwargs if marker else {}))


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, on an empty cache, with no reverse proxy to purge."""
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = True
    settings.WAGTAILFRONTENDCACHE = {}
    cache.clear()
    yield cache
    cache.clear()
