"""The test databases' quick restore of the migrations' rows (byline/tests/databases) gives
back exactly what Django's own would."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from wagtail.models import Page, Site

from byline.tests.databases import SnapshotCreation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def contents_now() -> str:
    # Django's serialization, without taking a new snapshot.
    return super(SnapshotCreation, connection.creation).serialize_db_to_string()


def test_the_restore_undoes_changes_deletions_and_additions():
    migrated = connection._test_serialized_contents
    assert contents_now() == migrated

    Site.objects.update(site_name="Changed by a test")
    Page.objects.filter(depth=2).update(title="Renamed by a test")
    Permission.objects.filter(codename="add_group").delete()
    Group.objects.create(name="Added by a test")
    Page.objects.filter(depth=1).update(numchild=9)
    assert contents_now() != migrated

    connection.creation.deserialize_db_from_string(migrated)

    assert contents_now() == migrated
    assert not Group.objects.filter(name="Added by a test").exists()


def test_the_restore_after_a_flush_gives_the_migrations_rows_back():
    from django.core.management import call_command

    migrated = connection._test_serialized_contents
    # As Django's own tests' tear-down flushes: the sequences go on (the command's default
    # restarts them, and later tests' rows would take the migrated rows' ids).
    call_command(
        "flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True
    )
    assert not Page.objects.exists()

    connection.creation.deserialize_db_from_string(migrated)

    assert contents_now() == migrated


def test_other_contents_are_restored_the_way_django_does():
    migrated = connection._test_serialized_contents
    Site.objects.update(site_name="Changed by a test")
    changed = contents_now()
    connection.creation.deserialize_db_from_string(migrated)

    connection.creation.deserialize_db_from_string(changed)

    assert Site.objects.get().site_name == "Changed by a test"
