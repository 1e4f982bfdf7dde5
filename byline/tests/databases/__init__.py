"""The test suite's databases: Django's backends, with a quicker way to put back what the
migrations wrote.

A test that commits (the live servers', the browser journeys') runs with ``serialized_rollback``:
Django empties the database after it and puts the migrations' rows back (content types,
permissions, the home page, the site...) one ``save()`` at a time, two statements a row for some
900 rows, before the next such test, and ``conftest.py`` after each. Here those rows are copied
once the migrations have run, into tables beside them, and come back with one ``INSERT ...
SELECT`` a table. What the tests see is the same; where the contents asked for are not the ones
copied, Django's way is used.
"""

from __future__ import annotations

from django.db import transaction

# Per test database: the serialized contents Django keeps, and the SQL that restores them from
# the copies. Not on the connection: Django makes new connection objects (one per async context).
_restores: dict[str, tuple[str, list[str]]] = {}


class SnapshotCreation:
    """Mixed into a backend's ``DatabaseCreation``."""

    def snapshot_table(self, table: str) -> str:
        """Where ``table`` is copied: a table beside it, which Django's flush leaves alone as
        no model's."""
        return self.connection.ops.quote_name(f"byline_test_snapshot__{table}")

    def prepare_snapshot(self, cursor) -> None:
        """Make room for the copies (SQLite's test database is new in memory each run; a
        backend whose database outlives a run drops the copies of the last one here)."""

    def serialize_db_to_string(self) -> str:
        contents = super().serialize_db_to_string()
        _restores[self.connection.settings_dict["NAME"]] = (contents, self._take_snapshot())
        return contents

    def deserialize_db_from_string(self, data: str) -> None:
        contents, restore = _restores.get(self.connection.settings_dict["NAME"], (None, []))
        if data != contents:
            return super().deserialize_db_from_string(data)
        # Foreign keys are checked when the transaction commits (Django declares them deferred).
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for statement in restore:
                cursor.execute(statement)

    def _take_snapshot(self) -> list[str]:
        """Copy each table the migrations filled; return the statements that make those tables
        hold exactly those rows again."""
        quote = self.connection.ops.quote_name
        introspection = self.connection.introspection
        restore = []
        with self.connection.cursor() as cursor:
            self.prepare_snapshot(cursor)
            for table in introspection.django_table_names(only_existing=True, include_views=False):
                cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
                if cursor.fetchone() is None:
                    continue
                described = introspection.get_table_description(cursor, table)
                columns = ", ".join(quote(column.name) for column in described)
                copy = self.snapshot_table(table)
                cursor.execute(f"CREATE TABLE {copy} AS SELECT {columns} FROM {quote(table)}")
                restore += [
                    f"DELETE FROM {quote(table)}",
                    f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} FROM {copy}",
                ]
        return restore
