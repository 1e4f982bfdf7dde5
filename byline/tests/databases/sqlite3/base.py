"""SQLite for the test suite (see ``byline.tests.databases``)."""

from __future__ import annotations

from django.db.backends.sqlite3 import base, creation

from byline.tests.databases import SnapshotCreation


class DatabaseCreation(SnapshotCreation, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
