"""Cache keys of stored pages and of the versions that invalidate them.

A stored page records the versions of its path and of the whole site that were current when its
request began; it is served only while both are unchanged. Purging bumps a version, which costs
one write however many variants (query strings, hosts) of a path were stored, and needs no scan
of the cache.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import unquote_plus

from django.core.cache import cache
from django.http import HttpRequest

SITE_VERSION_KEY = "pagecache:site"
# Requests the discussion's script makes for a fragment get their own entries.
FRAGMENT_HEADER = "Byline-Fragment"


# Parameters that analytics and ad tools add to shared links; they never change the page, so a
# link shared with them is served from the same entry. deploy/nginx/byline-maps.conf lists the
# same names for the proxy's cache.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gbraid", "wbraid", "dclid", "gclsrc", "msclkid", "mc_cid", "mc_eid",
        "yclid", "twclid", "ttclid", "igshid", "li_fat_id", "_ga", "_gl", "mkt_tok",
    }
)  # fmt: skip


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def without_tracking(query_string: str) -> str:
    """The query string without tracking parameters (and empty pairs), the rest as it came."""
    return "&".join(
        pair
        for pair in query_string.split("&")
        if pair and not is_tracking(unquote_plus(pair.partition("=")[0]))
    )


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def entry_key(request: HttpRequest) -> str:
    """The key of the stored response for this host, path, query and kind of request.

    The query is read as the page cache left it, without tracking parameters.
    """
    variant = "fragment" if request.headers.get(FRAGMENT_HEADER) else "page"
    return f"pagecache:entry:{digest(f'{variant} {request.get_host()} {request.get_full_path()}')}"


def version_key(path: str) -> str:
    """The key of a path's version (the path without its query string)."""
    return f"pagecache:path:{digest(path)}"


def new_version() -> int:
    # Nanoseconds: two purges in a row always give different versions.
    return time.time_ns()


def site_version() -> int:
    """The site's version, created on first use (a new cache, or one that evicted it)."""
    cache.add(SITE_VERSION_KEY, new_version(), timeout=None)
    return cache.get(SITE_VERSION_KEY, 0)


def current_versions(path: str) -> tuple[int, int]:
    """The site's and the path's versions, created on first use."""
    keys = (SITE_VERSION_KEY, version_key(path))
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    for key in missing:
        cache.add(key, new_version(), timeout=None)
    if missing:
        found = cache.get_many(keys)
    return found.get(keys[0], 0), found.get(keys[1], 0)


def bump(paths: list[str]) -> None:
    """Give each path a new version, so every stored variant of it is stale."""
    version = new_version()
    cache.set_many({version_key(path): version for path in paths}, timeout=None)


def bump_site() -> None:
    """Give the whole site a new version, so every stored page is stale."""
    cache.set(SITE_VERSION_KEY, new_version(), timeout=None)
