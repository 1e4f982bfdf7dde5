"""Fixtures shared by every test package."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

# Timings are never what a test asserts: on a loaded machine (CI beside other work, pytest-xdist
# sharing two cores) a slow example is not a failure, so Hypothesis's per-example deadline is off.
hypothesis_settings.register_profile("byline", deadline=None)
hypothesis_settings.load_profile("byline")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the migrations' rows (home page, site, content types) back after a transactional
    test with serialized rollback.

    Django empties the database after such a test and restores it only when the next one
    starts, so it runs them after every other test. Under pytest-xdist a process takes whole
    files in turn, and a later file's ordinary tests would find an empty database.
    """
    result = yield
    marker = item.get_closest_marker("django_db")
    if nextitem is not None and marker is not None and marker.kwargs.get("serialized_rollback"):
        _restore_migrated_rows(item.config)
    return result


def _restore_migrated_rows(config) -> None:
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for alias in connections:
            connection = connections[alias]
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Remove the run's file folders afterwards, so generated images never pile up."""
    yield
    shutil.rmtree(settings.TEST_FILES_ROOT, ignore_errors=True)


def _indexing_handlers(connect: bool) -> None:
    """Connect or disconnect what keeps Wagtail's reference index and search index up to date
    on every save: tasks the immediate backend runs inside the save, a tenth of the time of the
    tests that create pages."""
    from django.db.models.signals import post_save
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail import signal_handlers

    if connect:
        signal_handlers.connect_reference_index_signal_handlers()
    else:
        signal_handlers.disconnect_reference_index_signal_handlers()
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):  # never connected by modelsearch
            continue
        if connect:
            post_save.connect(post_save_signal_handler, sender=model)
        else:
            post_save.disconnect(post_save_signal_handler, sender=model)


def _indexing_off_after_migrating(**kwargs) -> None:
    # Wagtail connects its reference index again whenever migrations (or a flush) end.
    _indexing_handlers(connect=False)


@pytest.fixture(autouse=True, scope="session")
def _wagtail_indexes_not_updated() -> Iterator[None]:
    """The indexes are off for the run (the test settings turn off the search backend's updates
    for the processes tests start); the `wagtail_indexes` fixture turns them on."""
    from django.db.models.signals import post_migrate

    _indexing_handlers(connect=False)
    post_migrate.connect(_indexing_off_after_migrating)
    yield
    post_migrate.disconnect(_indexing_off_after_migrating)
    _indexing_handlers(connect=True)


@contextmanager
def wagtail_indexes_updated() -> Iterator[None]:
    """Wagtail's search index and reference index kept up to date on save, as in production."""
    from django.test import override_settings

    search = {"default": {**settings.WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": True}}
    _indexing_handlers(connect=True)
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=search):
            yield
    finally:
        _indexing_handlers(connect=False)


@pytest.fixture
def wagtail_indexes() -> Iterator[None]:
    """For tests of search (or of what Wagtail's reference index shows): saves index as in
    production."""
    with wagtail_indexes_updated():
        yield


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


@pytest.fixture
def flaky(settings):
    """A mail server that refuses the next ``flaky.failures`` messages with ``flaky.error``."""
    from byline.mail.testing import SOME_SMTP_REFUSAL, FlakyBackend

    settings.MAILERS = {
        **settings.MAILERS,
        "outgoing": {"BACKEND": "byline.mail.testing.FlakyBackend"},
    }
    yield FlakyBackend
    FlakyBackend.failures, FlakyBackend.error = 0, SOME_SMTP_REFUSAL


@pytest.fixture
def sends_outside_transactions(settings):
    """A mail server that notes, per message, whether a database transaction was open: the
    list it gives should only ever hold False."""
    from byline.mail.testing import AtomicBlockCheckingBackend

    settings.MAILERS = {
        **settings.MAILERS,
        "outgoing": {"BACKEND": "byline.mail.testing.AtomicBlockCheckingBackend"},
    }
    AtomicBlockCheckingBackend.in_atomic_block = []
    return AtomicBlockCheckingBackend.in_atomic_block


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files of browser journeys first, then the files with the most tests (bin/test turns
    pytest-xdist's own reordering off: it goes by the number of tests alone).

    pytest-xdist hands each process whole files in this order. A journey's file has few tests
    and takes up to a minute: started last, one process works on while the other waits. The
    order inside each file stays pytest-django's (transactional tests last)."""
    journey_files = {item.path for item in items if item.get_closest_marker("browser")}
    tests_in = Counter(item.path for item in items)
    items.sort(key=lambda item: (item.path not in journey_files, -tests_in[item.path]))
