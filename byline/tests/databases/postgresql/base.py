"""PostgreSQL for the test suite (see ``byline.tests.databases``).

Django's flush empties every table with one ``TRUNCATE``, which gives each of the ~200 tables
and their indexes new files: a third of a second however little the test wrote. Deleting the
rows is cheap on the few small tables a test fills.
"""

from __future__ import annotations

from django.db.backends.postgresql import base, creation, operations

from byline.tests.databases import SnapshotCreation

SNAPSHOT_SCHEMA = "byline_test_snapshot"


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # In one transaction, foreign keys checked at its end: the order does not matter.
        deletes = "".join(f"DELETE FROM {self.quote_name(table)};" for table in tables)
        return ["SET CONSTRAINTS ALL DEFERRED;" + deletes]


class DatabaseCreation(SnapshotCreation, creation.DatabaseCreation):
    def prepare_snapshot(self, cursor) -> None:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT_SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT_SCHEMA}")

    def snapshot_table(self, table: str) -> str:
        # A schema of their own: a prefix could pass PostgreSQL's 63 characters for a name.
        return f"{SNAPSHOT_SCHEMA}.{self.connection.ops.quote_name(table)}"


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
