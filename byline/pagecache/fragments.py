"""Parts of pages kept between renders, for readers the page cache does not serve.

A fragment's key names everything it depends on (a page's live revision, say) plus the site's
version, so purging everything renews fragments too; what else it shows may be as old as
``PAGE_CACHE_SECONDS``, as a cached page may.

Many fragments of one page (``fragments``) are read in one round trip and kept in one more, each
with the version of a path of its own: purging that path renews it, as it renews the pages
stored at the path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from byline.pagecache.keys import SITE_VERSION_KEY, digest, new_version, site_version, version_key


def fragment(name: str, parts: tuple, render: Callable[[], str]) -> SafeString:
    """The fragment ``name`` for ``parts``, from the cache, or rendered and kept.

    With the page cache off, every fragment is rendered afresh, as every page is.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return mark_safe(str(render()))
    described = repr((name, cache.get(SITE_VERSION_KEY) or site_version(), *parts))
    key = f"pagecache:fragment:{digest(described)}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, timeout=settings.PAGE_CACHE_SECONDS)
    # Only rendered template output is stored, and it was safe when rendered.
    return mark_safe(html)


@dataclass(frozen=True)
class Wanted:
    """One of the fragments asked of ``fragments``."""

    # What it shows that the caller already holds (a score, an edited time): a new value is a
    # new key, whatever was purged.
    parts: tuple
    # The path whose purge (``purge.purge_paths``) renews it: what it shows that ``parts`` does
    # not name changes with a purge of this path.
    path: str
    render: Callable[[], str]


def fragments(name: str, wanted: Sequence[Wanted]) -> list[SafeString]:
    """The fragments ``name`` for ``wanted``, in order: read from the cache with their paths'
    versions and the site's in one round trip; those missing or stale rendered and kept in one
    more.

    A fragment is kept with the versions read beside it, after the caller loaded what it renders
    from: a purge that lands in between leaves it as old as ``PAGE_CACHE_SECONDS`` at most,
    as ``fragment`` allows. With the page cache off, every fragment is rendered afresh.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return [mark_safe(str(one.render())) for one in wanted]
    keys = [_entry_key(name, one.parts) for one in wanted]
    path_keys = [version_key(one.path) for one in wanted]
    found = cache.get_many([SITE_VERSION_KEY, *path_keys, *keys])
    site = found.get(SITE_VERSION_KEY) or site_version()
    paths = _path_versions(path_keys, found)
    shown, missed = [], {}
    for one, key, path_key in zip(wanted, keys, path_keys, strict=True):
        versions = (site, paths[path_key])
        entry = found.get(key)
        if isinstance(entry, tuple) and entry[:2] == versions:
            html = entry[2]
        else:
            html = str(one.render())
            missed[key] = (*versions, html)
        # Only rendered template output is stored, and it was safe when rendered.
        shown.append(mark_safe(html))
    if missed:
        cache.set_many(missed, timeout=settings.PAGE_CACHE_SECONDS)
    return shown


def _entry_key(name: str, parts: tuple) -> str:
    return f"pagecache:fragments:{digest(repr((name, *parts)))}"


def _path_versions(path_keys: list[str], found: dict) -> dict[str, int]:
    """Each path's version, a new one for each path the cache had none for (never purged, or
    evicted). Written over whatever a purge wrote meanwhile: the new version is one that no kept
    entry carries, so it can only make entries stale, never an old one fresh again."""
    missing = {key: new_version() for key in path_keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
    return {key: found[key] if key in found else missing[key] for key in path_keys}
