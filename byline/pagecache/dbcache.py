"""The embedded default cache: a table in Byline's own database, shared by every process.

The page cache is purged by whichever process makes a change (the worker publishing on
schedule, re-anchoring, a moderator's decision), and rate limits count attempts from every
web process: both need one cache that all processes read. A table in the database is that
cache wherever the database is, with no service to run.

Django's file-based cache is shared too, but its ``add`` is a check followed by a write and
its ``incr`` a read followed by a write, so two processes can both "add" a key or both count
from the same number. The database cache's ``add`` is atomic (a unique key inside a
transaction); its ``incr`` is not, so this subclass reads and writes under a lock.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction

# Backends whose entries live in one process's memory (or nowhere): a purge made by the worker
# would never reach the web processes, and every process would count its own rate limits.
PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


class SharedDatabaseCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        """Add ``delta`` to a stored number; no increment of another process is lost."""
        db = router.db_for_write(self.cache_model_class)
        with transaction.atomic(using=db):
            self._lock_row(db, self.make_and_validate_key(key, version=version))
            return super().incr(key, delta, version)

    def _lock_row(self, db: str, key: str) -> None:
        """Hold the row until the transaction ends.

        PostgreSQL locks the row (SELECT ... FOR UPDATE). SQLite needs nothing more: Byline
        opens its transactions with BEGIN IMMEDIATE, which takes the database's write lock.
        """
        connection = connections[db]
        if not connection.features.has_select_for_update:
            return
        quote_name = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {quote_name(self._table)} WHERE {quote_name('cache_key')} = %s"
                " FOR UPDATE",
                [key],
            )


def is_per_process(cache_settings: dict) -> bool:
    """Whether this CACHES entry keeps a separate cache in every process."""
    return cache_settings.get("BACKEND") in PER_PROCESS_BACKENDS
