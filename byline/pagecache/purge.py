"""Invalidate exactly the pages a change touches, in Byline's cache and in reverse proxies.

Callers name the paths a change shows up on; once the transaction commits, their versions are
bumped (so Byline's cache never serves them again) and each configured proxy is told to drop
them. Nothing happens for a transaction that rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import get_backends

from byline.pagecache import keys


def purge_paths(paths: Iterable[str]) -> None:
    """After the current transaction commits, make every page at these paths stale."""
    unique = sorted(set(paths))
    if unique:
        transaction.on_commit(lambda: purge_now(unique))


def purge_now(paths: list[str]) -> None:
    keys.bump(paths)
    purge_proxies(paths)


def purge_everything() -> None:
    """After commit, make every stored page stale (a change every page shows, such as settings).

    Byline's own cache needs one write; proxies are purged path by path by the worker.
    """
    from byline.pagecache.tasks import purge_public_paths_from_proxies

    def bump_and_enqueue() -> None:
        keys.bump_site()
        if get_backends():
            purge_public_paths_from_proxies.enqueue()

    transaction.on_commit(bump_and_enqueue)


def purge_proxies(paths: list[str]) -> None:
    """Tell each frontend-cache backend (WAGTAILFRONTENDCACHE) to drop these paths.

    Called directly rather than through Wagtail's purge task, so that a proxy stops serving a
    page within milliseconds of the commit rather than when a worker next polls.
    """
    backends = get_backends()
    if not backends:
        return
    urls = [f"{settings.BYLINE_BASE_URL}{path}" for path in paths]
    for backend in backends.values():
        backend.purge_batch(urls)
