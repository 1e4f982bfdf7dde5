"""Background work of the page cache."""

from __future__ import annotations

from django.tasks import task
from wagtail import hooks

from byline.pagecache.purge import purge_proxies


def every_public_path() -> list[str]:
    """Every path any app says readers can see (hook ``byline_public_paths``)."""
    paths: set[str] = set()
    for hook in hooks.get_hooks("byline_public_paths"):
        paths.update(hook())
    return sorted(paths)


@task()
def purge_public_paths_from_proxies() -> int:
    """Purge every public path from the reverse proxies; return how many were purged."""
    paths = every_public_path()
    purge_proxies(paths)
    return len(paths)
