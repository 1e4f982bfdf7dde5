"""SQLite for the test suite (see ``byline.tests.databases``): the copies are tables of the
same database (SQLite has no schemas), which Django's flush leaves alone as no model's."""

from __future__ import annotations

from django.db.backends.sqlite3 import base, creation

from byline.tests.databases import SnapshotCreation


class DatabaseCreation(SnapshotCreation, creation.DatabaseCreation):
    def snapshot_table(self, table: str) -> str:
        return self.connection.ops.quote_name(f"byline_test_snapshot__{table}")


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
