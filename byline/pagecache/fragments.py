"""Parts of pages kept between renders, for readers the page cache does not serve.

A fragment's key names everything it depends on (a page's live revision, say) plus the site's
version, so purging everything renews fragments too; what else it shows may be as old as
``PAGE_CACHE_SECONDS``, as a cached page may.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from byline.pagecache.keys import SITE_VERSION_KEY


def fragment(name: str, parts: tuple, render: Callable[[], str]) -> SafeString:
    """The fragment ``name`` for ``parts``, from the cache, or rendered and kept.

    With the page cache off, every fragment is rendered afresh, as every page is.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return mark_safe(str(render()))
    described = repr((name, cache.get(SITE_VERSION_KEY), *parts))
    key = f"pagecache:fragment:{hashlib.blake2b(described.encode(), digest_size=16).hexdigest()}"
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, timeout=settings.PAGE_CACHE_SECONDS)
    # Only rendered template output is stored, and it was safe when rendered.
    return mark_safe(html)
