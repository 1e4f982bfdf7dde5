"""Redis for test processes that share one Redis database.

``RedisCache.clear()`` flushes the whole database, so one pytest-xdist worker's ``cache.clear()``
would wipe another's rate limits and cached pages in the middle of a test. Each test process
gets a key prefix of its own (``byline.settings.test``), and ``clear()`` deletes only the keys
under it.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache


class ProcessRedisCache(RedisCache):
    """Redis as in production, except that ``clear()`` removes this cache's keys only."""

    def clear(self) -> bool:
        # Django's default key function writes "<prefix>:<version>:<key>".
        pattern = f"{self.key_prefix}:*"
        client = self._cache.get_client(write=True)
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True
